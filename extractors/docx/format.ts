import { zipHead } from '../magic.ts';
import type { FormatReader } from '../types.ts';

export const reader: FormatReader = {
  formats: ['docx'],
  labels: { docx: 'Word' },
  sniff(bytes, ext) {
    const head = zipHead(bytes);
    if (head === null) return null;
    return head.includes('word/') || (!head.includes('xl/') && ext === '.docx') ? 'docx' : null;
  },
  load: async () => (await import('./index.ts')).extract,
};
