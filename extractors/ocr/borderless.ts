// Tables without rules (收支情况表 printed as aligned columns): consecutive OCR lines that break into
// the same columns at wide gaps. Lines are split where the gap between two words is wider than
// 1.5 line heights (text inside a cell never leaves such a gap); a run of lines where at least
// three split into three or more pieces, starting at the same places, is a table. Words are then
// put in columns by where they start, so a label running close to the next column still splits.
import type { OcrLine, OcrWord } from './engine.ts';

export interface BorderlessTable {
  /** Index range [start, end) into the lines given. */
  start: number;
  end: number;
  /** Rows of cells; each cell is the words read in it (several lines when a cell wrapped). */
  rows: OcrWord[][][][];
}

const GAP = 1.5;
const MIN_COLUMNS = 3;
const MIN_ROWS = 3;

/** Lines sorted top to bottom; returns the borderless tables found among them. */
export function findBorderlessTables(lines: OcrLine[], lineHeight: number): BorderlessTable[] {
  const pieces = lines.map((line) => splitAtGaps(line, lineHeight));
  const tables: BorderlessTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (pieces[i].length < MIN_COLUMNS) {
      i++;
      continue;
    }
    let end = i + 1;
    // The run goes on through lines of 2+ pieces, and through wrapped single pieces close below.
    while (end < lines.length && (pieces[end].length >= 2 || isWrap(lines[end - 1], lines[end], pieces[end], lineHeight))) end++;
    const wide = pieces.slice(i, end).filter((p) => p.length >= MIN_COLUMNS).length;
    const columns = wide >= MIN_ROWS ? columnStarts(pieces.slice(i, end), lineHeight) : [];
    if (columns.length >= MIN_COLUMNS) {
      tables.push({ start: i, end, rows: buildRows(lines.slice(i, end), pieces.slice(i, end), columns, lineHeight) });
      i = end;
    } else {
      i++;
    }
  }
  return tables;
}

function splitAtGaps(line: OcrLine, lineHeight: number): OcrWord[][] {
  const out: OcrWord[][] = [];
  for (const word of line.words) {
    const last = out[out.length - 1];
    if (last && word.bbox.x0 - last[last.length - 1].bbox.x1 <= GAP * lineHeight) last.push(word);
    else out.push([word]);
  }
  return out;
}

/** A single piece right under the previous line, closer than half a line: the rest of a cell. */
function isWrap(previous: OcrLine, line: OcrLine, pieces: OcrWord[][], lineHeight: number): boolean {
  return pieces.length === 1 && line.bbox.y0 - previous.bbox.y1 < 0.5 * lineHeight;
}

/** Left edges shared by at least two lines' pieces (within a line height) are the columns. */
function columnStarts(pieces: OcrWord[][][], lineHeight: number): number[] {
  const starts = pieces.flatMap((line) => line.map((p) => p[0].bbox.x0)).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of starts) {
    const last = clusters[clusters.length - 1];
    if (last && x - last[0] <= lineHeight) last.push(x);
    else clusters.push([x]);
  }
  return clusters.filter((c) => c.length >= 2).map((c) => Math.min(...c));
}

/** Each word goes to the column whose start it is at or right of; a wrapped line continues its row. */
function buildRows(lines: OcrLine[], pieces: OcrWord[][][], columns: number[], lineHeight: number): OcrWord[][][][] {
  const columnOf = (x: number) => {
    let col = 0;
    columns.forEach((start, c) => {
      if (x >= start - 0.5 * lineHeight) col = c;
    });
    return col;
  };
  const rows: OcrWord[][][][] = [];
  lines.forEach((line, l) => {
    const wrap = l > 0 && isWrap(lines[l - 1], line, pieces[l], lineHeight);
    if (!wrap) rows.push(columns.map(() => []));
    const row = rows[rows.length - 1];
    const inLine = columns.map((): OcrWord[] => []);
    for (const word of line.words) inLine[columnOf(word.bbox.x0)].push(word);
    inLine.forEach((words, c) => words.length && row[c].push(words));
  });
  return rows;
}
