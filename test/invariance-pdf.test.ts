// The same report as TXT (its twin in fixtures/src) and as PDF (LibreOffice's rendering of the HTML
// in fixtures/src, see fixtures/pdf/make-fixtures.ts) must give the same indicator trees and the same
// findings; only locations differ (TXT lines vs PDF pages, cells) and so do messages that cite them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractorFor } from '../extractors/index.ts';
import type { Finding, Format, IndicatorNode, Quantity, Report } from '../model/index.ts';
import { buildReport } from '../normalizers/report.ts';
import { runRules } from '../scoring/engine.ts';

const SOURCES = ['seed004-report', 'synthetic-report'];

async function check(path: string, format: Format) {
  const bytes = readFileSync(new URL(path, import.meta.url));
  const raw = await (await extractorFor(format))({ path, bytes, format }, {});
  const report = buildReport(raw, path);
  return { report, findings: runRules(report) };
}

const num = (q: Quantity | null | undefined) => (q ? `${q.value.toFixed()}${q.unit}` : null);

function tree(node: IndicatorNode): unknown {
  return { level: node.level, name: node.name, weight: num(node.weight), score: num(node.score), children: node.children.map(tree) };
}

const trees = (report: Report) =>
  report.tables.map((t) => ({ kind: t.kind, roots: t.roots.map(tree), total: t.total && { weight: num(t.total.weight), score: num(t.total.score) } }));

const findings = (list: Finding[]) => list.map((f) => ({ rule: f.rule, severity: f.severity, expected: f.expected, actual: f.actual, subject: f.subject }));

/** Claims without where they were found or how the sentence was worded: kinds and their numbers. */
const claims = (report: Report) =>
  report.claims.map((c) => JSON.stringify(c, (key, value) => (key === 'loc' || key === 'evidence' || key === 'raw' ? undefined : value)));

describe.each(SOURCES)('%s: TXT twin and PDF give the same report', async (name) => {
  const txt = await check(`../fixtures/src/${name}.txt`, 'txt');
  const pdf = await check(`../fixtures/pdf/${name}.pdf`, 'pdf');

  it('reads a non-empty scoring tree from both', () => {
    for (const { report } of [txt, pdf]) {
      expect(report.tables.some((t) => t.kind === 'scoring' && t.roots.length > 0)).toBe(true);
    }
  });

  it('builds the same indicator trees (names, levels, weights, scores)', () => {
    expect(trees(pdf.report)).toEqual(trees(txt.report));
  });

  it('reads the same metadata and claims', () => {
    expect(pdf.report.meta).toEqual(txt.report.meta);
    expect(claims(pdf.report)).toEqual(claims(txt.report));
  });

  it('gives the same findings (rule, severity, expected, actual), and some', () => {
    expect(txt.findings.length).toBeGreaterThan(0);
    expect(findings(pdf.findings)).toEqual(findings(txt.findings));
  });
});

// Eval-corpus reports whose text PDFs once read differently from their TXT, at page breaks and in
// headers and captions
// (fixtures/pdf/make-eval-pairs.sh says which layout each one holds).
describe.each(['eval-r131-0007', 'eval-r137-0091', 'eval-r137-0095', 'eval-r157-0067', 'eval-r1-0055', 'eval-r179-0042', 'eval-r181-0059', 'eval-r181-0047'])('%s: reads as its TXT (tables cut by page breaks, wrapped headers, captions)', async (name) => {
  const txt = await check(`../fixtures/src/${name}.txt`, 'txt');
  const pdf = await check(`../fixtures/pdf/${name}.pdf`, 'pdf');

  it('builds the same indicator trees, and a whole one', () => {
    expect(trees(pdf.report)).toEqual(trees(txt.report));
    expect(pdf.report.tables.every((t) => t.quality === 'ok')).toBe(true);
  });

  it('gives the same findings', () => {
    expect(findings(pdf.findings)).toEqual(findings(txt.findings));
  });
});

describe('eval-r149-0059 typed (its TXT printed to PDF): a summary whose 加减分项 row leaves its 得分率 empty', async () => {
  // A subject may be worded otherwise: the typed PDF runs the table's caption on from the sentence above it.
  const alarms = (list: Finding[]) => list.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.expected} ${f.actual}`);
  const txt = await check('../fixtures/src/eval-r149-0059.txt', 'txt');
  const typed = await check('../fixtures/pdf/eval-r149-0059.typed.pdf', 'pdf');

  it('gives the warnings and errors of the TXT, a subtotal error among them', () => {
    expect(alarms(txt.findings)).toContain('error score/subtotal-mismatch 6 4');
    expect(alarms(typed.findings)).toEqual(alarms(txt.findings));
  });
});
