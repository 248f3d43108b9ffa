// change-rate: (current ÷ previous − 1) × 100%, with the rubric's case for a previous value of 0.
import { div, exact, judge, scale, sub, type Interval } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { HUNDRED, missingOf, pct, present, pts, type Impl } from './computation.ts';
import { fromStated, hull } from './ratio.ts';

export const changeRate: Impl<'change-rate'> = (formula, ctx) => {
  const sub = ctx.substitution();
  const ids = [formula.current, formula.previous];
  const found = sub && ids.every((id) => sub.has(id)) ? new Map(ids.map((id) => [id, sub.get(id) ?? null])) : ctx.resolve(ids);
  const stated = formula.stated ? sub?.get(formula.stated) ?? ctx.resolve([formula.stated]).get(formula.stated) ?? undefined : undefined;
  const missing = missingOf(ctx, found);
  if (missing.length) return stated ? fromStated(stated) : { missing, inputs: present(found), readings: [] };
  const current = found.get(formula.current) as FoundFigure;
  const previous = found.get(formula.previous) as FoundFigure;
  const inputs = [current, previous, ...(stated ? [stated] : [])];
  if (previous.value.isZero()) {
    if (current.value.isZero() && formula.bothZeroPoints !== undefined) {
      const special = `上年末与本年末均为0（${previous.shown}、${current.shown}），按评分标准“上年度为0的，本年度继续为0的”得${pts(formula.bothZeroPoints)}`;
      return { missing: [], inputs, stated, statedVerdict: stated ? 'undefined' : undefined, special, readings: [{ label: null, scores: [exact(formula.bothZeroPoints)], text: special }] };
    }
    return { missing: [`（上年末为0、本年末为${current.shown}，变动率无法按公式计算）`], inputs, stated, statedVerdict: stated ? 'undefined' : undefined, readings: [] };
  }
  const q = div(current.interval, previous.interval);
  if (!q) return { missing: ['（上年末数接近0，变动率无法计算）'], inputs, readings: [] };
  const value = scale(sub1(q), HUNDRED);
  const valueText = `(${current.shown} ÷ ${previous.shown} − 1) × 100% = ${pct(value)}`;
  const scattered = new Set(inputs.map((f) => f.entry.text)).size > 1;
  const verdict = stated ? judge(stated.quantity, value) : undefined;
  const scoringValue = stated && verdict === 'mismatch' ? hull([value, stated.interval]) : undefined;
  return { missing: [], inputs, value, valueText, scattered, scoringValue, stated, statedVerdict: stated ? judge(stated.quantity, value) : undefined, readings: [] };
};

const sub1 = (q: Interval): Interval => sub(q, exact(1));
