// "得分为 85 分。主要扣分点：A（扣 1 分），B（扣 0.5 分）…": the deductions must add up to 100 − 85.
import { deductionContext, deductionSum } from '../../recompute/deductions.ts';
import { where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'deduction/sum-mismatch',
    severity: 'error',
    description: '“主要扣分点”所列扣分合计不等于满分减去总得分',
    basis: '总得分 = 满分（评分表合计分值，缺省 100）− 各项扣分之和；分数为报告自身所印',
  },
  check(report, ctx) {
    for (const claim of report.claims) {
      if (claim.kind !== 'deductions') continue;
      const context = deductionContext(report, claim);
      if (!context) continue;
      const lost = context.fullMarks.minus(context.score);
      const listed = deductionSum(claim);
      if (listed.eq(lost)) continue;
      const items = claim.items.map((i) => i.points.value.toFixed());
      ctx.report({
        message: `${where(claim.loc)}所列扣分合计${listed.toFixed()}分，但满分${context.fullMarks.toFixed()}分减得分${context.score.toFixed()}分应扣${lost.toFixed()}分`,
        expected: lost.toFixed(),
        actual: listed.toFixed(),
        loc: claim.loc,
        evidence: claim.evidence,
        subject: '主要扣分点',
        calculation: `${items.join(' + ')} = ${listed.toFixed()}；${context.fullMarks.toFixed()} − ${context.score.toFixed()} = ${lost.toFixed()}`,
      });
    }
  },
});
