// Table grids in a (deskewed) binary page: long horizontal and vertical ink runs are rules; rules
// that touch each other form a table; the distinct rule positions are the grid lines; a missing
// stretch of rule between two neighbouring grid cells means they are one merged cell.
import { levels, ruleMask, transpose, type Grey, type Rect } from './raster.ts';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Pixel box between the rules around the cell. */
  rect: Rect;
}

export interface GridTable {
  rect: Rect;
  /** Grid line positions: rows.length − 1 grid rows, cols.length − 1 grid columns. */
  rows: number[];
  cols: number[];
  /** One entry per (merged) cell, row-major by top-left position. */
  cells: GridCell[];
}

interface Segment {
  /** Position across the rule (y for horizontal rules, x for vertical ones). */
  at: number;
  from: number;
  to: number;
}

export interface GridOptions {
  dpi: number;
}

export function detectTables(grey: Grey, { dpi }: GridOptions): GridTable[] {
  const { width, height } = grey;
  const tol = Math.max(4, Math.round(dpi / 40));
  const stats = levels(grey);
  const hMask = ruleMask(grey, stats);
  // Vertical rules are found as horizontal ones in the transposed page (memory order).
  const vMaskT = ruleMask(transpose(grey), stats);
  // Solid rules, and dashed ones (bilevel scans): pieces chained across gaps up to 1/10 inch, at
  // least an inch long, with blank lines on both sides (a row through text has ink around it).
  const passes: RunPass[] = [
    { minPiece: 1, maxPiece: Infinity, maxGap: Math.max(3, Math.round(dpi / 60)), minLength: 0, isolation: tol, far: false },
    { minPiece: Math.round(dpi / 12), maxPiece: Math.round(dpi / 3), maxGap: Math.round(dpi / 10), minLength: dpi, isolation: tol + 2, far: true },
  ];
  const runs = (mask: Uint8Array, w: number, h: number, minLength: number) =>
    mergeRuns(passes.flatMap((p) => scanRuns(mask, w, h, Math.max(minLength, p.minLength), p)).sort((a, b) => a.at - b.at), tol);
  const horizontal = runs(hMask, width, height, Math.max(40, Math.round(dpi * 0.25)));
  const verticalRaw = runs(vMaskT, height, width, Math.max(20, Math.round(dpi * 0.12)));
  const vertical = verticalRaw.filter((v) => touchCount(v, horizontal, tol) >= 2);
  const rules = horizontal.filter((h) => touchCount(h, vertical, tol) >= 2);
  return groupRules(rules, vertical, tol)
    .map((group) => buildTable(group.h, group.v, tol))
    .filter((t): t is GridTable => t !== null && isTableSized(t.rect, dpi))
    .sort((a, b) => a.rect.y0 - b.rect.y0);
}

/** Strokes of large bold characters can look like a tiny ruled box; a table is at least 1 × 0.3 inch. */
const isTableSized = (r: Rect, dpi: number) => r.x1 - r.x0 >= dpi && r.y1 - r.y0 >= 0.3 * dpi;

interface RunPass {
  /** Solid pieces (gaps of 2 pixels at most) shorter than this never start or extend a chain. */
  minPiece: number;
  /**
   * Longer solid pieces end a chain and are left to the solid pass: a dashed chain must not
   * stretch a solid rule into the text beyond its end.
   */
  maxPiece: number;
  /** Largest gap bridged between pieces. */
  maxGap: number;
  minLength: number;
  /**
   * The lines this far on both sides must be mostly blank along the run (and, with `far`, twice as
   * far too). Wrapped CJK text stacks its characters' strokes into long straight runs, but those
   * have ink beside them; a rule has cell padding on both sides.
   */
  isolation: number;
  far: boolean;
}

/**
 * Runs of ink at least minLength long along the rows of a mask (columns are scanned as the rows of
 * the transposed mask): solid pieces chained across gaps up to maxGap while the chain stays mostly
 * ink. Short pieces, such as a crossed perpendicular rule or a dot of noise, never start or extend
 * a chain.
 */
function scanRuns(mask: Uint8Array, width: number, height: number, minLength: number, pass: RunPass): Segment[] {
  const density = (row: number, from: number, to: number) => {
    if (row < 0 || row >= height) return 0;
    let ink = 0;
    for (let i = row * width + from, end = row * width + to; i <= end; i++) ink += mask[i];
    return ink / (to - from + 1);
  };
  const isolated = (row: number, from: number, to: number, { isolation: d, far }: RunPass) =>
    (far ? [row - d, row + d, row - 2 * d, row + 2 * d] : [row - d, row + d]).every((side) => density(side, from, to) <= MAX_SIDE_DENSITY);
  const runs: Segment[] = [];
  for (let row = 0; row < height; row++) {
    const base = row * width;
    let chain: { from: number; to: number; ink: number } | null = null;
    const close = () => {
      const c = chain;
      chain = null;
      if (!c || c.to - c.from + 1 < minLength || c.ink / (c.to - c.from + 1) < MIN_RULE_DENSITY) return;
      if (!isolated(row, c.from, c.to, pass)) return;
      runs.push({ at: row, from: c.from, to: c.to });
    };
    const addPiece = (from: number, to: number, ink: number) => {
      if (to - from + 1 > pass.maxPiece) return close();
      if (to - from + 1 < pass.minPiece) return;
      if (chain && from - chain.to - 1 <= pass.maxGap) {
        chain.to = to;
        chain.ink += ink;
      } else {
        close();
        chain = { from, to, ink };
      }
    };
    let start = -1;
    let lastInk = -1;
    let ink = 0;
    for (let i = 0; i < width; i++) {
      if (mask[base + i] !== 1) continue;
      if (start < 0 || i - lastInk - 1 > 2) {
        if (start >= 0) addPiece(start, lastInk, ink);
        start = i;
        ink = 0;
      }
      lastInk = i;
      ink++;
    }
    if (start >= 0) addPiece(start, lastInk, ink);
    close();
  }
  return runs;
}

/** Ink share allowed on the lines beside a rule (crossing rules, stray text touching it). */
const MAX_SIDE_DENSITY = 0.3;

/** Share of a rule's length that must be ink (dashed rules of bilevel scans are ~0.6–0.7). */
const MIN_RULE_DENSITY = 0.5;

/** Runs on neighbouring lines that overlap are one rule; thick blobs (bold text, images) are dropped. */
function mergeRuns(runs: Segment[], tol: number): Segment[] {
  interface Acc { a0: number; a1: number; from: number; to: number; weight: number; sum: number }
  const open: Acc[] = [];
  const done: Acc[] = [];
  for (const run of runs) {
    const hit = open.find((s) => run.at - s.a1 <= 2 && run.from <= s.to && run.to >= s.from);
    if (hit) {
      hit.a1 = run.at;
      hit.from = Math.min(hit.from, run.from);
      hit.to = Math.max(hit.to, run.to);
      const w = run.to - run.from + 1;
      hit.sum += run.at * w;
      hit.weight += w;
    } else {
      const w = run.to - run.from + 1;
      open.push({ a0: run.at, a1: run.at, from: run.from, to: run.to, weight: w, sum: run.at * w });
    }
    for (let i = open.length - 1; i >= 0; i--) if (run.at - open[i].a1 > 2) done.push(...open.splice(i, 1));
  }
  done.push(...open);
  return done.filter((s) => s.a1 - s.a0 <= 2 * tol).map((s) => ({ at: s.sum / s.weight, from: s.from, to: s.to }));
}

/** How many perpendicular rules this rule meets (crossing, or ending on it). */
function touchCount(rule: Segment, others: Segment[], tol: number): number {
  return others.filter((o) => meets(rule, o, tol)).length;
}

const meets = (a: Segment, b: Segment, tol: number) =>
  b.at >= a.from - tol && b.at <= a.to + tol && a.at >= b.from - tol && a.at <= b.to + tol;

function groupRules(h: Segment[], v: Segment[], tol: number): { h: Segment[]; v: Segment[] }[] {
  const parent = [...h, ...v].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  h.forEach((a, i) => v.forEach((b, j) => meets(a, b, tol) && (parent[find(i)] = find(h.length + j))));
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  const groupOf = (i: number) => groups.get(find(i)) ?? groups.set(find(i), { h: [], v: [] }).get(find(i))!;
  h.forEach((s, i) => groupOf(i).h.push(s));
  v.forEach((s, j) => groupOf(h.length + j).v.push(s));
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

/** Positions closer than tol are one grid line (their mean). */
function clusterPositions(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

function buildTable(h: Segment[], v: Segment[], tol: number): GridTable | null {
  const x0 = Math.min(...h.map((s) => s.from));
  const x1 = Math.max(...h.map((s) => s.to));
  const y0 = Math.min(...v.map((s) => s.from));
  const y1 = Math.max(...v.map((s) => s.to));
  // Outer edges count as grid lines even when the table has no outer border.
  const rows = clusterPositions([...h.map((s) => s.at), y0, y1], 2 * tol);
  const cols = clusterPositions([...v.map((s) => s.at), x0, x1], 2 * tol);
  if (rows.length < 2 || cols.length < 2) return null;
  const cells = mergeCells(rows, cols, (r, c, dir) => hasWall(dir === 'v' ? v : h, rows, cols, r, c, dir, tol));
  return { rect: { x0, y0, x1, y1 }, rows, cols, cells };
}

/**
 * Is there a rule between grid cell (r, c) and its right ('v') or lower ('h') neighbour? True when
 * rules lying on that boundary cover at least half of its length.
 */
function hasWall(rules: Segment[], rows: number[], cols: number[], r: number, c: number, dir: 'h' | 'v', tol: number): boolean {
  const [at, from, to] = dir === 'v' ? [cols[c + 1], rows[r], rows[r + 1]] : [rows[r + 1], cols[c], cols[c + 1]];
  const a = from + tol;
  const b = to - tol;
  if (b <= a) return true;
  const pieces = rules
    .filter((s) => Math.abs(s.at - at) <= 2 * tol && s.to > a && s.from < b)
    .map((s) => [Math.max(a, s.from), Math.min(b, s.to)] as const)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let reach = a;
  for (const [p0, p1] of pieces) {
    if (p1 > reach) covered += p1 - Math.max(p0, reach);
    reach = Math.max(reach, p1);
  }
  return covered / (b - a) >= 0.5;
}

/** Union-find over grid cells without a wall between them; each group's bounding box is one cell. */
export function mergeCells(rows: number[], cols: number[], wall: (r: number, c: number, dir: 'h' | 'v') => boolean): GridCell[] {
  const nr = rows.length - 1;
  const nc = cols.length - 1;
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (c + 1 < nc && !wall(r, c, 'v')) parent[find(r * nc + c)] = find(r * nc + c + 1);
      if (r + 1 < nr && !wall(r, c, 'h')) parent[find(r * nc + c)] = find((r + 1) * nc + c);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < nr * nc; i++) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  const cells: GridCell[] = [];
  for (const members of groups.values()) {
    const rs = members.map((i) => Math.floor(i / nc));
    const cs = members.map((i) => i % nc);
    const [r0, r1, c0, c1] = [Math.min(...rs), Math.max(...rs), Math.min(...cs), Math.max(...cs)];
    if (members.length !== (r1 - r0 + 1) * (c1 - c0 + 1)) {
      // Not a rectangle (a broken rule): keep the grid cells apart rather than invent a span.
      for (const i of members) cells.push(gridCell(rows, cols, Math.floor(i / nc), i % nc, 1, 1));
      continue;
    }
    cells.push(gridCell(rows, cols, r0, c0, r1 - r0 + 1, c1 - c0 + 1));
  }
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}

function gridCell(rows: number[], cols: number[], row: number, col: number, rowSpan: number, colSpan: number): GridCell {
  return { row, col, rowSpan, colSpan, rect: { x0: cols[col], y0: rows[row], x1: cols[col + colSpan], y1: rows[row + rowSpan] } };
}
