// Judges a stated calculation: recompute the formula from its printed numbers (decimal.js), allow for
// the rounding of every input and of the printed result (interval.ts), and say whether it holds.
import { Decimal } from 'decimal.js';
import type { ClaimOf } from '../../model/index.ts';
import { operandsOf, parseExpression, renderExpression, suffixFormulas, type ExprNode } from '../../normalizers/claims/expression.ts';
import { evaluateInterval, evaluatePoint } from './expression.ts';
import { judge, type Verdict } from '../../numbers/interval.ts';

export interface CalculationJudgement {
  verdict: Verdict | 'division-by-zero' | 'unverifiable';
  /** The formula written out with what it really gives: "975.99 ÷ 870 × 100% = 112.18%". */
  calculation: string;
  /** The recomputed value as the report would print it (same decimals and unit scale), no unit. */
  expected: string | null;
  /** The printed result, no unit. */
  actual: string;
}

interface Reading {
  value: Decimal;
  decimals: number;
  /** Multiply a fraction by this to print it the way the report did (100 for "%" results). */
  printScale: number;
}

/** How the printed result may be read: "c%" is c/100; "a/b×100 = c%" and "×100% = c" also occur. */
function readings(claim: ClaimOf<'calculation'>, ast: ExprNode): Reading[] {
  const r = claim.result;
  const statedPercent = r.unit === '%';
  const formulaPercent = operandsOf(ast).some((n) => n.unit === '%');
  const asFraction = { value: r.value.div(100), decimals: r.decimals + 2, printScale: 100 };
  const asIs = { value: r.value, decimals: r.decimals, printScale: 1 };
  if (statedPercent) return formulaPercent ? [asFraction] : [asFraction, asIs];
  return formulaPercent ? [asIs, asFraction] : [asIs];
}

export function judgeCalculation(claim: ClaimOf<'calculation'>): CalculationJudgement {
  const actual = claim.result.value.toFixed();
  const candidates = suffixFormulas(claim.expression);
  const main = (claim.ast as ExprNode | undefined) ?? parseExpression(claim.expression);
  if (!main) return { verdict: 'unverifiable', calculation: claim.expression, expected: null, actual };
  const mainPoint = evaluatePoint(main);
  if (!mainPoint.ok) {
    return { verdict: 'division-by-zero', calculation: `${renderExpression(main)}：除数为 0，无法计算`, expected: null, actual };
  }
  let best: { verdict: Verdict; ast: ExprNode; reading: Reading; point: Decimal } | null = null;
  for (const candidate of candidates.length ? candidates.map((c) => c.ast) : [main]) {
    const point = evaluatePoint(candidate);
    const interval = evaluateInterval(candidate);
    if (!point.ok || !interval) continue;
    for (const reading of readings(claim, candidate)) {
      const verdict = judge(reading, interval, reading.decimals);
      if (verdict === 'consistent') return describe('consistent', candidate, reading, point.value, actual);
      if (!best || (verdict === 'truncated' && best.verdict === 'mismatch')) best = { verdict, ast: candidate, reading, point: point.value };
    }
  }
  if (!best) return { verdict: 'unverifiable', calculation: renderExpression(main), expected: null, actual };
  // Report against the formula as printed in full, unless only a shorter reading came close.
  if (best.verdict === 'mismatch') {
    const [reading] = readings(claim, main);
    return describe('mismatch', main, reading, mainPoint.value, actual);
  }
  return describe(best.verdict, best.ast, best.reading, best.point, actual);
}

function describe(verdict: Verdict, ast: ExprNode, reading: Reading, point: Decimal, actual: string): CalculationJudgement {
  const printed = point.times(reading.printScale);
  const decimals = Math.max(reading.decimals - (reading.printScale === 100 ? 2 : 0), 0);
  const shown = Math.max(decimals, 2);
  const expected = printed.toDecimalPlaces(shown, Decimal.ROUND_HALF_UP).toFixed(shown);
  const unit = reading.printScale === 100 ? '%' : '';
  return { verdict, calculation: `${renderExpression(ast)} = ${expected}${unit}`, expected, actual };
}
