// `npm run bench`: batch throughput and memory on generated corpora of 10, 100 and 1,000 documents
// (text reports from the seeds, with PDF/DOCX fixture copies mixed in), the memory growth from 100 to
// 1,000 documents (must stay ≤ 1.5×), and the speed-up of --jobs 2 over --jobs 1; then the PDF and
// OCR benches when their modules exist (test/bench/pdf.ts, test/bench/ocr.ts).
//   npm run bench                 all of it
//   BENCH_SIZES=10,100 npm run bench     smaller corpora
//   BENCH_SKIP=pdf,ocr npm run bench     skip the extractor benches
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { runBatch } from '../../pipeline/run.ts';
import { Store } from '../../store/index.ts';
import { makeCorpus, MIXED_FIXTURES } from '../helpers/corpus.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
/** One document in MIX_EVERY is a PDF or DOCX copy. */
const MIX_EVERY = 10;
const MAX_RSS_GROWTH = 1.5;
/** Corpus size for the --jobs 1 / --jobs 2 comparison. */
const JOBS_SIZE = 300;

interface Measure {
  docs: number;
  jobs: number;
  seconds: number;
  docsPerSecond: number;
  /** Peak resident set of the measuring process, worker threads included (getrusage maxrss). */
  peakRssMb: number;
  errors: number;
}

const HERE = fileURLToPath(import.meta.url);
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Each measurement runs in a fresh process, so one size's memory does not count against the next. */
function measure(folder: string, docs: number, jobs: number, dbPath: string): Measure {
  const out = execFileSync(process.execPath, ['--import', TSX_LOADER, HERE, '--measure', folder, String(docs), String(jobs), dbPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measure;
}

/** Child side: one batch over the folder into a fresh store; prints the Measure as JSON. */
async function measureHere(folder: string, docs: number, jobs: number, dbPath: string): Promise<void> {
  const store = Store.open(dbPath);
  const started = performance.now();
  let errors = 0;
  try {
    await runBatch([folder], { jobs, store, force: true, onDocument: ({ result }) => void (result.status === 'error' && errors++) });
  } finally {
    store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
  const m: Measure = { docs, jobs, seconds: Math.round(seconds * 100) / 100, docsPerSecond: Math.round((docs / seconds) * 10) / 10, peakRssMb, errors };
  console.log(JSON.stringify(m));
}

function printMeasure(m: Measure): void {
  console.log(`  ${String(m.docs).padStart(5)} 个文件  --jobs ${m.jobs}  用时 ${m.seconds.toFixed(2)} 秒  ${m.docsPerSecond} 个/秒  峰值内存 ${m.peakRssMb} MB${m.errors ? `  （${m.errors} 个无法读取）` : ''}`);
}

async function batchBench(dir: string): Promise<boolean> {
  const jobs = Math.min(2, availableParallelism());
  console.log(`批量检查基准（CPU ${availableParallelism()} 核；混入 ${MIXED_FIXTURES.length ? MIXED_FIXTURES.map((p) => p.split('/').pop()).join('、') : '无 PDF/DOCX 样例'}，每 ${MIX_EVERY} 个一份）`);
  const bySize = new Map<number, Measure>();
  for (const size of SIZES) {
    const folder = join(dir, `corpus-${size}`);
    makeCorpus(folder, size, { mixEvery: MIX_EVERY });
    // A warm-up pass over the smallest corpus keeps module loading out of the first figure.
    if (size === SIZES[0]) measure(folder, size, jobs, join(dir, 'warmup.db'));
    const m = measure(folder, size, jobs, join(dir, `bench-${size}.db`));
    bySize.set(size, m);
    printMeasure(m);
  }
  let ok = true;
  const small = bySize.get(100);
  const large = bySize.get(1000);
  if (small && large) {
    const ratio = large.peakRssMb / small.peakRssMb;
    ok = ratio <= MAX_RSS_GROWTH;
    console.log(`  峰值内存 1000 个 / 100 个 = ${ratio.toFixed(2)}×（上限 ${MAX_RSS_GROWTH}×）${ok ? '  通过' : '  未通过'}`);
  }
  // Enough files that worker start-up (loading pdf.js, mammoth…) does not dominate the comparison.
  const size = Math.min(JOBS_SIZE, Math.max(...SIZES));
  const folder = join(dir, `corpus-jobs-${size}`);
  makeCorpus(folder, size, { mixEvery: MIX_EVERY });
  if (availableParallelism() >= 2) {
    const one = measure(folder, size, 1, join(dir, 'jobs1.db'));
    const two = measure(folder, size, 2, join(dir, 'jobs2.db'));
    printMeasure(one);
    printMeasure(two);
    console.log(`  吞吐量 --jobs 2 / --jobs 1 = ${(two.docsPerSecond / one.docsPerSecond).toFixed(2)}×`);
  } else {
    console.log('  只有 1 个 CPU 核，跳过 --jobs 1 与 --jobs 2 的对比');
  }
  return ok;
}

/** Runs test/bench/<name>.ts's bench function when that file exists. */
async function extractorBench(name: 'pdf' | 'ocr' | 'queue', fn: string): Promise<void> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (SKIP.has(name)) return void console.log(`\n${name.toUpperCase()} 基准：已按 BENCH_SKIP 跳过`);
  if (!existsSync(file)) return void console.log(`\n${name.toUpperCase()} 基准：test/bench/${name}.ts 不存在，跳过`);
  console.log(`\n${name.toUpperCase()} 基准（test/bench/${name}.ts）`);
  const mod = (await import(/* @vite-ignore */ new URL(`./${name}.ts`, import.meta.url).href)) as Record<string, unknown>;
  const bench = mod[fn];
  if (typeof bench !== 'function') return void console.log(`  test/bench/${name}.ts 没有导出 ${fn}()，跳过`);
  try {
    const result = await (bench as (o?: object) => Promise<unknown>)({ log: (line: string) => console.log(`  ${line}`) });
    if (result !== undefined) console.log(JSON.stringify(result, null, 2).replace(/^/gm, '  '));
  } catch (error) {
    console.log(`  运行失败：${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  try {
    const ok = await batchBench(dir);
    await extractorBench('pdf', 'benchPdf');
    await extractorBench('ocr', 'benchOcr');
    await extractorBench('queue', 'benchQueue');
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') {
  const [folder, docs, jobs, db] = process.argv.slice(3);
  await measureHere(folder, Number(docs), Number(jobs), db);
} else {
  process.exitCode = await main();
}
