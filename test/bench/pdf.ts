// PDF throughput: pages per second through the extractor alone and through the whole check
// (pipeline/check.ts), against `pdftotext -layout` (poppler) on the same files as a yardstick.
//   npx tsx test/bench/pdf.ts            (or call benchPdf() from the bench runner)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extract } from '../../extractors/pdf/index.ts';
import { checkFile } from '../../pipeline/check.ts';

export interface PdfBenchResult {
  files: string[];
  pages: number;
  rounds: number;
  /** Pages per second. */
  extract: number;
  check: number;
  pdftotext: number | null;
}

const DEFAULT_FILES = ['seed004-report.pdf', 'synthetic-report.pdf'].map((name) => fileURLToPath(new URL(`../../fixtures/pdf/${name}`, import.meta.url)));

async function timed(rounds: number, files: string[], work: (file: string) => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const file of files) await work(file);
  return (performance.now() - start) / 1000;
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function benchPdf(options: { files?: string[]; rounds?: number; log?: (line: string) => void } = {}): Promise<PdfBenchResult> {
  const files = options.files ?? DEFAULT_FILES;
  const rounds = options.rounds ?? 3;
  const log = options.log ?? console.log;
  const extractOnce = async (file: string) => extract({ path: file, bytes: readFileSync(file), format: 'pdf' }, {});
  // Warm-up: loads pdf.js and counts the pages.
  let pages = 0;
  for (const file of files) pages += (await extractOnce(file)).pages ?? 0;
  const total = pages * rounds;

  const extractSeconds = await timed(rounds, files, extractOnce);
  const checkSeconds = await timed(rounds, files, async (file) => {
    const { result } = await checkFile(file);
    if (result.status === 'error') throw new Error(`${file}: ${result.error?.message}`);
  });
  const popplerSeconds = hasPdftotext() ? await timed(rounds, files, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 << 20 })) : null;

  const result: PdfBenchResult = {
    files,
    pages,
    rounds,
    extract: total / extractSeconds,
    check: total / checkSeconds,
    pdftotext: popplerSeconds === null ? null : total / popplerSeconds,
  };
  const fmt = (v: number) => v.toFixed(1).padStart(7);
  log(`PDF: ${files.length} files, ${pages} pages × ${rounds} rounds`);
  log(`  extract            ${fmt(result.extract)} pages/s`);
  log(`  whole check        ${fmt(result.check)} pages/s`);
  if (result.pdftotext === null) log('  pdftotext -layout  (not installed: apt-get install poppler-utils)');
  else {
    log(`  pdftotext -layout  ${fmt(result.pdftotext)} pages/s`);
    log(`  ratio extract / pdftotext = ${(result.extract / result.pdftotext).toFixed(2)}, check / pdftotext = ${(result.check / result.pdftotext).toFixed(2)}`);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchPdf();
}
