// The rule registry. test/rules-registry.test.ts fails when a folder under scoring/rules/ is missing
// here, or lacks its index.test.ts or README.md.
import type { Rule } from '../rule.ts';
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

export const rules: Rule[] = [
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
];
