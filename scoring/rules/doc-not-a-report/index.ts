import { looksLikeEvaluationReport } from '../../recompute/report-kind.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'doc/not-a-report',
    severity: 'info',
    description: '文件中既没有评分表、总分或等级，也没有“绩效”“自评”“评分”等字样：不是绩效评价报告，未检查',
    basis: '只检查绩效评价报告；其他文件（小说、价格表等）如实说明，不当作“检查通过”',
    evidence: 'sentence',
  },
  check(report, ctx) {
    if (looksLikeEvaluationReport(report)) return;
    const first = report.text.find((p) => p.text.trim() !== '');
    ctx.report({
      message: '不是绩效评价报告：没有评分表、总分或等级，也没有“绩效”“自评”“评分”等字样，未作检查',
      loc: first?.loc ?? {},
      evidence: first ? first.text.slice(0, 120) : '',
      subject: '文件类型',
    });
  },
});
