// `npm run bench`: every figure of issue 16 measured on the CLI as users run it (bin/jixiao.js, the
// compiled build when it is up to date), each as a ratio against a reference measured in the same run
// on the same machine, so a busy or slow machine moves both sides:
//   start-up            `jixiao --version`, a one-line TXT            vs a bare `node -e 0`
//   one report          seed 004 as a 20-page text PDF                vs `pdftotext -layout` on it
//   PDF throughput      a folder of text PDFs at --jobs 2, pages/s    vs `pdftotext -layout` file by file
//   memory              peak RSS of a 1,000-document mixed batch      vs the same of 100 documents
//   worker memory       peak RSS checking each fixture alone          vs the 1 GB ceiling
//   batch scaling       documents/s at --jobs 2                       vs --jobs 1
// then the extractor benches (test/bench/pdf.ts, test/bench/ocr.ts). Everything is written to
// bench/latest.json. Nothing here is asserted in a test: timings belong to this report only.
//   npm run bench
//   BENCH_SIZES=100,1000  BENCH_PDF_DIR=<folder of text PDFs>  npm run bench
//   BENCH_SKIP=startup,report,throughput,batch,fixtures,pdf,ocr  (any of them)  npm run bench
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCli } from '../../bin/compiled.js';
import { makeCorpus } from '../helpers/corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/jixiao.js');
const MEASURE = join(ROOT, 'test/bench/measure-cli.mjs');
const OUT = join(ROOT, 'bench/latest.json');
const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const JOBS = Math.min(2, availableParallelism());
/** One document in MIX_EVERY of the batch corpora is a PDF or DOCX copy. */
const MIX_EVERY = 10;
const FIXTURE_DIRS = ['fixtures/pdf', 'fixtures/seeds-office', 'fixtures/docx', 'fixtures/xlsx', 'fixtures/scanned'];
const FIXTURE_FILE = /\.(pdf|docx?|xlsx?|png|jpe?g)$/i;

export interface Figure {
  id: string;
  /** What was measured, in Chinese (printed). */
  label: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number | null;
  /** value / referenceValue. */
  ratio: number | null;
  target?: string;
  met?: boolean;
}

const figures: Figure[] = [];
const extra: Record<string, unknown> = {};

function record(figure: Omit<Figure, 'ratio'>, ratio = figure.referenceValue ? figure.value / figure.referenceValue : null): void {
  const f: Figure = { ...figure, value: round(figure.value), referenceValue: figure.referenceValue === null ? null : round(figure.referenceValue), ratio: ratio === null ? null : round(ratio) };
  figures.push(f);
  const verdict = f.met === undefined ? '' : f.met ? `  达标（${f.target}）` : `  未达标（${f.target}）`;
  console.log(`  ${f.label}：${f.value} ${f.unit}；参照 ${f.reference} ${f.referenceValue ?? '—'} ${f.unit}；比值 ${f.ratio ?? '—'}${verdict}`);
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall seconds of a whole process (median of `runs`). */
function wall(command: string, args: string[], runs: number, env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    if (r.error) throw r.error;
    times.push((performance.now() - started) / 1000);
  }
  return median(times);
}

interface CliRun {
  code: number;
  seconds: number;
  /** User + system CPU of the whole process, all threads. */
  cpuSeconds: number;
  peakRssMb: number;
}

/** CPU seconds used so far by this process's finished children (Linux /proc; null elsewhere). */
function childrenCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** The CLI in a fresh process, with its wall time and peak RSS (worker threads included). */
function cli(args: string[]): CliRun {
  const out = execFileSync(process.execPath, [MEASURE, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as CliRun;
}

function hasTool(name: string): boolean {
  return spawnSync(name, ['-v'], { stdio: 'ignore' }).error === undefined;
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

function startup(dir: string): void {
  console.log('\n启动');
  const node = wall(process.execPath, ['-e', '0'], 7);
  const txt = join(dir, 'one-line.txt');
  writeFileSync(txt, '项目预算 100 万元，执行 95 万元，预算执行率 95%。\n');
  const version = wall(process.execPath, [BIN, '--version'], 7);
  record({ id: 'startup.version', label: 'jixiao --version', value: version, unit: '秒', reference: 'node -e 0', referenceValue: node, target: '< 0.3 秒', met: version < 0.3 });
  const check = wall(process.execPath, [BIN, 'check', txt, '--no-db', '-q'], 5);
  record({ id: 'startup.txt', label: '检查一行 TXT', value: check, unit: '秒', reference: 'node -e 0', referenceValue: node });
  const fromSource = wall(process.execPath, [BIN, '--version'], 3, { JIXIAO_FROM_SOURCE: '1' });
  record({ id: 'startup.version.tsx', label: 'jixiao --version（不用编译结果，经 tsx）', value: fromSource, unit: '秒', reference: 'node -e 0', referenceValue: node });
}

function oneReport(): void {
  console.log('\n单份报告');
  const pdf = join(ROOT, 'fixtures/pdf/seed004-report.pdf');
  const seconds = wall(process.execPath, [BIN, 'check', pdf, '--no-db', '-q'], 3);
  const poppler = hasTool('pdftotext') ? wall('pdftotext', ['-layout', pdf, '-'], 3) : null;
  record({ id: 'report.pdf', label: `检查 seed004-report.pdf（${hasTool('pdfinfo') ? pdfPages(pdf) : '?'} 页文字 PDF）`, value: seconds, unit: '秒', reference: 'pdftotext -layout', referenceValue: poppler, target: '< 1 秒', met: seconds < 1 });
}

/** Text PDFs to read in bulk: BENCH_PDF_DIR, else the eval corpus `npm run eval -- --seed 3 --n 70 --formats pdf` made, else fixture copies. */
function pdfCorpus(dir: string): { folder: string; source: string } {
  const given = process.env.BENCH_PDF_DIR;
  if (given) return { folder: given, source: given };
  const evalCorpus = join(ROOT, 'eval/.cache/3-70');
  if (existsSync(evalCorpus)) {
    const folder = join(dir, 'eval-pdfs');
    mkdirSync(folder);
    for (const f of readdirSync(evalCorpus).filter((f) => f.endsWith('.pdf'))) copyFileSync(join(evalCorpus, f), join(folder, f));
    return { folder, source: 'eval/.cache/3-70（npm run eval -- --seed 3 --n 70 --formats pdf）' };
  }
  const folder = join(dir, 'fixture-pdfs');
  mkdirSync(folder);
  const sources = ['fixtures/pdf/synthetic-report.pdf', 'fixtures/seeds-office/003_4e052ca5c436ec0e.pdf'];
  for (let i = 0; i < 30; i++) copyFileSync(join(ROOT, sources[i % sources.length]), join(folder, `${String(i).padStart(2, '0')}.pdf`));
  return { folder, source: 'fixtures 的 synthetic-report.pdf 与 003 号样例 PDF 各 15 份' };
}

function pdfThroughput(dir: string): void {
  if (!hasTool('pdftotext') || !hasTool('pdfinfo')) return void console.log('\nPDF 吞吐量：未安装 pdftotext/pdfinfo（poppler-utils），跳过');
  const { folder, source } = pdfCorpus(dir);
  const files = readdirSync(folder).filter((f) => f.endsWith('.pdf')).map((f) => join(folder, f));
  const pages = files.reduce((n, f) => n + pdfPages(f), 0);
  console.log(`\nPDF 吞吐量（${files.length} 个文件，${pages} 页；${source}）`);
  const run = cli(['check', folder, '--no-db', '-q', '--jobs', String(JOBS)]);
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  for (const f of files) execFileSync('pdftotext', ['-layout', f, '-'], { maxBuffer: 64 << 20 });
  const popplerCpu = cpuBefore === null ? null : childrenCpuSeconds()! - cpuBefore;
  const poppler = pages / ((performance.now() - started) / 1000);
  const rate = pages / run.seconds;
  record({ id: 'pdf.throughput', label: `整体检查 --jobs ${JOBS}`, value: rate, unit: '页/秒', reference: 'pdftotext -layout（逐个文件）', referenceValue: poppler, target: '≥ 0.5×', met: rate / poppler >= 0.5 });
  // Pages per CPU second: what each side costs, whatever else the machine is running.
  if (popplerCpu) record({ id: 'pdf.cpu', label: '每 CPU 秒处理的页数', value: pages / run.cpuSeconds, unit: '页/CPU秒', reference: 'pdftotext -layout', referenceValue: pages / popplerCpu });
  extra.pdfThroughput = { files: files.length, pages, source, peakRssMb: round(run.peakRssMb) };
}

function batchMemory(dir: string): void {
  console.log(`\n批量（TXT，每 ${MIX_EVERY} 个混入一份 PDF 或 DOCX；--jobs ${JOBS}）`);
  const runs = new Map<number, CliRun>();
  for (const size of SIZES) {
    const folder = join(dir, `corpus-${size}`);
    makeCorpus(folder, size, { mixEvery: MIX_EVERY });
    const run = cli(['check', folder, '--no-db', '-q', '--jobs', String(JOBS)]);
    runs.set(size, run);
    console.log(`  ${size} 个文件：${run.seconds.toFixed(2)} 秒，${(size / run.seconds).toFixed(1)} 个/秒，峰值内存 ${run.peakRssMb.toFixed(0)} MB`);
  }
  const small = runs.get(100);
  const large = runs.get(1000);
  if (small && large) {
    const growth = large.peakRssMb / small.peakRssMb;
    record({ id: 'memory.growth', label: '峰值内存 1000 个文件', value: large.peakRssMb, unit: 'MB', reference: '100 个文件', referenceValue: small.peakRssMb, target: '≤ 1.2×', met: growth <= 1.2 });
  }
  if (availableParallelism() >= 2 && small) {
    const folder = join(dir, 'corpus-100');
    const one = cli(['check', folder, '--no-db', '-q', '--jobs', '1']);
    record({ id: 'batch.jobs2', label: `--jobs ${JOBS} 吞吐量`, value: 100 / small.seconds, unit: '个/秒', reference: '--jobs 1', referenceValue: 100 / one.seconds });
  }
}

function workerMemory(): void {
  console.log('\n单个文件的峰值内存（整个进程，含主线程；--jobs 1）');
  let worst = { file: '', peakRssMb: 0 };
  const all: Record<string, number> = {};
  for (const d of FIXTURE_DIRS) {
    for (const name of readdirSync(join(ROOT, d)).filter((f) => FIXTURE_FILE.test(f)).sort()) {
      const file = `${d}/${name}`;
      const run = cli(['check', file, '--no-db', '-q', '--jobs', '1']);
      all[file] = round(run.peakRssMb);
      if (run.peakRssMb > worst.peakRssMb) worst = { file, peakRssMb: run.peakRssMb };
    }
  }
  extra.fixturePeakRssMb = all;
  record({ id: 'memory.fixture', label: `单个文件的最高峰值内存（${worst.file}）`, value: worst.peakRssMb, unit: 'MB', reference: '上限 1 GB', referenceValue: 1024, target: '< 1024 MB', met: worst.peakRssMb < 1024 });
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
    if (result !== undefined) extra[name] = result;
  } catch (error) {
    console.log(`  运行失败：${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  if (!compiledCli()) console.log('注意：dist/ 不是当前源代码的编译结果（先运行 npm run build），以下测的是经 tsx 运行的源代码');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const started = new Date();
  try {
    if (!SKIP.has('startup')) startup(dir);
    if (!SKIP.has('report')) oneReport();
    if (!SKIP.has('throughput')) pdfThroughput(dir);
    if (!SKIP.has('batch')) batchMemory(dir);
    if (!SKIP.has('fixtures')) workerMemory();
    await extractorBench('pdf', 'benchPdf');
    await extractorBench('ocr', 'benchOcr');
    await extractorBench('queue', 'benchQueue');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? '', node: process.version, loadAverageAtEnd: loadavg().map(round), compiled: compiledCli() !== null };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ date: started.toISOString(), machine, figures, ...extra }, null, 2)}\n`);
  const missed = figures.filter((f) => f.met === false);
  console.log(`\n已写入 bench/latest.json；${missed.length ? `未达标：${missed.map((f) => f.id).join('、')}` : '各项目标均达标'}`);
}

await main();
