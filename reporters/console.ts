// The Chinese console summary: one block per document, findings with place and original text.
import type { DocumentResult, Output, Severity } from '../model/index.ts';
import { countBySeverity, formatLocation, SEVERITY_LABEL, sortFindings, STATUS_LABEL } from './labels.ts';

export function formatDocument(doc: DocumentResult): string {
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
  for (const f of sortFindings(doc.findings)) {
    lines.push(`  [${SEVERITY_LABEL[f.severity]}] ${f.rule}　${formatLocation(f.location)}`);
    lines.push(`      ${f.message}`);
    if (f.evidence) lines.push(`      原文：${truncate(f.evidence.replace(/\s+/g, ' '), 160)}`);
  }
  return lines.join('\n');
}

export function formatSummary(output: Output): string {
  const docs = output.documents;
  const all = docs.flatMap((d) => d.findings);
  const bySeverity = (s: Severity) => all.filter((f) => f.severity === s).length;
  const failed = docs.filter((d) => d.status === 'error').length;
  return `共 ${docs.length} 个文件（${failed} 个无法读取）：错误 ${bySeverity('error')} 项，警告 ${bySeverity('warning')} 项，提示 ${bySeverity('info')} 项`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
