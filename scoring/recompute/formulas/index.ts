// The named formulas a rubric may use. Each turns the figures found in the report into the value the
// rubric scores (a rate, a count ratio) and the score(s) the rubric allows for it, with rounding
// intervals: a value printed to two decimals stands for an interval, and every band that interval
// touches is an allowed score. Where the rubric's wording can be read two ways ("每增加5%(含)扣减0.5分"),
// each reading yields its own scores and the caller decides what a mismatch means.
import type { Formula } from '../../rubrics/schema.ts';
import { averageScores } from './average-scores.ts';
import { budgetDeviation } from './budget-deviation.ts';
import { ceilingChecks } from './ceiling-checks.ts';
import { changeRate } from './change-rate.ts';
import { pct, type Computation, type FormulaContext, type Impl } from './computation.ts';
import { countRatio } from './count-ratio.ts';
import { proportional } from './proportional.ts';
import { ratio } from './ratio.ts';
import { scoreValue } from './score-value.ts';

export type { Computation, FormulaContext, Reading } from './computation.ts';
export { mid, pct, pts } from './computation.ts';
export { describeBand, scoreValue } from './score-value.ts';

/** The formulas computed from figures; target-achievement is computed per row (rubric/targets.ts). */
export type FigureFormula = Exclude<Formula, { name: 'target-achievement' }>;

export const FORMULAS: { [N in FigureFormula['name']]: Impl<N> } = {
  ratio,
  'change-rate': changeRate,
  'average-scores': averageScores,
  proportional,
  'count-ratio': countRatio,
  'budget-deviation': budgetDeviation,
  'ceiling-checks': ceilingChecks,
};

export function compute(formula: FigureFormula, ctx: FormulaContext): Computation {
  const impl = FORMULAS[formula.name] as Impl<typeof formula.name>;
  const computation = impl(formula as never, ctx);
  const scoring = ctx.indicator.scoring;
  const { value, scoringValue, stated } = computation;
  if (scoring && value && computation.readings.length === 0 && !computation.special) {
    computation.readings = scoreValue(scoringValue ?? value, scoring, ctx.weight);
    // Judged on the recomputed and the stated rate together: say so where the rate is shown.
    if (scoringValue && stated)
      for (const r of computation.readings) r.text = r.text.replaceAll(pct(scoringValue), `${pct(value)}（或报告所写${stated.shown}）`);
  }
  return computation;
}
