import { describe, expect, it } from 'vitest';
import { charEdges } from './tables.ts';

describe('where the characters of a text run lie', () => {
  it('gives a CJK character a full em and a digit about half, so a cut at a rule falls between "公开" and "14"', () => {
    // "信息公开14" set at 10 pt: four CJK characters (40 pt) then two digits (about 11 pt).
    const run = { text: '信息公开14', x0: 0, x1: 51, y: 0, size: 10 };
    const edges = charEdges(run, [...run.text]);
    expect(edges).toHaveLength(7);
    expect(edges[4]).toBeCloseTo(40, 0);
    expect(edges[6]).toBeCloseTo(51, 5);
  });
});
