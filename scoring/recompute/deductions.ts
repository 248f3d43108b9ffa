// The numbers a deduction list must agree with: the claimed total and the full marks.
import { Decimal } from 'decimal.js';
import type { ClaimOf, Report } from '../../model/index.ts';

export interface DeductionContext {
  score: Decimal;
  scoreText: string;
  fullMarks: Decimal;
}

const SCORE_IN_TEXT = /(?:得分|评分|分数)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分/g;

/** The total the list belongs to: stated in the same passage, else the report's total claim. */
export function deductionContext(report: Report, claim: ClaimOf<'deductions'>): DeductionContext | null {
  const before = claim.evidence.split(/主要扣分|扣分点|扣分项/)[0];
  const inText = [...before.matchAll(SCORE_IN_TEXT)].pop();
  const total = report.claims.find((c): c is ClaimOf<'total'> => c.kind === 'total');
  const score = inText ? new Decimal(inText[1]) : total?.value.value ?? null;
  if (!score) return null;
  const table = report.tables.find((t) => t.quality === 'ok' && t.total?.weight);
  const fullMarks = table?.total?.weight?.value ?? new Decimal(100);
  return { score, scoreText: inText ? inText[0] : total!.evidence, fullMarks };
}

export const deductionSum = (claim: ClaimOf<'deductions'>) => claim.items.reduce((s, i) => s.plus(i.points.value), new Decimal(0));
