// A decimal or unit slip: two values of one figure that differ by a power of ten (k ≠ 0) and agree
// otherwise within their rounding, e.g. 31,250,400.00 元 restated as 312.50 万元 (it is 3,125.04 万元).
import { Decimal } from 'decimal.js';
import { inWan, type Figure } from '../../recompute/figures.ts';
import { meets, scale } from '../../../numbers/interval.ts';

/** The power of ten k with first ≈ second × 10^k, when there is one and it is not 0. */
export function decimalSlip(first: Figure, second: Figure): number | null {
  const a = inWan(first);
  const b = inWan(second);
  if (a.lo.lte(0) || b.lo.lte(0)) return null;
  const k = Math.round(Decimal.log10(a.lo.plus(a.hi).div(b.lo.plus(b.hi))).toNumber());
  if (k === 0) return null;
  return meets(a, scale(b, new Decimal(10).pow(k))) ? k : null;
}
