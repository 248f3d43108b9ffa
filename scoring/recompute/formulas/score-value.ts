// A measured value → the points the rubric's scoring (bands, proportional, over-limit) gives it.
import { Decimal } from 'decimal.js';
import { exact, scale, show, type Interval } from '../../../numbers/interval.ts';
import type { Band, Scoring } from '../../rubrics/schema.ts';
import { HUNDRED, mid, pct, pts, type Reading } from './computation.ts';
import { stepReadings } from './steps.ts';

export function scoreValue(value: Interval, scoring: Scoring, weight: Decimal): Reading[] {
  switch (scoring.kind) {
    case 'bands':
      return [bandReading(value, scoring.bands)];
    case 'proportional': {
      const cap = new Decimal(scoring.cap);
      const capped: Interval = { lo: Decimal.min(value.lo, cap), hi: Decimal.min(value.hi, cap) };
      const score = scale(capped, weight.div(HUNDRED));
      return [{ label: null, scores: [score], text: `${pct(value)} × ${weight.toFixed()} = ${pts(mid(score))}` }];
    }
    case 'over-limit': {
      const limit = new Decimal(scoring.limit);
      if (value.hi.lte(limit)) return [{ label: null, scores: [exact(weight)], text: `${pct(value)} ≤ ${limit.toFixed()}% → ${pts(weight)}` }];
      const excess: Interval = { lo: Decimal.max(0, value.lo.minus(limit)), hi: value.hi.minus(limit) };
      return stepReadings(excess, new Decimal(scoring.per), new Decimal(scoring.deduct), weight, 'over').map((r) => ({
        ...r,
        text: `超出${limit.toFixed()}%共${show(mid(excess))}个百分点 → ${r.text.split('→ ')[1]}`,
      }));
    }
  }
}

function bandReading(value: Interval, bands: Band[]): Reading {
  const hits = bands.filter((b) => touches(value, b));
  const covered = hits.length > 0 && coversAll(value, hits);
  const scores = [...new Set(hits.map((b) => new Decimal(b.points).toFixed()))].map((p) => exact(p));
  const text = hits.length
    ? hits.map((b) => `${describeBand(b, pct(value))} → ${pts(b.points)}`).join('，或 ')
    : `${pct(value)} 不在评分标准所列任何档次内`;
  return { label: null, scores, text, uncovered: !covered };
}

function touches(v: Interval, b: Band): boolean {
  const aboveMin = b.min === undefined || v.hi.gt(b.min) || (b.minInclusive && v.hi.eq(b.min));
  const belowMax = b.max === undefined || v.lo.lt(b.max) || (b.maxInclusive && v.lo.eq(b.max));
  return aboveMin && belowMax;
}

/** Whether the bands hit cover the whole interval (otherwise part of it lies in no band). */
function coversAll(v: Interval, hits: Band[]): boolean {
  const inSome = (x: Decimal) => hits.some((b) => touches({ lo: x, hi: x }, b));
  return inSome(v.lo) && inSome(v.hi);
}

/** The band with the value written in: "0.04% ≤ 10%", "90% ≤ 98.96% < 100%". */
export function describeBand(b: Band, value = 'x'): string {
  const min = b.min !== undefined ? `${b.min}%` : null;
  const max = b.max !== undefined ? `${b.max}%` : null;
  if (min && max && b.min === b.max) return `${value} = ${min}`;
  if (min && max) return `${min} ${b.minInclusive ? '≤' : '<'} ${value} ${b.maxInclusive ? '≤' : '<'} ${max}`;
  if (min) return `${value} ${b.minInclusive ? '≥' : '>'} ${min}`;
  if (max) return `${value} ${b.maxInclusive ? '≤' : '<'} ${max}`;
  return value;
}
