import { describe, expect, it } from 'vitest';
import type { GridCell } from './grid.ts';
import { repairPercentColumns } from './page.ts';
import { LOW_CONFIDENCE, type ScoredText } from './text.ts';

const column = (texts: string[], col = 0): GridCell[] => texts.map((_, row) => ({ row, col, rowSpan: 1, colSpan: 1, rect: { x0: 0, y0: 0, x1: 1, y1: 1 } }));
const reads = (texts: string[]): ScoredText[] => texts.map((text) => ({ text, confidence: 90, lowSpans: [] }));

describe('repairPercentColumns', () => {
  it('restores a shredded "%" in a column of two-decimal percentages and marks it low-confidence', () => {
    const texts = ['得分率', '100.00%', '90.00%6', '100.009%', '89.47%', '90.0094', '96.67%'];
    const r = reads(texts);
    repairPercentColumns(column(texts), r);
    expect(r.map((x) => x.text)).toEqual(['得分率', '100.00%', '90.00%', '100.00%', '89.47%', '90.00%', '96.67%']);
    expect(r[2]).toMatchObject({ confidence: LOW_CONFIDENCE - 1, lowSpans: [[0, 6]] });
    expect(r[1]).toMatchObject({ confidence: 90, lowSpans: [] });
  });

  it('leaves columns that are not two-decimal percentages alone', () => {
    const texts = ['分值', '100.009', '5', '10', '90.0094', '15'];
    const r = reads(texts);
    repairPercentColumns(column(texts), r);
    expect(r.map((x) => x.text)).toEqual(texts);
  });
});
