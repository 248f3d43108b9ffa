// The rule registry. test/rules-registry.test.ts fails when a folder under scoring/rules/ is missing
// here, or lacks its index.test.ts or README.md.
import type { Rule } from '../rule.ts';
import calcStatedMismatch from './calc-stated-mismatch/index.ts';
import calcDivideByZero from './calc-divide-by-zero/index.ts';
import calcOperandMismatch from './calc-operand-mismatch/index.ts';
import rateImplicitMismatch from './rate-implicit-mismatch/index.ts';
import sumBreakdownMismatch from './sum-breakdown-mismatch/index.ts';
import sumTableTotalMismatch from './sum-table-total-mismatch/index.ts';
import sumBalanceMismatch from './sum-balance-mismatch/index.ts';
import figureConflict from './figure-conflict/index.ts';
import figureUnitConflict from './figure-unit-conflict/index.ts';
import targetClaimVsActual from './target-claim-vs-actual/index.ts';
import targetUnmetFullScore from './target-unmet-full-score/index.ts';
import deductionSumMismatch from './deduction-sum-mismatch/index.ts';
import deductionItemMismatch from './deduction-item-mismatch/index.ts';
import rubricRateMismatch from './rubric-rate-mismatch/index.ts';
import rubricScoreMismatch from './rubric-score-mismatch/index.ts';
import rubricRowBands from './rubric-row-bands/index.ts';
import rubricPartWeight from './rubric-part-weight/index.ts';
import rubricUnverifiable from './rubric-unverifiable/index.ts';
import scoreExplanationMismatch from './score-explanation-mismatch/index.ts';
import scoreGradeBand from './score-grade-band/index.ts';
import scoreNarrativeTotal from './score-narrative-total/index.ts';
import scoreOutOfRange from './score-out-of-range/index.ts';
import scoreRateMismatch from './score-rate-mismatch/index.ts';
import scoreSubtotalMismatch from './score-subtotal-mismatch/index.ts';
import scoreTotalMismatch from './score-total-mismatch/index.ts';
import scoreUnverifiable from './score-unverifiable/index.ts';
import scoreWeightMismatch from './score-weight-mismatch/index.ts';
import xlsxFormulaMismatch from './xlsx-formula-mismatch/index.ts';
import docNotAReport from './doc-not-a-report/index.ts';

export const rules: Rule[] = [
  docNotAReport,
  scoreTotalMismatch,
  scoreSubtotalMismatch,
  scoreWeightMismatch,
  scoreOutOfRange,
  scoreNarrativeTotal,
  scoreGradeBand,
  scoreExplanationMismatch,
  scoreRateMismatch,
  scoreUnverifiable,
  xlsxFormulaMismatch,
  rubricScoreMismatch,
  rubricRowBands,
  rubricPartWeight,
  rubricRateMismatch,
  rubricUnverifiable,
  calcStatedMismatch,
  calcDivideByZero,
  calcOperandMismatch,
  rateImplicitMismatch,
  sumBreakdownMismatch,
  sumTableTotalMismatch,
  sumBalanceMismatch,
  figureConflict,
  figureUnitConflict,
  targetClaimVsActual,
  targetUnmetFullScore,
  deductionSumMismatch,
  deductionItemMismatch,
];
