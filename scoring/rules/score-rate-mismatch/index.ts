import type { Loc, Quantity } from '../../../model/index.ts';
import { div, exact, judge, ofQuantity, scale, show, type Interval } from '../../../numbers/interval.ts';
import { allNodes, tableSubject } from '../../recompute/tree.ts';
import { defineRule, type RuleContext } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/rate-mismatch',
    severity: 'error',
    description: '得分率应等于得分 ÷ 分值 × 100%；自评表的预算执行率应等于全年执行数 ÷ 全年预算数 × 100%',
    basis: '得分率、执行率按定义计算；印出的百分数在其舍入区间（或截断）内视为一致',
  },
  check(report, ctx) {
    for (const table of report.tables.filter((t) => t.quality !== 'unreadable')) {
      for (const node of allNodes(table.roots)) {
        if (node.rate && node.score && node.weight) compare(ctx, node.name, '得分率', node.rate, node.score, node.weight, node.rate.loc, node.evidence, true);
      }
      const total = table.total;
      if (total?.rate && total.score && total.weight) compare(ctx, `${tableSubject(table)}合计`, '得分率', total.rate, total.score, total.weight, total.loc, total.evidence, true);
      const budget = table.budget;
      if (budget?.rate && budget.executed && budget.fullYearBudget) compare(ctx, `${tableSubject(table)}预算执行`, '执行率', budget.rate, budget.executed, budget.fullYearBudget, budget.loc, budget.evidence);
    }
  },
});

/**
 * Scores and weights are values of record (the rounded score is the score), so a 得分率 is computed
 * from them exactly; money figures are themselves rounded and carry their rounding interval.
 */
function compare(ctx: RuleContext, name: string, what: string, rate: Quantity, numerator: Quantity, denominator: Quantity, loc: Loc, evidence: string, ofRecord = false): void {
  const operand = (q: Quantity): Interval => (ofRecord ? exact(q.value) : ofQuantity(q));
  const quotient = div(operand(numerator), operand(denominator));
  if (!quotient) return;
  const percent = scale(quotient, 100);
  const verdict = judge(rate, percent);
  if (verdict === 'consistent') return;
  const point = numerator.value.div(denominator.value).times(100);
  ctx.report({
    severity: verdict === 'truncated' ? 'info' : undefined,
    message: `“${name}”${what}印为${rate.value.toFixed()}%，按${numerator.value.toFixed()} ÷ ${denominator.value.toFixed()}应为${show(point)}%${verdict === 'truncated' ? '（截断而非四舍五入）' : ''}`,
    expected: show(point),
    actual: rate.value.toFixed(),
    loc,
    evidence,
    subject: `${name}${what}`,
    calculation: `${numerator.value.toFixed()} ÷ ${denominator.value.toFixed()} × 100% = ${show(point)}%`,
  });
}
