import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../model/index.ts';
import { hasDoubtfulNumber, ocrDoubtOf, withDoubtfulDigits } from './ocr-doubt.ts';

describe('where OCR was unsure of a number', () => {
  it('a low-confidence span over a digit, point or % makes the text doubtful; over letters only it does not', () => {
    expect(hasDoubtfulNumber({ text: '得分 9.5', ocrLowSpans: [[3, 4]] })).toBe(true);
    expect(hasDoubtfulNumber({ text: '得分 9.5', ocrLowSpans: [[0, 2]] })).toBe(false);
    expect(hasDoubtfulNumber({ text: '得分 9.5' })).toBe(false);
  });

  it('the "×100%" of a rate formula is no doubtful figure, however unsure OCR was of its glyphs ("X100%")', () => {
    const formula = '=795.39/863.47X100%=93.12%';
    expect(hasDoubtfulNumber({ text: formula, ocrLowSpans: [[0, 1], [14, 19]] })).toBe(false);
    expect(hasDoubtfulNumber({ text: formula, ocrLowSpans: [[14, 26]] })).toBe(true);
    expect(withDoubtfulDigits({ text: formula, ocrLowSpans: [[10, 26]] }, '9')).toBe('=795.39/869.99X100%=99.99%');
  });

  it('collects the tables and passages of an OCR document that hold such numbers, and nothing for text documents', () => {
    const raw: RawDocument = {
      format: 'pdf',
      warnings: [],
      ocrPages: [1],
      blocks: [
        { kind: 'paragraph', text: '执行数为1115.09万元', loc: { page: 1 }, ocrLowSpans: [[4, 5]] },
        { kind: 'paragraph', text: '无可疑数字 100 分', loc: { page: 1 } },
        { kind: 'table', index: 1, loc: { page: 1, table: 1 }, rows: [[{ text: '合计', loc: {} }, { text: '94.42', loc: {}, ocrLowSpans: [[0, 1]] }]] },
        { kind: 'table', index: 2, loc: { page: 1, table: 2 }, rows: [[{ text: '合计', loc: {} }, { text: '90', loc: {} }]] },
      ],
    };
    expect(ocrDoubtOf(raw)).toEqual({ ocrDoubt: { tables: [1], passages: ['执行数为1115.09万元', '合计\t94.42'] } });
    expect(ocrDoubtOf({ ...raw, ocrPages: undefined })).toEqual({});
  });

  it('a doubtful figure printed and read with confidence elsewhere is proven; a short one is not', () => {
    const raw: RawDocument = {
      format: 'pdf',
      warnings: [],
      ocrPages: [1, 2],
      blocks: [
        { kind: 'paragraph', text: '综合得分94.42分，执行数1,115.09万元', loc: { page: 1 } },
        { kind: 'table', index: 1, loc: { page: 2, table: 1 }, rows: [[{ text: '合计', loc: {} }, { text: '94.42', loc: {}, ocrLowSpans: [[3, 4]] }, { text: '1115.09', loc: {}, ocrLowSpans: [[0, 1]] }]] },
        { kind: 'table', index: 2, loc: { page: 2, table: 2 }, rows: [[{ text: '预算执行率', loc: {} }, { text: '9.5', loc: {}, ocrLowSpans: [[0, 1]] }], [{ text: '得分', loc: {} }, { text: '9.5', loc: {} }]] },
        { kind: 'table', index: 3, loc: { page: 2, table: 3 }, rows: [[{ text: '合计', loc: {} }, { text: '94.47', loc: {}, ocrLowSpans: [[4, 5]] }]] },
      ],
    };
    expect(ocrDoubtOf(raw)).toEqual({ ocrDoubt: { tables: [2, 3], passages: ['预算执行率\t9.5', '合计\t94.47'] } });
  });
});
