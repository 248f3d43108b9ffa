// npm run eval -- [--seed 1] [--n 60] [--formats txt,docx,pdf,scan,xlsx] [--scan-n 15] [--json out.json]
//                 [--list-misses] [--list-false] [--sample] [--rematch out.json] [--raw-cache dir]
// Generates (or reuses) the corpus in eval/.cache/<seed>-<n>/, runs the product on it in-process and
// prints recall, false findings, cross-format agreement and timing.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProduct } from './adapter.ts';
import { ensureCorpus, FORMATS, readCorpus, type CorpusFormat } from './generate/corpus.ts';
import { runCorpus, summarize, type DocumentRun, type EvalSummary, type Ratio } from './evaluate.ts';
import { matchDocument } from './match.ts';
import type { Truth } from './generate/truth.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    n: { type: 'string', default: '60' },
    formats: { type: 'string', default: 'txt,docx,pdf' },
    'scan-n': { type: 'string' },
    'scan-long': { type: 'string', default: '0' },
    json: { type: 'string' },
    'list-misses': { type: 'boolean', default: false },
    'list-false': { type: 'boolean', default: false },
    sample: { type: 'boolean', default: false },
    rematch: { type: 'string' },
    'raw-cache': { type: 'string' },
  },
});

const formats = values.formats!.split(',').map((f) => f.trim()).filter((f): f is CorpusFormat => (FORMATS as readonly string[]).includes(f));
const seed = Number(values.seed);
const n = Number(values.n);
const started = performance.now();
// --rematch out.json: judge the findings saved by an earlier --json run again (after a matcher change), without running the product.
const saved = values.rematch ? (JSON.parse(readFileSync(values.rematch, 'utf8')) as { documents: DocumentRun[] }).documents : null;
const entries = saved ? [] : values.sample
  ? readCorpus(resolve(new URL('sample', import.meta.url).pathname))
  : await ensureCorpus({
    seed, n, formats, scanN: Number(values['scan-n'] ?? Math.ceil(n / 4)), longScanN: Number(values['scan-long']),
    dir: resolve(new URL(`.cache/${seed}-${n}`, import.meta.url).pathname), log: (l) => console.error(l),
  });
const generated = performance.now();
const product = createProduct({ rawCacheDir: values['raw-cache'] });
let done = 0;
const total = entries.reduce((k, e) => k + formats.filter((f) => e.files[f]).length, 0);
const runs = saved
  ? saved.map((r) => ({ ...r, match: matchDocument(JSON.parse(readFileSync(join(dirname(r.file), `${r.id}.truth.json`), 'utf8')) as Truth, r.format, r.findings) }))
  : await runCorpus(product, entries, formats, () => {
    done++;
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
  });
await product.close();
const summary = summarize(runs);
if (process.stderr.isTTY) process.stderr.write('\n');

const pct = (r: Ratio) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}% (${r.hit}/${r.total})`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));

function printSummary(s: EvalSummary): void {
  console.log(`\n语料 corpus: ${s.reports} reports (${s.cleanReports} clean), ${s.documents} documents; generation ${((generated - started) / 1000).toFixed(1)} s`);
  console.log('\n| format | recall | false W/E per clean doc | false W/E per doc | docs with a false error | failed docs | s/doc |');
  console.log('|---|---|---|---|---|---|---|');
  for (const f of formats) {
    if (!s.recallByFormat[f]) continue;
    console.log(`| ${f} | ${pct(s.recallByFormat[f])} | ${num(s.falsePerCleanDocument[f])} | ${num(s.falsePerDocument[f])} | ${s.documentsWithFalseError[f]}/${s.secondsByFormat[f].documents} | ${s.failedDocuments[f]} | ${num(s.secondsByFormat[f].perDocument)} |`);
  }
  console.log(`| all | ${pct(s.recallOverall)} | | | | | |`);
  console.log('\n| anomaly kind | recall |');
  console.log('|---|---|');
  for (const [kind, r] of Object.entries(s.recallByKind).sort()) console.log(`| ${kind} | ${pct(r)} |`);
  console.log('\n| report kind | recall |');
  console.log('|---|---|');
  for (const [kind, r] of Object.entries(s.recallByReportKind).sort()) console.log(`| ${kind} | ${pct(r)} |`);
  console.log('\n| false warning/error findings by rule | count |');
  console.log('|---|---|');
  for (const [rule, count] of Object.entries(s.falseByRule).sort((a, b) => b[1] - a[1])) console.log(`| ${rule} | ${count} |`);
  console.log(`\ncross-format agreement (TXT/DOCX/PDF identical warning/error sets): ${pct(s.agreement)}`);
}

function listMisses(rs: DocumentRun[]): void {
  console.log('\n## missed anomalies');
  for (const r of rs) {
    for (const { anomaly, foundBy } of r.match.anomalies) {
      if (foundBy.length) continue;
      const near = r.findings.filter((f) => f.subject && anomaly.subject && (f.subject.includes(anomaly.subject) || anomaly.subject.includes(f.subject)));
      console.log(`- ${r.file} [${anomaly.kind}] ${anomaly.subject}: expected ${anomaly.expected} actual ${anomaly.actual} (≥${anomaly.minSeverity}, ${anomaly.where})` +
        (near.length ? `\n    nearby: ${near.map((f) => `${f.severity} ${f.rule} ${f.expected}/${f.actual}`).join('; ')}` : ''));
    }
  }
}

function listFalse(rs: DocumentRun[]): void {
  console.log('\n## false warning/error findings');
  for (const r of rs) {
    for (const f of r.match.falseFindings) {
      console.log(`- ${r.file} ${f.severity} ${f.rule} [${f.subject ?? ''}] expected ${f.expected} actual ${f.actual}: ${f.message}\n    evidence: ${f.evidence.slice(0, 160).replace(/\s+/g, ' ')}`);
    }
    if (r.status === 'error') console.log(`- ${r.file} FAILED: ${r.error}`);
  }
}

printSummary(summary);
if (values['list-misses']) listMisses(runs);
if (values['list-false']) listFalse(runs);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ seed, n, formats, summary, documents: runs }, null, 2)}\n`);
