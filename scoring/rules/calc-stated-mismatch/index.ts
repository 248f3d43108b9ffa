// A calculation written out in the report ("a/b×100%=c%", "a+b=c") whose result is not what its own
// numbers give, beyond the rounding of every number involved.
import type { ClaimOf } from '../../../model/index.ts';
import { mentionsWorkedExample } from '../../../numbers/vocabulary.ts';
import { judgeCalculation } from '../../recompute/calculation.ts';
import { alsoAt, groupBy, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'calc/stated-mismatch',
    severity: 'error',
    description: '报告中写出的算式（如 a÷b×100%=c%、a+b=c），按其自身数字重算后与所写结果不符',
    basis: '按算式重算（decimal.js）；每个数字按其印出的小数位视为舍入值，结果落在舍入区间内即一致，截断而非四舍五入的只作提示（docs/domain.md“Rounding is not an anomaly”）',
  },
  check(report, ctx) {
    const claims = report.claims.filter((c): c is ClaimOf<'calculation'> => c.kind === 'calculation');
    const groups = groupBy(claims, (c) => `${c.expression.replace(/\s+/g, '')}=${c.result.value.toFixed()}${c.result.unit}`);
    for (const [claim, ...repeats] of groups) {
      const judgement = judgeCalculation(claim);
      if (judgement.verdict !== 'mismatch' && judgement.verdict !== 'truncated') continue;
      // A worked example inside the rubric text, not the unit's own figures.
      const example = mentionsWorkedExample(claim.evidence);
      const shown = `${claim.expression.replace(/\s+/g, ' ')} = ${claim.result.raw}`;
      const others = alsoAt(repeats.map((c) => c.loc));
      const unit = claim.result.unit === '%' ? '%' : '';
      const message = judgement.verdict === 'truncated'
        ? `${where(claim.loc)}算式“${shown}”的结果按四舍五入应为${judgement.expected}${unit}，报告写${judgement.actual}${unit}（截断所致，仅作提示）${others}`
        : `${where(claim.loc)}${example ? '评分标准示例中的' : ''}算式“${shown}”不成立：按所列数字计算为${judgement.expected}${unit}，报告写${judgement.actual}${unit}${others}`;
      ctx.report({
        message,
        severity: judgement.verdict === 'truncated' || example ? 'info' : 'error',
        expected: judgement.expected,
        actual: judgement.actual,
        loc: claim.loc,
        evidence: claim.evidence,
        subject: claim.expression.replace(/\s+/g, ''),
        calculation: judgement.calculation,
      });
    }
  },
});
