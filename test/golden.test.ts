// Golden files for the five real seed reports: the document's status, claimed and computed totals, and
// every finding jixiao reports on them, each with a one-line note written by the person who checked it
// against the text. UPDATE_GOLDEN=1 rewrites the
// findings and keeps existing notes (matched by fingerprint); a new finding gets a TODO note, which
// fails this test until someone checks it by hand.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSchema, type DocumentResult, type Finding } from '../model/index.ts';
import { checkFile } from '../pipeline/check.ts';
import { TOOL } from '../pipeline/version.ts';

const DIR = 'fixtures/seeds';
const TODO = 'TODO: check by hand';

interface GoldenFinding {
  rule: string;
  severity: string;
  subject: string | null;
  expected: string | null;
  actual: string | null;
  location: Finding['location'];
  fingerprint: string;
  note: string;
}

interface Golden {
  status: DocumentResult['status'] | null;
  claimedTotal: string | null;
  computedTotal: string | null;
  findings: GoldenFinding[];
}

/** The document-level promises: whether it was read fully, the total it claims and the total recomputed. */
const totalsOf = (d: Pick<Golden, 'status' | 'claimedTotal' | 'computedTotal'>) => ({ status: d.status, claimedTotal: d.claimedTotal, computedTotal: d.computedTotal });

const seeds = readdirSync(DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f));
const goldenPath = (seed: string) => join(DIR, seed.replace(/\.txt$/, '.expected.json'));
const shape = (f: Finding) => ({ rule: f.rule, severity: f.severity, subject: f.subject, expected: f.expected, actual: f.actual, location: f.location, fingerprint: f.fingerprint });

describe('golden findings on the seed reports', () => {
  it.each(seeds)('%s', async (seed) => {
    const { result } = await checkFile(join(DIR, seed));
    OutputSchema.parse({ tool: TOOL, documents: [result] });
    const actual = result.findings.map(shape);
    const path = goldenPath(seed);
    const golden: Golden = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { status: null, claimedTotal: null, computedTotal: null, findings: [] };
    const previous = golden.findings;
    if (process.env.UPDATE_GOLDEN) {
      const notes = new Map(previous.map((g) => [g.fingerprint, g.note]));
      const findings = actual.map((f) => ({ ...f, note: notes.get(f.fingerprint) ?? TODO }));
      writeFileSync(path, `${JSON.stringify({ file: seed, status: result.status, claimedTotal: result.claimedTotal, computedTotal: result.computedTotal, findings }, null, 2)}\n`);
      return;
    }
    expect(totalsOf(result)).toEqual(totalsOf(golden));
    expect(actual).toEqual(previous.map(({ note: _note, ...f }) => f));
    for (const g of previous) expect(g.note, `${seed} ${g.rule} ${g.subject}`).not.toBe(TODO);
    for (const g of previous) expect(g.note.length).toBeGreaterThan(10);
  });
});
