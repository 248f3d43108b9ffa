// Fuzz: mutated fixture bytes (bit flips, inserted junk, truncation) for every format with an
// extractor. Each mutant runs in a batch worker under a time limit, so a hang is caught as a
// timeout and a crash as a failed worker; every mutant must come back as a valid DocumentResult.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResultSchema, type DocumentResult } from '../model/index.ts';
import { runBatch } from '../pipeline/run.ts';
import { textPdf } from './helpers/pdf-writer.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const FUZZ_WORKER = new URL('./helpers/fuzz-worker.mjs', import.meta.url);
const CASES = Number(process.env.JIXIAO_FUZZ_CASES) || 30;
/** LibreOffice conversions take seconds each: fewer cases for the legacy formats. */
const LEGACY_CASES = Math.max(2, Math.round(CASES / 10));
const TIME_LIMIT_MS = 30_000;

interface Target {
  format: string;
  ext: string;
  source: string | (() => Buffer);
  cases: number;
}

const TARGETS: Target[] = [
  { format: 'txt', ext: 'txt', source: 'fixtures/seeds/003_4e052ca5c436ec0e.txt', cases: CASES },
  { format: 'pdf', ext: 'pdf', source: 'fixtures/pdf/synthetic-report.pdf', cases: CASES },
  { format: 'pdf-handmade', ext: 'pdf', source: () => textPdf(['Total 94.42', 'Budget 775.56', 'Rate 98.64%']), cases: CASES },
  { format: 'docx', ext: 'docx', source: 'fixtures/docx/synthetic-report.docx', cases: CASES },
  { format: 'xlsx', ext: 'xlsx', source: 'fixtures/xlsx/jichu-shuju.xlsx', cases: CASES },
  { format: 'image', ext: 'png', source: 'fixtures/scanned/scoring-table.png', cases: CASES },
  { format: 'doc', ext: 'doc', source: 'fixtures/docx/invariance.doc', cases: LEGACY_CASES },
  { format: 'xls', ext: 'xls', source: 'fixtures/xlsx/jichu-shuju.xls', cases: LEGACY_CASES },
];

type Mutation =
  | { kind: 'flip'; at: number; mask: number; count: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }), count: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 256 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0.05, max: 1, noNaN: true, maxExcluded: true }) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

/** The first bytes (the format's magic) are left alone so mutants reach their extractor, not the sniffer. */
const KEEP_HEAD = 16;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = KEEP_HEAD + Math.floor(m.at * Math.max(0, out.length - KEEP_HEAD));
    if (m.kind === 'flip') for (let i = 0; i < m.count && at + i * 97 < out.length; i++) out[at + i * 97] ^= m.mask;
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else if (m.kind === 'truncate') out = out.subarray(0, at);
    else Buffer.from(m.bytes).copy(out, at);
  }
  return out;
}

let dir: string;
const results = new Map<string, DocumentResult[]>();
const available = TARGETS.filter((t) => typeof t.source === 'function' || existsSync(join(ROOT, t.source)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
  const byFile = new Map<string, string>();
  for (const target of available) {
    const original = typeof target.source === 'function' ? target.source() : readFileSync(join(ROOT, target.source));
    const folder = join(dir, target.format);
    mkdirSync(folder);
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: target.cases, seed: 20240601 });
    samples.forEach((mutations, i) => {
      const path = join(folder, `case-${String(i).padStart(3, '0')}.${target.ext}`);
      writeFileSync(path, mutate(original, mutations));
      byFile.set(path, target.format);
    });
    if (typeof target.source === 'string') copyFileSync(join(ROOT, target.source), join(folder, `original.${target.ext}`));
  }
  await runBatch([dir], {

    jobs: 2,
    timeoutMs: TIME_LIMIT_MS,
    workerScript: FUZZ_WORKER,
    onDocument: ({ result }) => {
      const format = byFile.get(result.file) ?? `${result.file.split('/').at(-2)}`;
      results.set(format, [...(results.get(format) ?? []), result]);
    },
  });
  if (process.env.JIXIAO_FUZZ_VERBOSE)
    for (const [format, docs] of results) console.log(format, docs.map((d) => `${d.status}${d.error ? `:${d.error.code}` : ''}`).join(' '));
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutated inputs never crash or hang the batch', () => {
  it('has an extractor fixture for every format it fuzzes', () => {
    expect(available.map((t) => t.format)).toEqual(expect.arrayContaining(['txt', 'pdf-handmade']));
  });

  for (const target of TARGETS) {
    it.skipIf(!available.includes(target))(`${target.format}: ${target.cases} mutants each give a valid result`, () => {
      const docs = results.get(target.format) ?? [];
      expect(docs).toHaveLength(target.cases + (typeof target.source === 'string' ? 1 : 0));
      for (const d of docs) {
        expect(() => DocumentResultSchema.parse(d)).not.toThrow();
        expect(d.error?.code, `${d.file}: ${d.error?.message}`).not.toBe('timeout');
        expect(d.error?.code, `${d.file}: ${d.error?.message}`).not.toBe('internal');
        if (d.status === 'error') expect(d.error?.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});
