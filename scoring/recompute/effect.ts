// The effect of a finding on the result: if the finding is right, what total and grade do the
// report's own figures give? A wrong indicator score moves the total by the difference; a wrong
// total row or narrative total is replaced by the recomputed one; a grade outside its band keeps the
// total and changes the grade. Grades come from the report's own printed bands, else the default ones.
import { Decimal } from 'decimal.js';
import type { ClaimOf, Finding, Grade, GradeBand, Report } from '../../model/index.ts';
import { DEFAULT_BANDS, inBand } from '../../normalizers/claims/totals.ts';

type Effect = NonNullable<Finding['effect']>;

/** Rules whose actual/expected are the printed and the recomputed score of one indicator. */
const INDICATOR_SCORE_RULES = new Set(['score/explanation-mismatch', 'rubric/score-mismatch']);
/** Rules whose actual/expected are the printed and the recomputed total. */
const TOTAL_RULES = new Set(['score/total-mismatch', 'score/narrative-total']);

export function bandsOf(report: Report): GradeBand[] {
  return report.claims.find((c): c is ClaimOf<'grade-bands'> => c.kind === 'grade-bands')?.bands ?? DEFAULT_BANDS;
}

export function gradeOf(total: Decimal, bands: GradeBand[]): Grade | null {
  return bands.find((b) => inBand(total, b))?.grade ?? null;
}

/** The finding's effect on the total the report states (claimed), or undefined when it has none. */
export function findingEffect(finding: Finding, claimed: Decimal | null, bands: GradeBand[]): Effect | undefined {
  const actual = decimal(finding.actual);
  const expected = decimal(finding.expected);
  let from: Decimal | null = null;
  let to: Decimal | null = null;
  if (INDICATOR_SCORE_RULES.has(finding.rule) && claimed && actual && expected) {
    from = claimed;
    to = claimed.minus(actual).plus(expected);
  } else if (TOTAL_RULES.has(finding.rule) && actual && expected) {
    from = actual;
    to = expected;
  } else if (finding.rule === 'score/grade-band' && claimed && finding.expected) {
    return { total: { from: claimed.toFixed(), to: claimed.toFixed() }, grade: { from: gradeLike(finding.actual), to: gradeLike(finding.expected) } };
  }
  if (!from || !to) return undefined;
  // Printed as precisely as the figures it comes from (91.16 − 1.5 + 1.14 = 90.80, not 90.8).
  const places = Math.max(from.decimalPlaces(), ...[actual, expected].map((d) => d?.decimalPlaces() ?? 0));
  return { total: { from: from.toFixed(), to: to.toFixed(places) }, grade: { from: gradeOf(from, bands), to: gradeOf(to, bands) } };
}

export function withEffects(findings: Finding[], claimed: Decimal | null, bands: GradeBand[]): Finding[] {
  return findings.map((f) => {
    const effect = findingEffect(f, claimed, bands);
    return effect ? { ...f, effect } : f;
  });
}

function decimal(text: string | null): Decimal | null {
  if (text === null || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  return new Decimal(text);
}

const GRADES: readonly string[] = ['优', '良', '中', '差'];
const gradeLike = (text: string | null): Grade | null => (text !== null && GRADES.includes(text) ? (text as Grade) : null);
