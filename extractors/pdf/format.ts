import type { FormatReader } from '../types.ts';

const PDF = Buffer.from('%PDF-');

export const reader: FormatReader = {
  formats: ['pdf'],
  labels: { pdf: 'PDF' },
  // A PDF may carry junk before its header; the spec allows the header within the first 1024 bytes.
  sniff: (bytes) => (bytes.subarray(0, 1024).includes(PDF) ? 'pdf' : null),
  load: async () => (await import('./index.ts')).extract,
};
