import type { ClaimOf, ScoringTable } from '../../../model/index.ts';
import { checkable } from '../../recompute/tree.ts';
import { looksLikeEvaluationReport } from '../../recompute/report-kind.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/unverifiable',
    severity: 'info',
    description: '报告给出了总分，但评分表缺失、结构错乱或未能完整还原，无法复算（说明还原了多少行）',
    basis: '提取不完整或不确定时只说明“无法核实”，不推测差异',
  },
  check(report, ctx) {
    const claim = report.claims.find((c): c is ClaimOf<'total'> => c.kind === 'total');
    const withTotals = report.tables.filter((t) => t.total?.score);
    if (report.tables.length === 0) {
      // A document that is not a report at all gets doc/not-a-report instead.
      if (!looksLikeEvaluationReport(report)) return;
      ctx.report({
        message: claim ? `正文称总分为${claim.value.value.toFixed()}分，但未找到评分表，无法复算` : '未找到评分表，未核对分项得分',
        actual: claim?.value.value.toFixed() ?? null,
        loc: claim?.loc ?? {},
        evidence: claim?.evidence ?? '',
        subject: '评分表',
      });
      return;
    }
    for (const table of report.tables) {
      if (checkable(table)) continue;
      const printed = table.total?.score ?? (withTotals.length === 0 ? claim?.value : undefined);
      ctx.report({
        message: `${describe(table)}${printed ? `，报告总分${printed.value.toFixed()}分无法复算` : ''}`,
        actual: printed?.value.toFixed() ?? null,
        loc: table.total?.loc ?? table.loc,
        evidence: table.total?.evidence ?? table.title ?? '',
        subject: `表${table.tableIndex}`,
      });
    }
  },
});

function describe(table: ScoringTable): string {
  const name = `表${table.tableIndex}${table.title ? `（${table.title}）` : ''}`;
  if (table.quality === 'unreadable') return `${name}结构错乱，无法可靠还原（${table.rowsTotal} 行中还原 ${table.rowsRecovered} 行）`;
  return `${name}部分行未能还原（${table.rowsTotal} 行中还原 ${table.rowsRecovered} 行）`;
}
