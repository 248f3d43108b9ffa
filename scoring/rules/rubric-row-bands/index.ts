// The rubric a row prints in its own 评分标准 cell, applied to the rate its own 评分说明 states:
// "结转结余率≤10%的，得3分；…；20%<结转结余率≤30%的，得1分" and "结转结余率=…=28.80%。本项得3分"
// give 1, not 3. For rows the bound rubric (scoring/rubrics) does not already recompute.
import { Decimal } from 'decimal.js';
import type { IndicatorNode, ScoringTable } from '../../../model/index.ts';
import { allNodes, sameName } from '../../recompute/tree.ts';
import { defineRule, type RuleContext } from '../../rule.ts';
import { bandFigure, bandFor, parseBands } from './bands.ts';

export default defineRule({
  meta: {
    id: 'rubric/row-bands',
    severity: 'warning',
    description: '评分标准栏印有分档规则（如“结转结余率≤10%的，得3分”），按评分说明写出的比率落在另一档',
    basis: '报告本行印出的评分标准；比率按其舍入区间判断，落在两档之间（舍入可致）不报',
    evidence: 'row',
  },
  check(report, ctx) {
    const recomputed = ctx.rubric.outcomes.filter((o) => o.computation).map((o) => o.subject);
    for (const table of report.tables.filter((t: ScoringTable) => t.quality !== 'unreadable')) {
      for (const node of allNodes(table.roots)) {
        if (node.children.length || !node.score || !node.criteria || !node.explanation) continue;
        if (recomputed.some((subject) => sameName(subject, node.name))) continue;
        checkRow(ctx, node);
      }
    }
  },
});

/**
 * "结转结余率=12,569,214.32/(…)×100%=28.80%" or "结转结余率为28.80%": the rate the row states for
 * the bands' figure (after the last mention of its name, when the bands name it).
 */
function statedRate(explanation: string, figure: string | null): { value: Decimal; decimals: number; text: string } | null {
  const plain = explanation.replace(/(?<=\d)[,，](?=\d{3})/g, '');
  const named = figure ? plain.lastIndexOf(figure) : 0;
  if (named < 0) return null;
  const text = plain.slice(named);
  const results = [...text.matchAll(/(?:[=＝]|为|是)\s*(-?\d+(?:\.\d+)?)\s*%/g)];
  const last = results.at(-1);
  if (!last) return null;
  return { value: new Decimal(last[1]), decimals: (last[1].split('.')[1] ?? '').length, text: last[0] };
}

function checkRow(ctx: RuleContext, node: IndicatorNode): void {
  const bands = parseBands(node.criteria!);
  const rate = bands.length ? statedRate(node.explanation!, bandFigure(bands)) : null;
  if (!rate || !node.score) return;
  const half = new Decimal(10).pow(-rate.decimals).div(2);
  const band = bandFor(bands, rate.value.minus(half), rate.value.plus(half));
  if (!band || band.points.eq(node.score.value)) return;
  ctx.report({
    message: `“${node.name}”评分说明写明${rate.value.toFixed()}%，按本行评分标准“${band.clause}”应得${band.points.toFixed()}分，得分栏为${node.score.value.toFixed()}分`,
    expected: band.points,
    actual: node.score.value,
    loc: node.score.loc,
    evidence: node.evidence,
    subject: node.name,
    calculation: `${rate.value.toFixed()}% → ${band.clause}`,
  });
}
