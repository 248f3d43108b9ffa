// "各项绩效目标都已完成，完成率为 100%" while a stated actual falls short of its target
// (任务：新增规模以上工业企业 80 家 → 实际：新增规模以上工业企业 56 家).
import type { ClaimOf } from '../../../model/index.ts';
import { judge, ofQuantity } from '../../../numbers/interval.ts';
import { printed, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

type Target = ClaimOf<'target'>;

/** The actual misses the target beyond rounding (below a floor, or above a ceiling). */
export function fallsShort(t: Target): boolean {
  const verdict = judge(t.actual, ofQuantity(t.target, t.actual.decimals));
  if (verdict !== 'mismatch') return false;
  return t.higherIsBetter ? t.actual.value.lt(t.target.value) : t.actual.value.gt(t.target.value);
}

export default defineRule({
  meta: {
    id: 'target/claim-vs-actual',
    severity: 'warning',
    description: '报告声称各项目标均已完成（完成率100%），但有指标的实际完成值未达到目标值',
    basis: '“均已完成”的表述应与各指标的实际完成值一致；目标值与实际值取自报告自身（年度指标值/实际完成值，或任务清单与完成情况）',
  },
  check(report, ctx) {
    const completion = report.claims.find((c): c is ClaimOf<'completion'> => c.kind === 'completion');
    if (!completion) return;
    for (const t of report.claims) {
      if (t.kind !== 'target' || !fallsShort(t)) continue;
      const gap = t.higherIsBetter ? '低于目标' : '超过上限';
      ctx.report({
        message: `${where(completion.loc)}称“${completion.evidence}”，但“${t.label}”目标为${printed(t.target)}，实际为${printed(t.actual)}（${where(t.loc)}），${gap}`,
        expected: t.target.value.toFixed(),
        actual: t.actual.value.toFixed(),
        loc: t.loc,
        evidence: `${completion.evidence} ↔ ${t.evidence}`,
        subject: t.label,
        calculation: `${printed(t.actual)} ${t.higherIsBetter ? '<' : '>'} ${printed(t.target)}`,
      });
    }
  },
});
