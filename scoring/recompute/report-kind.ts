// Is this document a performance evaluation report at all? A novel or a CSV of prices read as text
// must get "不是绩效评价报告", not the same "未找到评分表" as a real report whose table was lost.
import type { Report } from '../../model/index.ts';

/** Words every 绩效评价/自评 report uses; a document with none of them and no scoring table or total is something else. */
const REPORT_WORDS = /绩效|自评|评分|评价得分|考核/;

export function looksLikeEvaluationReport(report: Report): boolean {
  if (report.tables.length > 0) return true;
  if (report.claims.some((c) => c.kind === 'total' || c.kind === 'grade')) return true;
  return report.text.some((p) => REPORT_WORDS.test(p.text));
}
