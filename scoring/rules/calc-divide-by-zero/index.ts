// A written-out calculation that divides by zero and still prints a result ("(0 / 0 - 1) × 100% = -100%").
import type { ClaimOf } from '../../../model/index.ts';
import { judgeCalculation } from '../../recompute/calculation.ts';
import { alsoAt, groupBy, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'calc/divide-by-zero',
    severity: 'error',
    description: '报告中写出的算式除数为 0，却给出了计算结果',
    basis: '除数为 0 时算式无意义，所写结果不能由所列数字得出；评分标准对“两年均为 0”等情形另有规定的，应按规定说明而非列式计算',
  },
  check(report, ctx) {
    const claims = report.claims.filter((c): c is ClaimOf<'calculation'> => c.kind === 'calculation');
    for (const [claim, ...repeats] of groupBy(claims, (c) => `${c.expression.replace(/\s+/g, '')}=${c.result.raw}`)) {
      const judgement = judgeCalculation(claim);
      if (judgement.verdict !== 'division-by-zero') continue;
      const shown = `${claim.expression.replace(/\s+/g, ' ')} = ${claim.result.raw}`;
      ctx.report({
        message: `${where(claim.loc)}算式“${shown}”的除数为 0，无法得出${claim.result.raw}${alsoAt(repeats.map((c) => c.loc))}`,
        expected: null,
        actual: judgement.actual,
        loc: claim.loc,
        evidence: claim.evidence,
        subject: claim.expression.replace(/\s+/g, ''),
        calculation: judgement.calculation,
      });
    }
  },
});
