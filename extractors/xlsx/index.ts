// XLSX → RawDocument with exceljs: each non-empty worksheet becomes one table.
//
// The grid starts at A1, so a cell's loc.row / loc.column are both its dense-grid position and its
// sheet coordinates (C5 → row 5, column 3); loc.sheet is the sheet name and there is no page or line.
// Merged ranges become rowSpan/colSpan at the top-left cell with the rest `covered`. Numbers are shown
// as Excel shows them under their number format (numfmt.ts: 0.1234 with "0.00%" → "12.34%"), the raw
// format kept in `numFmt`; formula cells keep `formula` (without '=') and show the cached result.
import ExcelJS from 'exceljs';
import { JixiaoError, type Cell, type RawDocument, type Table } from '../../model/index.ts';
import type { Extractor } from '../types.ts';
import { withTimeout } from '../deadline.ts';
import { assertSafeZip } from '../zip-safety.ts';
import { formatNumber, general } from './numfmt.ts';

const MAX_COLUMNS = 300;
/** Grid positions per sheet (each one is an object): bounds memory on sheets with a stray far cell. */
const MAX_CELLS = 600_000;
const TIMEOUT_MS = 60_000;

export const extract: Extractor = async ({ bytes }) => {
  await assertSafeZip(bytes, 'Excel 文件（XLSX）');
  const workbook = await withTimeout(load(bytes), TIMEOUT_MS, `Excel 文件解析超时（超过 ${TIMEOUT_MS / 1000} 秒），已跳过`);
  return workbookToRawDocument(workbook);
};

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new JixiaoError('corrupt', `Excel 文件（XLSX）无法解析，可能已损坏或不是 Excel 工作簿：${(error as Error).message}`);
  }
  return workbook;
}

export function workbookToRawDocument(workbook: ExcelJS.Workbook): RawDocument {
  const blocks: Table[] = [];
  const warnings: string[] = [];
  for (const sheet of workbook.worksheets) {
    const table = sheetToTable(sheet, blocks.length + 1, warnings);
    if (table) blocks.push(table);
  }
  if (blocks.length === 0) throw new JixiaoError('empty', 'Excel 工作簿中没有包含数据的工作表');
  return { format: 'xlsx', blocks, warnings };
}

function sheetToTable(sheet: ExcelJS.Worksheet, index: number, warnings: string[]): Table | null {
  const name = sheet.name;
  const merges = mergeRanges(sheet);
  const extent = usedExtent(sheet, merges);
  if (!extent) return null;
  const columns = Math.min(extent.columns, MAX_COLUMNS);
  const rows = Math.min(extent.rows, Math.floor(MAX_CELLS / columns));
  if (rows < extent.rows || columns < extent.columns)
    warnings.push(`工作表“${name}”过大（${extent.rows} 行 × ${extent.columns} 列），只读取了前 ${rows} 行、${columns} 列`);
  const loc = (r: number, c: number) => ({ sheet: name, table: index, row: r, column: c });
  const grid: Cell[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => ({ text: '', loc: loc(r + 1, c + 1) })));
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > rows) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > columns || isCoveredByMerge(cell)) return;
      grid[r - 1][c - 1] = { ...readCell(cell), loc: loc(r, c) };
    });
  });
  applyMerges(merges, grid);
  return { kind: 'table', index, rows: grid, loc: { sheet: name, table: index } };
}

/** Rows × columns from A1 to the last cell holding a value (formatting alone does not count). */
function usedExtent(sheet: ExcelJS.Worksheet, merges: Range[]): { rows: number; columns: number } | null {
  let rows = 0;
  let columns = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.value === null || cell.value === undefined || isCoveredByMerge(cell)) return;
      rows = Math.max(rows, r);
      columns = Math.max(columns, c);
    });
  });
  for (const range of merges) {
    if (range.top > rows || range.left > columns) continue;
    rows = Math.max(rows, range.bottom);
    columns = Math.max(columns, range.right);
  }
  return rows && columns ? { rows, columns } : null;
}

const isCoveredByMerge = (cell: ExcelJS.Cell) => cell.isMerged && cell.master.address !== cell.address;

interface Range { top: number; left: number; bottom: number; right: number }

/** Merged ranges as "A1:B2" from the sheet model (computed once per sheet: it walks every row). */
function mergeRanges(sheet: ExcelJS.Worksheet): Range[] {
  return (sheet.model.merges ?? []).map(parseRange).filter((r): r is Range => r !== null);
}

function applyMerges(merges: Range[], grid: Cell[][]): void {
  for (const range of merges) {
    const master = grid[range.top - 1]?.[range.left - 1];
    if (!master) continue;
    const bottom = Math.min(range.bottom, grid.length);
    const right = Math.min(range.right, grid[0].length);
    if (bottom > range.top) master.rowSpan = bottom - range.top + 1;
    if (right > range.left) master.colSpan = right - range.left + 1;
    for (let r = range.top; r <= bottom; r++)
      for (let c = range.left; c <= right; c++)
        if (r !== range.top || c !== range.left) grid[r - 1][c - 1] = { text: '', loc: grid[r - 1][c - 1].loc, covered: true };
  }
}

function parseRange(ref: string): Range | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) return null;
  return { left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) };
}

export function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The cell's shown text, plus formula and number format when it has them. */
function readCell(cell: ExcelJS.Cell): Omit<Cell, 'loc'> {
  const numFmt = cell.numFmt && !/^general$/i.test(cell.numFmt) ? cell.numFmt : undefined;
  const value = cell.value;
  const extra = { ...(numFmt ? { numFmt } : {}) };
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const formula = cell.formula || (value as { formula?: string }).formula;
    return { text: display((value as { result?: unknown }).result, numFmt), ...(formula ? { formula: formula.replace(/^=/, '') } : {}), ...extra };
  }
  return { text: display(value, numFmt), ...extra };
}

function display(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return value.replace(/\t/g, ' ').trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; error?: string; result?: unknown };
    if (v.richText) return v.richText.map((run) => run.text).join('').trim();
    if (v.error) return v.error;
    if (typeof v.text === 'string') return v.text.trim(); // hyperlink
    if ('result' in v) return display(v.result, numFmt);
  }
  return typeof value === 'object' ? '' : general(Number(value));
}
