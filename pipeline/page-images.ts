// Page images for the HTML report: for findings in a PDF (text layer or scan) or a picture of a page,
// the page the finding points at, rendered by pdf.js (its own @napi-rs/canvas factory, as OCR does) with the cell or
// paragraph outlined in red, as a JPEG data URI. Bounded: modest resolution and a cap per batch,
// errors and warnings first, so the report stays one self-contained file.
import { readFile } from 'node:fs/promises';
import type { Finding, Output } from '../model/index.ts';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { openPdf, type PdfDocument } from '../extractors/pdf/pdfjs.ts';
import { pageImageKey } from '../reporters/labels.ts';

/** 96 dpi: the page readable on screen, about 100 kB as JPEG. */
const SCALE = 96 / 72;
const JPEG_QUALITY = 60;
/** Pictures of pages (phone photos, scanner output) are scaled down to this width. */
const MAX_IMAGE_WIDTH = 1000;
export const DEFAULT_MAX_PAGE_IMAGES = 40;


interface Viewport {
  width: number;
  height: number;
  convertToViewportRectangle(rect: number[]): number[];
}
interface Canvas2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
}
interface CanvasEntry {
  canvas: { width: number; height: number; encode?(format: 'jpeg', quality: number): Promise<Buffer>; toBuffer?(mime: string, quality?: number): Buffer };
  context: Canvas2D;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasEntry;
  destroy(entry: CanvasEntry): void;
}

/**
 * Data URIs by pageImageKey for the findings worth a picture: PDF documents, a page, not info (the
 * ones a reviewer acts on), at most max of them in the batch. A page that cannot be rendered is left
 * out (the finding keeps its link to the original).
 */
export async function renderPageImages(output: Output, max = DEFAULT_MAX_PAGE_IMAGES): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  const wanted = output.documents.flatMap((doc, docIndex) =>
    (doc.format === 'pdf' || doc.format === 'image') && doc.status !== 'error'
      ? doc.findings.map((finding, findingIndex) => ({ docIndex, findingIndex, finding })).filter((x) => x.finding.location.page && x.finding.severity !== 'info')
      : [],
  );
  const chosen = wanted.sort((a, b) => rank(a.finding) - rank(b.finding)).slice(0, max);
  const byDoc = new Map<number, typeof chosen>();
  for (const x of chosen) byDoc.set(x.docIndex, [...(byDoc.get(x.docIndex) ?? []), x]);
  for (const [docIndex, items] of byDoc) {
    if (output.documents[docIndex].format === 'image') {
      await renderImageFindings(output.documents[docIndex].file, items, docIndex, images);
      continue;
    }
    let pdf: PdfDocument;
    try {
      pdf = await openPdf(new Uint8Array(await readFile(output.documents[docIndex].file)));
    } catch {
      continue;
    }
    try {
      for (const { findingIndex, finding } of items) {
        const uri = await renderFindingPage(pdf, finding).catch(() => null);
        if (uri) images.set(pageImageKey(docIndex, findingIndex), uri);
      }
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  }
  return images;
}

/** A picture of a page (format image): the picture itself, scaled down, the OCR'd cell outlined (bboxes are its pixels). */
async function renderImageFindings(file: string, items: Array<{ findingIndex: number; finding: Finding }>, docIndex: number, images: Map<string, string>): Promise<void> {
  let picture: Awaited<ReturnType<typeof loadImage>>;
  try {
    picture = await loadImage(await readFile(file));
  } catch {
    return; // a format the canvas cannot decode (TIFF): the finding keeps its link to the original
  }
  const scale = Math.min(1, MAX_IMAGE_WIDTH / picture.width);
  for (const { findingIndex, finding } of items) {
    const canvas = createCanvas(Math.round(picture.width * scale), Math.round(picture.height * scale));
    const context = canvas.getContext('2d');
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    const box = finding.location.bbox;
    if (box) outline(context, box.map((v) => v * scale));
    const jpeg = await canvas.encode('jpeg', JPEG_QUALITY);
    images.set(pageImageKey(docIndex, findingIndex), `data:image/jpeg;base64,${jpeg.toString('base64')}`);
  }
}

const rank = (f: Finding) => (f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2);

async function renderFindingPage(pdf: PdfDocument, finding: Finding): Promise<string | null> {
  const page = await pdf.getPage(finding.location.page!);
  try {
    const viewport = page.getViewport({ scale: SCALE }) as unknown as Viewport;
    const factory = (page as unknown as { _transport?: { canvasFactory?: CanvasFactory } })._transport?.canvasFactory;
    if (!factory) return null;
    const entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    try {
      await page.render({ canvas: entry.canvas as never, canvasContext: entry.context as never, viewport: viewport as never, background: 'white' }).promise;
      if (finding.location.bbox) outline(entry.context, viewport.convertToViewportRectangle(finding.location.bbox));
      const jpeg = entry.canvas.encode ? await entry.canvas.encode('jpeg', JPEG_QUALITY) : entry.canvas.toBuffer?.('image/jpeg', JPEG_QUALITY);
      return jpeg ? `data:image/jpeg;base64,${jpeg.toString('base64')}` : null;
    } finally {
      factory.destroy(entry);
    }
  } finally {
    page.cleanup();
  }
}

/** A translucent red fill and a red frame, a few pixels outside the cell so its text stays legible. */
function outline(context: Canvas2D, [ax, ay, bx, by]: number[]): void {
  const pad = 4;
  const x = Math.min(ax, bx) - pad;
  const y = Math.min(ay, by) - pad;
  const w = Math.abs(bx - ax) + 2 * pad;
  const h = Math.abs(by - ay) + 2 * pad;
  context.fillStyle = 'rgba(255, 0, 0, 0.12)';
  context.fillRect(x, y, w, h);
  context.strokeStyle = 'rgb(220, 0, 0)';
  context.lineWidth = 3;
  context.strokeRect(x, y, w, h);
}
