// The original page of a PDF as a PNG, rendered with the project's pdf.js (its own canvas factory,
// @napi-rs/canvas in Node, as extractors/ocr/pdf-pages.ts does for OCR) and cached under
// <data>/pages/ by the file's content hash.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPdf, type PdfPage } from '../extractors/pdf/pdfjs.ts';

/** 144 dpi: sharp enough to read a table cell, about 1.2 MP for an A4 page. */
const SCALE = 2;

interface PngCanvas {
  width: number;
  height: number;
  encode(format: 'png'): Promise<Buffer>;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: PngCanvas; context: unknown };
  destroy(entry: { canvas: PngCanvas; context: unknown }): void;
}

export class PageImages {
  private readonly dir: string;
  /** One render at a time: pdf.js runs on the server's main thread. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'pages');
  }

  /** PNG of a page (1-based) of the PDF at path; null when the page does not exist. */
  async png(path: string, page: number): Promise<Buffer | null> {
    const bytes = await readFile(path);
    const cached = join(this.dir, `${createHash('sha256').update(bytes).digest('hex')}-${page}.png`);
    const hit = await readFile(cached).catch(() => null);
    if (hit) return hit;
    const work = this.chain.then(() => renderPage(bytes, page));
    this.chain = work.catch(() => undefined);
    const png = await work;
    if (!png) return null;
    await mkdir(this.dir, { recursive: true });
    await writeFile(cached, png);
    return png;
  }
}

async function renderPage(bytes: Buffer, pageNumber: number): Promise<Buffer | null> {
  const doc = await openPdf(bytes);
  try {
    if (pageNumber < 1 || pageNumber > doc.numPages) return null;
    const page: PdfPage = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: SCALE });
    const factory = (page as unknown as { _transport?: { canvasFactory?: CanvasFactory } })._transport?.canvasFactory;
    if (!factory) throw new Error('pdf.js 未提供画布（canvasFactory），无法渲染页面');
    const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    try {
      await page.render({ canvas: entry.canvas as never, canvasContext: entry.context as never, viewport, background: 'white' } as never).promise;
      return await entry.canvas.encode('png');
    } finally {
      factory.destroy(entry);
    }
  } finally {
    await doc.destroy();
  }
}
