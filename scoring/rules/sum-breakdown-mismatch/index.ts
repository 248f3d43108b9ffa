// "收入X元，其中：A元，B元，C元" where the parts add to more than X (a "其中" list may be partial, so
// parts adding to less is only noted).
import { inconsistentBreakdowns } from '../../recompute/breakdown.ts';
import { printed, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'sum/breakdown-mismatch',
    severity: 'error',
    description: '正文“X，其中：A、B、C”中各分项之和超过总数（少于总数的仅作提示，可能未列全）',
    basis: '分项之和不能超过总数；按数列的小数位判断舍入区间，几分钱的差异属正常舍入（docs/domain.md）',
  },
  check(report, ctx) {
    for (const { claim, judgement: j } of inconsistentBreakdowns(report.claims, 'text')) {
      const over = j.direction === 'over';
      const unit = claim.total.unit;
      ctx.report({
        message: over
          ? `${where(claim.loc)}“${claim.label}”${printed(claim.total)}，其中所列各项合计${j.expected}${unit}，超过总数`
          : `${where(claim.loc)}“${claim.label}”${printed(claim.total)}，其中所列各项合计${j.expected}${unit}，少于总数（可能未列全，仅作提示）`,
        severity: over && j.verdict === 'mismatch' ? 'error' : 'info',
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
