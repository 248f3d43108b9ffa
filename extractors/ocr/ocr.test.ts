// End-to-end OCR on the scanned fixtures (fixtures/scanned/make.sh, make-stamped.sh): a scanned PDF
// must give back the table of its text-layer twin (same grid, same figures), a PNG goes through the
// image extractor, a 100 dpi colour scan with red seals over the table (and over narrative figures,
// fixtures/scanned/make-stamped-figures.sh), pages turned on their side and a phone photo of the
// page at an angle (make-photo.sh) read the same, the tesseract.js fallback still works, and no
// recognition ever touches the network. The default engine (PP-OCR) is used unless a test names
// another.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RawDocument, Table } from '../../model/index.ts';
import { extract as extractImage } from '../image/index.ts';
import { extract as extractPdf } from '../pdf/index.ts';
import type { OcrService } from '../types.ts';
import { rawDocumentProblems } from '../validate.ts';
import { compareTables, type TableAgreement } from './compare.ts';
import { createOcrService, defaultOcrEngine, decodeImage } from './index.ts';
import { rotateQuarters } from './scan.ts';

// A page of PP-OCR with its re-readings takes 10-40 s on one loaded core: the limit is a guard against a hang, not a speed check.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'fixtures/scanned', name);
const read = (name: string) => ({ path: fixture(name), bytes: readFileSync(fixture(name)) });
const tables = (doc: RawDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (doc: RawDocument) => doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

/** A figure as printed: digits with separators, a decimal part, an optional sign and %. */
const FIGURE = /[-−]?\d[\d,]*(?:\.\d+)?%?/g;

const size = (t: Table) => `${t.rows.length}x${t.rows[0]?.length ?? 0}`;

/** Each table of the twin against the table at the same position in `doc`. */
function agreementWithTwin(doc: RawDocument, label: string): TableAgreement[] {
  const expected = tables(twin);
  const actual = tables(doc);
  expect(actual.map(size)).toEqual(expected.map(size));
  const agreement = expected.map((t, i) => compareTables(t, actual[i]));
  const sum = total(agreement);
  console.info(`${label}: ${sum.agreeing}/${sum.numericCells} figure cells agree (${(sum.ratio * 100).toFixed(1)}%)`, agreement.flatMap((a) => a.mismatches));
  return agreement;
}

/** A figure read wrong must be marked uncertain (a low-confidence character inside it). */
function expectMisreadFiguresDoubtful(doc: RawDocument, agreement: TableAgreement[]) {
  for (const [t, a] of agreement.entries()) {
    for (const m of a.mismatches) expect(tables(doc)[t].rows[m.row - 1][m.column - 1].ocrLowSpans?.length ?? 0).toBeGreaterThan(0);
  }
}

function total(agreement: TableAgreement[]) {
  const numericCells = agreement.reduce((s, a) => s + a.numericCells, 0);
  const agreeing = agreement.reduce((s, a) => s + a.agreeing, 0);
  return { numericCells, agreeing, ratio: numericCells ? agreeing / numericCells : 1 };
}

let ocr: OcrService;
let twin: RawDocument;
let scanned: RawDocument;

beforeAll(async () => {
  ocr = createOcrService({ workers: 2 });
  expect((ocr as ReturnType<typeof createOcrService>).engineName).toBe(defaultOcrEngine());
  twin = await extractPdf({ ...read('scoring-table.pdf'), format: 'pdf' }, {});
  scanned = await extractPdf({ ...read('scoring-table.scanned.pdf'), format: 'pdf' }, { ocr });
});
afterAll(() => ocr.terminate());

describe('scanned PDF', () => {
  it('rebuilds the twin tables (ruled and borderless): same grids, same figures cell by cell', () => {
    const doc = scanned;
    expect(rawDocumentProblems(doc)).toEqual([]);
    expect(doc.ocrPages).toEqual([1]);
    expect(tables(twin).map(size)).toEqual(['4x4', '12x6']);
    const agreement = agreementWithTwin(doc, 'scanned PDF');
    expect(agreement.every((a) => a.sameShape)).toBe(true);
    expect(total(agreement).numericCells).toBeGreaterThanOrEqual(40);
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.9);
    const cells = tables(doc).flatMap((t) => t.rows.flat()).filter((c) => !c.covered && c.text);
    expect(tables(doc).every((t) => t.ocr)).toBe(true);
    expect(cells.every((c) => c.ocrConfidence !== undefined)).toBe(true);
  });

  it('reads the paragraphs around the table, with the stated total', () => {
    const doc = scanned;
    expect(paragraphs(doc).join('\n')).toContain('自评得分为94.42分');
    // PDF user space, inside the A4 page.
    const bbox = doc.blocks[0].loc.bbox!;
    expect(bbox[0]).toBeGreaterThanOrEqual(0);
    expect(bbox[3]).toBeLessThanOrEqual(842);
  });
});

describe('image input', () => {
  it('reads a PNG (bilevel, noisy, rotated) into a one-page document with the same tables', async () => {
    const doc = await extractImage({ ...read('scoring-table.png'), format: 'image' }, { ocr });
    expect(rawDocumentProblems(doc)).toEqual([]);
    expect(doc).toMatchObject({ format: 'image', pages: 1, ocrPages: [1] });
    expect(paragraphs(doc).join('\n')).toContain('94.42分');
    const agreement = agreementWithTwin(doc, 'PNG');
    expect(agreement.every((a) => a.sameShape)).toBe(true);
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.8);
  });

  it('rejects bytes that are not an image with a Chinese message', async () => {
    await expect(extractImage({ path: 'x.png', bytes: Buffer.from('not an image'), format: 'image' }, { ocr })).rejects.toThrow(/图片/);
  });
});

describe('scans as offices make them', () => {
  it('reads a 100 dpi colour scan with red seals over the score table: same grids, the figures right', async () => {
    const doc = await extractImage({ ...read('scoring-table.stamped-100dpi.jpg'), format: 'image' }, { ocr });
    expect(rawDocumentProblems(doc)).toEqual([]);
    const agreement = agreementWithTwin(doc, 'stamped 100 dpi JPEG');
    expect(agreement.every((a) => a.sameShape)).toBe(true);
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.95);
    expectMisreadFiguresDoubtful(doc, agreement);
    expect(paragraphs(doc).join('\n')).toContain('94.42分');
  });

  it('confirms the figures of stamped 100 dpi narrative lines that every view reads alike, and leaves no misread figure confirmed', async () => {
    const doc = await extractImage({ ...read('figures.stamped-100dpi.jpg'), format: 'image' }, { ocr });
    const printed: string[] = readFileSync(fixture('figures.txt'), 'utf8').match(FIGURE) ?? [];
    const figures = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [...b.text.matchAll(FIGURE)].map((m) => ({ text: m[0], doubtful: (b.ocrLowSpans ?? []).some(([s, e]) => s < m.index + m[0].length && m.index < e) })) : []));
    const confirmed = figures.filter((f) => !f.doubtful);
    console.info('stamped figures:', `${confirmed.length}/${printed.length} confirmed`, figures.filter((f) => f.doubtful).map((f) => f.text));
    expect(confirmed.every((f) => printed.includes(f.text))).toBe(true);
    // Binarising as the third re-reading view left 10 of the 25 doubtful ("≥" read "2", "%" read "96").
    expect(confirmed.length).toBeGreaterThanOrEqual(22);
  });

  it('turns a page lying on its side (90° clockwise) back and reads the same tables', async () => {
    const grey = await decodeImage({ data: readFileSync(fixture('scoring-table.png')) }, { toGreyPng: async () => Buffer.alloc(0) });
    const turned = rotateQuarters(grey, 1);
    const rgba = new Uint8Array(turned.width * turned.height * 4);
    turned.data.forEach((v, i) => rgba.set([v, v, v, 255], 4 * i));
    const blocks = await ocr.recognize({ data: rgba, width: turned.width, height: turned.height, page: 1, dpi: 200 });
    const doc: RawDocument = { format: 'image', pages: 1, blocks, warnings: [], ocrPages: [1] };
    const agreement = agreementWithTwin(doc, 'PNG turned 90°');
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.9);
    // Boxes are given in the turned image: the page's first line is now at its right edge.
    expect(blocks[0].loc.bbox![0]).toBeGreaterThan(turned.width / 2);
  });
});

describe('phone photos', () => {
  // The twin's page photographed at an angle on a desk, lit from one side (make-photo.sh).
  let corrected: Promise<RawDocument> | undefined;
  const readPhoto = () => (corrected ??= extractImage({ ...read('scoring-table.photo.jpg'), format: 'image' }, { ocr }));

  it('warps a photo of the page upright and reads it as the twin: same grids, the figures right', async () => {
    const doc = await readPhoto();
    expect(rawDocumentProblems(doc)).toEqual([]);
    const agreement = agreementWithTwin(doc, 'phone photo');
    expect(agreement.every((a) => a.sameShape)).toBe(true);
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.95);
    expectMisreadFiguresDoubtful(doc, agreement);
    expect(paragraphs(doc).join('\n')).toContain('全年执行数为743.18万元');
    // Boxes are given in the photo: the page's outline runs from x = 70 to 1440 and y = 85 to 1925 there.
    for (const b of doc.blocks) {
      const [x0, y0, x1, y1] = b.loc.bbox!;
      expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(60);
      expect(x1).toBeLessThanOrEqual(1450);
      expect(y1).toBeLessThanOrEqual(1935);
    }
  });

  it('reads a steeper photo on a lighter desk (the lit desk as light as the dim paper) as the twin', async () => {
    const doc = await extractImage({ ...read('scoring-table.photo-steep.jpg'), format: 'image' }, { ocr });
    const agreement = agreementWithTwin(doc, 'steep phone photo');
    expect(agreement.every((a) => a.sameShape)).toBe(true);
    expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.95);
    expectMisreadFiguresDoubtful(doc, agreement);
    console.info('steep phone photo figures of the twin read right / wrong:', figuresAgainstTwin(doc));
  });

  it('reads clearly worse without the correction (the same photo, flattenPhotos: false)', async () => {
    const plain = createOcrService({ workers: 1, flattenPhotos: false });
    const uncorrected = await extractImage({ ...read('scoring-table.photo.jpg'), format: 'image' }, { ocr: plain }).finally(() => plain.terminate());
    const withCorrection = figuresAgainstTwin(await readPhoto());
    const without = figuresAgainstTwin(uncorrected);
    console.info('phone photo figures of the twin read right / wrong: corrected', withCorrection, 'uncorrected', without);
    expect(tables(uncorrected).map(size)).not.toEqual(tables(twin).map(size));
    expect(withCorrection.right).toBeGreaterThanOrEqual(without.right + 8);
    expect(without.wrong).toBeGreaterThan(withCorrection.wrong);
  });
});

/** The twin's figures (all blocks) found in `doc` one for one, and the figures of `doc` left over (read wrong). */
function figuresAgainstTwin(doc: RawDocument): { right: number; wrong: number; of: number } {
  const texts = (d: RawDocument) => d.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'table' ? b.rows.flat().map((c) => c.text) : []));
  const figuresOf = (d: RawDocument): string[] => texts(d).join('\n').match(FIGURE) ?? [];
  const expected = figuresOf(twin);
  const left = figuresOf(doc);
  let right = 0;
  for (const f of expected) {
    const at = left.indexOf(f);
    if (at < 0) continue;
    right++;
    left.splice(at, 1);
  }
  return { right, wrong: left.length, of: expected.length };
}

describe('tesseract.js fallback (JIXIAO_OCR=tesseract)', () => {
  it('is chosen by the environment variable', () => {
    expect(defaultOcrEngine({ JIXIAO_OCR: 'tesseract' })).toBe('tesseract');
    expect(defaultOcrEngine({})).toBe('ppocr');
    expect(defaultOcrEngine({ JIXIAO_OCR: 'ppocr' })).toBe('ppocr');
  });

  it('still reads the PNG into the twin tables', async () => {
    const tesseract = createOcrService({ workers: 2, engine: 'tesseract' });
    try {
      const doc = await extractImage({ ...read('scoring-table.png'), format: 'image' }, { ocr: tesseract });
      const agreement = agreementWithTwin(doc, 'PNG, tesseract.js');
      expect(total(agreement).ratio).toBeGreaterThanOrEqual(0.8);
    } finally {
      await tesseract.terminate();
    }
  });
});

describe('offline', () => {
  it('makes no network request, in the main thread or worker threads (PP-OCR)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-ocr-'));
    const log = join(dir, 'network.log');
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--require', join(root, 'extractors/ocr/test-support/no-network-guard.cjs'), '--import', 'tsx', join(root, 'extractors/ocr/test-support/recognize-offline.ts'), fixture('scoring-table.png')],
        { cwd: root, env: { ...process.env, NETWORK_LOG: log }, timeout: 50_000 },
      );
      const result = JSON.parse(stdout) as { blocks: number; text: string };
      expect(result.text).toContain('94.42');
      // The only attempt is the probe proving the guard is active inside worker threads.
      const attempts = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
      expect(attempts).toEqual(['worker fetch http://probe.invalid/']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
