// The same report as TXT (what converters leave) and as DOCX (LibreOffice's conversion of the HTML
// source, see fixtures/docx/make-fixtures.sh) must give the same indicator trees, claims and
// findings — only locations differ (TXT lines vs DOCX block ordinals).
//   invariance:        small hand-written pair; merged 一级 cells, a merged multi-level header, and a
//                      planted error (the scoring table's 合计 says 19.5, the items add to 18.5)
//   seed004-report,    the HTML sources and TXT twins in fixtures/src/ shared with the PDF fixtures
//   synthetic-report
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractorFor } from '../extractors/index.ts';
import { assertValidRawDocument } from '../extractors/validate.ts';
import type { Format, Report } from '../model/index.ts';
import { buildReport } from '../normalizers/report.ts';
import { runRules } from '../scoring/engine.ts';

async function check(path: string, format: Format) {
  const bytes = readFileSync(new URL(path, import.meta.url));
  const raw = await (await extractorFor(format))({ path, bytes, format }, {});
  assertValidRawDocument(raw);
  const report = buildReport(raw, path);
  return { report, findings: runRules(report) };
}

/**
 * Drops provenance (loc / location) everywhere; Decimals become their strings; whitespace runs become
 * one space, since a TXT row cannot hold the line breaks a DOCX cell keeps ("a\nb" vs "a b").
 */
function withoutLocations(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ');
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (value && typeof value === 'object' && 'toFixed' in value) return String(value);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'loc' && k !== 'location').map(([k, v]) => [k, withoutLocations(v)]));
  return value;
}

const trees = (report: Report) => withoutLocations(report.tables.map(({ kind, roots, total, quality }) => ({ kind, roots, total, quality })));
/** Findings without locations, and without messages (they cite line numbers). */
const findings = (list: Awaited<ReturnType<typeof check>>['findings']) => withoutLocations(list.map(({ message: _message, ...rest }) => rest));

const PAIRS = [
  ['invariance', '../fixtures/docx/invariance.txt', '../fixtures/docx/invariance.docx'],
  ['seed004-report', '../fixtures/src/seed004-report.txt', '../fixtures/docx/seed004-report.docx'],
  ['synthetic-report', '../fixtures/src/synthetic-report.txt', '../fixtures/docx/synthetic-report.docx'],
] as const;

describe.each(PAIRS)('%s: TXT and DOCX give the same report', async (_name, txtPath, docxPath) => {
  const txt = await check(txtPath, 'txt');
  const docx = await check(docxPath, 'docx');

  it('reads a non-empty scoring tree from both', () => {
    for (const { report } of [txt, docx]) expect(report.tables.some((t) => t.roots.length > 0)).toBe(true);
  });

  it('builds the same indicator trees, locations aside', () => {
    expect(trees(docx.report)).toEqual(trees(txt.report));
  });

  it('reads the same metadata and claims', () => {
    expect(docx.report.meta).toEqual(txt.report.meta);
    expect(withoutLocations(docx.report.claims)).toEqual(withoutLocations(txt.report.claims));
  });

  it('gives the same findings, and some', () => {
    expect(txt.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(findings(docx.findings)).toEqual(findings(txt.findings));
  });
});

describe('the hand-written pair', async () => {
  const { findings: found } = await check('../fixtures/docx/invariance.docx', 'docx');
  it('finds the planted total mismatch', () => {
    expect(found.find((f) => f.rule === 'score/total-mismatch')).toMatchObject({ expected: '18.5', actual: '19.5' });
  });
});
