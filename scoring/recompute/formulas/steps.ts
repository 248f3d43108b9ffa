// "每增加/每超出 step 扣 deduct 分": the readings of a step deduction.
import { Decimal } from 'decimal.js';
import { exact, show, type Interval } from '../../../numbers/interval.ts';
import { mid, pts, type Reading } from './computation.ts';

export function absInterval(v: Interval): Interval {
  if (v.lo.gte(0)) return v;
  if (v.hi.lte(0)) return { lo: v.hi.neg(), hi: v.lo.neg() };
  return { lo: new Decimal(0), hi: Decimal.max(v.lo.neg(), v.hi) };
}

/**
 * "每增加/每超出 step 扣 deduct 分": read as whole steps only (floor), as any started step (ceil),
 * or in proportion (exact, for "每超出1%"). Scores are clamped to [0, full].
 */
export function stepReadings(excess: Interval, step: Decimal, deduct: Decimal, full: Decimal, wording: 'increase' | 'over'): Reading[] {
  const ways: [string, (x: Decimal) => Decimal][] = [
    [`满${step.toFixed()}%才扣${deduct.toFixed()}分（不足${step.toFixed()}%不扣）`, (x) => x.div(step).floor()],
    [`只要超过0即按一档扣${deduct.toFixed()}分（(0,${step.toFixed()}%]扣${deduct.toFixed()}分）`, (x) => x.div(step).ceil()],
  ];
  if (wording === 'over') ways.push([`超出部分按比例扣分`, (x) => x.div(step)]);
  return ways.map(([label, steps]) => {
    const lo = clamp(full.minus(steps(excess.hi).times(deduct)), full);
    const hi = clamp(full.minus(steps(excess.lo).times(deduct)), full);
    const scores = lo.eq(hi) ? [exact(lo)] : distinctSteps(lo, hi, deduct);
    const shown = lo.eq(hi) ? pts(lo) : `${pts(lo)}至${pts(hi)}`;
    return { label, scores, text: `${show(mid(excess))}% → ${shown}` };
  });
}

function distinctSteps(lo: Decimal, hi: Decimal, deduct: Decimal): Interval[] {
  const out: Interval[] = [];
  for (let v = lo; v.lte(hi); v = v.plus(deduct)) out.push(exact(v));
  if (!out.some((i) => i.lo.eq(hi))) out.push(exact(hi));
  return out;
}

const clamp = (v: Decimal, full: Decimal) => Decimal.max(0, Decimal.min(v, full));
