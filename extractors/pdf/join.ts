// Tables continued across page breaks become one table. The next page's part joins when it has the
// same columns; its repeated header rows are dropped; a first row whose text starts right of where
// the previous row's starts is the rest of a row the page break split, and its text goes back into
// that row; a merged cell cut by
// the break (an empty region at the top of the next part under a cell reaching the bottom of the
// previous one) grows back into one rowSpan.
import type { Cell, Table } from '../../model/index.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';
import type { BBox, PageCell, PageTable } from './tables.ts';
import { separator, wrapsInto } from './text.ts';

/** Column rules within this many points are the same column. */
const SAME_X = 3;

export interface JoinedTable {
  parts: PageTable[];
  cells: PageCell[];
  nRows: number;
  nCols: number;
  /** Page of each row. */
  rowPages: number[];
}

export function startTable(part: PageTable): JoinedTable {
  return {
    parts: [part],
    cells: part.cells.map((c) => ({ ...c })),
    nRows: part.nRows,
    nCols: part.nCols,
    rowPages: new Array<number>(part.nRows).fill(part.page),
  };
}

export function sameColumns(a: PageTable, b: PageTable): boolean {
  return a.xs.length === b.xs.length && a.xs.every((x, i) => Math.abs(x - b.xs[i]) <= SAME_X);
}

/**
 * The next page's part drawn on fewer rules than the table it continues (the rules of a budget block
 * above the indicators add grid columns on the first page only): its cells moved onto the table's
 * columns by their x positions, or null when some rule of the part is not one of the table's.
 */
export function onColumnsOf(table: JoinedTable, part: PageTable): PageTable | null {
  const xs = table.parts[table.parts.length - 1].xs;
  const at = part.xs.map((x) => nearestIndex(xs, x));
  if (at.some((i, k) => Math.abs(xs[i] - part.xs[k]) > SAME_X)) return null;
  const cells = part.cells.map((c) => ({ ...c, col: at[c.col], colSpan: at[c.col + c.colSpan] - at[c.col] }));
  return { ...part, xs, nCols: xs.length - 1, cells };
}

/**
 * A table without figures drawn on fewer rules than the next page's part that continues it (a header
 * row left alone at the foot of a page needs fewer rules than the body, its cells being merged): the
 * table moved onto the part's columns by x positions. False, and nothing changed, when the table
 * holds a figure (a table of its own, such as a budget block) or some rule of it is not one of the part's.
 */
export function widenOnto(table: JoinedTable, part: PageTable): boolean {
  if (table.cells.some((c) => parseNumericCell(c.text) !== null)) return false;
  const xs = table.parts[table.parts.length - 1].xs;
  const at = xs.map((x) => nearestIndex(part.xs, x));
  if (at.some((i, k) => Math.abs(part.xs[i] - xs[k]) > SAME_X) || at[0] !== 0 || at[at.length - 1] !== part.xs.length - 1) return false;
  const moved = <T extends PageCell>(c: T): T => ({ ...c, col: at[c.col], colSpan: at[c.col + c.colSpan] - at[c.col] });
  table.cells = table.cells.map(moved);
  table.parts = table.parts.map((p) => ({ ...p, xs: part.xs, nCols: part.nCols, cells: p.cells.map(moved) }));
  table.nCols = part.nCols;
  return true;
}

function nearestIndex(values: number[], x: number): number {
  return values.reduce((best, v, i) => (Math.abs(v - x) < Math.abs(values[best] - x) ? i : best), 0);
}

/**
 * The last line of a cell pushed onto the next page (a narrow score column's "99.4" | "4"): one row
 * holding a few characters only. Test it on a part already on the table's columns (onColumnsOf).
 */
export function isSpill(part: PageTable): boolean {
  const texts = part.cells.filter((c) => c.text.trim() !== '');
  return part.nRows === 1 && texts.length >= 1 && texts.length <= 2 && texts.every((c) => c.text.trim().length <= 4);
}

/** Puts a spilled line (on the table's columns) back at the end of the cells of the table's last row. */
export function appendSpill(table: JoinedTable, part: PageTable): void {
  for (const piece of part.cells.filter((c) => c.text.trim() !== '')) {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    if (owner) owner.text += piece.text.trim();
  }
}

export function appendPart(table: JoinedTable, part: PageTable): void {
  let cells = part.cells.map((c) => ({ ...c }));
  let nRows = part.nRows;
  const header = repeatedHeaderRows(table.parts[0], part);
  ({ cells, nRows } = dropTopRows(cells, nRows, header));
  // Regions that ran through the split row continue a cell of the previous page.
  let continuing = new Set<PageCell>();
  if (nRows > 0 && isSplitRow(table, cells)) {
    mergeIntoLastRow(table, cells.filter((c) => c.row === 0 && c.text !== ''));
    ({ cells, nRows } = dropTopRows(cells, nRows, 1, true));
    continuing = new Set(cells.filter((c) => c.row === 0 && c.text === '' && part.cells.some((o) => o.row === header && o.col === c.col && o.rowSpan > 1)));
  }
  extendSpans(table, cells, continuing);
  addRows(table, part, cells.filter((c) => c.rowSpan > 0), nRows);
}

/** The part's cells (row 0 = its first row kept) below the table's rows. */
function addRows(table: JoinedTable, part: PageTable, cells: readonly PageCell[], nRows: number): void {
  for (const c of cells) table.cells.push({ ...c, row: c.row + table.nRows });
  table.rowPages.push(...new Array<number>(nRows).fill(part.page));
  table.nRows += nRows;
  table.parts.push(part);
}

/** Whole rows (tab-laid text) continue the table as they are; the table widens to its widest row. */
export function appendRows(table: JoinedTable, part: PageTable): void {
  table.nCols = Math.max(table.nCols, part.nCols);
  addRows(table, part, part.cells, part.nRows);
}

/** Row signature: the cells starting in that row, with spans and text. */
function signature(cells: readonly PageCell[], row: number): string {
  return cells
    .filter((c) => c.row === row)
    .sort((a, b) => a.col - b.col)
    .map((c) => `${c.col}:${c.colSpan}:${c.rowSpan}:${c.text.replace(/\s+/g, '')}`)
    .join('|');
}

/** How many top rows of `part` repeat the first part's top rows exactly (a repeated header). */
function repeatedHeaderRows(first: PageTable, part: PageTable): number {
  let k = 0;
  while (k < part.nRows - 1 && k < first.nRows && signature(part.cells, k) !== '' && signature(part.cells, k) === signature(first.cells, k)) k++;
  return k;
}

/** Removes the top k rows; merged cells reaching below them are clipped. */
function dropTopRows(cells: PageCell[], nRows: number, k: number, clearText = false): { cells: PageCell[]; nRows: number } {
  if (k === 0) return { cells, nRows };
  const out: PageCell[] = [];
  for (const c of cells) {
    const end = c.row + c.rowSpan;
    if (end <= k) continue;
    if (c.row < k) out.push({ ...c, row: 0, rowSpan: end - k, text: clearText ? "" : c.text });
    else out.push({ ...c, row: c.row - k });
  }
  return { cells: out, nRows: nRows - k };
}

/**
 * The part's first row is the rest of a row the page break cut when (1) its text starts further
 * right than the text of the cells starting in the previous part's last row (the row's name stayed
 * on the previous page) and (2) every cell it has text in continues a cell whose text stopped
 * mid-sentence. A new row under merged hierarchy cells fails (2): it brings its own name.
 */
function isSplitRow(table: JoinedTable, cells: readonly PageCell[]): boolean {
  const withText = cells.filter((c) => c.row === 0 && c.text !== '');
  const here = Math.min(...withText.map((c) => c.col));
  const before = Math.min(...table.cells.filter((c) => c.row === table.nRows - 1 && c.text !== '').map((c) => c.col));
  if (!Number.isFinite(here) || !Number.isFinite(before)) return false;
  if (isWrappedRest(table, cells, withText) || isWrappedHeaderRest(table, withText)) return true;
  if (here <= before) return isNumberlessRest(table, withText);
  const sparse = emptiedCells(table, cells, 0) >= 2 && emptiedCells(table, cells, here + 1) >= 1;
  return withText.every((piece) => {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    const numberUnderNumber = isBareNumber(owner?.text ?? '') && isBareNumber(piece.text);
    return owner !== undefined && owner.text !== '' && !ENDS_SENTENCE.test(owner.text) && (!numberUnderNumber || sparse);
  });
}

/**
 * Cells of the part's first row, from column `from` on, left empty under a filled cell of the
 * previous part's last row: a new row fills its cells (目标设置 | 11 | 10.5 under 预算编制 | 16 |
 * 16), the rest of a cut row leaves most of them empty (数 | | | 6 under 服务覆盖人 | ≥340人 | 241人 |
 * 12.7), so there a number under a number is a cut number ("12.7" | "6"). Counted from column
 * `from`: at least one must lie right of the row's first text, since empty cells left of it may be
 * parents going on over the page break (产出指标 | 数量指标 above a new indicator: "7" and "9" are two scores).
 */
function emptiedCells(table: JoinedTable, cells: readonly PageCell[], from: number): number {
  return emptiedBelow(table, cells, from).length;
}

/** Empty cells of the part's first row, from column `from` on, each under a filled single-row cell (its owner) of the previous part's last row. */
function emptiedBelow(table: JoinedTable, cells: readonly PageCell[], from: number): Array<{ cell: PageCell; owner: PageCell }> {
  const last = table.nRows - 1;
  return cells.flatMap((cell) => {
    if (cell.row !== 0 || cell.text !== '' || cell.col < from) return [];
    const owner = ownerAt(table, last, cell.col);
    return owner !== undefined && owner.text !== '' && owner.row + owner.rowSpan - 1 === last && owner.rowSpan === 1 ? [{ cell, owner }] : [];
  });
}

/**
 * A row cut through every cell (parents repeated on each row, so the rest starts in the first column
 * too): the rest brings text to many cells and no number where the cut row has its numbers, and
 * most of its pieces continue a cell that stopped mid-sentence.
 */
function isNumberlessRest(table: JoinedTable, pieces: readonly PageCell[]): boolean {
  const last = table.cells.filter((c) => c.row === table.nRows - 1);
  if (pieces.length < 3 || pieces.some((p) => isBareNumber(p.text)) || last.filter((c) => isBareNumber(c.text)).length < 2) return false;
  const continuing = pieces.filter((piece) => {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    return owner !== undefined && owner.text !== '' && !isBareNumber(owner.text) && !ENDS_SENTENCE.test(owner.text);
  });
  return continuing.length * 2 > pieces.length && pieces.every((p) => ownerAt(table, table.nRows - 1, p.col)?.text);
}

/**
 * A row cut through every cell, numbers included, in narrow columns ("效益指" | "标", "14.0" | "9"):
 * each piece's first unit could not have fitted on the last line of the cell above it (so the line
 * wrapped there), a number continues only a number long enough to fill a narrow cell, and a number
 * of the cut row has an empty one-row cell below it (the weight a new indicator would bring; an
 * empty merged cell there is a parent's weight going on). In narrow columns a new row's cells may
 * all look full too, but it brings a number under each of the row's numbers.
 */
function isWrappedRest(table: JoinedTable, cells: readonly PageCell[], pieces: readonly PageCell[]): boolean {
  const numberLeftOut = emptiedBelow(table, cells, 0).some(({ cell, owner }) => cell.rowSpan === 1 && isBareNumber(owner.text));
  if (pieces.length < 2 || !numberLeftOut) return false;
  return pieces.every((piece) => {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    if (!owner || owner.text === '' || ENDS_SENTENCE.test(owner.text)) return false;
    if (isBareNumber(piece.text) && !(isBareNumber(owner.text) && owner.text.trim().length >= MIN_CUT_FIGURE)) return false;
    return wrapsOnto(owner, piece);
  });
}

/**
 * A header row cut through its narrow cells (项目资金（万 | 全年执行 | 分 above the break, 元） | 数 | 值
 * below): neither the cut row nor the rest holds a figure, the rest fills fewer cells than the cut row,
 * and each piece's first unit could not have fitted on the last line of the cell above it, whose
 * text stopped mid-sentence. Left apart, the header reads "分" for 分值 and the block's weight is lost.
 */
function isWrappedHeaderRest(table: JoinedTable, pieces: readonly PageCell[]): boolean {
  const cut = table.cells.filter((c) => c.row === table.nRows - 1 && c.text !== '');
  if (pieces.length < 2 || pieces.length >= cut.length || [...cut, ...pieces].some((c) => isBareNumber(c.text))) return false;
  return pieces.every((piece) => {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    return !!owner && owner.text !== '' && !ENDS_SENTENCE.test(owner.text) && wrapsOnto(owner, piece);
  });
}

/** The piece's first unit could not have fitted on the last line of the owner's text: that line wrapped into the piece. */
function wrapsOnto(owner: PageCell, piece: PageCell): boolean {
  return wrapsInto(owner.lastX1, piece.text, piece.lastSize || owner.lastSize, owner.right, piece.firstUnitWidth || undefined);
}

/** Digits fewer than this fit any cell: a figure that short was not cut by the cell's edge. */
export const MIN_CUT_FIGURE = 3;

/** Where a cell's text may end for good. A 评分标准 clause list breaks lines after "；" as often as mid-clause. */
export const ENDS_SENTENCE = /[。！？!?）)”」】]\s*$/;
/** A cell that is a plain number or percentage (a weight, a score, a rate), as numbers/ reads one. */
function isBareNumber(text: string): boolean {
  const q = parseNumericCell(text);
  return q !== null && (q.unit === '' || q.unit === '%');
}

function ownerAt(table: JoinedTable, row: number, col: number): PageCell | undefined {
  return table.cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan);
}

function mergeIntoLastRow(table: JoinedTable, pieces: readonly PageCell[]): void {
  for (const piece of pieces) {
    const owner = ownerAt(table, table.nRows - 1, piece.col);
    if (!owner) continue;
    const size = piece.lastSize || owner.lastSize;
    owner.text = owner.text === '' ? piece.text : owner.text + separator(owner.lastX1, owner.text, piece.text, size, owner.right, piece.firstUnitWidth || undefined) + piece.text;
    Object.assign(owner, { lastX1: piece.lastX1, lastSize: piece.lastSize, right: piece.right });
  }
}

/** Empty regions at the top of the part continue the merged cells above them. */
function extendSpans(table: JoinedTable, cells: PageCell[], continuing: Set<PageCell>): void {
  const last = table.nRows - 1;
  for (const cell of cells) if (continuesMergedText(table, cells, cell)) absorbText(ownerAt(table, last, cell.col)!, cell);
  // Empty cells left of the first row's first text are hierarchy cells ("same as above").
  const firstText = Math.min(...cells.filter((c) => c.row === 0 && c.text !== '').map((c) => c.col));
  for (const cell of cells) {
    if (cell.row !== 0 || cell.text !== '') continue;
    const owner = ownerAt(table, last, cell.col);
    if (!owner || owner.col !== cell.col || owner.colSpan !== cell.colSpan) continue;
    if (owner.row + owner.rowSpan - 1 !== last) continue;
    if (owner.rowSpan < 2 && cell.rowSpan < 2 && !continuing.has(cell) && !(cell.col < firstText)) continue;
    if (owner.text === '') continue;
    owner.rowSpan += cell.rowSpan;
    cell.rowSpan = 0; // absorbed
  }
}

/**
 * Text at the top of the part that is the rest of a merged cell's text cut by the page break
 * ("效果" | "性"): same columns as a merged cell reaching the bottom of the previous part whose text
 * stops mid-word, and the cell beside it (the level's weight) is empty here although it was filled
 * beside the owner: a new indicator would bring its own weight. Further right, the row leaves no
 * figure of the row above without one below (a 加减分项 row has no weights at all). A merged cell
 * of two rows cut between them shows one row on each page; then the text must have wrapped there,
 * and the row must go on with a leaf of its own: a name, then its figures.
 */
function continuesMergedText(table: JoinedTable, cells: readonly PageCell[], cell: PageCell): boolean {
  if (cell.row !== 0 || cell.text === '' || isBareNumber(cell.text)) return false;
  const last = table.nRows - 1;
  const owner = ownerAt(table, last, cell.col);
  if (!owner || owner.col !== cell.col || owner.colSpan !== cell.colSpan || owner.text === '') return false;
  if (owner.row + owner.rowSpan - 1 !== last || ENDS_SENTENCE.test(owner.text)) return false;
  const afterBeside = cell.col + cell.colSpan + 1;
  if (leavesFigureOut(table, cells, afterBeside)) return false;
  if (Math.max(owner.rowSpan, cell.rowSpan) < 2 && !(wrapsOnto(owner, cell) && bringsOwnLeaf(cells, afterBeside))) return false;
  const besideOwner = ownerAt(table, owner.row, owner.col + owner.colSpan);
  const besideCell = cells.find((c) => c.row === 0 && c.col === cell.col + cell.colSpan);
  return !!besideOwner && isBareNumber(besideOwner.text) && besideOwner.row === owner.row && besideOwner.rowSpan === owner.rowSpan && besideCell?.text === '';
}

/** From column `from` on, a figure of the previous part's last row has no figure below it in the part's first row. */
function leavesFigureOut(table: JoinedTable, cells: readonly PageCell[], from: number): boolean {
  const above = table.cells.filter((c) => c.col >= from && c.row + c.rowSpan - 1 === table.nRows - 1 && isBareNumber(c.text));
  return above.some((a) => !cells.some((c) => c.row === 0 && c.col === a.col && isBareNumber(c.text)));
}

/** From column `from` on, the part's first row holds a name and then a figure (经济效益 | 7 under a cut parent; not a 加减分项 row's lone score). */
function bringsOwnLeaf(cells: readonly PageCell[], from: number): boolean {
  const filledCells = cells.filter((c) => c.row === 0 && c.col >= from && c.text !== '').sort((a, b) => a.col - b.col);
  return filledCells.length > 1 && !isBareNumber(filledCells[0].text) && filledCells.slice(1).some((c) => isBareNumber(c.text));
}

function absorbText(owner: PageCell, piece: PageCell): void {
  owner.text += piece.text;
  piece.text = '';
}

/** The joined table as the model's dense grid. */
export function toTableBlock(table: JoinedTable, index: number): Table {
  const grid: Cell[][] = Array.from({ length: table.nRows }, (_, r) =>
    Array.from({ length: table.nCols }, (_, c): Cell => ({ text: '', covered: true, loc: { page: table.rowPages[r], table: index, row: r + 1, column: c + 1 } })),
  );
  for (const c of table.cells) {
    const cell: Cell = { text: c.text, loc: { page: c.page, table: index, row: c.row + 1, column: c.col + 1, bbox: round(c.bbox) } };
    if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
    if (c.colSpan > 1) cell.colSpan = c.colSpan;
    if (grid[c.row]?.[c.col]) grid[c.row][c.col] = cell;
  }
  const first = table.parts[0];
  const pages = [...new Set(table.parts.map((p) => p.page))];
  const block: Table = { kind: 'table', index, rows: grid, loc: { page: first.page, table: index, bbox: round(first.bbox) }, pages };
  if (table.parts.some((p) => p.tabbed)) block.typed = true;
  return block;
}

const round = (b: BBox): BBox => b.map((v) => Math.round(v * 100) / 100) as BBox;
