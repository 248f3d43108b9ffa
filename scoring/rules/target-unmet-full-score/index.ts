// An indicator whose 实际完成值 misses its 年度指标值 (280 against 350; above a "≤" ceiling for costs)
// and still scores its full weight (6 of 6). Every rubric in use takes points off an unmet target.
import type { IndicatorNode } from '../../../model/index.ts';
import { comparablePair } from '../../../normalizers/claims/target.ts';
import { printed } from '../../recompute/format.ts';
import { show } from '../../../numbers/interval.ts';
import { defineRule } from '../../rule.ts';
import { fallsShort } from '../target-claim-vs-actual/index.ts';

export default defineRule({
  meta: {
    id: 'target/unmet-full-score',
    severity: 'warning',
    description: '自评表中实际完成值未达到年度指标值（或超过“≤”上限），该指标却得满分',
    basis: '各地通行评分办法（财预〔2020〕10号附件等）均规定未完成目标的指标按完成比例或酌情扣分，不能得满分；目标值与实际值须各只含一个同单位数字，定性目标（达标、有效提升等）不判；按舍入区间比较',
    evidence: 'structure',
  },
  check(report, ctx) {
    for (const table of report.tables.filter((t) => t.quality !== 'unreadable')) {
      for (const { leaf, path } of leavesWithPath(table.roots)) {
        const unmet = unmetTarget(leaf, path);
        if (!unmet || !leaf.score || !leaf.weight || !leaf.score.value.eq(leaf.weight.value) || leaf.weight.value.isZero()) continue;
        const gap = unmet.higherIsBetter ? '未达到目标' : '超过上限';
        ctx.report({
          message: `“${leaf.name}”年度指标值为${leaf.target}，实际完成值为${leaf.actual}，${gap}，但得分为满分${show(leaf.score.value)}分（分值${show(leaf.weight.value)}分）`,
          expected: null,
          actual: leaf.score.value,
          loc: leaf.score.loc,
          evidence: leaf.evidence,
          subject: leaf.name,
          calculation: `${printed(unmet.actual)} ${unmet.higherIsBetter ? '<' : '>'} ${printed(unmet.target)}，得分 ${show(leaf.score.value)} = 分值 ${show(leaf.weight.value)}`,
        });
      }
    }
  },
});

/** Leaves with the names of their parents ("成本指标 / 办公费"): a cost group makes its leaves ceilings. */
function leavesWithPath(nodes: IndicatorNode[], path = ''): { leaf: IndicatorNode; path: string }[] {
  return nodes.flatMap((n) => (n.children.length ? leavesWithPath(n.children, `${path}${n.name}/`) : [{ leaf: n, path: `${path}${n.name}` }]));
}

function unmetTarget(leaf: IndicatorNode, path: string) {
  if (!leaf.target || !leaf.actual) return null;
  const pair = comparablePair(leaf.target, leaf.actual, path, leaf.loc);
  if (!pair) return null;
  return fallsShort({ kind: 'target', label: leaf.name, ...pair, loc: leaf.loc, evidence: leaf.evidence }) ? pair : null;
}
