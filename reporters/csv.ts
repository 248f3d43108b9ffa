// The finding list as CSV: UTF-8 with BOM (so Excel/WPS detect the encoding), CRLF line ends,
// RFC 4180 quoting, the same Chinese headers as the Excel sheet 问题清单.
import type { Output } from '../model/index.ts';
import { FINDING_COLUMNS, findingRows, type CellValue, type ReportOptions } from './labels.ts';

export const BOM = '\uFEFF';

export function renderCsv(output: Output, options: ReportOptions = {}): string {
  const lines = [FINDING_COLUMNS.map((c) => c.header)];
  for (const row of findingRows(output, options)) lines.push(FINDING_COLUMNS.map((c) => csvText(c.value(row))));
  return BOM + lines.map((fields) => fields.map(quoteField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Text as a spreadsheet will show it. Report text is untrusted: a field that a spreadsheet would
 * read as a formula (=, +, -, @ at the start, and not a plain number) gets a leading apostrophe.
 */
export function csvText(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) return `'${text}`;
  return text;
}

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double the quotes inside. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
