import { zipHead } from '../magic.ts';
import type { FormatReader } from '../types.ts';

export const reader: FormatReader = {
  formats: ['xlsx'],
  labels: { xlsx: 'Excel' },
  sniff(bytes, ext) {
    const head = zipHead(bytes);
    if (head === null || head.includes('word/')) return null;
    return head.includes('xl/') || ext === '.xlsx' ? 'xlsx' : null;
  },
  load: async () => (await import('./index.ts')).extract,
};
