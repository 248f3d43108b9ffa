// The Chinese console summary: one block per document, findings with place and original text.
// Info findings are folded into one line unless asked for (--info); a reviewer's status shows
// beside each finding, and the batch ends with the units ranked by open errors.
import type { DocumentResult, FollowUpLookup, Output } from '../model/index.ts';
import { batchCounts, batchSummaryLine, followUpStatus, rankUnits, rectificationLine } from './batch.ts';
import { FOLLOW_UP_LABEL, NOT_A_REPORT_RULE, countBySeverity, formatEffect, formatLocation, SEVERITY_LABEL, sortFindings, STATUS_LABEL } from './labels.ts';

export interface ConsoleOptions {
  statusOf?: FollowUpLookup;
  /** Print info findings one by one instead of one folded line. */
  showInfo?: boolean;
}

export function formatDocument(doc: DocumentResult, options: ConsoleOptions = {}): string {
  const lines: string[] = [];
  lines.push(`■ ${doc.file}  [${doc.format.toUpperCase()}，${STATUS_LABEL[doc.status]}]`);
  if (doc.error) {
    lines.push(`  错误（${doc.error.code}）：${doc.error.message}`);
    return lines.join('\n');
  }
  lines.push(`  单位：${doc.unit ?? '未识别'}　年度：${doc.year ?? '未识别'}　等级：${doc.grade ?? '未识别'}`);
  lines.push(`  报告总分：${doc.claimedTotal ?? '未找到'}　复算总分：${doc.computedTotal ?? '无法复算'}`);
  const count = countBySeverity(doc);
  lines.push(`  错误 ${count.error} 项，警告 ${count.warning} 项，提示 ${count.info} 项`);
  for (const note of doc.notes) lines.push(`  说明：${note}`);
  // A document-level verdict (not a report at all) is said once, never folded away.
  const verdict = doc.findings.find((f) => f.rule === NOT_A_REPORT_RULE);
  if (verdict) lines.push(`  结论：${verdict.message}`);
  const folded = doc.findings.filter((f) => f.severity === 'info' && f !== verdict).length;
  const shown = sortFindings(doc.findings).filter((f) => f !== verdict && (options.showInfo || f.severity !== 'info'));
  for (const f of shown) {
    const status = followUpStatus(f, options.statusOf);
    const mark = status === 'pending' ? '' : `·${FOLLOW_UP_LABEL[status]}`;
    lines.push(`  [${SEVERITY_LABEL[f.severity]}${mark}] ${f.rule}　${formatLocation(f.location, doc)}`);
    lines.push(`      ${f.message}`);
    if (f.effect) lines.push(`      影响：${formatEffect(f.effect)}`);
    if (f.evidence) lines.push(`      原文：${truncate(f.evidence.replace(/\s+/g, ' '), 160)}`);
  }
  if (!options.showInfo && folded > 0) lines.push(`  （另有提示 ${folded} 项已折叠，加 --info 显示）`);
  return lines.join('\n');
}

export function formatSummary(output: Output, options: ConsoleOptions = {}): string {
  const lines = [batchSummaryLine(batchCounts(output, options.statusOf))];
  const ranks = rankUnits(output, options.statusOf).filter((r) => r.openErrors > 0 || r.openWarnings > 0);
  if (output.documents.length > 1 && ranks.length > 0) {
    lines.push('按未排除错误排序的单位：');
    ranks.slice(0, 20).forEach((r, i) => lines.push(`  ${i + 1}. ${r.unit}　错误 ${r.openErrors} 项${r.confirmedErrors ? `（已确认 ${r.confirmedErrors} 项）` : ''}，警告 ${r.openWarnings} 项`));
    if (ranks.length > 20) lines.push(`  …另有 ${ranks.length - 20} 个单位`);
  }
  if (output.documents.length > 0) lines.push(rectificationLine(rankUnits(output, options.statusOf)));
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
