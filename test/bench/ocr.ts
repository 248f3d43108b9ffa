// OCR bench: the OCR engines side by side on the same page images, each in its own process (so its
// peak RSS is its own), one worker each as in a batch thread, pages read one after another:
//   - ppocr: PP-OCRv4 on onnxruntime-node, the default (extractors/ocr/ppocr)
//   - tesseract.js: the fallback (JIXIAO_OCR=tesseract), same grid/per-cell pipeline as before
//   - native tesseract CLI (chi_sim, PSM 3, whole page), when installed — a reference, not a pipeline
// Pages: the fixture page (fixtures/scanned/) as a 250 dpi render of the scanned PDF, a clean
// 150 dpi render of its text-layer twin, the bilevel rotated PNG (200 dpi) and the 100 dpi colour
// JPEG with red seals over the score table. "Numbers read right" counts the figures of the text the
// page was made from (the twin's text layer) found again in the OCR text; "wrong" counts figures
// read that the page does not contain.
//
//   npx tsx test/bench/ocr.ts            prints the result as JSON
//   import { benchOcr } from './ocr.ts'  for test/bench/run.ts
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { Block, RawDocument, Table } from '../../model/index.ts';
import { compareTables, figuresOf } from '../../extractors/ocr/compare.ts';
import { CHI_SIM_LANG_PATH } from '../../extractors/ocr/engine.ts';
import { createOcrService, type OcrEngineName } from '../../extractors/ocr/index.ts';
import { extract as extractPdf } from '../../extractors/pdf/index.ts';
import { openPdf } from '../../extractors/pdf/pdfjs.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'fixtures/scanned', name);
const run = promisify(execFile);
const HERE = fileURLToPath(import.meta.url);
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface PageImage {
  name: string;
  file: string;
  dpi: number;
}

interface EngineRun {
  startupSeconds: number;
  secondsPerPage: number;
  /** CPU seconds per page (all threads): steadier than wall time on a shared machine. */
  cpuSecondsPerPage: number | null;
  /** getrusage maxrss of the process that ran the engine. */
  peakRssMb: number | null;
  pages: Array<{ name: string; blocks: Block[] }>;
}

export interface EngineResult {
  engine: string;
  startupSeconds: number;
  secondsPerPage: number;
  cpuSecondsPerPage: number | null;
  peakRssMb: number | null;
  numbersRight: number;
  numbersTotal: number;
  wrongNumbers: number;
  /** Per page: figures right / total, wrong figures. */
  pages: Record<string, { right: number; total: number; wrong: number; tableFigures?: string }>;
}

export interface OcrBenchResult {
  pages: string[];
  engines: EngineResult[];
  notes: string[];
}

export async function benchOcr({ log = console.log }: { log?: (line: string) => void } = {}): Promise<OcrBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ocr-bench-'));
  const notes: string[] = [];
  try {
    const pages = await preparePages(dir);
    const twin = await extractPdf({ path: fixture('scoring-table.pdf'), bytes: readFileSync(fixture('scoring-table.pdf')), format: 'pdf' }, {});
    const truth = figuresIn(twin.blocks);
    const engines: EngineResult[] = [];
    const only = process.env.BENCH_OCR_ENGINES?.split(',');
    for (const engine of (['ppocr', 'tesseract'] as const).filter((e) => !only || only.includes(e))) {
      log(`${engine}: ${pages.length} 页…`);
      engines.push(score(engine === 'tesseract' ? 'tesseract.js' : 'ppocr (onnxruntime-node)', runEngineInChild(engine, pages), truth, twin));
    }
    const native = await runNative(pages, dir);
    if (native) engines.push(score('native tesseract (PSM 3)', native, truth, twin));
    else notes.push('native tesseract 未安装（apt-get install tesseract-ocr），跳过');
    for (const e of engines) {
      log(`${e.engine.padEnd(28)} ${e.secondsPerPage.toFixed(2)} 秒/页（CPU ${e.cpuSecondsPerPage?.toFixed(2) ?? '—'} 秒/页）  峰值内存 ${e.peakRssMb ?? '—'} MB  数字正确 ${e.numbersRight}/${e.numbersTotal}  读错 ${e.wrongNumbers}`);
    }
    return { pages: pages.map((p) => `${p.name} (${p.dpi} dpi)`), engines, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function preparePages(dir: string): Promise<PageImage[]> {
  const write = (name: string, bytes: Buffer, dpi: number, ext = 'png') => {
    const file = join(dir, `${name}.${ext}`);
    writeFileSync(file, bytes);
    return { name, file, dpi };
  };
  return [
    write('scanned-pdf', await renderPdfPage(fixture('scoring-table.scanned.pdf'), 250), 250),
    write('clean-150dpi', await renderPdfPage(fixture('scoring-table.pdf'), 150), 150),
    write('bilevel-png', readFileSync(fixture('scoring-table.png')), 200),
    write('stamped-100dpi', readFileSync(fixture('scoring-table.stamped-100dpi.jpg')), 100, 'jpg'),
  ];
}

/** Page 1 of a PDF rendered by pdf.js (its own canvas factory) at `dpi`, as PNG. */
export async function renderPdfPage(path: string, dpi: number): Promise<Buffer> {
  const doc = await openPdf(readFileSync(path));
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const factory = doc.canvasFactory as unknown as { create(w: number, h: number): { canvas: Canvas; context: SKRSContext2D } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: 'white' }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}

function runEngineInChild(engine: OcrEngineName, pages: PageImage[]): EngineRun {
  const out = execFileSync(process.execPath, ['--import', TSX_LOADER, HERE, '--engine', engine, JSON.stringify(pages)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as EngineRun;
}

/** Child side: one service with one worker, model load timed apart, pages read in turn. */
async function engineHere(engine: OcrEngineName, pages: PageImage[]): Promise<void> {
  const service = createOcrService({ engine, workers: 1 });
  try {
    let t = performance.now();
    // Model load and first-run compilation: a small blank page.
    await service.recognize({ data: new Uint8Array(200 * 200 * 4).fill(255), width: 200, height: 200, dpi: 200 });
    const startupSeconds = seconds(t);
    t = performance.now();
    const cpu = process.cpuUsage();
    const read: EngineRun['pages'] = [];
    for (const page of pages) read.push({ name: page.name, blocks: await service.recognize({ data: readFileSync(page.file), page: 1, dpi: page.dpi }) });
    const result: EngineRun = {
      startupSeconds: round(startupSeconds),
      secondsPerPage: round(seconds(t) / pages.length),
      cpuSecondsPerPage: round(cpuSeconds(process.cpuUsage(cpu)) / pages.length),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      pages: read,
    };
    console.log(JSON.stringify(result));
  } finally {
    await service.terminate();
  }
}

/** Native CLI on each page (PSM 3, one thread); null when tesseract is not installed. */
async function runNative(pages: PageImage[], dir: string): Promise<EngineRun | null> {
  try {
    await run('tesseract', ['--version']);
  } catch {
    return null;
  }
  const tessdata = join(dir, 'tessdata');
  execFileSync('mkdir', ['-p', tessdata]);
  writeFileSync(join(tessdata, 'chi_sim.traineddata'), gunzipSync(readFileSync(join(CHI_SIM_LANG_PATH, 'chi_sim.traineddata.gz'))));
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const t = performance.now();
  const read: EngineRun['pages'] = [];
  // GNU time (Debian's "time" package), when present, gives the CPU seconds and peak RSS of each run.
  const timed = existsSync('/usr/bin/time');
  const usage = join(dir, 'usage.txt');
  let cpu = 0;
  let peakKb = 0;
  for (const page of pages) {
    const args = [page.file, 'stdout', '--tessdata-dir', tessdata, '-l', 'chi_sim', '--psm', '3', '--dpi', String(page.dpi)];
    const { stdout } = timed
      ? await run('/usr/bin/time', ['-f', '%M %U %S', '-o', usage, 'tesseract', ...args], { env, maxBuffer: 16 * 1024 * 1024 })
      : await run('tesseract', args, { env, maxBuffer: 16 * 1024 * 1024 });
    if (timed) {
      const [kb, user, sys] = readFileSync(usage, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
      peakKb = Math.max(peakKb, kb);
      cpu += user + sys;
    }
    read.push({ name: page.name, blocks: [{ kind: 'paragraph', text: stdout.normalize('NFKC'), loc: { page: 1 } }] });
  }
  const cpuSecondsPerPage = timed ? round(cpu / pages.length) : null;
  return { startupSeconds: 0, secondsPerPage: round(seconds(t) / pages.length), cpuSecondsPerPage, peakRssMb: timed ? round(peakKb / 1024) : null, pages: read };
}

function score(engine: string, result: EngineRun, truth: string[], twin: RawDocument): EngineResult {
  const pages: EngineResult['pages'] = {};
  let right = 0;
  let wrong = 0;
  for (const page of result.pages) {
    const got = figuresIn(page.blocks);
    const matched = multisetIntersection(truth, got);
    right += matched;
    wrong += got.length - matched;
    const expectedTables = tablesOf(twin);
    const actualTables = tablesOf({ ...twin, blocks: page.blocks });
    const agreement = expectedTables.map((t, i) => compareTables(t, actualTables[i] ?? { ...t, rows: [] }));
    const tableFigures = actualTables.length ? `${agreement.reduce((s, a) => s + a.agreeing, 0)}/${agreement.reduce((s, a) => s + a.numericCells, 0)}` : undefined;
    pages[page.name] = { right: matched, total: truth.length, wrong: got.length - matched, ...(tableFigures ? { tableFigures } : {}) };
  }
  return {
    engine,
    startupSeconds: result.startupSeconds,
    secondsPerPage: result.secondsPerPage,
    cpuSecondsPerPage: result.cpuSecondsPerPage,
    peakRssMb: result.peakRssMb,
    numbersRight: right,
    numbersTotal: truth.length * result.pages.length,
    wrongNumbers: wrong,
    pages,
  };
}

/** Every figure of a page's text: paragraphs and table cells. */
function figuresIn(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? figuresOf(b.text) : b.kind === 'table' ? b.rows.flat().flatMap((c) => figuresOf(c.text)) : []));
}

function multisetIntersection(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let n = 0;
  for (const x of b) {
    const c = counts.get(x) ?? 0;
    if (c > 0) {
      n++;
      counts.set(x, c - 1);
    }
  }
  return n;
}

const tablesOf = (doc: RawDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const seconds = (since: number) => (performance.now() - since) / 1000;
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const round = (v: number) => Math.round(v * 1000) / 1000;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--engine') await engineHere(process.argv[3] as OcrEngineName, JSON.parse(process.argv[4]) as PageImage[]);
  else console.log(JSON.stringify(await benchOcr(), null, 2));
}
