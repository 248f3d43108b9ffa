import { ZIP, startsWith } from '../magic.ts';
import type { FormatReader } from '../types.ts';

/** Text when the first 64 KiB has no NUL and few control characters (UTF-8 or GB18030 alike). */
function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0 || startsWith(bytes, ZIP)) return false;
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control / sample.length < 0.01;
}

export const reader: FormatReader = {
  formats: ['txt'],
  labels: { txt: '文本' },
  sniff: (bytes) => (looksLikeText(bytes) ? 'txt' : null),
  load: async () => (await import('./index.ts')).extract,
};
