// Tables broken by page breaks come back together: a table that repeats the header of the one before
// it, or that has no header and the same width, continues it. Text converters also split a header
// row from its body ("绩效指标 一级指标 …" then the rows); such a header-only table heads the next.
import type { Block, Cell, Table } from '../../model/index.ts';
import { logicalColumns, logicalHeaderKey, realign } from './columns.ts';
import { columnPaths, headerRowCount, isHeaderRow } from './header.ts';
import { isTotalName } from './tree.ts';

export interface TableGroup {
  tables: Table[];
  header: Cell[][];
  /** Body rows in order; `pageStart` marks the first row taken from a continuation table. */
  body: { cells: Cell[]; pageStart: boolean }[];
  /** The blocks before the group's first table (for titles and budget rows). */
  firstBlock: number;
  /**
   * Rows of the first table above its header (the 项目支出绩效自评表 prints its budget block, then the
   * indicator header, then the indicators, all in one table).
   */
  lead: Cell[][];
}

/** How far down a table its indicator header may start. */
const MAX_LEAD_ROWS = 15;

const MAX_GAP_BLOCKS = 4;
const headerKey = (header: Cell[][]) => header.map((r) => r.map((c) => c.text.replace(/\s+/g, '')).join('|')).join('/');

export function groupTables(blocks: Block[]): TableGroup[] {
  const groups: TableGroup[] = [];
  let current: TableGroup | null = null;
  let lastTableBlock = -Infinity;
  blocks.forEach((block, b) => {
    if (block.kind !== 'table') return;
    block = { ...block, rows: withWrappedHeadersJoined(block.rows) };
    const leadRows = leadRowCount(block.rows);
    const headerRows = headerRowCount(block.rows.slice(leadRows));
    const header = block.rows.slice(leadRows, leadRows + headerRows);
    const rows = withoutRepeatedHeaders(block.rows.slice(leadRows + headerRows));
    const near = b - lastTableBlock <= MAX_GAP_BLOCKS && onlyShortTextBetween(blocks, lastTableBlock, b);
    lastTableBlock = b;
    if (current && near && continues(current, header, rows, !!block.ocr)) {
      const columns = logicalColumns(current.header);
      const width = gridWidth(current.header);
      // Rows above a header repeated further down continue the table too (a page that starts mid-group).
      const continued = [...block.rows.slice(0, leadRows), ...rows].filter((cells) => cells.some((c) => c.text.trim() !== ''));
      // A total row's label spans several columns: it is read from its numbers in order, not realigned.
      continued.forEach((cells, i) => current!.body.push({ cells: isTotalRow(cells) ? cells : realign(cells, columns, width), pageStart: i === 0 && current!.body.length > 0 }));
      current.tables.push(block);
      if (current.header.length === 0 && header.length) current.header = header;
      return;
    }
    const lead = block.rows.slice(0, leadRows);
    current = { tables: [block], header, body: rows.map((cells) => ({ cells, pageStart: false })), firstBlock: b, lead };
    groups.push(current);
  });
  return groups;
}

/**
 * A header whose words wrap in narrow columns ("一级指" | "二" over "标" | "级指标") is printed as two
 * rows, neither a header by itself: joined cell by cell they are one.
 */
function withWrappedHeadersJoined(rows: Cell[][]): Cell[][] {
  const out = [...rows];
  for (let i = 0; i + 1 < Math.min(out.length, MAX_LEAD_ROWS); i++) {
    if (isHeaderRow(out[i]) || hasFigures(out[i + 1])) continue;
    const joined = out[i].map((cell, c) => ({ ...cell, text: `${cell.text.trim()}${out[i + 1][c]?.text.trim() ?? ''}` }));
    if (isHeaderRow(joined)) out.splice(i, 2, joined);
  }
  return out;
}

const hasFigures = (row: Cell[]) => row.some((c) => /\d/.test(c.text));

/** Rows above the first header row, when a header row starts further down the table. */
function leadRowCount(rows: Cell[][]): number {
  const first = rows.slice(0, MAX_LEAD_ROWS).findIndex(isHeaderRow);
  return first > 0 ? first : 0;
}

/** A header row printed again inside the body (Word and PDF repeat it on every page). */
function withoutRepeatedHeaders(rows: Cell[][]): Cell[][] {
  return rows.filter((row) => !isHeaderRow(row));
}

/** `scanned`: the header is read by OCR, which may lose or add a character in a cell ("级指标" for "一级指标"). */
function continues(group: TableGroup, header: Cell[][], rows: Cell[][], scanned: boolean): boolean {
  if (header.length) {
    const same =
      headerKey(header) === headerKey(group.header) ||
      logicalHeaderKey(header) === logicalHeaderKey(group.header) ||
      pathsKey(header) === pathsKey(group.header) ||
      (scanned && nearlySameHeader(header, group.header));
    return group.body.length > 0 && same;
  }
  if (group.header.length === 0) return false;
  const width = gridWidth(group.header);
  const logical = logicalColumns(group.header).length;
  // A header-only table followed by its body; or a headerless continuation of the same width, on
  // the same grid or one cell per logical column.
  return rows.some((r) => Math.abs(r.length - width) <= 1 || (logical < width && r.length === logical)) || (rows.length > 0 && rows.every(isTotalRow));
}

/** The header by what each column means: a word wrapped in one page's header ("得" over "分") and whole in the next ("得分") compare equal. */
const pathsKey = (header: Cell[][]) => columnPaths(header).map((path) => path.join('/')).join('|');

/** The same rows of as many cells, each cell's text the same but for at most one character. */
function nearlySameHeader(a: Cell[][], b: Cell[][]): boolean {
  return a.length === b.length && a.every((row, r) => row.length === b[r].length && row.every((cell, c) => withinOneEdit(squeezed(cell), squeezed(b[r][c]))));
}

const squeezed = (cell: Cell) => cell.text.replace(/\s+/g, '');

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.length === short.length ? long.slice(i + 1) === short.slice(i + 1) : long.slice(i + 1) === short.slice(i);
}

/** "总分 | 100 | 99.48": the total row alone on the next page, on a grid of its own. */
const isTotalRow = (row: Cell[]) => isTotalName(row.find((c) => c.text.trim() !== '')?.text ?? '');

const gridWidth = (header: Cell[][]) => Math.max(...header.map((r) => r.length));

function onlyShortTextBetween(blocks: Block[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const block = blocks[i];
    if (block.kind === 'paragraph' && block.text.length > 80) return false;
  }
  return true;
}
