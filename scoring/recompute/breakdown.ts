// Recomputes a breakdown claim: the parts' sum against the printed total, with rounding intervals at
// the series' decimals (a "34" among "840.97" and "874.97" is printed without its trailing zeros).
import { Decimal } from 'decimal.js';
import type { Claim, ClaimOf } from '../../model/index.ts';
import { judge, ofQuantity, seriesDecimals, sum, type Verdict } from '../../numbers/interval.ts';

export interface BreakdownJudgement {
  verdict: Verdict;
  /** The parts add to more than the total (over) or less (under). */
  direction: 'over' | 'under' | 'equal';
  expected: string;
  actual: string;
  calculation: string;
}

export function judgeBreakdown(claim: ClaimOf<'breakdown'>): BreakdownJudgement {
  const d = seriesDecimals([claim.total, ...claim.parts]);
  const allowed = sum(claim.parts.map((p) => ofQuantity(p, d)));
  const total = claim.parts.reduce((s, p) => s.plus(p.value), new Decimal(0));
  const verdict = judge(claim.total, allowed, d);
  const expected = total.toFixed(d);
  const terms = claim.parts.map((p, i) => {
    const v = p.value.abs().toFixed(d);
    if (i === 0) return p.value.isNegative() ? `−${v}` : v;
    return p.value.isNegative() ? `− ${v}` : `+ ${v}`;
  });
  return {
    verdict,
    direction: total.gt(claim.total.value) ? 'over' : total.lt(claim.total.value) ? 'under' : 'equal',
    expected,
    actual: claim.total.value.toFixed(),
    calculation: `${terms.join(' ')} = ${expected}`,
  };
}

/** Breakdown claims of one source whose parts do not add up. */
export function* inconsistentBreakdowns(claims: Claim[], source: ClaimOf<'breakdown'>['source']) {
  for (const claim of claims) {
    if (claim.kind !== 'breakdown' || claim.source !== source) continue;
    const judgement = judgeBreakdown(claim);
    if (judgement.verdict === 'consistent') continue;
    yield { claim, judgement, label: claim.label };
  }
}
