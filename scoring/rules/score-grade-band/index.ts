import { Decimal } from 'decimal.js';
import type { ClaimOf, GradeBand, Report } from '../../../model/index.ts';
import { DEFAULT_BANDS, inBand } from '../../../normalizers/claims/totals.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'score/grade-band',
    severity: 'error',
    description: '评价等级应与总分所在的等级区间一致（报告自己印有等级区间时以报告为准）',
    basis: '财预〔2020〕10号：优 ≥ 90，良 [80, 90)，中 [60, 80)，差 < 60；报告印有本地等级标准时按其标准',
  },
  check(report, ctx) {
    const printed = report.claims.find((c): c is ClaimOf<'grade-bands'> => c.kind === 'grade-bands');
    const bands = printed?.bands ?? DEFAULT_BANDS;
    for (const claim of report.claims) {
      if (claim.kind !== 'grade') continue;
      const total = totalFor(report, claim);
      if (!total) continue;
      const band = bands.find((b) => b.grade === claim.grade);
      if (!band || inBand(total.value, band)) continue;
      const deserved = bands.find((b) => inBand(total.value, b));
      ctx.report({
        severity: printed ? 'error' : 'warning',
        message: `等级为“${claim.grade}”，但总分${total.value.toFixed()}分${deserved ? `应为“${deserved.grade}”` : '不在该等级区间内'}（${describe(band)}）`,
        expected: deserved?.grade ?? null,
        actual: claim.grade,
        loc: claim.loc,
        evidence: claim.evidence,
        subject: '等级',
        calculation: `${total.value.toFixed()}分 → ${deserved ? `${deserved.grade}（${describe(deserved)}）` : '无对应等级'}${printed ? '，依报告所列等级标准' : '，依财预〔2020〕10号默认标准'}`,
      });
    }
  },
});

/** The total stated with the grade (same sentence first), else the first total claimed, else a table total. */
function totalFor(report: Report, grade: ClaimOf<'grade'>): { value: Decimal } | null {
  const totals = report.claims.filter((c): c is ClaimOf<'total'> => c.kind === 'total');
  const same = totals.find((t) => t.evidence === grade.evidence) ?? totals[0];
  if (same) return same.value;
  const table = report.tables.find((t) => t.total?.score);
  return table?.total?.score ?? null;
}

function describe(band: GradeBand): string {
  const lo = band.min ? `${band.minInclusive ? '≥' : '>'}${band.min.toFixed()}` : '';
  const hi = band.max ? `${band.maxInclusive ? '≤' : '<'}${band.max.toFixed()}` : '';
  return `${band.grade}：${[lo, hi].filter(Boolean).join(' 且 ')}`;
}
