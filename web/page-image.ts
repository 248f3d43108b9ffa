// The original page of a PDF as a PNG, rendered with the project's pdf.js (its own canvas factory,
// @napi-rs/canvas in Node, as extractors/ocr/pdf-pages.ts does for OCR) and cached under
// <data>/pages/. Output locations carry a page but no coordinates, so the finding's place is looked
// up in the page's text layer: the longest stretch of the finding's original text that occurs once on
// the page is boxed in red. When no stretch of at least MIN_MATCH characters is unique, nothing is
// boxed and the page is shown whole (a guessed box would point at the wrong line).
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPdf, type PdfPage } from '../extractors/pdf/pdfjs.ts';
import { unifyIdeographs } from '../extractors/pdf/text.ts';

/** 144 dpi: sharp enough to read a table cell, about 1.2 MP for an A4 page. */
const SCALE = 2;
/** Fewer characters than this match too many places (a number, a short label). */
export const MIN_MATCH = 6;

/** A box in PDF user space [x0, y0, x1, y1] (origin bottom-left). */
export type Box = [number, number, number, number];

interface Canvas2D {
  strokeStyle: string;
  fillStyle: string;
  lineWidth: number;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
}
interface PngCanvas {
  encode(format: 'png'): Promise<Buffer>;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: PngCanvas; context: Canvas2D };
  destroy(entry: { canvas: PngCanvas; context: Canvas2D }): void;
}
interface TextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

export class PageImages {
  private readonly dir: string;
  /** One PDF at a time: pdf.js runs on the server's main thread. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'pages');
  }

  /** Where the text is on the page (empty when it cannot be placed with confidence); null when the page does not exist. */
  locate(path: string, page: number, text: string): Promise<Box[] | null> {
    return this.serial(async () => withPage(await readFile(path), page, (p) => locateText(p, text)));
  }

  /** PNG of a page (1-based) with the boxes drawn; null when the page does not exist. */
  async png(path: string, page: number, boxes: Box[] = []): Promise<Buffer | null> {
    const bytes = await readFile(path);
    const key = createHash('sha256').update(bytes).update(JSON.stringify([page, boxes])).digest('hex');
    const cached = join(this.dir, `${key}.png`);
    const hit = await readFile(cached).catch(() => null);
    if (hit) return hit;
    const png = await this.serial(() => withPage(bytes, page, (p) => renderPage(p, boxes)));
    if (!png) return null;
    await mkdir(this.dir, { recursive: true });
    await writeFile(cached, png);
    return png;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

async function withPage<T>(bytes: Buffer, pageNumber: number, use: (page: PdfPage) => Promise<T>): Promise<T | null> {
  const doc = await openPdf(bytes);
  try {
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) return null;
    return await use(await doc.getPage(pageNumber));
  } finally {
    await doc.destroy();
  }
}

/** Boxes of the text items covered by the longest stretch of text found exactly once on the page. */
export async function locateText(page: PdfPage, text: string): Promise<Box[]> {
  const items = ((await page.getTextContent()).items as TextItem[]).filter((i) => i.str && i.transform);
  // The page's characters without white space, each remembering its item.
  const chars: string[] = [];
  const owner: number[] = [];
  items.forEach((item, index) => {
    // The extractor read lookalike ideographs (Kangxi radicals) as ordinary ones: so does the search.
    for (const ch of unifyIdeographs(item.str!)) {
      if (/\s/.test(ch)) continue;
      chars.push(ch);
      owner.push(index);
    }
  });
  const pageText = chars.join('');
  const wanted = [...text].filter((ch) => !/\s/.test(ch));
  const match = longestUniqueMatch(chars, pageText, wanted);
  if (!match) return [];
  const covered = [...new Set(owner.slice(match.start, match.start + match.length))];
  return mergeLines(covered.map((i) => itemBox(items[i])));
}

/** pdf.js cuts a line into many items: one box per printed line. */
function mergeLines(boxes: Box[]): Box[] {
  const lines: Box[] = [];
  for (const box of boxes) {
    const height = box[3] - box[1];
    const line = lines.find((l) => Math.abs(l[1] - box[1]) < height / 2 && Math.abs(l[3] - box[3]) < height / 2);
    if (!line) lines.push([...box]);
    else [line[0], line[1], line[2], line[3]] = [Math.min(line[0], box[0]), Math.min(line[1], box[1]), Math.max(line[2], box[2]), Math.max(line[3], box[3])];
  }
  return lines;
}

/** The longest common stretch of page and wanted (at least MIN_MATCH characters) that occurs once on the page. */
function longestUniqueMatch(page: string[], pageText: string, wanted: string[]): { start: number; length: number } | null {
  // Dynamic programming over suffix lengths, one row at a time; candidates longest first.
  const candidates: Array<{ start: number; length: number }> = [];
  let previous = new Uint16Array(wanted.length + 1);
  for (let i = 1; i <= page.length; i++) {
    const row = new Uint16Array(wanted.length + 1);
    for (let j = 1; j <= wanted.length; j++) {
      if (page[i - 1] !== wanted[j - 1]) continue;
      row[j] = previous[j - 1] + 1;
      // Keep maximal runs only: the run cannot grow on the next character.
      const grows = i < page.length && j < wanted.length && page[i] === wanted[j];
      if (row[j] >= MIN_MATCH && !grows) candidates.push({ start: i - row[j], length: row[j] });
    }
    previous = row;
  }
  candidates.sort((a, b) => b.length - a.length);
  for (const c of candidates) {
    const stretch = page.slice(c.start, c.start + c.length).join('');
    if (pageText.indexOf(stretch) === pageText.lastIndexOf(stretch)) return c;
  }
  return null;
}

function itemBox(item: TextItem): Box {
  const [a, b, c, d, e, f] = item.transform!;
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
  return [e, f - size * 0.25, e + (item.width ?? size), f + size * 0.95];
}

async function renderPage(page: PdfPage, boxes: Box[]): Promise<Buffer> {
  const viewport = page.getViewport({ scale: SCALE });
  const factory = (page as unknown as { _transport?: { canvasFactory?: CanvasFactory } })._transport?.canvasFactory;
  if (!factory) throw new Error('pdf.js 未提供画布（canvasFactory），无法渲染页面');
  const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    await page.render({ canvas: entry.canvas as never, canvasContext: entry.context as never, viewport, background: 'white' } as never).promise;
    const ctx = entry.context;
    for (const box of boxes) {
      const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(box);
      const [left, top, w, h] = [Math.min(x0, x1) - 4, Math.min(y0, y1) - 4, Math.abs(x1 - x0) + 8, Math.abs(y1 - y0) + 8];
      ctx.fillStyle = 'rgba(255, 214, 0, 0.25)';
      ctx.fillRect(left, top, w, h);
      ctx.strokeStyle = 'rgba(200, 30, 30, 0.95)';
      ctx.lineWidth = 4;
      ctx.strokeRect(left, top, w, h);
    }
    return await entry.canvas.encode('png');
  } finally {
    factory.destroy(entry);
  }
}
