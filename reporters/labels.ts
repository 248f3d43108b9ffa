// What every reviewer-facing report (Excel, CSV, HTML) shares: Chinese labels, the column lists of
// the two tables (documents and findings), and the flattening of Output into rows. Pure functions.
import { FORMAT_LABEL } from '../extractors/index.ts';
import { ruleDoc } from './rule-docs.ts';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentResult, Finding, FollowUp, FollowUpLookup, FollowUpStatus, Output, Severity } from '../model/index.ts';

export { FORMAT_LABEL };

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const STATUS_LABEL: Record<DocumentResult['status'], string> = { ok: '已检查', partial: '部分检查', error: '无法读取' };

/** The follow-up status a reviewer gives a finding (the store keeps it; default pending, 待核实). */
export const FOLLOW_UP_LABEL: Record<FollowUpStatus, string> = { pending: '待核实', confirmed: '已确认', dismissed: '已排除' };

export interface ReportOptions {
  statusOf?: FollowUpLookup;
  /** The folder the report is written to: file paths are shown and linked relative to it. */
  linkBase?: string;
  /** HTML only: page images (data URIs) by pageImageKey, rendered at check time (pipeline/page-images.ts). */
  pageImages?: ReadonlyMap<string, string>;
}

/** Key of a finding's page image: its document's index and its index among that document's findings. */
export const pageImageKey = (docIndex: number, findingIndex: number) => `${docIndex}:${findingIndex}`;

/** A link that opens the original file (relative to the report when written to a file), at the page for PDF. */
export function originalHref(doc: DocumentResult, page: number | null, options: ReportOptions = {}): string {
  const shown = displayFile(doc.file, options);
  const href = isAbsolute(shown) ? pathToFileURL(shown).href : shown.split('/').map(encodeURIComponent).join('/');
  return doc.format === 'pdf' && page ? `${href}#page=${page}` : href;
}

/** The report's file as seen from the folder of the report written (forward slashes), else as given. */
export function displayFile(file: string, options: ReportOptions = {}): string {
  if (!options.linkBase) return file;
  const rel = relative(options.linkBase, resolve(file));
  return (isAbsolute(rel) ? rel : rel.split(sep).join('/')) || file;
}

/**
 * Rules whose `expected` is not recomputed but printed elsewhere in the report (the other place a
 * figure is given, the score an explanation states): shown as such, never as a 复算值.
 */
const PRINTED_ELSEWHERE_RULES = new Set(['figure/conflict', 'figure/unit-conflict', 'score/explanation-mismatch']);
export const printedElsewhere = (finding: Finding) => PRINTED_ELSEWHERE_RULES.has(finding.rule);

/** The report's own name of a table when it has one, else the tool's number (a number, so Excel sorts it). */
const captioned = (table: number, doc: DocumentResult): string | number => {
  const name = tableName(table, doc);
  return name === `表${table}` ? table : name;
};

/** The rule whose finding is a verdict on the whole document ("不是绩效评价报告"). */
export const NOT_A_REPORT_RULE = 'doc/not-a-report';

/** Status header and the drop-down's choices, shared by the XLSX writer and `jixiao import`. */
export const STATUS_HEADER = '状态';
export const NOTE_HEADER = '备注';
export const FINGERPRINT_HEADER = '指纹';
export const STATUS_CHOICES: readonly string[] = ['待核实', '已确认', '已排除'];

export function followUpLabel(finding: Finding, statusOf?: FollowUpLookup): string {
  return FOLLOW_UP_LABEL[statusOf?.(finding.fingerprint)?.status ?? 'pending'];
}


export const TABLE_KIND_LABEL: Record<string, string> = {
  scoring: '评分表',
  summary: '评分汇总表',
  'self-eval': '绩效自评表',
};

export const QUALITY_LABEL: Record<string, string> = { ok: '完整', partial: '部分识别', unreadable: '无法识别' };

/** The table as the report names it (附件1, 表2-1), else the tool's count (表5). */
export function tableName(table: number, doc?: Pick<DocumentResult, 'tableCaptions'>): string {
  return doc?.tableCaptions?.find((c) => c.table === table)?.label ?? `表${table}`;
}

export function formatLocation(loc: Finding['location'], doc?: Pick<DocumentResult, 'tableCaptions'>): string {
  const parts: string[] = [];
  if (loc.page) parts.push(`第${loc.page}页`);
  if (loc.table) parts.push(tableName(loc.table, doc));
  if (loc.row) parts.push(`第${loc.row}行`);
  if (loc.column) parts.push(`第${loc.column}列`);
  if (loc.line && !loc.page) parts.push(`文本第${loc.line}行`);
  return parts.join('，') || '位置未知';
}

/** "总分 91.16 → 89.16，等级 优 → 良" (or "等级不变（优）"). */
export function formatEffect(effect: NonNullable<Finding['effect']>): string {
  const total = effect.total.from === effect.total.to ? `总分不变（${effect.total.from}）` : `总分 ${effect.total.from} → ${effect.total.to}`;
  const { from, to } = effect.grade;
  const grade = from === null || to === null ? '' : from === to ? `，等级不变（${from}）` : `，等级 ${from} → ${to}`;
  return total + grade;
}

export function countBySeverity(doc: DocumentResult): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of doc.findings) counts[f.severity] += 1;
  return counts;
}

/** Findings in reading order: errors first, then warnings, then infos; stable otherwise. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

// ---------- the two tables ----------

export type CellValue = string | number | null;

export interface Column<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** Long free text: wrapped in Excel, capped width. */
  wrap?: boolean;
}

export interface SummaryRow {
  doc: DocumentResult;
  /** The file as shown (relative to the report when it is written to a file). */
  file: string;
  counts: Record<Severity, number>;
}

export const SUMMARY_COLUMNS: Column<SummaryRow>[] = [
  { header: '文件', value: (r) => r.file },
  { header: '单位', value: (r) => r.doc.unit },
  { header: '年度', value: (r) => r.doc.year },
  { header: '格式', value: (r) => FORMAT_LABEL[r.doc.format] },
  { header: '状态', value: (r) => STATUS_LABEL[r.doc.status] },
  { header: '报告总分', value: (r) => r.doc.claimedTotal },
  { header: '复算总分', value: (r) => r.doc.computedTotal },
  { header: '等级', value: (r) => r.doc.grade },
  { header: '错误数', value: (r) => r.counts.error },
  { header: '警告数', value: (r) => r.counts.warning },
  { header: '提示数', value: (r) => r.counts.info },
  { header: '错误信息', value: (r) => (r.doc.error ? `${r.doc.error.message}（${r.doc.error.code}）` : null), wrap: true },
];

export interface FindingRow {
  /** 0-based index of the finding's document in output.documents. */
  docIndex: number;
  /** 0-based index of the finding in its document's findings (as the HTML anchors f-<doc>-<finding>). */
  findingIndex: number;
  doc: DocumentResult;
  file: string;
  finding: Finding;
  followUp: FollowUp;
}

export const FINDING_COLUMNS: Column<FindingRow>[] = [
  { header: '编号', value: (r) => `${r.docIndex + 1}-${r.findingIndex + 1}` },
  { header: FINGERPRINT_HEADER, value: (r) => r.finding.fingerprint },
  { header: '文件', value: (r) => r.file },
  { header: '单位', value: (r) => r.doc.unit },
  { header: '年度', value: (r) => r.doc.year },
  { header: '严重程度', value: (r) => SEVERITY_LABEL[r.finding.severity] },
  { header: '规则', value: (r) => r.finding.rule },
  { header: '指标', value: (r) => r.finding.subject },
  { header: '问题说明', value: (r) => r.finding.message, wrap: true },
  { header: '报告值', value: (r) => r.finding.actual },
  { header: '复算值', value: (r) => (printedElsewhere(r.finding) ? null : r.finding.expected) },
  { header: '另一处所印的值', value: (r) => (printedElsewhere(r.finding) ? r.finding.expected : null) },
  { header: '若属实：总分与等级', value: (r) => (r.finding.effect ? formatEffect(r.finding.effect) : null), wrap: true },
  { header: '页', value: (r) => r.finding.location.page },
  { header: '表', value: (r) => (r.finding.location.table === null ? null : captioned(r.finding.location.table, r.doc)) },
  { header: '行', value: (r) => r.finding.location.row },
  { header: '列', value: (r) => r.finding.location.column },
  { header: '文本行', value: (r) => r.finding.location.line },
  { header: '原文', value: (r) => r.finding.evidence, wrap: true },
  { header: '复算过程', value: (r) => r.finding.calculation, wrap: true },
  { header: STATUS_HEADER, value: (r) => FOLLOW_UP_LABEL[r.followUp.status] },
  { header: NOTE_HEADER, value: (r) => r.followUp.note, wrap: true },
  { header: '规则说明', value: (r) => ruleDoc(r.finding.rule)?.description ?? null, wrap: true },
  { header: '规则依据', value: (r) => ruleDoc(r.finding.rule)?.basis ?? null, wrap: true },
  { header: '规则文档', value: (r) => ruleDoc(r.finding.rule)?.readme ?? null },
];

export function summaryRows(output: Output, options: ReportOptions = {}): SummaryRow[] {
  return output.documents.map((doc) => ({ doc, file: displayFile(doc.file, options), counts: countBySeverity(doc) }));
}

/** One row per finding, documents in input order, each document's findings by severity. */
export function findingRows(output: Output, options: ReportOptions = {}): FindingRow[] {
  const pending: FollowUp = { status: 'pending', note: null, updatedAt: null };
  return output.documents.flatMap((doc, docIndex) => {
    const file = displayFile(doc.file, options);
    return sortFindings(doc.findings).map((finding) => ({
      docIndex,
      findingIndex: doc.findings.indexOf(finding),
      doc,
      file,
      finding,
      followUp: options.statusOf?.(finding.fingerprint) ?? pending,
    }));
  });
}

/** Display width of text in a monospace-ish grid: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Decimal strings become numbers when that is exact (so Excel sorts and filters them). */
export function numericOrText(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  if (!/^-?\d{1,15}(\.\d+)?$/.test(value)) return value;
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value ? n : value;
}

/** The XLSX workbook's sheets (the import reads the finding list back by its name). */
export const SUMMARY_SHEET = '汇总';
export const FINDINGS_SHEET = '问题清单';
export const RANKING_SHEET = '单位排名';
