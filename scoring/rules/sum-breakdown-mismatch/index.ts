// "收入X元，其中：A元，B元，C元" where the parts add to more than X (a "其中" list may be partial, so
// parts adding to less is only noted, unless the shortfall is a typo signature: one digit changed or
// two digits swapped).
import { Decimal } from 'decimal.js';
import { inconsistentBreakdowns } from '../../recompute/breakdown.ts';
import { printed, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';
import { typoNote, typoSignature } from './typo.ts';

export default defineRule({
  meta: {
    id: 'sum/breakdown-mismatch',
    severity: 'error',
    description: '正文“X，其中：A、B、C”中各分项之和超过总数（少于总数的仅作提示，可能未列全；但差额恰为一位数字写错或两位数字互换的，为警告）',
    basis: '分项之和不能超过总数；按数列的小数位判断舍入区间，几分钱的差异属正常舍入（docs/domain.md）；“其中”可能未列全，但与总数仅差一位数字或两位互换，是录入错误的特征',
    evidence: 'sentence',
  },
  check(report, ctx) {
    for (const { claim, judgement: j } of inconsistentBreakdowns(report.claims, 'text')) {
      const over = j.direction === 'over';
      const unit = claim.total.unit;
      const typo = j.verdict === 'mismatch' && !saysPartial(claim.evidence) ? typoSignature(claim.total.value, new Decimal(j.expected), decimalsOf(j.expected)) : null;
      const shortfall = typo
        ? `${where(claim.loc)}“${claim.label}”${printed(claim.total)}，其中所列各项合计${j.expected}${unit}，${typoNote[typo]}`
        : `${where(claim.loc)}“${claim.label}”${printed(claim.total)}，其中所列各项合计${j.expected}${unit}，少于总数（可能未列全，仅作提示）`;
      ctx.report({
        message: over ? `${where(claim.loc)}“${claim.label}”${printed(claim.total)}，其中所列各项合计${j.expected}${unit}，超过总数` : shortfall,
        severity: over && j.verdict === 'mismatch' ? 'error' : typo ? 'warning' : 'info',
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

/** "其中主要有…", "主要包括…": the list says itself that it is partial (a list ending in "等" is not read at all). */
const saysPartial = (sentence: string) => /其中主要|主要(?:包括|有|是)/.test(sentence);

const decimalsOf = (fixed: string) => (fixed.split('.')[1] ?? '').length;
