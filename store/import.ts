// Reading reviewers' marks back from the XLSX or CSV finding list that `jixiao check` wrote: each row
// gives a fingerprint, a status (待核实/已确认/已排除, or the English words) and a note. Rows are read,
// not trusted: a row without a known fingerprint or with an unknown status is reported by its row
// number, never silently dropped.
import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import type { FollowUpStatus } from '../model/index.ts';
import { FINGERPRINT_HEADER, NOTE_HEADER, STATUS_HEADER } from '../reporters/labels.ts';
import { FINDINGS_SHEET } from '../reporters/labels.ts';

export interface MarkRow {
  /** The row number as the spreadsheet shows it (header is row 1). */
  row: number;
  fingerprint: string;
  status: string;
  note: string;
}

export interface MarkSheet {
  rows: MarkRow[];
  /** Chinese problems with the file as a whole (no fingerprint column…); rows are not read then. */
  problems: string[];
}

export async function readMarkSheet(path: string): Promise<MarkSheet> {
  return readMarkSheetBytes(await readFile(path));
}

/** A marked list uploaded as bytes (the web page): XLSX when it is a ZIP, else CSV. */
export async function readMarkSheetBytes(bytes: Buffer): Promise<MarkSheet> {
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  const table = isZip ? await xlsxTable(bytes) : csvTable(decodeText(bytes));
  return marksOf(table);
}

/** The sheet 问题清单 (or the first sheet with a 指纹 header) as rows of cell texts. */
async function xlsxTable(bytes: Buffer): Promise<string[][]> {
  // exceljs takes most of a second to load: only when an XLSX is imported.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = [workbook.getWorksheet(FINDINGS_SHEET), ...workbook.worksheets].filter((s): s is ExcelJS.Worksheet => !!s);
  const sheet = sheets.find((s) => rowTexts(s.getRow(1), s.columnCount).includes(FINGERPRINT_HEADER)) ?? sheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) rows.push(rowTexts(sheet.getRow(r), sheet.columnCount));
  return rows;
}

function rowTexts(row: ExcelJS.Row, columns: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= columns; c++) out.push(cellText(row.getCell(c)));
  return out;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

/** UTF-8 (with or without BOM); Excel and WPS on Chinese Windows save CSV as GB18030. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
export function csvTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

function marksOf(table: string[][]): MarkSheet {
  const header = (table[0] ?? []).map((h) => h.trim());
  const at = (name: string) => header.indexOf(name);
  const [fp, status, note] = [at(FINGERPRINT_HEADER), at(STATUS_HEADER), at(NOTE_HEADER)];
  const missing = [[fp, FINGERPRINT_HEADER], [status, STATUS_HEADER]].filter(([i]) => i === -1).map(([, name]) => `“${name}”`);
  if (missing.length) return { rows: [], problems: [`第1行（表头）没有${missing.join('、')}栏：请使用 jixiao check --xlsx 或 --csv 写出的问题清单`] };
  const rows: MarkRow[] = [];
  table.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ row: i + 2, fingerprint: (cells[fp] ?? '').trim(), status: (cells[status] ?? '').trim(), note: unescapeFormula((cells[note] ?? '').trim()) });
  });
  return { rows, problems: [] };
}

/** csvText (reporters/csv.ts) prefixes text that looks like a formula with an apostrophe; take it off. */
const unescapeFormula = (text: string) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

export type StatusWords = Record<string, FollowUpStatus>;
