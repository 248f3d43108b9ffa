// Ruling segments → table grids. Segments are snapped and joined, grouped into connected sets of
// crossing lines (one set per table), and each set becomes a grid of elementary cells from the
// distinct x and y positions; neighbouring elementary cells with no rule between them form one
// merged cell (a rowSpan/colSpan region).
import type { Segment } from './rulings.ts';

/** Positions closer than this (points) are the same rule. */
const SNAP = 1.5;
/** Collinear pieces with a gap up to this are one rule. */
const JOIN_GAP = 2;
/** How far a line may stop short of the line it meets. */
const TOUCH = 2.5;

interface HLine {
  y: number;
  x0: number;
  x1: number;
}
interface VLine {
  x: number;
  y0: number;
  y1: number;
}

/** A merged (or single) cell: grid position from the top-left, 0-based. */
export interface Region {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface Grid {
  /** Column boundaries, left to right. */
  xs: number[];
  /** Row boundaries, top to bottom (descending y). */
  ys: number[];
  regions: Region[];
  /** owner[r][c]: index into regions of the region covering elementary cell (r, c). */
  owner: number[][];
}

export function findGrids(segments: readonly Segment[]): Grid[] {
  const hs = joinHorizontal(segments.filter((s) => s.y0 === s.y1).map((s) => ({ y: s.y0, x0: s.x0, x1: s.x1 })));
  const vs = joinVertical(segments.filter((s) => s.x0 === s.x1).map((s) => ({ x: s.x0, y0: s.y0, y1: s.y1 })));
  return connectedSets(hs, vs)
    .map(({ h, v }) => buildGrid(h, v))
    .filter((g): g is Grid => g !== null);
}

function joinHorizontal(lines: HLine[]): HLine[] {
  const rows = clusterBy(lines, (l) => l.y);
  return rows.flatMap((group) => {
    const y = median(group.map((l) => l.y));
    return joinIntervals(group.map((l) => [l.x0, l.x1] as [number, number])).map(([x0, x1]) => ({ y, x0, x1 }));
  });
}

function joinVertical(lines: VLine[]): VLine[] {
  const cols = clusterBy(lines, (l) => l.x);
  return cols.flatMap((group) => {
    const x = median(group.map((l) => l.x));
    return joinIntervals(group.map((l) => [l.y0, l.y1] as [number, number])).map(([y0, y1]) => ({ x, y0, y1 }));
  });
}

/** Groups items whose key lies within SNAP of the previous one (keys sorted). */
function clusterBy<T>(items: T[], key: (t: T) => number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const groups: T[][] = [];
  for (const item of sorted) {
    const last = groups[groups.length - 1];
    if (last && key(item) - key(last[last.length - 1]) <= SNAP) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function joinIntervals(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + JOIN_GAP) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const crosses = (h: HLine, v: VLine) =>
  v.x >= h.x0 - TOUCH && v.x <= h.x1 + TOUCH && h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH;

/** Connected sets of crossing horizontal and vertical lines (union-find). */
function connectedSets(hs: HLine[], vs: VLine[]): Array<{ h: HLine[]; v: VLine[] }> {
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  hs.forEach((h, i) => vs.forEach((v, j) => {
    if (crosses(h, v)) parent[find(i)] = find(hs.length + j);
  }));
  const sets = new Map<number, { h: HLine[]; v: VLine[] }>();
  const setOf = (i: number) => {
    const root = find(i);
    let set = sets.get(root);
    if (!set) sets.set(root, (set = { h: [], v: [] }));
    return set;
  };
  hs.forEach((h, i) => setOf(i).h.push(h));
  vs.forEach((v, j) => setOf(hs.length + j).v.push(v));
  return [...sets.values()].filter((s) => s.h.length >= 2 && s.v.length >= 2);
}

function positions(values: number[]): number[] {
  return clusterBy(values, (v) => v).map(median);
}

/** Tables open at the sides (no outer vertical rules) end where their horizontal rules end; same for top and bottom. */
function withOuterEdges(sorted: number[], min: number, max: number): number[] {
  const out = [...sorted];
  if (min < out[0] - 3 * SNAP) out.unshift(min);
  if (max > out[out.length - 1] + 3 * SNAP) out.push(max);
  return out;
}

function buildGrid(hs: HLine[], vs: VLine[]): Grid | null {
  const xs = withOuterEdges(positions(vs.map((v) => v.x)), Math.min(...hs.map((h) => h.x0)), Math.max(...hs.map((h) => h.x1)));
  const ys = withOuterEdges(positions(hs.map((h) => h.y)), Math.min(...vs.map((v) => v.y0)), Math.max(...vs.map((v) => v.y1))).reverse();
  if (xs.length < 2 || ys.length < 2) return null;
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  const hasV = (x: number, top: number, bottom: number) =>
    vs.some((v) => Math.abs(v.x - x) <= SNAP && v.y0 <= bottom + TOUCH && v.y1 >= top - TOUCH);
  const hasH = (y: number, left: number, right: number) =>
    hs.some((h) => Math.abs(h.y - y) <= SNAP && h.x0 <= left + TOUCH && h.x1 >= right - TOUCH);

  // Union elementary cells that have no rule between them.
  const id = (r: number, c: number) => r * nCols + c;
  const parent = Array.from({ length: nRows * nCols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && !hasV(xs[c + 1], ys[r], ys[r + 1])) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < nRows && !hasH(ys[r + 1], xs[c], xs[c + 1])) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  return toRegions(xs, ys, nRows, nCols, (r, c) => find(id(r, c)));
}

function toRegions(xs: number[], ys: number[], nRows: number, nCols: number, rootOf: (r: number, c: number) => number): Grid | null {
  const bounds = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nCols; c++) {
      const root = rootOf(r, c);
      const b = bounds.get(root);
      if (!b) bounds.set(root, { r0: r, c0: c, r1: r, c1: c });
      else Object.assign(b, { r0: Math.min(b.r0, r), c0: Math.min(b.c0, c), r1: Math.max(b.r1, r), c1: Math.max(b.c1, c) });
    }
  const regions: Region[] = [];
  const owner = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  // Row-major order of top-left corners; a non-rectangular union keeps its bounding box where free.
  const ordered = [...bounds.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  for (const b of ordered) {
    if (owner[b.r0][b.c0] !== -1) continue;
    const index = regions.length;
    regions.push({ row: b.r0, col: b.c0, rowSpan: b.r1 - b.r0 + 1, colSpan: b.c1 - b.c0 + 1 });
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) if (owner[r][c] === -1) owner[r][c] = index;
  }
  // Any position left over (overlapping unions) becomes its own cell.
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nCols; c++)
      if (owner[r][c] === -1) {
        owner[r][c] = regions.length;
        regions.push({ row: r, col: c, rowSpan: 1, colSpan: 1 });
      }
  if (regions.length < 2) return null; // a frame around text, not a table
  return { xs, ys, regions, owner };
}
