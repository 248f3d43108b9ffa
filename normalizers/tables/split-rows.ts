// A row cut in two by a multi-line cell (text converters end a row at a line break inside a cell).
import type { Cell } from '../../model/index.ts';
import type { TableGroup } from './group.ts';

/** A row cut in two by a multi-line cell: the halves' widths add up to the header's (±1 shared cell). */
export function mergeSplitRows(body: TableGroup['body'], width: number): TableGroup['body'] {
  const out: TableGroup['body'] = [];
  for (const row of body) {
    const prev = out[out.length - 1];
    const a = prev?.cells.length ?? 0;
    const b = row.cells.length;
    if (prev && a < width - 1 && b < width && (a + b === width || a + b === width + 1) && startsWithContent(row.cells)) {
      const joined = a + b === width + 1 ? joinCells(prev.cells, row.cells) : [...prev.cells, ...row.cells];
      out[out.length - 1] = { cells: joined, pageStart: prev.pageStart };
    } else out.push(row);
  }
  return out;
}

const startsWithContent = (cells: Cell[]) => (cells[0]?.text.trim() ?? '') !== '';

function joinCells(a: Cell[], b: Cell[]): Cell[] {
  const last = a[a.length - 1];
  const merged = { ...last, text: `${last.text}\n${b[0].text}`.trim() };
  return [...a.slice(0, -1), merged, ...b.slice(1)];
}
