// A PDF page without a text layer → OCR blocks. The page is rendered by pdf.js itself (its canvas
// factory, backed by @napi-rs/canvas in Node) at OCR_DPI, recognised through the batch's OCR
// service, and the pixel boxes are mapped back to PDF user space (origin bottom-left).
import type { Block, Loc } from '../../model/index.ts';
import type { OcrService } from '../types.ts';

/** Render resolution: scans are usually 200–300 dpi; more only costs time. */
export const OCR_DPI = 250;

/** The parts of pdf.js's PDFPageProxy this module uses (pdfjs-dist 5.x legacy build). */
interface PdfPageLike {
  getViewport(params: { scale: number }): PdfViewport;
  render(params: { canvas: unknown; canvasContext: unknown; viewport: PdfViewport; background?: string }): { promise: Promise<void> };
}
interface PdfViewport {
  width: number;
  height: number;
  convertToPdfPoint(x: number, y: number): number[];
}
interface CanvasEntry {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasEntry;
  destroy(entry: CanvasEntry): void;
}

export async function ocrPdfPage(page: unknown, pageNumber: number, ocr: OcrService | undefined): Promise<Block[]> {
  const service = ocr ?? (await import('./index.ts')).getOcrService();
  const pdfPage = page as PdfPageLike;
  const viewport = pdfPage.getViewport({ scale: OCR_DPI / 72 });
  const { rgba, width, height } = await renderPage(pdfPage, viewport);
  const blocks = await service.recognize({ data: rgba, width, height, page: pageNumber, dpi: OCR_DPI });
  return blocks.map((block) => toPdfSpace(block, viewport));
}

async function renderPage(page: PdfPageLike, viewport: PdfViewport) {
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = canvasFactoryOf(page);
  const entry = factory.create(width, height);
  try {
    await page.render({ canvas: entry.canvas, canvasContext: entry.context, viewport, background: 'white' }).promise;
    const rgba = entry.context.getImageData(0, 0, width, height).data;
    return { rgba: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height };
  } finally {
    factory.destroy(entry);
  }
}

/**
 * pdf.js's own canvas factory of the page's document (@napi-rs/canvas in Node). Rendering into a
 * canvas created outside that factory crashed the process (SIGSEGV) in testing, so there is no
 * fallback: without the factory the page is reported as not recognised.
 */
function canvasFactoryOf(page: PdfPageLike): CanvasFactory {
  const own = (page as { _transport?: { canvasFactory?: CanvasFactory } })._transport?.canvasFactory;
  if (!own) throw new Error('pdf.js 未提供画布（canvasFactory），无法渲染页面');
  return own;
}

function toPdfSpace(block: Block, viewport: PdfViewport): Block {
  const loc = mapLoc(block.loc, viewport);
  if (block.kind !== 'table') return { ...block, loc };
  return { ...block, loc, rows: block.rows.map((row) => row.map((cell) => ({ ...cell, loc: mapLoc(cell.loc, viewport) }))) };
}

function mapLoc(loc: Loc, viewport: PdfViewport): Loc {
  if (!loc.bbox) return loc;
  const [x0, y0, x1, y1] = loc.bbox;
  const [ax, ay] = viewport.convertToPdfPoint(x0, y1);
  const [bx, by] = viewport.convertToPdfPoint(x1, y0);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { ...loc, bbox: [r(Math.min(ax, bx)), r(Math.min(ay, by)), r(Math.max(ax, bx)), r(Math.max(ay, by))] };
}
