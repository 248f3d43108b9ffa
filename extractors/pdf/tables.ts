// Text runs → the cells of a page's grids. A run belongs to the cell that holds its centre; a run
// that crosses a real column rule is cut at the rule. Inside a cell, runs become lines and wrapped
// lines are joined back into the cell's text (a short line ends a paragraph: newline).
import type { Grid } from './grid.ts';
import { buildLines, firstUnit, HALF_WIDTH_EM, joinCellLines, measuredWidth, type TextRun } from './text.ts';

/** Typical distance between a cell's right rule and its text. */
const CELL_PADDING = 2;

export type BBox = [number, number, number, number];

export interface PageCell {
  /** 0-based grid position of the top-left corner on this page. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  page: number;
  bbox: BBox;
  /** Where the cell's last line ends, its size, and the text's right edge (to join text a page break cut). */
  lastX1: number;
  lastSize: number;
  right: number;
  /** Measured width of the first unbreakable piece of the cell's first line. */
  firstUnitWidth: number;
}

export interface PageTable {
  page: number;
  xs: number[];
  ys: number[];
  nRows: number;
  nCols: number;
  cells: PageCell[];
  bbox: BBox;
  /** Rows read back from tab-laid text (tabbed.ts): whole rows, nothing for a page break to repair. */
  tabbed?: boolean;
}

export function gridBBox(grid: Grid): BBox {
  return [grid.xs[0], grid.ys[grid.ys.length - 1], grid.xs[grid.xs.length - 1], grid.ys[0]];
}

export function insideBBox(bbox: BBox, x: number, y: number): boolean {
  return x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3];
}

/** Centre of a run (baseline + 0.35 em approximates the middle of CJK and digits). */
export function runCentre(run: TextRun): [number, number] {
  return [(run.x0 + run.x1) / 2, run.y + 0.35 * run.size];
}

/** Fills a grid's cells with the runs that fall inside it. */
export function fillGrid(grid: Grid, runs: readonly TextRun[], page: number): PageTable {
  const perRegion = grid.regions.map(() => [] as TextRun[]);
  for (const run of runs.flatMap((r) => cutAtRules(r, grid))) {
    const [x, y] = runCentre(run);
    const c = indexOf(grid.xs, x, false);
    const r = indexOf(grid.ys, y, true);
    if (c < 0 || r < 0) continue;
    perRegion[grid.owner[r][c]].push(run);
  }
  const cells = grid.regions.map((region, i) => {
    const bbox: BBox = [grid.xs[region.col], grid.ys[region.row + region.rowSpan], grid.xs[region.col + region.colSpan], grid.ys[region.row]];
    const lines = buildLines(perRegion[i]);
    const last = lines[lines.length - 1];
    const right = bbox[2] - CELL_PADDING;
    const firstUnitWidth = lines.length ? measuredWidth(lines[0], firstUnit(lines[0].text)) : 0;
    return { ...region, text: joinCellLines(lines, right), page, bbox, lastX1: last?.x1 ?? bbox[0], lastSize: last?.size ?? 0, right, firstUnitWidth };
  });
  return { page, xs: grid.xs, ys: grid.ys, nRows: grid.ys.length - 1, nCols: grid.xs.length - 1, cells, bbox: gridBBox(grid) };
}

/** Index of the interval of `bounds` holding v; bounds ascending (or descending when `desc`). */
function indexOf(bounds: number[], v: number, desc: boolean): number {
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = desc ? [bounds[i + 1], bounds[i]] : [bounds[i], bounds[i + 1]];
    if (v >= a && v <= b) return i;
  }
  return -1;
}

/**
 * Splits a run that crosses a rule between two different cells. Character widths are estimated from
 * their kind: a CJK character or full-width sign is one em, a digit or Latin letter about half
 * ("信息公开14" across the rule before the weight column cuts before "14", not inside it).
 */
function cutAtRules(run: TextRun, grid: Grid): TextRun[] {
  const chars = [...run.text];
  if (chars.length < 2) return [run];
  const r = indexOf(grid.ys, runCentre(run)[1], true);
  if (r < 0) return [run];
  const edges = charEdges(run, chars);
  const margin = 0.3 * ((run.x1 - run.x0) / chars.length);
  for (let c = 1; c + 1 < grid.xs.length; c++) {
    const x = grid.xs[c];
    if (x <= run.x0 + margin || x >= run.x1 - margin) continue;
    if (grid.owner[r][c - 1] === grid.owner[r][c]) continue; // inside a merged cell: no rule here
    const cut = nearestEdge(edges, x);
    if (cut <= 0 || cut >= chars.length) continue;
    const left: TextRun = { ...run, text: chars.slice(0, cut).join(''), x1: edges[cut] };
    const right: TextRun = { ...run, text: chars.slice(cut).join(''), x0: edges[cut] };
    return [left, ...cutAtRules(right, grid)];
  }
  return [run];
}

const isWide = (ch: string) => /[\u2E80-\u9FFF\uF900-\uFAFF\uFF01-\uFF60\u3000-\u303F]/.test(ch);

/** x of the left edge of each character, and of the run's end. */
export function charEdges(run: TextRun, chars: string[]): number[] {
  const weights = chars.map((ch) => (isWide(ch) ? 1 : HALF_WIDTH_EM));
  const unit = (run.x1 - run.x0) / weights.reduce((a, b) => a + b, 0);
  const edges = [run.x0];
  for (const w of weights) edges.push(edges[edges.length - 1] + w * unit);
  return edges;
}

function nearestEdge(edges: number[], x: number): number {
  let best = 0;
  edges.forEach((e, i) => {
    if (Math.abs(e - x) < Math.abs(edges[best] - x)) best = i;
  });
  return best;
}
