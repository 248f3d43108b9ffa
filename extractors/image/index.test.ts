import { describe, expect, it } from 'vitest';
import type { Block } from '../../model/index.ts';
import type { OcrService } from '../types.ts';
import { extract } from './index.ts';

describe('a picture of one page', () => {
  it('gives back as text the lines a typed table kept apart as the rest of a row of a page before', async () => {
    const paragraph: Block = { kind: 'paragraph', text: '本表金额单位为万元，数据取自年度决算报表。', loc: { page: 1, bbox: [0, 0, 10, 10] } };
    const table: Block = {
      kind: 'table',
      index: 1,
      rows: [[{ text: '', loc: { page: 1, row: 1, column: 1 } }], [{ text: '得分', loc: { page: 1, row: 2, column: 1 } }]],
      loc: { page: 1, table: 1 },
      ocr: true,
      typed: true,
      restOfRow: [{ text: '本表金额单位为万元，数据取自年度决算报表。', loc: { page: 1, column: 1 } }],
      restAsText: [paragraph],
    };
    const ocr: OcrService = { recognize: async () => [table], terminate: async () => {} };
    const raw = await extract({ path: 'page.png', bytes: Buffer.from([]), format: 'image' }, { ocr });
    expect(raw.blocks[0]).toEqual(paragraph);
    expect(raw.blocks[1]).toMatchObject({ kind: 'table', typed: true });
    expect(raw.blocks[1]).not.toHaveProperty('restOfRow', expect.anything());
    expect(raw.blocks[1]).not.toHaveProperty('restAsText', expect.anything());
  });
});
