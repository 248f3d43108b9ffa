import { allNodes, checkable } from '../../recompute/tree.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/out-of-range',
    severity: 'error',
    description: '指标得分不能超过其分值，也不能为负数（加减分项除外）',
    basis: '每项指标 0 ≤ 得分 ≤ 分值（docs/domain.md“The scoring table”）',
  },
  check(report, ctx) {
    for (const table of report.tables.filter((t) => t.quality !== 'unreadable')) {
      for (const node of allNodes(table.roots)) {
        if (!node.score || node.bonus) continue;
        const over = node.weight && node.score.value.gt(node.weight.value);
        const negative = node.score.value.isNegative();
        if (!over && !negative) continue;
        ctx.report({
          message: over
            ? `“${node.name}”得分${node.score.value.toFixed()}分，超过该项分值${node.weight!.value.toFixed()}分`
            : `“${node.name}”得分为负数（${node.score.value.toFixed()}分）`,
          expected: over ? node.weight!.value.toFixed() : '0',
          actual: node.score.value.toFixed(),
          loc: node.score.loc,
          evidence: node.evidence,
          subject: node.name,
          calculation: over ? `${node.score.value.toFixed()} > ${node.weight!.value.toFixed()}` : null,
        });
      }
    }
  },
});
