import { describe, expect, it } from 'vitest';
import { findGrids } from './grid.ts';
import { extractSegments, type OpCodes, type Segment } from './rulings.ts';

const { OPS } = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as { OPS: OpCodes & { endPath: number; curveTo: number } };
const MOVE = 0;
const LINE = 1;
const CLOSE = 4;

const path = (paint: number, data: number[]) => [paint, [Float32Array.from(data)], null];
const rect = (x: number, y: number, w: number, h: number) => [MOVE, x, y, LINE, x + w, y, LINE, x + w, y + h, LINE, x, y + h, CLOSE];

describe('extractSegments', () => {
  it('reads stroked lines and thin filled rectangles under a transformed CTM', () => {
    const fn = [OPS.save, OPS.transform, OPS.constructPath, OPS.constructPath, OPS.restore, OPS.constructPath];
    const args = [
      null,
      [0.5, 0, 0, 0.5, 100, 200], // half scale, moved to (100, 200)
      path(OPS.stroke, [MOVE, 0, 0, LINE, 200, 0]),
      path(OPS.fill, rect(0, 0, 1, 100)), // 0.5 wide after scaling: a vertical rule
      null,
      path(OPS.fill, rect(0, 0, 50, 50)), // a filled square: not a rule
    ];
    const segments = extractSegments(fn, args, OPS);
    expect(segments).toEqual([
      { x0: 100, y0: 200, x1: 200, y1: 200 },
      { x0: 100.25, y0: 200, x1: 100.25, y1: 250 },
    ]);
  });

  it('ignores clipping paths (endPath) and curves', () => {
    const segments = extractSegments([OPS.constructPath, OPS.constructPath], [path(OPS.endPath, rect(0, 0, 100, 1)), path(OPS.stroke, [MOVE, 0, 0, 2, 10, 10, 20, 10, 30, 0])], OPS);
    expect(segments).toEqual([]);
  });
});

/** Rules of a 3 × 3 grid where the left column's last two cells are merged and the top row spans all. */
function mergedGridSegments(): Segment[] {
  const h = (y: number, x0: number, x1: number): Segment => ({ x0, y0: y, x1, y1: y });
  const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1 });
  return [
    h(300, 0, 300), h(280, 0, 300), h(260.6, 100, 300), h(240, 0, 299.2),
    v(0, 240, 300), v(100, 240, 280), v(200.4, 240, 280), v(300, 240, 300),
    // A stray underline elsewhere on the page: not part of any table.
    h(100, 0, 80),
  ];
}

describe('findGrids', () => {
  it('snaps near positions and turns missing rules into spans', () => {
    const [grid, ...rest] = findGrids(mergedGridSegments());
    expect(rest).toEqual([]);
    expect(grid.xs).toEqual([0, 100, 200.4, 300]);
    expect(grid.ys).toEqual([300, 280, 260.6, 240]);
    expect(grid.regions).toEqual([
      { row: 0, col: 0, rowSpan: 1, colSpan: 3 },
      { row: 1, col: 0, rowSpan: 2, colSpan: 1 },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 1, col: 2, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it('closes a table that has no outer vertical rules at the ends of its horizontal rules', () => {
    const open: Segment[] = [
      { x0: 0, y0: 100, x1: 300, y1: 100 }, { x0: 0, y0: 80, x1: 300, y1: 80 }, { x0: 0, y0: 60, x1: 300, y1: 60 },
      { x0: 120, y0: 60, x1: 120, y1: 100 }, { x0: 200, y0: 60, x1: 200, y1: 100 },
    ];
    const [grid] = findGrids(open);
    expect(grid.xs).toEqual([0, 120, 200, 300]);
    expect(grid.regions).toHaveLength(6);
  });

  it('does not take a frame around text for a table', () => {
    const frame: Segment[] = [
      { x0: 0, y0: 0, x1: 100, y1: 0 }, { x0: 0, y0: 50, x1: 100, y1: 50 },
      { x0: 0, y0: 0, x1: 0, y1: 50 }, { x0: 100, y0: 0, x1: 100, y1: 50 },
    ];
    expect(findGrids(frame)).toEqual([]);
  });
});
