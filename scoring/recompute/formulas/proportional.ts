// proportional: actual / plan × weight, capped at 100%, with the rubric's points for spending over plan.
import { Decimal } from 'decimal.js';
import { div, exact, judge, mul, scale, type Interval } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { HUNDRED, mid, missingOf, pct, present, pts, type Impl } from './computation.ts';
import { fromStated } from './ratio.ts';
import { scoreValue } from './score-value.ts';

export const proportional: Impl<'proportional'> = (formula, ctx) => {
  const ids = [formula.actual, formula.plan];
  const found = ctx.resolve(ids);
  const stated = formula.stated ? ctx.resolve([formula.stated]).get(formula.stated) ?? undefined : undefined;
  const missing = missingOf(ctx, found);
  if (missing.length) {
    if (!stated) return { missing, inputs: present(found), readings: [] };
    const fallback = fromStated(stated);
    return { ...fallback, readings: scoreValue(stated.interval, { kind: 'proportional', cap: 100 }, ctx.weight) };
  }
  const actual = found.get(formula.actual) as FoundFigure;
  const plan = found.get(formula.plan) as FoundFigure;
  const inputs = [actual, plan, ...(stated ? [stated] : [])];
  const over = actual.interval.lo.gt(plan.interval.hi);
  const maybeOver = actual.interval.hi.gt(plan.interval.lo);
  if (formula.overPlanPoints !== undefined && over) {
    const text = `实际采购${actual.shown} > 计划${plan.shown}，按评分标准本项不得分 → ${pts(formula.overPlanPoints)}`;
    return { missing: [], inputs, stated, readings: [{ label: null, scores: [exact(formula.overPlanPoints)], text }] };
  }
  const q = div(actual.interval, plan.interval);
  if (!q) return { missing: ['（计划数为0，执行率无法计算）'], inputs, readings: [] };
  const value = scale(q, HUNDRED);
  const capped: Interval = { lo: Decimal.min(value.lo, HUNDRED), hi: Decimal.min(value.hi, HUNDRED) };
  const score = mul(scale(capped, new Decimal(1).div(HUNDRED)), exact(ctx.weight));
  const scores = [score];
  if (formula.overPlanPoints !== undefined && maybeOver) scores.push(exact(formula.overPlanPoints));
  const valueText = `${actual.shown} / ${plan.shown} × 100% = ${pct(value)}`;
  // Above 100% with no rule for it: the rubric does not say what such a rate scores.
  const uncovered = value.hi.gt(HUNDRED) && formula.overPlanPoints === undefined;
  const text = uncovered ? `${pct(value)} 超过100%` : `${pct(value)} × ${ctx.weight.toFixed()} = ${pts(mid(score))}`;
  return { missing: [], inputs, value, valueText, stated, statedVerdict: stated ? judge(stated.quantity, value) : undefined, readings: [{ label: null, scores, text, uncovered }] };
};
