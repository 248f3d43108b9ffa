// ceiling-checks: each part scores its points when the actual figure stays within its limit.
import { Decimal } from 'decimal.js';
import { exact } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { missingOf, present, pts, type Impl } from './computation.ts';

export const ceilingChecks: Impl<'ceiling-checks'> = (formula, ctx) => {
  const ids = formula.parts.flatMap((p) => [p.actual, p.limit]);
  const found = ctx.resolve(ids);
  const missing = missingOf(ctx, found);
  if (missing.length) return { missing, inputs: present(found), readings: [] };
  let score = new Decimal(0);
  const texts: string[] = [];
  for (const part of formula.parts) {
    const actual = found.get(part.actual) as FoundFigure;
    const limit = found.get(part.limit) as FoundFigure;
    const points = new Decimal(part.points);
    // As printed: equal printed figures satisfy "≤"; a ceiling test is not a rounding question.
    const within = actual.value.lte(limit.value);
    const partScore = within ? points : new Decimal(0);
    score = score.plus(partScore);
    texts.push(`${actual.spec.label}${actual.shown} ${within ? '≤' : '>'} ${limit.spec.label}${limit.shown} → ${pts(partScore)}`);
  }
  return { missing: [], inputs: present(found), readings: [{ label: null, scores: [exact(score)], text: texts.join('；') }] };
};
