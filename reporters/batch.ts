// What a batch amounts to: files checked or not, open errors (a dismissed finding no longer counts, a
// confirmed one does), and the units ranked by open errors with those that need a 整改 notice.
// Shared by the console summary, the HTML report, the XLSX sheet 单位排名 and the exit code.
import type { DocumentResult, Finding, FollowUpLookup, FollowUpStatus, Output, Severity } from '../model/index.ts';

export interface BatchCounts {
  files: number;
  /** Files read and checked (status ok or partial). */
  checked: number;
  /** Files that could not be checked (status error), timeouts included. */
  failed: number;
  timedOut: number;
  /** Findings by severity that are still open (not dismissed). */
  open: Record<Severity, number>;
  /** Findings reviewers dismissed (any severity). */
  dismissed: number;
  /** Open error findings a reviewer confirmed. */
  confirmedErrors: number;
}

export function followUpStatus(finding: Finding, statusOf?: FollowUpLookup): FollowUpStatus {
  return statusOf?.(finding.fingerprint)?.status ?? 'pending';
}

export const isOpen = (finding: Finding, statusOf?: FollowUpLookup) => followUpStatus(finding, statusOf) !== 'dismissed';

export function batchCounts(output: Output, statusOf?: FollowUpLookup): BatchCounts {
  const counts: BatchCounts = {
    files: output.documents.length,
    checked: 0,
    failed: 0,
    timedOut: 0,
    open: { error: 0, warning: 0, info: 0 },
    dismissed: 0,
    confirmedErrors: 0,
  };
  for (const doc of output.documents) {
    if (doc.status === 'error') {
      counts.failed += 1;
      if (doc.error?.code === 'timeout') counts.timedOut += 1;
    } else counts.checked += 1;
    for (const f of doc.findings) {
      const status = followUpStatus(f, statusOf);
      if (status === 'dismissed') counts.dismissed += 1;
      else counts.open[f.severity] += 1;
      if (status === 'confirmed' && f.severity === 'error') counts.confirmedErrors += 1;
    }
  }
  return counts;
}

/** The batch in one Chinese line: files, what could not be checked, open findings, dismissed ones. */
export function batchSummaryLine(counts: BatchCounts): string {
  if (counts.files === 0) return '没有找到可检查的文件（文件夹为空，或只有隐藏文件）';
  const failed = counts.failed
    ? `，${counts.failed} 个无法检查${counts.timedOut ? `（其中超时 ${counts.timedOut} 个）` : ''}`
    : '';
  const dismissed = counts.dismissed ? `；已排除 ${counts.dismissed} 项不计` : '';
  return `共 ${counts.files} 个文件：已检查 ${counts.checked} 个${failed}；未排除的错误 ${counts.open.error} 项，警告 ${counts.open.warning} 项，提示 ${counts.open.info} 项${dismissed}`;
}

// ---------- units ranked ----------

export interface UnitRank {
  /** The unit's name, or the file when the unit was not recognised. */
  unit: string;
  files: DocumentResult[];
  openErrors: number;
  confirmedErrors: number;
  openWarnings: number;
  /** Files of the unit that could not be checked. */
  failed: number;
}

/**
 * Units by open errors (then confirmed errors, warnings, name). A unit needs a 整改 notice when it has
 * an open error; confirmed ones are certain, pending ones still to be verified.
 */
export function rankUnits(output: Output, statusOf?: FollowUpLookup): UnitRank[] {
  const byUnit = new Map<string, UnitRank>();
  for (const doc of output.documents) {
    const unit = doc.unit ?? doc.file;
    const rank = byUnit.get(unit) ?? { unit, files: [], openErrors: 0, confirmedErrors: 0, openWarnings: 0, failed: 0 };
    rank.files.push(doc);
    if (doc.status === 'error') rank.failed += 1;
    for (const f of doc.findings) {
      const status = followUpStatus(f, statusOf);
      if (status === 'dismissed') continue;
      if (f.severity === 'error') rank.openErrors += 1;
      if (f.severity === 'error' && status === 'confirmed') rank.confirmedErrors += 1;
      if (f.severity === 'warning') rank.openWarnings += 1;
    }
    byUnit.set(unit, rank);
  }
  return [...byUnit.values()].sort(
    (a, b) => b.openErrors - a.openErrors || b.confirmedErrors - a.confirmedErrors || b.openWarnings - a.openWarnings || a.unit.localeCompare(b.unit, 'zh'),
  );
}

export const needsRectification = (rank: UnitRank) => rank.openErrors > 0;

/** "需整改：A（错误 2 项，已确认 1 项）、B（错误 1 项）", or that no unit needs one. */
export function rectificationLine(ranks: UnitRank[]): string {
  const units = ranks.filter(needsRectification);
  if (units.length === 0) return '需发整改通知的单位：无（没有未排除的错误）';
  const item = (r: UnitRank) => `${r.unit}（错误 ${r.openErrors} 项${r.confirmedErrors ? `，已确认 ${r.confirmedErrors} 项` : ''}）`;
  return `需发整改通知的单位 ${units.length} 个：${units.map(item).join('、')}`;
}
