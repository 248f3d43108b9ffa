// Recomputes an implicit rate claim (normalizers/claims/rate.ts) with rounding intervals.
import { Decimal } from 'decimal.js';
import type { ClaimOf, Quantity } from '../../model/index.ts';
import { add, div, exact, judge, ofQuantity, sub, type Interval, type Verdict } from '../../numbers/interval.ts';
import { isMoneyUnit, WAN_YUAN_PER } from '../../numbers/vocabulary.ts';
import { printed } from './format.ts';

export interface RateJudgement {
  verdict: Verdict | 'unverifiable';
  /** Recomputed percentage, printed with the report's decimals (at least two). */
  expected: string | null;
  actual: string;
  calculation: string;
}

/** Whole counts (家, 个, 条…) are exact; amounts were rounded to their printed decimals. */
const isCount = (q: Quantity) => q.decimals === 0 && !isMoneyUnit(q.unit) && q.unit !== '%' && q.unit !== '';

function scaled(q: Quantity, other: Quantity): Interval {
  const interval = isCount(q) ? exact(q.value) : ofQuantity(q);
  if (q.unit === other.unit || !isMoneyUnit(q.unit) || !isMoneyUnit(other.unit)) return interval;
  const f = WAN_YUAN_PER[q.unit];
  return { lo: interval.lo.times(f), hi: interval.hi.times(f) };
}

function pointOf(q: Quantity, other: Quantity): Decimal {
  return q.unit === other.unit || !isMoneyUnit(q.unit) || !isMoneyUnit(other.unit) ? q.value : q.value.times(WAN_YUAN_PER[q.unit]);
}

export function judgeRate(claim: ClaimOf<'rate'>): RateJudgement {
  const { numerator: n, denominator: d, rate } = claim;
  const ni = scaled(n, d);
  const di = scaled(d, n);
  const nv = pointOf(n, d);
  const dv = pointOf(d, n);
  const base = claim.formula === 'ratio' ? di : claim.formula === 'decrease' ? add(di, ni) : sub(di, ni);
  const baseValue = claim.formula === 'ratio' ? dv : claim.formula === 'decrease' ? dv.plus(nv) : dv.minus(nv);
  const actual = rate.value.toFixed();
  const written = claim.formula === 'ratio'
    ? `${printed(n)} ÷ ${printed(d)} × 100%`
    : `${printed(n)} ÷ (${printed(d)} ${claim.formula === 'decrease' ? '+' : '−'} ${printed(n)}) × 100%`;
  const allowed = div(ni, base);
  if (!allowed || baseValue.isZero()) return { verdict: 'unverifiable', expected: null, actual, calculation: `${written}：分母为 0` };
  const shown = Math.max(rate.decimals, 2);
  const expected = nv.div(baseValue).times(100).toDecimalPlaces(shown, Decimal.ROUND_HALF_UP).toFixed(shown);
  const verdict = judge({ value: rate.value.div(100), decimals: rate.decimals + 2 }, allowed);
  return { verdict, expected, actual, calculation: `${written} = ${expected}%` };
}
