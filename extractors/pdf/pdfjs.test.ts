import { describe, expect, it } from 'vitest';
import { loadPdfjs } from './pdfjs.ts';

describe('loading pdf.js', () => {
  it('leaves Array.prototype.push and JSON native: its core-js copies are 4× slower for every later stage', async () => {
    const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    const pdfjs = await loadPdfjs();
    expect({ push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify }).toEqual(natives);
    expect(Object.keys(JSON)).toEqual([]);
    // What pdf.js does add for itself stays.
    expect(typeof (Promise as unknown as Record<string, unknown>).withResolvers).toBe('function');
    expect(typeof pdfjs.getDocument).toBe('function');
  });
});
