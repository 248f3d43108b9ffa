// A 小计/合计 row of a data table (收支明细, 资产表…) that is not the sum of the rows it totals.
import { inconsistentBreakdowns } from '../../recompute/breakdown.ts';
import { where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'sum/table-total-mismatch',
    severity: 'error',
    description: '数据表（收支明细表、资产表等）中“小计/合计”行的数字不等于其所汇总各行之和',
    basis: '合计 = 各分项之和（“其中”行不计入）；按该列的小数位判断舍入区间（docs/domain.md）。评分表的合计由 score/* 规则检查',
    evidence: 'structure',
  },
  check(report, ctx) {
    for (const { claim, judgement: j, label } of inconsistentBreakdowns(report.claims, 'table')) {
      ctx.report({
        message: `${where(claim.loc)}${label}为${j.actual}，但所汇总各行相加为${j.expected}${j.verdict === 'truncated' ? '（截断级差异，仅作提示）' : ''}`,
        severity: j.verdict === 'truncated' ? 'info' : 'error',
        expected: j.expected,
        actual: j.actual,
        loc: claim.loc,
        evidence: claim.evidence,
        subject: label,
        calculation: j.calculation,
      });
    }
  },
});
