// The rubric stage: select the rubric for a report (or load the one named with --rubric) and bind it:
// every indicator the rubric defines by formula is found in the report, its inputs and its printed
// score read, and its score recomputed, once per document. The rubric rules (scoring/rules/rubric-*)
// turn these outcomes into findings; notes.ts summarizes them for the document's notes.
import type { Report } from '../../../model/index.ts';
import { selectRubric, rankRubrics, type RubricSelection } from '../../rubrics/select.ts';
import type { Rubric } from '../../rubrics/schema.ts';
import { evaluateBudgetRows } from './budget-rows.ts';
import { searchCorpus } from './figures.ts';
import { evaluateIndicator } from './indicator.ts';
import type { Outcome } from './outcome.ts';
import { deductionClaims } from './scores.ts';
import { evaluateTargets } from './targets.ts';

export type { Outcome, PrintedScore } from './outcome.ts';

export interface BoundRubric {
  selection: RubricSelection | null;
  outcomes: Outcome[];
  /** Chinese: the rubric named with --rubric could not be loaded. */
  error?: string;
}

/**
 * Selects the rubric (or loads the one named with --rubric) and binds it to the report: every formula
 * indicator evaluated once. The engine calls this once per document and hands the result to the rules
 * (ctx.rubric) and to the document's notes.
 */
export function bindRubric(report: Report, override?: string): BoundRubric {
  let selection: RubricSelection | null;
  try {
    selection = selectRubric(report, override);
  } catch (error) {
    return { selection: null, outcomes: [], error: (error as Error).message };
  }
  const outcomes = selection ? evaluate(report, selection.rubric) : [];
  const selfEval = selection && !override ? companionSelfEval(report, selection.rubric) : null;
  if (selfEval) outcomes.push(...evaluate(report, selfEval));
  return { selection, outcomes };
}

/** A report whose main rubric is another form (自评工作考核) may still carry 自评表 rows. */
function companionSelfEval(report: Report, main: Rubric): Rubric | null {
  if (main.indicators.some((i) => i.formula?.name === 'target-achievement')) return null;
  if (!report.tables.some((t) => t.kind === 'self-eval')) return null;
  const candidates = rankRubrics(report).filter((s) => s.rubric.indicators.some((i) => i.formula?.name === 'target-achievement'));
  const local = candidates.find((s) => s.rubric.city !== null && s.rubric.city === report.meta.city);
  return (local ?? candidates.find((s) => s.rubric.city === null))?.rubric ?? null;
}

export function evaluate(report: Report, rubric: Rubric): Outcome[] {
  const corpus = searchCorpus(report);
  const deductions = deductionClaims(report);
  const out: Outcome[] = [];
  for (const indicator of rubric.indicators) {
    const formula = indicator.formula;
    if (!formula) continue;
    if (formula.name === 'target-achievement') out.push(...evaluateTargets(report, rubric, indicator));
    else if (indicator.printed === 'budget-row') out.push(...evaluateBudgetRows(report, rubric, indicator));
    else out.push(evaluateIndicator(report, rubric, indicator, corpus, deductions));
  }
  return out;
}
