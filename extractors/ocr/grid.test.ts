import { describe, expect, it } from 'vitest';
import { estimateSkew } from './deskew.ts';
import { detectTables, mergeCells } from './grid.ts';
import { binarize, rotate, type Grey } from './raster.ts';

const DPI = 200;

/** A white page with black rules: horizontal [y, x0, x1] and vertical [x, y0, y1], 2 px thick;
 * dashed: 30 px of ink, 15 px gap, as thin rules come out of the bilevel fixture. */
function page(h: number[][], v: number[][], dashed = false): Grey {
  const width = 1200;
  const height = 900;
  const data = new Uint8Array(width * height).fill(255);
  const ink = (x: number, y: number) => (dashed && Math.floor((x + y) / 15) % 3 === 2 ? undefined : (data[y * width + x] = 0));
  for (const [y, x0, x1] of h) for (let x = x0; x <= x1; x++) for (let t = 0; t < 2; t++) ink(x, y + t);
  for (const [x, y0, y1] of v) for (let y = y0; y <= y1; y++) for (let t = 0; t < 2; t++) ink(x + t, y);
  return { width, height, data };
}

// 4 rows × 3 columns; the first column's rows 2–3 are one merged cell, row 4 spans all columns.
const H = [[100, 100, 900], [200, 100, 900], [300, 300, 900], [400, 100, 900], [500, 100, 900]];
const V = [[100, 100, 500], [300, 100, 400], [600, 100, 400], [900, 100, 500]];

describe('detectTables', () => {
  it('finds the grid and its merged cells', () => {
    const [table, ...rest] = detectTables(page(H, V), { dpi: DPI });
    expect(rest).toEqual([]);
    expect(table.rows).toHaveLength(5);
    expect(table.cols).toHaveLength(4);
    const spans = table.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    expect(spans).toEqual([[1, 0, 2, 1], [3, 0, 1, 3]]);
    expect(table.cells).toHaveLength(3 + 3 + 2 + 1);
  });

  it('reads dashed rules (bilevel scans) as rules', () => {
    const [table] = detectTables(page(H, V, true), { dpi: DPI });
    expect(table.rows).toHaveLength(5);
    expect(table.cols).toHaveLength(4);
  });

  it('finds nothing on a page of short strokes', () => {
    const strokes = Array.from({ length: 40 }, (_, i) => [120 + (i % 8) * 20, 150 + Math.floor(i / 8) * 90, 150 + Math.floor(i / 8) * 90 + 25]);
    expect(detectTables(page(strokes, strokes), { dpi: DPI })).toEqual([]);
  });
});

describe('mergeCells', () => {
  it('keeps grid cells apart when the missing rules do not make a rectangle', () => {
    // An L-shaped region (rules missing right of (0,0) and below (0,0)): no span is invented.
    const cells = mergeCells([0, 1, 2], [0, 1, 2], (r, c, dir) => !(r === 0 && c === 0));
    expect(cells.every((c) => c.rowSpan === 1 && c.colSpan === 1)).toBe(true);
    expect(cells).toHaveLength(4);
  });
});

describe('estimateSkew', () => {
  it.each([0.8, -1.2, 0])('measures a page rotated by %s°', (degrees) => {
    const rotated = rotate(page(H, V), degrees);
    expect(estimateSkew(binarize(rotated), rotated.width, rotated.height)).toBeCloseTo(degrees, 1);
  });
});
