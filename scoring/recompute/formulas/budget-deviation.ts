// budget-deviation: the 预决算差异率 scores part of the weight, minus a deduction per step of deviation.
import { Decimal } from 'decimal.js';
import { show } from '../../../numbers/interval.ts';
import { labelOf, mid, type Impl } from './computation.ts';
import { absInterval, stepReadings } from './steps.ts';

export const budgetDeviation: Impl<'budget-deviation'> = (formula, ctx) => {
  const stated = ctx.resolve([formula.stated]).get(formula.stated);
  if (!stated) return { missing: [labelOf(ctx, formula.stated)], inputs: [], readings: [] };
  const partPoints = new Decimal(formula.partPoints);
  const absolute = absInterval(stated.interval);
  const readings = stepReadings(absolute, new Decimal(formula.step), new Decimal(formula.deduct), partPoints, 'increase');
  return {
    missing: [],
    inputs: [stated],
    value: stated.interval,
    valueText: `${stated.spec.label}${stated.shown}（取绝对值${show(mid(absolute))}%）`,
    stated,
    readings,
    part: { points: partPoints, remainder: ctx.weight.minus(partPoints) },
  };
};
