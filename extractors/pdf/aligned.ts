// Tables without ruling lines, found by column alignment. Lines whose runs are separated by wide
// gaps are cut into segments; a run of at least three such lines whose segments fall into the same
// columns (x ranges no segment of another column crosses) is a table. A single-segment line inside
// one column (not the first) continues the cell above it. Conservative on purpose: anything that does
// not line up stays text.
import type { BBox, PageCell, PageTable } from './tables.ts';
import { normalizeSpacing, type TextLine, type TextRun } from './text.ts';

/**
 * A gap wider than this many ems between runs separates two cells (cell padding is often under one
 * em; the autospace between CJK and digits is about 0.25 em). Running text never lines up into
 * columns, so a low threshold costs little.
 */
const CELL_GAP = 0.6;
const MIN_ROWS = 3;

interface Segment {
  text: string;
  x0: number;
  x1: number;
}

export function segmentsOf(line: TextLine): Segment[] {
  const out: Segment[] = [];
  let runs: TextRun[] = [];
  const flush = () => {
    if (runs.length) out.push({ text: normalizeSpacing(runs.map((r) => r.text).join('')), x0: runs[0].x0, x1: Math.max(...runs.map((r) => r.x1)) });
    runs = [];
  };
  for (const run of [...line.runs].sort((a, b) => a.x0 - b.x0)) {
    const prev = runs[runs.length - 1];
    if (prev && run.x0 - prev.x1 > CELL_GAP * Math.min(prev.size, run.size)) flush();
    runs.push(run);
  }
  flush();
  return out;
}

/** Splits a page's lines into aligned tables and the lines that stay text. */
export function findAlignedTables(lines: readonly TextLine[], page: number): { tables: PageTable[]; rest: TextLine[] } {
  const segs = lines.map(segmentsOf);
  const tables: PageTable[] = [];
  const used = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const found = segs[i].length >= 2 ? tableFrom(lines, segs, i, page) : null;
    if (found) {
      tables.push(found.table);
      for (let k = i; k < found.end; k++) used.add(k);
      i = found.end;
    } else i++;
  }
  return { tables, rest: lines.filter((_, k) => !used.has(k)) };
}

/** Grows a table from line `start` while lines keep to the same columns. */
function tableFrom(lines: readonly TextLine[], segs: Segment[][], start: number, page: number): { table: PageTable; end: number } | null {
  let columns = mergeColumns(segs[start]);
  let end = start + 1;
  for (let k = start + 1; k < lines.length; k++) {
    const gap = lines[k - 1].y - lines[k].y;
    if (gap > 2.5 * Math.max(lines[k].size, lines[k - 1].size)) break;
    if (segs[k].length >= 2) {
      const widened = mergeColumns([...columnSegments(columns), ...segs[k]]);
      if (widened.length !== columns.length) break; // a segment bridges two columns: not this table
      columns = widened;
    } else {
      // One piece inside one column continues a cell; in the first column only when set as tight as a row.
      const col = columnOf(columns, segs[k][0]);
      if (col < 0 || (col === 0 && gap > 1.5 * lines[k].size)) break;
    }
    end = k + 1;
  }
  const rowLines = [...Array(end - start).keys()].map((k) => start + k).filter((k) => segs[k].length >= 2);
  if (rowLines.length < MIN_ROWS || columns.length < 2) return null;
  return { table: toPageTable(lines.slice(start, end), segs.slice(start, end), columns, page), end };
}

type Column = [number, number];

/** Column extents: the union of overlapping segment ranges. */
function mergeColumns(segments: readonly Segment[]): Column[] {
  const sorted = [...segments].sort((a, b) => a.x0 - b.x0);
  const out: Column[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.x0 <= last[1]) last[1] = Math.max(last[1], s.x1);
    else out.push([s.x0, s.x1]);
  }
  return out;
}

const columnSegments = (columns: Column[]): Segment[] => columns.map(([x0, x1]) => ({ text: '', x0, x1 }));

function columnOf(columns: Column[], seg: Segment | undefined): number {
  if (!seg) return -1;
  return columns.findIndex(([x0, x1]) => seg.x0 >= x0 - 0.5 && seg.x1 <= x1 + 0.5);
}

function toPageTable(lines: TextLine[], segs: Segment[][], columns: Column[], page: number): PageTable {
  const xs = [columns[0][0] - 1, ...columns.slice(1).map(([x0], c) => (columns[c][1] + x0) / 2), columns[columns.length - 1][1] + 1];
  const rows: Array<{ texts: string[]; top: number; bottom: number }> = [];
  lines.forEach((line, k) => {
    const top = line.y + 0.88 * line.size;
    const bottom = line.y - 0.12 * line.size;
    if (segs[k].length >= 2 || rows.length === 0) {
      const texts = columns.map(() => '');
      for (const seg of segs[k]) texts[Math.max(0, columnOf(columns, seg))] += seg.text;
      rows.push({ texts, top, bottom });
    } else {
      const row = rows[rows.length - 1];
      row.texts[columnOf(columns, segs[k][0])] += segs[k][0].text;
      row.bottom = bottom;
    }
  });
  const ys = [rows[0].top + 2, ...rows.slice(1).map((r, i) => (rows[i].bottom + r.top) / 2), rows[rows.length - 1].bottom - 2];
  const cells: PageCell[] = rows.flatMap((row, r) =>
    row.texts.map((text, c): PageCell => {
      const bbox: BBox = [xs[c], ys[r + 1], xs[c + 1], ys[r]];
      return { row: r, col: c, rowSpan: 1, colSpan: 1, text, page, bbox, lastX1: bbox[2], lastSize: 0, right: bbox[2], firstUnitWidth: 0 };
    }),
  );
  return { page, xs, ys, nRows: rows.length, nCols: columns.length, cells, bbox: [xs[0], ys[ys.length - 1], xs[xs.length - 1], ys[0]] };
}
