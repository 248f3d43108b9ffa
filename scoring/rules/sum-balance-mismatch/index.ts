// A row of a balance table where 期初 + 本年收入 − 本年支出 (− 财政收回) ≠ 期末.
import { inconsistentBreakdowns } from '../../recompute/breakdown.ts';
import { where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'sum/balance-mismatch',
    severity: 'warning',
    description: '收支余额表中某行“期初 + 本年收入 − 本年支出（− 财政收回）”不等于期末余额',
    basis: '余额勾稽关系：期末 = 期初 + 收入 − 支出 − 收回；期末为空的行不检查；行间调剂可能使单行不平，故为警告（docs/domain.md 舍入区间规则）',
    evidence: 'structure',
  },
  check(report, ctx) {
    for (const { claim, judgement: j, label } of inconsistentBreakdowns(report.claims, 'balance')) {
      ctx.report({
        message: `${where(claim.loc)}“${label}”期初加收入减支出为${j.expected}，但期末余额印为${j.actual}${j.verdict === 'truncated' ? '（截断级差异，仅作提示）' : ''}`,
        severity: j.verdict === 'truncated' ? 'info' : 'warning',
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
