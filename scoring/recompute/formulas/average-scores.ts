// average-scores: the mean of several scores on a scale (督查得分/100), times the weight.
import { Decimal } from 'decimal.js';
import { exact, scale, show, sum } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { mid, missingOf, present, pts, type Impl, type Reading } from './computation.ts';

export const averageScores: Impl<'average-scores'> = (formula, ctx) => {
  const found = ctx.resolve(formula.figures);
  const missing = missingOf(ctx, found);
  if (missing.length) return { missing, inputs: present(found), readings: [] };
  const figures = formula.figures.map((id) => found.get(id) as FoundFigure);
  const k = new Decimal(formula.scale);
  const named = figures.map((f) => `${f.spec.label}${f.quantity.value.toFixed(f.quantity.decimals)}分`).join('、');
  const reading = (cap: boolean): Reading => {
    const parts = figures.map((f) => (cap && f.value.gt(k) ? exact(k) : f.interval));
    const mean = scale(sum(parts.map((p) => scale(p, new Decimal(1).div(k)))), new Decimal(1).div(figures.length));
    const score = scale(mean, ctx.weight);
    const terms = figures.map((f) => `${cap && f.value.gt(k) ? k.toFixed() : f.quantity.value.toFixed(f.quantity.decimals)}/${k.toFixed()}`).join(' + ');
    const text = `(${terms}) / ${figures.length} × ${ctx.weight.toFixed()} = ${show(mid(score), 4)} ≈ ${pts(mid(score))}`;
    return { label: cap ? `超过${k.toFixed()}分的督查得分按${k.toFixed()}分计` : `按原始得分计算`, scores: [score], text };
  };
  // A score above the scale ("政府督查得分100.5") may or may not be capped: the rubric does not say.
  const readings = figures.some((f) => f.value.gt(k)) ? [reading(false), reading(true)] : [{ ...reading(false), label: null }];
  return { missing: [], inputs: figures, readings, inputsText: named };
};
