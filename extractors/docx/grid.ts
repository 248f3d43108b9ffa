// HTML-style rows of spanning cells → the model's dense grid (model/index.ts, Table): each merged
// cell keeps its text at its top-left position with rowSpan/colSpan, the positions it covers get
// `covered: true` and empty text, and short rows are padded so the grid is rectangular.
import type { Cell, Loc } from '../../model/index.ts';

export interface SpanCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

export function denseGrid(rows: SpanCell[][], base: Loc): Cell[][] {
  const grid: (Cell | undefined)[][] = rows.map(() => []);
  const at = (r: number, c: number): Loc => ({ ...base, row: r + 1, column: c + 1 });
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      const colSpan = Math.max(1, cell.colSpan);
      grid[r][c] = { text: cell.text, loc: at(r, c), ...(rowSpan > 1 ? { rowSpan } : {}), ...(colSpan > 1 ? { colSpan } : {}) };
      for (let dr = 0; dr < rowSpan; dr++)
        for (let dc = 0; dc < colSpan; dc++)
          if (dr || dc) grid[r + dr][c + dc] ??= { text: '', loc: at(r + dr, c + dc), covered: true };
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row, r) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '', loc: at(r, c) }));
}
