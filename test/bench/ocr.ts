// OCR bench: speed of tesseract.js (2 workers) against the native tesseract CLI (2 processes,
// OMP_THREAD_LIMIT=1) on the same page images, same model (chi_sim 4.0.0_best_int), same page
// segmentation (PSM 3); then our whole OCR pipeline (grid + per-cell reading) per page; and how
// well the scanned fixture agrees with its text-layer twin (table figures, indicator tree, claims).
//
//   npx tsx test/bench/ocr.ts            prints the result as JSON
//   import { benchOcr } from './ocr.ts'  for test/bench/run.ts
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { IndicatorNode, RawDocument, Report, Table } from '../../model/index.ts';
import { compareTables } from '../../extractors/ocr/compare.ts';
import { CHI_SIM_LANG_PATH } from '../../extractors/ocr/engine.ts';
import { createOcrService, decodeImage } from '../../extractors/ocr/index.ts';
import { recognizePage } from '../../extractors/ocr/page.ts';
import { OCR_DPI } from '../../extractors/ocr/pdf-pages.ts';
import { extract as extractPdf } from '../../extractors/pdf/index.ts';
import { openPdf } from '../../extractors/pdf/pdfjs.ts';
import { buildReport } from '../../normalizers/report.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'fixtures/scanned', name);
const run = promisify(execFile);

interface PageImage {
  png: Buffer;
  dpi: number;
}

export interface OcrBenchResult {
  pages: number;
  tesseractJs: { workers: number; startupSeconds: number; secondsPerPage: number; pipelineSecondsPerPage: number };
  native: { processes: number; secondsPerPage: number } | null;
  /** tesseract.js s/page ÷ native s/page, both PSM 3 on the same images (aim ≤ 1.3). */
  ratio: number | null;
  /** Our pipeline (deskew, grid, per-cell OCR) s/page ÷ native PSM 3 s/page. */
  pipelineRatio: number | null;
  agreement: {
    /** All tables (ruled and borderless), figure cells compared position by position. */
    tableFigures: { agreeing: number; total: number; ratio: number; sameShape: boolean };
    tree: { agreeing: number; total: number; ratio: number };
    claims: { agreeing: number; total: number };
  };
}

/**
 * `repeat` copies of each fixture page (the scanned PDF page rendered at OCR_DPI, the PNG), read
 * `rounds` times by each engine; seconds per page are the best round's.
 */
export async function benchOcr({ repeat = 2, rounds = 3 }: { repeat?: number; rounds?: number } = {}): Promise<OcrBenchResult> {
  const pages = [...Array(repeat)].flatMap(() => [
    async () => ({ png: await renderedScan(), dpi: OCR_DPI }),
    async () => ({ png: readFileSync(fixture('scoring-table.png')), dpi: 200 }),
  ]);
  const images = await Promise.all(pages.map((load) => load()));
  const service = createOcrService({ workers: 2 });
  try {
    let t = performance.now();
    const engine = await service.engine();
    const startupSeconds = seconds(t);
    const js = (img: PageImage) => engine.recognize(img.png, '3', { user_defined_dpi: String(img.dpi) });

    // Warm up (the first recognition in a worker compiles the WebAssembly hot paths), then alternate
    // the two engines `rounds` times and keep each one's best: the machine may be shared.
    await Promise.all(images.slice(0, engine.workers).map(js));
    const jsTimes: number[] = [];
    const native: number[] = [];
    for (let r = 0; r < rounds; r++) {
      t = performance.now();
      await Promise.all(images.map(js));
      jsTimes.push(seconds(t) / images.length);
      const n = await nativeSecondsPerPage(images);
      if (n !== null) native.push(n);
    }
    const jsPerPage = Math.min(...jsTimes);
    const nativePerPage = native.length ? Math.min(...native) : null;

    t = performance.now();
    for (const img of images) await recognizePage(await decodeImage({ data: img.png }, engine), engine, { page: 1, dpi: img.dpi });
    const pipelinePerPage = seconds(t) / images.length;

    return {
      pages: images.length,
      tesseractJs: { workers: engine.workers, startupSeconds: round(startupSeconds), secondsPerPage: round(jsPerPage), pipelineSecondsPerPage: round(pipelinePerPage) },
      native: nativePerPage === null ? null : { processes: 2, secondsPerPage: round(nativePerPage) },
      ratio: nativePerPage === null ? null : round(jsPerPage / nativePerPage),
      pipelineRatio: nativePerPage === null ? null : round(pipelinePerPage / nativePerPage),
      agreement: await agreement(service),
    };
  } finally {
    await service.terminate();
  }
}

/** The scanned fixture's page as the PDF path renders it for OCR (pdf.js's own canvas factory). */
async function renderedScan(): Promise<Buffer> {
  const doc = await openPdf(readFileSync(fixture('scoring-table.scanned.pdf')));
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: OCR_DPI / 72 });
    const factory = doc.canvasFactory as unknown as { create(w: number, h: number): { canvas: Canvas; context: SKRSContext2D } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: 'white' }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}

/** Native CLI, two pages at a time, one thread each; null when tesseract is not installed. */
async function nativeSecondsPerPage(images: PageImage[]): Promise<number | null> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ocr-bench-'));
  try {
    const tessdata = join(dir, 'tessdata');
    mkdirSync(tessdata);
    writeFileSync(join(tessdata, 'chi_sim.traineddata'), gunzipSync(readFileSync(join(CHI_SIM_LANG_PATH, 'chi_sim.traineddata.gz'))));
    const files = images.map((img, i) => {
      const file = join(dir, `page-${i}.png`);
      writeFileSync(file, img.png);
      return { file, dpi: img.dpi };
    });
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const one = ({ file, dpi }: { file: string; dpi: number }) =>
      run('tesseract', [file, `${file}.out`, '--tessdata-dir', tessdata, '-l', 'chi_sim', '--psm', '3', '--dpi', String(dpi)], { env });
    try {
      await run('tesseract', ['--version']);
    } catch {
      return null;
    }
    const t = performance.now();
    const queue = [...files];
    await Promise.all([0, 1].map(async () => {
      for (let file = queue.shift(); file; file = queue.shift()) await one(file);
    }));
    return seconds(t) / files.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function agreement(ocr: ReturnType<typeof createOcrService>): Promise<OcrBenchResult['agreement']> {
  const read = (name: string) => ({ path: fixture(name), bytes: readFileSync(fixture(name)), format: 'pdf' as const });
  const twin = await extractPdf(read('scoring-table.pdf'), {});
  const scanned = await extractPdf(read('scoring-table.scanned.pdf'), { ocr });
  const pairs = tablesOf(twin).map((t, i) => compareTables(t, tablesOf(scanned)[i] ?? { ...t, rows: [] }));
  const table = {
    agreeing: pairs.reduce((s, p) => s + p.agreeing, 0),
    numericCells: pairs.reduce((s, p) => s + p.numericCells, 0),
    sameShape: pairs.every((p) => p.sameShape) && tablesOf(twin).length === tablesOf(scanned).length,
  };
  const tree = compareTrees(buildReport(twin, 'twin'), buildReport(scanned, 'scanned'));
  const claims = compareClaims(buildReport(twin, 'twin'), buildReport(scanned, 'scanned'));
  const ratio = table.numericCells ? table.agreeing / table.numericCells : 1;
  return { tableFigures: { agreeing: table.agreeing, total: table.numericCells, ratio: round(ratio), sameShape: table.sameShape }, tree, claims };
}

const tablesOf = (doc: RawDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');

/** Indicator nodes (id, level, name, weight, score) of the twin found identical in the scan. */
function compareTrees(expected: Report, actual: Report) {
  const flat = (nodes: IndicatorNode[]): IndicatorNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
  const key = (n: IndicatorNode) => [n.id, n.level, n.name, n.weight?.value.toFixed() ?? '', n.score?.value.toFixed() ?? ''].join('|');
  const want = expected.tables.flatMap((t) => flat(t.roots).map(key));
  const got = new Set(actual.tables.flatMap((t) => flat(t.roots).map(key)));
  const agreeing = want.filter((k) => got.has(k)).length;
  return { agreeing, total: want.length, ratio: want.length ? round(agreeing / want.length) : 1 };
}

/** Claims (total, grade, figures, rates) of the twin found with the same values in the scan. */
function compareClaims(expected: Report, actual: Report) {
  const key = (c: Report['claims'][number]) => JSON.stringify(c, (k, v) => (k === 'loc' || k === 'evidence' ? undefined : v));
  const got = new Set(actual.claims.map(key));
  return { agreeing: expected.claims.filter((c) => got.has(key(c))).length, total: expected.claims.length };
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (v: number) => Math.round(v * 1000) / 1000;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchOcr(), null, 2));
}

