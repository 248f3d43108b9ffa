// The same figure printed with the same digits but a different money unit in two places:
// "当年年末存量资金0.08万元" and "2022年存量资金0.08亿元".
import type { ClaimOf } from '../../../model/index.ts';
import { printed, where } from '../../recompute/format.ts';
import { comparablePairs, figureName, isMoney, readOffColumns } from '../../recompute/figures.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'figure/unit-conflict',
    severity: 'warning',
    description: '同一数字在不同位置数值相同而金额单位不同（元/万元/亿元），至少一处单位有误',
    basis: '同一口径的金额应单位一致；数字相同、单位相差万倍，几乎必是单位写错；两处都写明同一时点的为错误，一处时点不明的为警告',
    evidence: 'sentence',
  },
  check(report, ctx) {
    const figures = report.claims.filter((c): c is ClaimOf<'figure'> => c.kind === 'figure' && isMoney(c));
    for (const { first, second, explicitPeriod } of comparablePairs(figures, { looseSamePoint: true })) {
      if (!first.value.value.eq(second.value.value) || first.value.unit === second.value.unit) continue;
      const name = figureName(first.period && first.period !== '|' ? first : second);
      ctx.report({
        // Both places name the same period point: two unambiguous statements of one figure.
        severity: explicitPeriod ? 'error' : 'warning',
        message: `“${name}”单位不一致：${where(first.loc)}为${printed(first.value)}，${where(second.loc)}为${printed(second.value)}，数字相同而单位相差${first.value.unit}/${second.value.unit}`,
        expected: first.value.value.toFixed(),
        actual: second.value.value.toFixed(),
        loc: second.loc,
        evidence: `${first.evidence} ↔ ${second.evidence}`,
        subject: `${name}（${first.value.unit}/${second.value.unit}）`,
        calculation: `${printed(first.value)} ≠ ${printed(second.value)}`,
        evidenceKind: readOffColumns(first, second) ? 'structure' : 'sentence',
      });
    }
  },
});
