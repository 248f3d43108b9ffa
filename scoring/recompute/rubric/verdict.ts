// Compares a recomputed rubric score with the printed one. A printed score is consistent with a
// reading of the rubric when it lies within the rounding interval of a score that reading allows; a
// band decision that flips inside the inputs' rounding interval allows both bands.
import { Decimal } from 'decimal.js';
import type { Quantity } from '../../../model/index.ts';
import type { Reading } from '../formulas/index.ts';
import { judge, show, type Interval } from '../../../numbers/interval.ts';
import type { Outcome } from './bind.ts';

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

/** The score a rubric outcome is judged on, and whether it is the formula part's own score. */
export interface JudgedScore {
  quantity: Quantity;
  /** The 评分说明's score for the formula part alone (预算编制准确性: the 3 points of 预决算差异率). */
  ofPart: boolean;
  /** The 评分说明's score, when it is the one judged. */
  explained: Outcome['explained'];
  /** The discretionary points the score may hold on top of the formula part. */
  remainder: Decimal | null;
}

/**
 * For an indicator scored partly by formula (a composite row: part 1 by formula, part 2 at discretion),
 * the 评分说明's score is the formula part's own only when the part can hold it and it is not the row's
 * printed score; otherwise it is the whole row's, judged like the printed score: between the part's
 * score and the part's score plus the discretionary remainder.
 */
export function judgedScore(outcome: Outcome): JudgedScore | null {
  const part = outcome.computation?.part;
  const explained = outcome.explained;
  if (part && explained) {
    const printed = outcome.printed?.quantity.value;
    const wholeRow = explained.value.value.gt(part.points) || (printed !== undefined && printed.gt(part.points) && explained.value.value.eq(printed));
    return { quantity: explained.value, ofPart: !wholeRow, explained, remainder: wholeRow ? part.remainder : null };
  }
  if (!outcome.printed) return null;
  return { quantity: outcome.printed.quantity, ofPart: false, explained: null, remainder: part ? part.remainder : null };
}

/** The verdict on the printed score, or on the 评分说明's score for partly-formula indicators. */
export function outcomeVerdict(outcome: Outcome): ScoreVerdict | null {
  const c = outcome.computation;
  if (!c || c.readings.length === 0) return null;
  const judged = judgedScore(outcome);
  return judged ? verdictFor(judged.quantity, c.readings, judged.remainder) : null;
}
