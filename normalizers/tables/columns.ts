// One table, two grids: a page of a PDF table whose rules above the indicators (a budget block) add
// extra grid columns is read as 15 positions on one page and 8 on the next. The header's logical
// columns (positions where a header cell starts, or a cell spanning down from above) are what both
// pages share; rows of a continuation are moved onto the header's positions.
import type { Cell } from '../../model/index.ts';

/** Grid positions where a logical column of the header starts. */
export function logicalColumns(header: Cell[][]): number[] {
  const last = header.length - 1;
  if (last < 0) return [];
  const spansDownToLast = (c: number) => header.some((row, r) => r < last && !row[c]?.covered && r + (row[c]?.rowSpan ?? 1) - 1 >= last);
  return header[last].map((cell, c) => (!cell.covered || spansDownToLast(c) ? c : -1)).filter((c) => c >= 0);
}

/** The header's text per logical column: the same header printed on grids of different widths compares equal. */
export function logicalHeaderKey(header: Cell[][]): string {
  const columns = logicalColumns(header);
  return header.map((row) => columns.map((c) => (row[c]?.covered ? '' : (row[c]?.text ?? '').replace(/\s+/g, ''))).join('|')).join('/');
}

/** A row with one cell per logical column, moved onto the header's grid positions; other rows unchanged. */
export function realign(row: Cell[], columns: number[], width: number): Cell[] {
  if (row.length === width || row.length !== columns.length) return row;
  const out: Cell[] = Array.from({ length: width }, (_, c) => ({ text: '', covered: true, loc: row[0]?.loc ?? {} }));
  columns.forEach((c, i) => (out[c] = row[i]));
  return out;
}
