import type { IndicatorNode, ScoringTable } from '../../../model/index.ts';
import { judge, show } from '../../../numbers/interval.ts';
import { Decimal } from 'decimal.js';
import { allNodes, checkable, leaves, nodeScoreSum, sameName, scoreDecimals } from '../../recompute/tree.ts';
import { defineRule, type RuleContext } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/subtotal-mismatch',
    severity: 'error',
    description: '一级、二级指标的得分应等于其下级指标得分之和；汇总表的得分应与评分表明细一致',
    basis: '上级指标得分由下级指标得分相加得出；得分四舍五入保留两位小数，在舍入区间内视为一致',
  },
  check(report, ctx) {
    const detailed = report.tables.filter((t) => t.kind !== 'summary' && checkable(t));
    for (const table of report.tables.filter(checkable)) {
      for (const parent of allNodes(table.roots)) {
        if (parent.score && parent.children.length) compare(ctx, parent, nodeScoreSum(parent), `表${table.tableIndex}`);
      }
      if (table.kind === 'summary') crossCheck(ctx, table, detailed);
    }
  },
});

/**
 * A summary table's 二级 score against the same indicator's items in the detailed scoring table,
 * when those items are all of it: their weights add up to the summary's weight (a row the detailed
 * table lost, or two rows read as one, would make any score sum wrong).
 */
function crossCheck(ctx: RuleContext, summary: ScoringTable, detailed: ScoringTable[]): void {
  for (const line of allNodes(summary.roots)) {
    if (!line.score || line.bonus) continue;
    for (const table of detailed) {
      const twin = allNodes(table.roots).find((n) => n.level === line.level && sameName(n.name, line.name) && n.children.length);
      if (twin && sameItems(line, twin)) compare(ctx, line, nodeScoreSum(twin), `表${summary.tableIndex}与表${table.tableIndex}`);
    }
  }
}

function sameItems(line: IndicatorNode, twin: IndicatorNode): boolean {
  const weights = leaves(twin.children).map((n) => n.weight);
  if (!line.weight || weights.some((w) => !w)) return true;
  return weights.reduce((sum, w) => sum.plus(w!.value), new Decimal(0)).eq(line.weight.value);
}

function compare(ctx: RuleContext, node: IndicatorNode, recomputed: ReturnType<typeof nodeScoreSum>, where: string): void {
  if (!node.score || recomputed.parts.length === 0 || recomputed.missing.length) return;
  if (judge(node.score, recomputed.interval, scoreDecimals(node.score)) !== 'mismatch') return;
  ctx.report({
    message: `${where}：“${node.name}”得分为${node.score.value.toFixed()}分，但其下级指标得分相加为${show(recomputed.value)}分`,
    expected: show(recomputed.value),
    actual: node.score.value.toFixed(),
    loc: node.score.loc,
    evidence: node.evidence,
    subject: node.name,
    calculation: `${recomputed.parts.map((q) => q.value.toFixed()).join(' + ')} = ${show(recomputed.value)}`,
  });
}
