// Runs the product over a corpus and computes the measures: recall by anomaly kind and format, false
// warning/error findings, documents with a false error, cross-format agreement, timing.
import PQueue from 'p-queue';
import type { Product, ProductFinding } from './adapter.ts';
import type { CorpusEntry, CorpusFormat } from './generate/corpus.ts';
import { alarmSet, matchDocument, type DocumentMatch } from './match.ts';

export interface DocumentRun {
  id: string;
  kind: string;
  format: CorpusFormat;
  file: string;
  clean: boolean;
  status: string;
  error: string | null;
  seconds: number;
  findings: ProductFinding[];
  match: DocumentMatch;
}

export interface Ratio { hit: number; total: number; rate: number | null }
const ratio = (hit: number, total: number): Ratio => ({ hit, total, rate: total ? hit / total : null });

export interface EvalSummary {
  reports: number;
  cleanReports: number;
  documents: number;
  recallByFormat: Record<string, Ratio>;
  recallByKind: Record<string, Ratio>;
  recallByReportKind: Record<string, Ratio>;
  recallOverall: Ratio;
  /** False warning/error findings by rule and severity ("score/weight-mismatch error"), all formats. */
  falseByRule: Record<string, number>;
  /** False warning/error findings per clean document, by format. */
  falsePerCleanDocument: Record<string, number | null>;
  /** False warning/error findings per document (clean or not), by format. */
  falsePerDocument: Record<string, number | null>;
  documentsWithFalseError: Record<string, number>;
  failedDocuments: Record<string, number>;
  /** Share of reports whose warning/error set (rule+subject+actual) is identical across TXT/DOCX/PDF. */
  agreement: Ratio;
  secondsByFormat: Record<string, { documents: number; seconds: number; perDocument: number }>;
}

export async function runCorpus(product: Product, entries: CorpusEntry[], formats: CorpusFormat[], onDone?: (run: DocumentRun) => void): Promise<DocumentRun[]> {
  const queue = new PQueue({ concurrency: 2 });
  const runs: DocumentRun[] = [];
  for (const entry of entries) {
    for (const format of formats) {
      const file = entry.files[format];
      if (!file) continue;
      void queue.add(async () => {
        const started = performance.now();
        const result = await product.check(file);
        const run: DocumentRun = {
          id: entry.truth.id, kind: entry.truth.kind, format, file, clean: entry.truth.anomalies.length === 0,
          status: result.status, error: result.error, seconds: (performance.now() - started) / 1000,
          findings: result.findings, match: matchDocument(entry.truth, format, result.findings),
        };
        runs.push(run);
        onDone?.(run);
      });
    }
  }
  await queue.onIdle();
  return runs.sort((a, b) => a.id.localeCompare(b.id) || a.format.localeCompare(b.format));
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const PARITY_FORMATS = ['txt', 'docx', 'pdf'];

export function summarize(runs: DocumentRun[]): EvalSummary {
  const byFormat = group(runs, (r) => r.format);
  const found = (rs: DocumentRun[]) => rs.flatMap((r) => r.match.anomalies);
  const recallOf = (items: { foundBy: unknown[] }[]) => ratio(items.filter((a) => a.foundBy.length > 0).length, items.length);
  const recallByFormat: Record<string, Ratio> = {};
  const falsePerCleanDocument: Record<string, number | null> = {};
  const falsePerDocument: Record<string, number | null> = {};
  const documentsWithFalseError: Record<string, number> = {};
  const failedDocuments: Record<string, number> = {};
  const secondsByFormat: EvalSummary['secondsByFormat'] = {};
  for (const [format, rs] of byFormat) {
    recallByFormat[format] = recallOf(found(rs));
    const clean = rs.filter((r) => r.clean);
    falsePerCleanDocument[format] = clean.length ? clean.reduce((n, r) => n + r.match.falseFindings.length, 0) / clean.length : null;
    falsePerDocument[format] = rs.reduce((n, r) => n + r.match.falseFindings.length, 0) / rs.length;
    documentsWithFalseError[format] = rs.filter((r) => r.match.falseFindings.some((f) => f.severity === 'error')).length;
    failedDocuments[format] = rs.filter((r) => r.status === 'error').length;
    const seconds = rs.reduce((n, r) => n + r.seconds, 0);
    secondsByFormat[format] = { documents: rs.length, seconds, perDocument: seconds / rs.length };
  }
  const recallByKind: Record<string, Ratio> = {};
  for (const [kind, items] of group(found(runs), (a) => a.anomaly.kind)) recallByKind[kind] = recallOf(items);
  const recallByReportKind: Record<string, Ratio> = {};
  for (const [kind, rs] of group(runs, (r) => r.kind)) recallByReportKind[kind] = recallOf(found(rs));
  const falseByRule: Record<string, number> = {};
  for (const f of runs.flatMap((r) => r.match.falseFindings)) falseByRule[`${f.rule} ${f.severity}`] = (falseByRule[`${f.rule} ${f.severity}`] ?? 0) + 1;
  const byReport = group(runs.filter((r) => PARITY_FORMATS.includes(r.format)), (r) => r.id);
  let comparable = 0;
  let identical = 0;
  for (const rs of byReport.values()) {
    if (rs.length < 2) continue;
    comparable++;
    const sets = rs.map((r) => [...alarmSet(r.findings)].sort().join('\n'));
    if (sets.every((s) => s === sets[0])) identical++;
  }
  const reports = new Set(runs.map((r) => r.id));
  return {
    reports: reports.size,
    cleanReports: new Set(runs.filter((r) => r.clean).map((r) => r.id)).size,
    documents: runs.length,
    recallByFormat,
    recallByKind,
    recallByReportKind,
    recallOverall: recallOf(found(runs)),
    falsePerCleanDocument,
    falsePerDocument,
    documentsWithFalseError,
    failedDocuments,
    falseByRule,
    agreement: ratio(identical, comparable),
    secondsByFormat,
  };
}
