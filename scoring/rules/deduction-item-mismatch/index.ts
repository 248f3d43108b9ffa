// A listed deduction ("三公经费控制率（扣 5 分）") that does not match the scoring table, where that
// indicator's row is readable: weight − score should equal the points deducted.
import type { IndicatorNode, Report } from '../../../model/index.ts';
import { where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

function findIndicator(report: Report, name: string): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const visit = (n: IndicatorNode) => {
    if (n.name.replace(/\s+/g, '') === name) out.push(n);
    n.children.forEach(visit);
  };
  for (const t of report.tables) if (t.quality === 'ok') t.roots.forEach(visit);
  return out;
}

export default defineRule({
  meta: {
    id: 'deduction/item-mismatch',
    severity: 'warning',
    description: '“主要扣分点”中某项扣分与评分表中该指标的分值减得分不一致',
    basis: '某指标扣分 = 该指标分值 − 该指标得分；只在评分表可完整读取且指标名称唯一对应时检查',
  },
  check(report, ctx) {
    for (const claim of report.claims) {
      if (claim.kind !== 'deductions') continue;
      for (const item of claim.items) {
        const nodes = findIndicator(report, item.name.replace(/\s+/g, ''));
        if (nodes.length !== 1) continue;
        const [node] = nodes;
        if (!node.weight || !node.score) continue;
        const lost = node.weight.value.minus(node.score.value);
        if (lost.eq(item.points.value)) continue;
        ctx.report({
          message: `${where(claim.loc)}称“${item.name}”扣${item.points.value.toFixed()}分，但评分表${where(node.loc)}该指标分值${node.weight.value.toFixed()}、得分${node.score.value.toFixed()}，应扣${lost.toFixed()}分`,
          expected: lost.toFixed(),
          actual: item.points.value.toFixed(),
          loc: claim.loc,
          evidence: `${claim.evidence} ↔ ${node.evidence}`,
          subject: item.name,
          calculation: `${node.weight.value.toFixed()} − ${node.score.value.toFixed()} = ${lost.toFixed()}`,
        });
      }
    }
  },
});
