// The Excel anomaly list: sheet 汇总 (one row per document) and sheet 问题清单 (one row per finding),
// frozen header, autofilter, fitted widths, severity colours, and a link from each finding to its
// document's row. Kept to features Excel and WPS both read: the link is a HYPERLINK formula with a
// cached result, because exceljs writes internal hyperlinks as broken external relationships.
import ExcelJS from 'exceljs';
import type { Output, Severity } from '../model/index.ts';
import {
  FINDING_COLUMNS, STATUS_CHOICES, STATUS_HEADER, SUMMARY_COLUMNS, SEVERITY_LABEL, displayWidth, findingRows, numericOrText, summaryRows,
  type CellValue, type Column, type ReportOptions,
} from './labels.ts';
import { needsRectification, rankUnits, type UnitRank } from './batch.ts';

import { FINDINGS_SHEET, RANKING_SHEET, SUMMARY_SHEET } from './labels.ts';
export { FINDINGS_SHEET, RANKING_SHEET, SUMMARY_SHEET };

const RANKING_COLUMNS: Column<UnitRank>[] = [
  { header: '单位', value: (r) => r.unit },
  { header: '文件数', value: (r) => r.files.length },
  { header: '未排除的错误', value: (r) => r.openErrors },
  { header: '其中已确认', value: (r) => r.confirmedErrors },
  { header: '警告', value: (r) => r.openWarnings },
  { header: '无法检查的文件', value: (r) => r.failed },
  { header: '需发整改通知', value: (r) => (needsRectification(r) ? '是' : '否') },
];

/** ARGB fills for the severity cell: light red, light amber, light blue. */
export const SEVERITY_FILL: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };

const HEADER_FILL = 'FFD9D9D9';
const MAX_WIDTH = 60;
const WRAP_WIDTH = 50;
/** Room for the autofilter drop-down button beside a header. */
const FILTER_BUTTON_WIDTH = 3;
const EXCEL_MAX_CELL = 32_767;
/** Excel limits a string constant inside a formula to 255 characters. */
const FORMULA_TEXT_MAX = 255;

export async function renderXlsx(output: Output, options: ReportOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  workbook.created = new Date(0);
  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  const findings = workbook.addWorksheet(FINDINGS_SHEET);

  const ranking = workbook.addWorksheet(RANKING_SHEET);

  const summaryData = summaryRows(output, options);
  fillSheet(summary, SUMMARY_COLUMNS, summaryData);
  // The file cell opens the report itself (a path relative to the workbook when it was written to a file).
  summaryData.forEach((row, i) => link(summary.getRow(i + 2).getCell(1), row.file, row.file));
  const rows = findingRows(output, options);
  fillSheet(findings, FINDING_COLUMNS, rows);
  const fileColumn = FINDING_COLUMNS.findIndex((c) => c.header === '文件') + 1;
  const severityColumn = FINDING_COLUMNS.findIndex((c) => c.header === '严重程度') + 1;
  const statusColumn = FINDING_COLUMNS.findIndex((c) => c.header === STATUS_HEADER) + 1;
  rows.forEach((row, i) => {
    const excelRow = findings.getRow(i + 2);
    link(excelRow.getCell(fileColumn), `#'${SUMMARY_SHEET}'!A${row.docIndex + 2}`, row.file);
    excelRow.getCell(severityColumn).fill = solidFill(SEVERITY_FILL[row.finding.severity]);
    // Reviewers pick the status from a list; `jixiao import` reads it back.
    excelRow.getCell(statusColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${STATUS_CHOICES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '状态',
      error: `请从列表中选择：${STATUS_CHOICES.join('、')}`,
    };
  });
  colourSummaryCounts(summary, output.documents.length);
  fillSheet(ranking, RANKING_COLUMNS, rankUnits(output, options.statusOf));

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function fillSheet<Row>(sheet: ExcelJS.Worksheet, columns: Column<Row>[], rows: Row[]): void {
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = solidFill(HEADER_FILL);
    cell.alignment = { vertical: 'middle' };
  });
  for (const row of rows) sheet.addRow(columns.map((c) => cellValue(c.value(row))));

  const widths = columns.map((c) => displayWidth(c.header) + FILTER_BUTTON_WIDTH);
  sheet.eachRow((row) => {
    row.eachCell((cell, col) => {
      widths[col - 1] = Math.max(widths[col - 1], longestLineWidth(cell.value));
    });
  });
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(widths[i] + 2, c.wrap ? WRAP_WIDTH : MAX_WIDTH);
    if (c.wrap) column.alignment = { wrapText: true, vertical: 'top' };
    else column.alignment = { vertical: 'top' };
  });
  header.eachCell((cell) => (cell.alignment = { vertical: 'middle', wrapText: false }));

  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  // Printed: landscape A4, all columns on one page width, header row repeated on every page.
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
}

function cellValue(value: CellValue): string | number | null {
  const v = numericOrText(value);
  return typeof v === 'string' ? xmlSafe(v) : v;
}

/** Removes characters XML 1.0 cannot hold (Excel refuses the file otherwise) and caps the length. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  return clean.length > EXCEL_MAX_CELL ? `${clean.slice(0, EXCEL_MAX_CELL - 1)}…` : clean;
}

function longestLineWidth(value: ExcelJS.CellValue): number {
  const text = typeof value === 'object' && value !== null && 'result' in value ? String(value.result ?? '') : String(value ?? '');
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** =HYPERLINK("<target>", "<text>") with the text as the cached result; target "#'汇总'!A2" or a file path. */
function link(cell: ExcelJS.Cell, target: string, text: string): void {
  const clip = (t: string) => (t.length > FORMULA_TEXT_MAX ? `${t.slice(0, FORMULA_TEXT_MAX - 1)}…` : t);
  const shown = clip(xmlSafe(text));
  const quote = (t: string) => t.replace(/"/g, '""');
  if (target.length > FORMULA_TEXT_MAX) return;
  cell.value = {
    formula: `HYPERLINK("${quote(xmlSafe(target))}","${quote(shown)}")`,
    result: shown,
  };
  cell.font = { color: { argb: 'FF0563C1' }, underline: true };
}

/** Non-zero error / warning / info counts on 汇总 take their severity's colour. */
function colourSummaryCounts(sheet: ExcelJS.Worksheet, documents: number): void {
  const columns: [Severity, number][] = [
    ['error', SUMMARY_COLUMNS.findIndex((c) => c.header === '错误数') + 1],
    ['warning', SUMMARY_COLUMNS.findIndex((c) => c.header === '警告数') + 1],
    ['info', SUMMARY_COLUMNS.findIndex((c) => c.header === '提示数') + 1],
  ];
  for (let r = 2; r <= documents + 1; r++) {
    for (const [severity, col] of columns) {
      const cell = sheet.getRow(r).getCell(col);
      if (typeof cell.value === 'number' && cell.value > 0) cell.fill = solidFill(SEVERITY_FILL[severity]);
    }
  }
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export { SEVERITY_LABEL };
