// Generated corpora for the batch tests and the benchmark: text reports made from the seeds, plus
// copies of the PDF/DOCX fixtures when those folders hold text-layer reports.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'fixtures/seeds');

/** Text-layer fixtures worth mixing in (bad-* and scanned ones are left to the bad-input and OCR suites). */
export const MIXED_FIXTURES = ['fixtures/pdf/synthetic-report.pdf', 'fixtures/pdf/seed004-report.pdf', 'fixtures/docx/synthetic-report.docx', 'fixtures/docx/seed004-report.docx']
  .map((p) => join(ROOT, p))
  .filter((p) => existsSync(p));

export interface CorpusOptions {
  /** Every nth document is a PDF/DOCX copy (0: text only). */
  mixEvery?: number;
}

/** Writes n distinct documents into dir (created) and returns their paths in sorted order. */
export function makeCorpus(dir: string, n: number, options: CorpusOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  const paths: string[] = [];
  let mixed = 0;
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(4, '0');
    const mix = options.mixEvery && MIXED_FIXTURES.length && i % options.mixEvery === options.mixEvery - 1;
    if (mix) {
      const source = MIXED_FIXTURES[mixed++ % MIXED_FIXTURES.length];
      const path = join(dir, `${id}${source.slice(source.lastIndexOf('.'))}`);
      if (path.endsWith('.pdf')) writeFileSync(path, Buffer.concat([readFileSync(source), Buffer.from(`\n% copy ${id}\n`)]));
      else copyFileSync(source, path);
      paths.push(path);
    } else {
      const path = join(dir, `${id}.txt`);
      // A trailing line makes each copy's bytes (and sha256) distinct without changing the report.
      writeFileSync(path, `${seeds[i % seeds.length]}\n\n（批量测试副本 ${id}）\n`);
      paths.push(path);
    }
  }
  return paths.sort();
}
