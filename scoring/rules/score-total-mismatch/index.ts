import { checkable, scoreDecimals, tableScoreSum, tableSubject } from '../../recompute/tree.ts';
import { judge, show } from '../../../numbers/interval.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/total-mismatch',
    severity: 'error',
    description: '评分表“合计/总分”行的得分应等于各项得分之和（含加减分项、预算执行率得分）',
    basis: '评分表的合计由各三级指标得分相加得出；各项得分四舍五入保留两位小数，合计在舍入区间内视为一致',
  },
  check(report, ctx) {
    for (const table of report.tables) {
      const stated = table.total?.score;
      if (!stated || !checkable(table)) continue;
      const recomputed = tableScoreSum(table);
      if (recomputed.parts.length === 0) continue;
      const verdict = judge(stated, recomputed.interval, scoreDecimals(stated));
      if (verdict === 'consistent') continue;
      const terms = recomputed.parts.map((q) => q.value.toFixed()).join(' + ');
      ctx.report({
        severity: verdict === 'truncated' ? 'info' : undefined,
        message: `表${table.tableIndex}合计得分为${stated.value.toFixed()}分，但各项得分相加为${show(recomputed.value)}分`,
        expected: show(recomputed.value),
        actual: stated.value.toFixed(),
        loc: table.total!.loc,
        evidence: table.total!.evidence,
        subject: `${tableSubject(table)}合计`,
        calculation: `${terms} = ${show(recomputed.value)}`,
      });
    }
  },
});
