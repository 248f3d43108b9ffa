// The text-arithmetic claim extractors (issue #9), in the order buildReport runs them.
import type { Claim, Report, ScoringTable } from '../../model/index.ts';
import { extractBreakdowns } from './breakdown.ts';
import { extractCalculations } from './calculation.ts';
import { extractCompletions } from './completion.ts';
import { extractDeductions } from './deductions.ts';
import { extractFigures } from './figure.ts';
import { extractRates } from './rate.ts';
import { extractTargets } from './target.ts';

export const textArithmeticExtractors: ((text: Report['text'], tables: ScoringTable[]) => Claim[])[] = [
  extractCalculations,
  extractRates,
  extractBreakdowns,
  extractFigures,
  extractTargets,
  extractCompletions,
  extractDeductions,
];
