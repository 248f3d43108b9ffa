import { Decimal } from 'decimal.js';
import type { IndicatorNode, Loc, Quantity } from '../../../model/index.ts';
import { allNodes, checkable, scoredLeaves, tableSubject } from '../../recompute/tree.ts';
import { defineRule, type RuleContext } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/weight-mismatch',
    severity: 'error',
    description: '下级指标的分值（权重）之和应等于上级指标的分值；一级指标分值之和应等于合计分值（通常为 100）',
    basis: '评分表中一级指标权重合计为 100，下级指标权重之和等于上级权重；加减分项不计入权重',
  },
  check(report, ctx) {
    for (const table of report.tables.filter(checkable)) {
      for (const parent of allNodes(table.roots)) {
        if (parent.weight && !parent.bonus) compareWeights(ctx, parent.name, parent.weight, parent.children, parent.evidence, parent.weight.loc);
      }
      const total = table.total?.weight;
      const budgetWeight = table.budget?.weight ? [table.budget.weight] : [];
      const roots = table.roots.filter((n) => !n.bonus);
      if (total && table.kind !== 'summary') compareWeights(ctx, `${tableSubject(table)}合计`, total, roots, table.total!.evidence, table.total!.loc, budgetWeight);
      if (table.kind === 'summary' && total) {
        const lines = allNodes(roots).filter((n) => !n.children.length);
        compareWeights(ctx, `${tableSubject(table)}合计`, total, lines, table.total!.evidence, table.total!.loc);
      }
    }
  },
});

/** A node printed without a weight (weights on leaves only) weighs what its leaves weigh. */
function weightOrLeafWeights(node: IndicatorNode): Quantity | null {
  if (node.weight || node.children.length === 0) return node.weight;
  const weighted = scoredLeaves(node.children).filter((n) => !n.bonus);
  if (weighted.length === 0 || weighted.some((n) => !n.weight)) return null;
  const value = weighted.reduce((acc, n) => acc.plus(n.weight!.value), new Decimal(0));
  return { ...weighted[0].weight!, value, raw: value.toFixed() };
}

function compareWeights(ctx: RuleContext, name: string, weight: Quantity, children: IndicatorNode[], evidence: string, loc: Loc, extra: Quantity[] = []): void {
  const parts = [...children.filter((c) => !c.bonus).map(weightOrLeafWeights), ...extra];
  if (parts.length === 0 || parts.some((w) => !w)) return; // an unweighted child: nothing to add up
  const total = (parts as Quantity[]).reduce((acc, w) => acc.plus(w.value), new Decimal(0));
  if (total.eq(weight.value)) return;
  ctx.report({
    message: `“${name}”的分值为${weight.value.toFixed()}，但其下级指标分值相加为${total.toFixed()}`,
    expected: total.toFixed(),
    actual: weight.value.toFixed(),
    loc,
    evidence,
    subject: `${name}分值`,
    calculation: `${(parts as Quantity[]).map((w) => w.value.toFixed()).join(' + ')} = ${total.toFixed()}`,
  });
}
