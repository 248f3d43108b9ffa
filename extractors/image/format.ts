import { startsWith } from '../magic.ts';
import type { FormatReader } from '../types.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const JPG = Buffer.from([0xff, 0xd8, 0xff]);
const TIFF_LE = Buffer.from([0x49, 0x49, 0x2a, 0x00]);
const TIFF_BE = Buffer.from([0x4d, 0x4d, 0x00, 0x2a]);

export const reader: FormatReader = {
  formats: ['image'],
  labels: { image: '图片' },
  sniff: (bytes) => ([PNG, JPG, TIFF_LE, TIFF_BE].some((magic) => startsWith(bytes, magic)) ? 'image' : null),
  load: async () => (await import('./index.ts')).extract,
};
