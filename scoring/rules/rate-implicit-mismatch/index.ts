// A percentage printed next to the two figures it is made of, which those figures do not give:
// "签约额975.99亿元，完成年度计划（870亿元）121.18%" (975.99 ÷ 870 = 112.18%).
import type { ClaimOf } from '../../../model/index.ts';
import { alsoAt, groupBy, printed, where } from '../../recompute/format.ts';
import { judgeRate } from '../../recompute/rate.ts';
import { defineRule } from '../../rule.ts';

/** "占比" may be taken of another total than the one printed beside it. */
const LOOSE = /占比|比例/;

export default defineRule({
  meta: {
    id: 'rate/implicit-mismatch',
    severity: 'error',
    description: '与两个数字并列给出的百分比（完成年度计划、控制率、执行率、占比、比上年降低）与这两个数字算出的比率不符',
    basis: '完成率/执行率/控制率 = 实际 ÷ 计划（预算）× 100%；比上年降低率 = 减少额 ÷（本年 + 减少额）× 100%；按舍入区间判断，截断只作提示（docs/domain.md）',
  },
  check(report, ctx) {
    const claims = report.claims.filter((c): c is ClaimOf<'rate'> => c.kind === 'rate');
    const key = (c: ClaimOf<'rate'>) => [c.formula, printed(c.numerator), printed(c.denominator), printed(c.rate)].join('|');
    for (const [claim, ...repeats] of groupBy(claims, key)) {
      const j = judgeRate(claim);
      if (j.verdict !== 'mismatch' && j.verdict !== 'truncated') continue;
      const others = alsoAt(repeats.map((c) => c.loc));
      const what = claim.formula === 'ratio'
        ? `${claim.label}：${printed(claim.numerator)} ÷ ${printed(claim.denominator)} = ${j.expected}%`
        : `${claim.label}${printed(claim.numerator)}：${j.calculation}`;
      const message = j.verdict === 'truncated'
        ? `${where(claim.loc)}${what}，报告写${printed(claim.rate)}（截断而非四舍五入，仅作提示）${others}`
        : `${where(claim.loc)}${what}，报告写${printed(claim.rate)}${others}`;
      ctx.report({
        message,
        severity: j.verdict === 'truncated' ? 'info' : LOOSE.test(claim.label) ? 'warning' : 'error',
        expected: j.expected,
        actual: j.actual,
        loc: claim.loc,
        evidence: claim.evidence,
        subject: claim.label,
        calculation: j.calculation,
      });
    }
  },
});
