import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../model/index.ts';
import { hasDoubtfulNumber, ocrDoubtOf } from './ocr-doubt.ts';

describe('where OCR was unsure of a number', () => {
  it('a low-confidence span over a digit, point or % makes the text doubtful; over letters only it does not', () => {
    expect(hasDoubtfulNumber({ text: '得分 9.5', ocrLowSpans: [[3, 4]] })).toBe(true);
    expect(hasDoubtfulNumber({ text: '得分 9.5', ocrLowSpans: [[0, 2]] })).toBe(false);
    expect(hasDoubtfulNumber({ text: '得分 9.5' })).toBe(false);
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
});
