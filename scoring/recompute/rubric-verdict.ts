// Compares a recomputed rubric score with the printed one. A printed score is consistent with a
// reading of the rubric when it lies within the rounding interval of a score that reading allows; a
// band decision that flips inside the inputs' rounding interval allows both bands.
import { Decimal } from 'decimal.js';
import type { Quantity } from '../../model/index.ts';
import type { Reading } from './formulas.ts';
import { judge, show, type Interval } from '../../numbers/interval.ts';
import type { Outcome } from './rubric-check.ts';

export type ScoreVerdict =
  | { kind: 'consistent' }
  /** Consistent with some readings of ambiguous wording only. */
  | { kind: 'ambiguous'; agreeing: Reading[]; disagreeing: Reading[] }
  | { kind: 'mismatch'; expected: Decimal; reading: Reading }
  /** The value lies outside every band the rubric defines; nothing to compare. */
  | { kind: 'uncovered'; reading: Reading };

/** Score printed to d decimals is compared at two decimals at least (得分四舍五入保留两位小数). */
export function scoreFits(printed: Pick<Quantity, 'value' | 'decimals'>, allowed: Interval): boolean {
  return judge(printed, allowed, Math.max(printed.decimals, 2)) !== 'mismatch';
}

/**
 * For a formula that scores only part of the weight (`remainder` is qualitative), the printed total
 * must lie between the part's score and the part's score plus the remainder.
 */
function widen(scores: Interval[], remainder: Decimal | null): Interval[] {
  return remainder ? scores.map((s) => ({ lo: s.lo, hi: s.hi.plus(remainder) })) : scores;
}

export function verdictFor(score: Pick<Quantity, 'value' | 'decimals'>, readings: Reading[], remainder: Decimal | null = null): ScoreVerdict {
  const fits = (r: Reading) => widen(r.scores, remainder).some((s) => scoreFits(score, s));
  const agreeing = readings.filter(fits);
  const disagreeing = readings.filter((r) => !fits(r));
  if (disagreeing.length === 0) return { kind: 'consistent' };
  if (agreeing.length > 0) return { kind: 'ambiguous', agreeing, disagreeing };
  const main = readings[0];
  if (main.uncovered) return { kind: 'uncovered', reading: main };
  return { kind: 'mismatch', expected: expectedScore(main), reading: main };
}

/** The recomputed score to report: the reading's single score rounded to two decimals. */
export function expectedScore(reading: Reading): Decimal {
  const first = reading.scores[0];
  return first.lo.plus(first.hi).div(2).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function showScores(reading: Reading): string {
  return reading.scores.map((s) => `${show(s.lo.plus(s.hi).div(2))}分`).join('或');
}

/** The verdict on the printed score, or on the 评分说明's part score for partly-formula indicators. */
export function outcomeVerdict(outcome: Outcome): ScoreVerdict | null {
  const c = outcome.computation;
  if (!c || c.readings.length === 0) return null;
  if (c.part && outcome.explained) return verdictFor(outcome.explained.value, c.readings);
  if (!outcome.printed) return null;
  return verdictFor(outcome.printed.quantity, c.readings, c.part ? c.part.remainder : null);
}
