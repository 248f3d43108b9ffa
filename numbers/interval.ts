// Rounding-interval arithmetic (the approach of XBRL Calculations 1.1): a value printed with d
// decimals stands for [v − ½·10^−d, v + ½·10^−d]. A stated result is inconsistent only when its
// interval does not meet the interval its inputs allow.
import { Decimal } from 'decimal.js';
import type { Quantity } from '../model/index.ts';

export interface Interval {
  lo: Decimal;
  hi: Decimal;
}

export const halfUnit = (decimals: number) => new Decimal(0.5).times(new Decimal(10).pow(-decimals));

export function exact(value: Decimal.Value): Interval {
  const v = new Decimal(value);
  return { lo: v, hi: v };
}

export function around(value: Decimal, decimals: number): Interval {
  const h = halfUnit(decimals);
  return { lo: value.minus(h), hi: value.plus(h) };
}

export function ofQuantity(q: Pick<Quantity, 'value' | 'decimals'>, decimals = q.decimals): Interval {
  return around(q.value, decimals);
}

export const add = (a: Interval, b: Interval): Interval => ({ lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) });
export const sub = (a: Interval, b: Interval): Interval => ({ lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) });

export function mul(a: Interval, b: Interval): Interval {
  const products = [a.lo.times(b.lo), a.lo.times(b.hi), a.hi.times(b.lo), a.hi.times(b.hi)];
  return { lo: Decimal.min(...products), hi: Decimal.max(...products) };
}

/** Null when the divisor's interval contains zero (the quotient is unbounded). */
export function div(a: Interval, b: Interval): Interval | null {
  if (b.lo.lte(0) && b.hi.gte(0)) return null;
  const quotients = [a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)];
  return { lo: Decimal.min(...quotients), hi: Decimal.max(...quotients) };
}

export const scale = (a: Interval, k: Decimal.Value): Interval => mul(a, exact(k));

export function sum(items: Interval[]): Interval {
  return items.reduce(add, exact(0));
}

export const meets = (a: Interval, b: Interval) => a.lo.lte(b.hi) && b.lo.lte(a.hi);

export const midpoint = (a: Interval) => a.lo.plus(a.hi).div(2);

export type Verdict = 'consistent' | 'truncated' | 'mismatch';

/**
 * Judges a printed value against the interval its inputs allow. "truncated" means the printed value
 * is what cutting (not rounding) the true value to the printed decimals gives: info at most.
 */
export function judge(stated: Pick<Quantity, 'value' | 'decimals'>, allowed: Interval, statedDecimals = stated.decimals): Verdict {
  if (meets(ofQuantity(stated, statedDecimals), allowed)) return 'consistent';
  const cut = (v: Decimal) => v.toDecimalPlaces(statedDecimals, Decimal.ROUND_DOWN);
  if (cut(allowed.lo).lte(stated.value) && stated.value.lte(cut(allowed.hi))) return 'truncated';
  return 'mismatch';
}

/** The decimals a series is printed at: trailing zeros are dropped in print ("3" in a 2-decimal column). */
export function seriesDecimals(quantities: Pick<Quantity, 'decimals'>[], floor = 0): number {
  return quantities.reduce((d, q) => Math.max(d, q.decimals), floor);
}

/** Human-readable value with at most `decimals` places, trailing zeros trimmed. */
export function show(value: Decimal, decimals = 2): string {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed();
}
