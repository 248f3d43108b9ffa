// Tables on scanned pages continued across a page break become one table, as join.ts does for text
// pages. A continuation is what starts the next page right after a table that ends this one, with as
// many columns, or with columns that each start where one of this table's starts (a short last part
// is often found with fewer grid columns: no cell below spans). Its empty leading rows are dropped; a
// first row that only adds text under cells the last row fills, and leaves at least one of them
// empty, is the rest of that row, cut by the break ("效率" | "性"); see isRestOfRow for cut figures.
import type { Block, Cell, Paragraph, Table } from '../../model/index.ts';
import { withoutRest } from '../ocr/rest-of-row.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';
import { ENDS_SENTENCE, MIN_CUT_FIGURE } from './join.ts';

const isTable = (b: Block | undefined): b is Table => b?.kind === 'table';
const filled = (cell: Cell | undefined) => (cell?.text.trim() ?? '') !== '';
const pageOf = (table: Table) => table.pages?.at(-1) ?? table.loc.page ?? 0;

/** Blocks in document order, each scanned table joined with the ones continuing it on the next pages. */
export function joinScannedTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    const pair = isTable(previous) && isTable(block) ? onOneGrid(previous, block) : null;
    if (pair) {
      const carried = joined(pair.table, pair.next);
      // A rest no row takes goes before the table, so the table stays last and can join the next page's.
      out.splice(out.length - 1, 1, ...carried.rest, carried.table);
    } else out.push(...withoutRest(block));
  }
  return out;
}

/**
 * This table and the next on one grid, when the next continues this one: the next moved onto this
 * table's columns, or this table, when it holds no figure, onto the next's (a header row left alone
 * at the foot of a page has merged cells, so fewer columns than its body); else null.
 */
function onOneGrid(table: Table, next: Table): { table: Table; next: Table } | null {
  if (!table.ocr || !next.ocr || next.loc.page !== pageOf(table) + 1) return null;
  if (width(next) === width(table)) return { table, next };
  const narrowed = continuation(table, next);
  if (narrowed) return { table, next: narrowed };
  const widened = width(table) < width(next) && !table.rows.some((row) => row.some(isFigure)) ? onWiderGrid(next, table) : null;
  return widened ? { table: widened, next } : null;
}

/** The next table as rows of this table's columns, when its columns each start where one of this table's does; else null. */
function continuation(table: Table, next: Table): Table | null {
  return redrawn(next, table, false);
}

/** A narrower table drawn again on the wider one's columns, each cell spanning up to the next cell's column; null when some column starts where none of the wider one's does. */
function onWiderGrid(wide: Table, narrow: Table): Table | null {
  return redrawn(narrow, wide, true);
}

const width = (table: Table) => Math.max(...table.rows.map((row) => row.length));

/**
 * `part`'s cells placed on `grid`'s columns, each in the column starting where it starts; with
 * `spans`, a cell also covers the columns up to the next cell's. Null when some column of `part`
 * starts where none of `grid`'s does.
 */
function redrawn(part: Table, grid: Table, spans: boolean): Table | null {
  const columns = columnMap(columnStarts(grid), columnStarts(part));
  if (!columns) return null;
  const rows = part.rows.map((row) => {
    const out: Cell[] = Array.from({ length: width(grid) }, (_, c) => ({ text: '', loc: { ...row[0].loc, column: c + 1, bbox: undefined } }));
    row.forEach((cell, c) => {
      const start = columns[c];
      if (cell.covered || start === undefined) return;
      const end = spans ? (columns[c + (cell.colSpan ?? 1)] ?? width(grid)) : start + 1;
      out[start] = { ...cell, colSpan: end - start > 1 ? end - start : undefined, loc: { ...cell.loc, column: start + 1 } };
      for (let k = start + 1; k < end; k++) out[k] = { ...out[k], covered: true };
    });
    return out;
  });
  return { ...part, rows };
}

/** Where each grid column starts on the page: the median left edge of the cells that start in it. */
function columnStarts(table: Table): Array<number | undefined> {
  return Array.from({ length: width(table) }, (_, c) => {
    const lefts = table.rows.map((row) => row[c]).filter((cell) => cell && !cell.covered && cell.loc.bbox).map((cell) => cell.loc.bbox![0]).sort((a, b) => a - b);
    return lefts.length ? lefts[Math.floor(lefts.length / 2)] : undefined;
  });
}

/** Points within which two column starts are the same column (a scan's skew moves them a little). */
const SAME_COLUMN = 8;

/** Each column of the next part mapped to the column of this table starting at the same place, in order; null when one has none. */
function columnMap(starts: Array<number | undefined>, nextStarts: Array<number | undefined>): Array<number | undefined> | null {
  const map: Array<number | undefined> = [];
  let last = -1;
  for (const x of nextStarts) {
    if (x === undefined) return null;
    const c = nearestAfter(starts, x, last);
    if (c < 0) return null;
    map.push(c);
    last = c;
  }
  return map;
}

function joined(table: Table, next: Table): { table: Table; rest: Paragraph[] } {
  const rows = table.rows.map((row) => [...row]);
  const carried = next.restOfRow && rows.length ? withRestOfTypedRow(rows[rows.length - 1], next.restOfRow, scoreColumn(table)) : null;
  if (carried) rows[rows.length - 1] = carried;
  let rest = next.rows.slice(firstFilledRow(next.rows));
  if (rest.length && isRestOfRow(rows[rows.length - 1], rest[0])) {
    rows[rows.length - 1] = rows[rows.length - 1].map((cell, c) => (filled(rest[0][c]) ? appended(cell, rest[0][c]) : cell));
    rest = rest.slice(1);
  } else if (rest.length) {
    rest = [mergedCellsGoingOn(rows, rest[0]), ...rest.slice(1)];
  }
  const all = [...rows, ...rest].map((row, r) => row.map((cell) => ({ ...cell, loc: { ...cell.loc, row: r + 1 } })));
  return {
    table: { ...table, rows: all, pages: [...(table.pages ?? [pageOf(table)]), pageOf(next)], restOfRow: undefined, restAsText: undefined },
    rest: carried ? [] : (next.restAsText ?? []),
  };
}

/**
 * A typed row cut by the page break, with the rest the next page starts with: the rest's first cell
 * carries on the row's last cell that holds text, the others follow it one column each; a figure
 * ending the rest goes to the score column when it would fall short of it (a tab that left no visible
 * gap, as typed rows do). Null when the rest does not fit: the row's last filled cell is a figure, or
 * a cell would land beyond the table.
 */
export function withRestOfTypedRow(row: Cell[], rest: Cell[], score: number | null): Cell[] | null {
  const cut = row.findLastIndex(filled);
  if (cut < 0 || parseNumericCell(row[cut].text) !== null || !rest.some(filled)) return null;
  const last = rest.findLastIndex(filled);
  const columns = rest.map((_, i) => cut + i);
  if (parseNumericCell(rest[last].text) !== null && score !== null && columns[last] < score) columns[last] = score;
  if (columns[last] >= row.length) return null;
  const out = [...row];
  rest.forEach((cell, i) => {
    if (!filled(cell)) return;
    const c = columns[i];
    out[c] = i === 0 ? appended(row[c], cell) : { ...cell, loc: { ...row[c].loc, ...cell.loc, row: row[c].loc.row, column: c + 1, table: row[c].loc.table } };
  });
  return out;
}

/** The table's last column when most rows that end with a figure end there (a score column); else null. */
function scoreColumn(table: Table): number | null {
  const ends = table.rows.flatMap((row) => {
    const c = row.findLastIndex(filled);
    return c >= 0 && parseNumericCell(row[c].text) !== null ? [c] : [];
  });
  const lastColumn = width(table) - 1;
  const there = ends.filter((c) => c === lastColumn).length;
  return there >= 2 && there * 2 > ends.length ? lastColumn : null;
}

/** A cell with the text of another after its own; OCR confidence weighted by length, the other's doubtful spans moved along. */
function appended(cell: Cell, more: Cell): Cell {
  const out: Cell = { ...cell, text: cell.text + more.text };
  const shift = cell.text.length;
  const spans = [...(cell.ocrLowSpans ?? []), ...(more.ocrLowSpans ?? []).map(([a, b]): [number, number] => [a + shift, b + shift])];
  if (spans.length) out.ocrLowSpans = spans;
  if (cell.ocrConfidence !== undefined || more.ocrConfidence !== undefined) {
    const a = cell.ocrConfidence ?? more.ocrConfidence!;
    const b = more.ocrConfidence ?? a;
    out.ocrConfidence = out.text.length ? (a * cell.text.length + b * more.text.length) / out.text.length : a;
  }
  return out;
}

/**
 * The first row of the next part with the rest of a two-row merged cell that the page break cut
 * between its rows ("效果" | "性"), given back: the piece joins the cell's text and the cell, with the
 * level's weight beside it, spans this row too. The piece is a word's tail (a few characters), the
 * cell above stops mid-sentence, the weight beside the piece is empty under a figure (a new
 * indicator brings its own), and the row goes on with a leaf of its own: a name, then a figure under
 * each figure of the row above (a 加减分项 row has no weights).
 */
function mergedCellsGoingOn(rows: Cell[][], first: Cell[]): Cell[] {
  const out = [...first];
  const last = rows.length - 1;
  first.forEach((piece, c) => {
    if (!isMergedCellsTail(rows[last], first, c)) return;
    const [r, origin] = originOf(rows, last, c);
    const [br, beside] = originOf(rows, last, c + 1);
    rows[r][c] = { ...origin, text: origin.text + piece.text.trim(), rowSpan: (origin.rowSpan ?? 1) + 1 };
    rows[br][c + 1] = { ...beside, rowSpan: (beside.rowSpan ?? 1) + 1 };
    out[c] = { ...piece, text: '', covered: true };
    out[c + 1] = { ...out[c + 1], text: '', covered: true };
  });
  return out;
}

/** Characters a wrapped word's tail may have: a whole name starting a row is longer. */
const MAX_TAIL = 2;

function isMergedCellsTail(last: Cell[], first: Cell[], c: number): boolean {
  const piece = first[c].text.trim();
  if (!piece || [...piece].length > MAX_TAIL || isFigure(first[c]) || !filled(last[c]) || isFigure(last[c]) || ENDS_SENTENCE.test(last[c].text)) return false;
  if (!isFigure(last[c + 1]) || filled(first[c + 1])) return false;
  const right = first.slice(c + 2).filter(filled);
  const leafNamed = right.length > 1 && !isFigure(right[0]) && right.slice(1).some(isFigure);
  const figuresBelowFigures = last.slice(c + 2).every((above, k) => !isFigure(above) || isFigure(first[c + 2 + k]));
  return leafNamed && figuresBelowFigures;
}

/** The top-left cell of the merged region holding (row, c), and its row. */
function originOf(rows: Cell[][], row: number, c: number): [number, Cell] {
  let r = row;
  while (r > 0 && rows[r][c]?.covered) r--;
  return [r, rows[r][c]];
}

function firstFilledRow(rows: Cell[][]): number {
  const r = rows.findIndex((row) => row.some(filled));
  return r < 0 ? rows.length : r;
}

/**
 * Text under cells of the last row that hold text, and not under all of them. A narrow column's
 * number may be cut too ("14.0" | "9", under "效益指" | "标"): a figure continues a figure long
 * enough to fill a narrow cell, when the row also continues some text and leaves a figure of the
 * last row without one below it (the weight a new indicator would bring). A lone figure, or one
 * under a figure short enough to fit any cell, starts a row of its own.
 */
function isRestOfRow(last: Cell[], row: Cell[]): boolean {
  const pieces = row.map((cell, c) => ({ cell, c })).filter(({ cell }) => filled(cell));
  if (!pieces.length) return false;
  const figures = pieces.filter(({ cell }) => isFigure(cell));
  const continuesAll = pieces.every(({ cell, c }) => filled(last[c]) && (isFigure(cell) ? continuesFigure(last[c], cell) : !isFigure(last[c])));
  const leavesSomeEmpty = last.some((cell, c) => filled(cell) && !filled(row[c]));
  if (!continuesAll || !leavesSomeEmpty) return false;
  if (!figures.length) return true;
  const figureLeftOut = last.some((cell, c) => isFigure(cell) && !filled(row[c]) && !row[c]?.covered);
  return figures.length < pieces.length && figureLeftOut;
}

const isFigure = (cell: Cell | undefined) => parseNumericCell(cell?.text ?? '') !== null;

function continuesFigure(above: Cell, piece: Cell): boolean {
  const text = above.text.trim();
  return isFigure(above) && text.length >= MIN_CUT_FIGURE && parseNumericCell(text + piece.text.trim()) !== null;
}

/** The column after `last` whose start is nearest to x, within SAME_COLUMN; -1 when none is. */
function nearestAfter(starts: Array<number | undefined>, x: number, last: number): number {
  let best = -1;
  starts.forEach((s, i) => {
    if (i <= last || s === undefined || Math.abs(s - x) > SAME_COLUMN) return;
    if (best < 0 || Math.abs(s - x) < Math.abs(starts[best]! - x)) best = i;
  });
  return best;
}
