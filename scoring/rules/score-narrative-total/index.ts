import type { ClaimOf, Quantity, Report } from '../../../model/index.ts';
import { judge, show } from '../../../numbers/interval.ts';
import { checkable, tableScoreSum } from '../../recompute/tree.ts';
import { defineRule } from '../../rule.ts';

interface TableTotal {
  label: string;
  value: Quantity;
}

export default defineRule({
  meta: {
    id: 'score/narrative-total',
    severity: 'error',
    description: '正文所述总分（“自评得分为X分”“评价得分为X分”）应与评分表合计一致，正文各处的总分也应一致',
    basis: '报告正文的评价结论与附件评分表是同一次评分的结果',
  },
  check(report, ctx) {
    const claims = report.claims.filter((c): c is ClaimOf<'total'> => c.kind === 'total');
    const totals = tableTotals(report);
    for (const claim of claims) {
      if (totals.length === 0 || totals.some((t) => judge(claim.value, exactScore(t.value)) !== 'mismatch')) continue;
      const first = totals[0];
      ctx.report({
        message: `正文称总分为${claim.value.value.toFixed()}分，但${first.label}为${first.value.value.toFixed()}分`,
        expected: first.value.value.toFixed(),
        actual: claim.value.value.toFixed(),
        loc: claim.loc,
        evidence: claim.evidence,
        subject: '总分',
        calculation: totals.map((t) => `${t.label}：${t.value.value.toFixed()}分`).join('；'),
      });
    }
    const distinct = new Map(claims.map((c) => [c.value.value.toFixed(), c]));
    if (distinct.size > 1) {
      const [a, b] = [...distinct.values()];
      ctx.report({
        message: `正文两处总分不一致：${a.value.value.toFixed()}分与${b.value.value.toFixed()}分`,
        expected: a.value.value.toFixed(),
        actual: b.value.value.toFixed(),
        loc: b.loc,
        evidence: `${a.evidence} / ${b.evidence}`,
        subject: '总分（正文）',
      });
    }
  },
});

/** Each scoring table's printed total, or its recomputed sum when it prints none. */
function tableTotals(report: Report): TableTotal[] {
  const out: TableTotal[] = [];
  for (const table of report.tables) {
    if (table.total?.score) out.push({ label: `表${table.tableIndex}合计`, value: table.total.score });
    else if (checkable(table) && table.kind !== 'summary') {
      const sum = tableScoreSum(table);
      if (sum.parts.length && !sum.missing.length) out.push({ label: `表${table.tableIndex}各项得分之和`, value: { ...sum.parts[0], value: sum.value, decimals: 2, raw: show(sum.value) } });
    }
  }
  return out;
}

const exactScore = (q: Quantity) => ({ lo: q.value, hi: q.value });
