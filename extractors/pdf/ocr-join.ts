// Tables on scanned pages continued across a page break become one table, as join.ts does for text
// pages. OCR gives no text positions precise enough to match column rules, so a continuation is
// what starts the next page right after a table that ends this one, with as many columns. Its empty
// leading rows are dropped; a first row that only adds text under cells the last row fills, and
// leaves at least one of them empty, is the rest of that row, cut by the break ("效率" | "性").
import type { Block, Cell, Table } from '../../model/index.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';

const isTable = (b: Block | undefined): b is Table => b?.kind === 'table';
const filled = (cell: Cell | undefined) => (cell?.text.trim() ?? '') !== '';
const pageOf = (table: Table) => table.pages?.at(-1) ?? table.loc.page ?? 0;

/** Blocks in document order, each scanned table joined with the ones continuing it on the next pages. */
export function joinScannedTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    if (isTable(previous) && isTable(block) && continues(previous, block)) out[out.length - 1] = joined(previous, block);
    else out.push(block);
  }
  return out;
}

function continues(table: Table, next: Table): boolean {
  return !!table.ocr && !!next.ocr && next.loc.page === pageOf(table) + 1 && width(next) === width(table);
}

const width = (table: Table) => Math.max(...table.rows.map((row) => row.length));

function joined(table: Table, next: Table): Table {
  const rows = table.rows.map((row) => [...row]);
  let rest = next.rows.slice(firstFilledRow(next.rows));
  if (rest.length && isRestOfRow(rows[rows.length - 1], rest[0])) {
    rows[rows.length - 1] = rows[rows.length - 1].map((cell, c) => (filled(rest[0][c]) ? { ...cell, text: cell.text + rest[0][c].text } : cell));
    rest = rest.slice(1);
  }
  const all = [...rows, ...rest].map((row, r) => row.map((cell) => ({ ...cell, loc: { ...cell.loc, row: r + 1 } })));
  return { ...table, rows: all, pages: [...(table.pages ?? [pageOf(table)]), pageOf(next)] };
}

function firstFilledRow(rows: Cell[][]): number {
  const r = rows.findIndex((row) => row.some(filled));
  return r < 0 ? rows.length : r;
}

/** Text only, under cells of the last row that hold text, and not under all of them. */
function isRestOfRow(last: Cell[], row: Cell[]): boolean {
  const texts = row.map((cell, c) => ({ cell, c })).filter(({ cell }) => filled(cell));
  if (!texts.length) return false;
  const underText = texts.every(({ cell, c }) => filled(last[c]) && parseNumericCell(last[c].text) === null && parseNumericCell(cell.text) === null);
  const leavesSomeEmpty = last.some((cell, c) => filled(cell) && !filled(row[c]));
  return underText && leavesSomeEmpty;
}
