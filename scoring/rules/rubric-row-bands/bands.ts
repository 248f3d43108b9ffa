// A rubric printed in the row itself: the 评分标准 cell's clauses "结转结余率≤10%的，得3分；
// 10%<结转结余率≤20%的，得2分；…；结转结余率>30%的，得0分" as bands over one figure.
import { Decimal } from 'decimal.js';

export interface Band {
  lo: Decimal | null;
  loIncluded: boolean;
  hi: Decimal | null;
  hiIncluded: boolean;
  points: Decimal;
  clause: string;
}

const POINTS = /得\s*(\d+(?:\.\d+)?)\s*分|不得分|得\s*0\s*分/;
const NUMBER = '(-?\\d+(?:\\.\\d+)?)\\s*%?';
/** "≤20%" after the figure's name, or "10%<" before it. */
const OP_THEN_NUMBER = new RegExp(`(<=|>=|[<>≤≥＜＞=＝])\\s*${NUMBER}`, 'g');
const NUMBER_THEN_OP = new RegExp(`${NUMBER}\\s*(<=|>=|[<>≤≥＜＞])(?!\\s*-?\\d)`, 'g');

type Op = '<' | '≤' | '>' | '≥' | '=';
const OPS: Record<string, Op> = { '<': '<', '＜': '<', '<=': '≤', '≤': '≤', '>': '>', '＞': '>', '>=': '≥', '≥': '≥', '=': '=', '＝': '=' };
/** "10% < X" is "X > 10%". */
const MIRROR: Record<Op, Op> = { '<': '>', '≤': '≥', '>': '<', '≥': '≤', '=': '=' };

/** The figure the bands speak of: the words of the first band's condition ("结转结余率"), if any. */
export function bandFigure(bands: Band[]): string | null {
  const words = bands[0]?.clause.split(/得|不得分/)[0].replace(/[\d.%\s<>≤≥＜＞=＝\-—，,的为时]/g, '') ?? '';
  return words.length >= 2 ? words : null;
}

/** The bands a 评分标准 text prints, when at least two of its clauses are conditions with points. */
export function parseBands(criteria: string): Band[] {
  const bands = criteria
    .split(/[；;。\n]/)
    .map((clause) => clause.trim())
    .map(bandOf)
    .filter((b): b is Band => b !== null);
  return bands.length >= 2 ? bands : [];
}

function bandOf(clause: string): Band | null {
  const points = POINTS.exec(clause);
  if (!points) return null;
  const condition = clause.slice(0, points.index);
  const band: Band = { lo: null, loIncluded: false, hi: null, hiIncluded: false, points: new Decimal(points[1] ?? 0), clause };
  let bounded = false;
  for (const m of condition.matchAll(OP_THEN_NUMBER)) bounded = bound(band, OPS[m[1]], new Decimal(m[2])) || bounded;
  for (const m of condition.matchAll(NUMBER_THEN_OP)) bounded = bound(band, MIRROR[OPS[m[2]]], new Decimal(m[1])) || bounded;
  return bounded ? band : null;
}

function bound(band: Band, op: Op, value: Decimal): boolean {
  if (op === '<' || op === '≤' || op === '=') Object.assign(band, { hi: value, hiIncluded: op !== '<' });
  if (op === '>' || op === '≥' || op === '=') Object.assign(band, { lo: value, loIncluded: op !== '>' });
  return true;
}

/**
 * The band a value in [lo, hi] scores in, clauses read in order (the first that holds wins, as in
 * "≤-15%的，得3分；≤0的，得1分"); null when the two ends of the rounding interval score differently.
 */
export function bandFor(bands: Band[], lo: Decimal, hi: Decimal): Band | null {
  const first = (v: Decimal) => bands.find((b) => contains(b, v)) ?? null;
  const atLo = first(lo);
  return atLo && atLo === first(hi) ? atLo : null;
}

function contains(b: Band, v: Decimal): boolean {
  const aboveLo = b.lo === null || (b.loIncluded ? v.gte(b.lo) : v.gt(b.lo));
  const belowHi = b.hi === null || (b.hiIncluded ? v.lte(b.hi) : v.lt(b.hi));
  return aboveLo && belowHi;
}
