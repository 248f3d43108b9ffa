// Plain text as converters leave it: paragraphs separated by blank lines, tables as tab-separated
// rows. Two table layouts occur in the seeds:
//   row-per-line:  "一级指标\t二级指标\t分值"                       (PDF/DOCX → text converters)
//   cell-per-line: "\t预算单位名称\n\t岳阳市…\n\n\t编制数…"         (each cell on its own tab-led line,
//                  rows separated by blank lines, multi-line cells continued on untabbed lines)
import type { Block, Cell, RawDocument, Table } from '../../model/index.ts';
import { JixiaoError } from '../../model/index.ts';
import type { Extractor } from '../types.ts';
import { decodeText } from './decode.ts';

export const extract: Extractor = async ({ bytes }) => {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new JixiaoError('empty', '文件没有可读取的文字内容');
  if (isJson(text)) throw new JixiaoError('not-a-report', '这是 JSON 数据文件，不是绩效评价报告（例如 jixiao 的输出或核对结果），未检查');
  return { format: 'txt', encoding, blocks: parseTextBlocks(text), warnings: [] } satisfies RawDocument;
};

/** A data file (JSON output, golden files) is text but not a report. */
function isJson(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

const CELL_LINE = /^\t[^\t]*$/;
const hasTab = (line: string | undefined) => line !== undefined && line.includes('\t');
/** Blank separates rows and paragraphs; a lone tab is an empty cell, not a blank line. */
const isBlank = (line: string | undefined) => line !== undefined && !line.includes('\t') && line.trim() === '';

export function parseTextBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let tableCount = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
    } else if (CELL_LINE.test(line) && isCellPerLineRegion(lines, i)) {
      const { rows, next } = readCellPerLineTable(lines, i, ++tableCount);
      blocks.push(table(rows, tableCount, i + 1));
      i = next;
    } else if (hasTab(line)) {
      const { rows, next } = readRowPerLineTable(lines, i, ++tableCount);
      blocks.push(table(rows, tableCount, i + 1));
      i = next;
    } else {
      blocks.push({ kind: 'paragraph', text: line.trim(), loc: { line: i + 1 } });
      i++;
    }
  }
  return blocks;
}

function table(rows: Cell[][], index: number, line: number): Table {
  return { kind: 'table', index, rows, loc: { line, table: index } };
}

/** Cell-per-line when the tabbed lines around here carry exactly one leading tab each. */
function isCellPerLineRegion(lines: string[], start: number): boolean {
  let tabbed = 0;
  for (let i = start; i < lines.length && tabbed < 6; i++) {
    if (!hasTab(lines[i])) continue;
    if (!CELL_LINE.test(lines[i])) return false;
    tabbed++;
  }
  return tabbed >= 2;
}

function readRowPerLineTable(lines: string[], start: number, index: number) {
  const rows: Cell[][] = [];
  let i = start;
  for (; i < lines.length && hasTab(lines[i]); i++) {
    const r = rows.length + 1;
    rows.push(lines[i].split('\t').map((text, c) => ({ text: text.trim(), loc: { line: i + 1, table: index, row: r, column: c + 1 } })));
  }
  return { rows, next: i };
}

function readCellPerLineTable(lines: string[], start: number, index: number) {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  const endRow = () => {
    if (row.length) rows.push(row);
    row = [];
  };
  const addCell = (text: string, line: number) =>
    row.push({ text, loc: { line, table: index, row: rows.length + 1, column: row.length + 1 } });
  const appendToCell = (text: string) => {
    const cell = row[row.length - 1];
    if (cell) cell.text = cell.text ? `${cell.text}\n${text.trim()}` : text.trim();
  };

  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (CELL_LINE.test(line)) {
      addCell(line.slice(1).trim(), i + 1);
      i++;
    } else if (!isBlank(line) && !hasTab(line)) {
      appendToCell(line); // a multi-line cell continues on untabbed lines
      i++;
    } else if (isBlank(line)) {
      const chainEnd = continuationChainEnd(lines, i);
      if (chainEnd !== null) {
        for (let j = i; j < chainEnd; j++) if (!isBlank(lines[j])) appendToCell(lines[j]);
        i = chainEnd;
        continue;
      }
      let j = i;
      while (isBlank(lines[j])) j++;
      endRow();
      if (!CELL_LINE.test(lines[j] ?? '')) return { rows, next: j };
      i = j;
    } else {
      break; // a row-per-line tab line: a different table starts here
    }
  }
  endRow();
  return { rows, next: i };
}

/**
 * Converters sometimes put blank lines inside a cell ("批复规模\n\n(m²)\n\t实际规…"). After a blank
 * line, untabbed lines separated by single blank lines that end right before the next cell line are
 * that cell's continuation. Returns the index of that next cell line, or null when this blank line
 * really ends a row.
 */
function continuationChainEnd(lines: string[], blank: number): number | null {
  let i = blank;
  while (isBlank(lines[i]) && i - blank < 1) i++;
  if (i === blank || isBlank(lines[i])) return null;
  for (let hops = 0; hops < 4; hops++) {
    const line = lines[i];
    if (line === undefined || hasTab(line) || isBlank(line) || line.length > 40) return null;
    const next = lines[i + 1];
    if (next !== undefined && CELL_LINE.test(next)) return i + 1;
    if (!isBlank(next) || isBlank(lines[i + 2])) return null;
    i += 2;
  }
  return null;
}
