// The OCR service shared by all documents of a batch. Default engine: PP-OCRv4 (det + rec + angle
// classifier) on onnxruntime-node (ppocr/); tesseract.js with the local chi_sim model is the
// fallback, chosen with `JIXIAO_OCR=tesseract` or `createOcrService({ engine: 'tesseract' })`.
// Created lazily on first use and shut down by the batch runner.
//
//   const ocr = getOcrService();           // lazy singleton, no models loaded until the first page
//   const blocks = await ocr.recognize({ data: png });
//   await shutdownOcr();                    // end of batch: releases the sessions / workers
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Block } from '../../model/index.ts';
import type { OcrService } from '../types.ts';
import { createEngine, type Engine } from './engine.ts';
import { recognizePage, type PageOptions } from './page.ts';
import { flattenPhoto } from './perspective.ts';
import { createPpEngine, type PpEngine } from './ppocr/engine.ts';
import { blocksOfPage, mapBlock, readPagePp, recognizePagePp } from './ppocr/page.ts';
import { cachedRead, readCacheDir } from './ppocr/read-cache.ts';
import type { Grey } from './raster.ts';
import { greyForOcr, type ScanGrey } from './scan.ts';

export { isUncertain, LOW_CONFIDENCE, fixOcrText } from './text.ts';

export type OcrEngineName = 'ppocr' | 'tesseract';

export interface OcrServiceOptions {
  /** Worker count (tesseract.js workers, or concurrent PP-OCR inferences); default one per core for tesseract.js, 1 for PP-OCR. */
  workers?: number;
  /** Default: `JIXIAO_OCR` from the environment ("tesseract" or "ppocr"), else PP-OCR. */
  engine?: OcrEngineName;
  /** Warp photos of pages (a page outline on a darker background) upright before reading; default true. */
  flattenPhotos?: boolean;
}

/** The engine named by `JIXIAO_OCR` (unknown values fall back to PP-OCR). */
export function defaultOcrEngine(env: NodeJS.ProcessEnv = process.env): OcrEngineName {
  return env.JIXIAO_OCR?.trim().toLowerCase() === 'tesseract' ? 'tesseract' : 'ppocr';
}

type RecognizeInput = Parameters<OcrService['recognize']>[0];

export type OcrServiceWithEngine = OcrService & { readonly engineName: OcrEngineName };

export function createOcrService(options: OcrServiceOptions = {}): OcrServiceWithEngine {
  const engineName = options.engine ?? defaultOcrEngine();
  // tesseract.js: the recogniser of the fallback engine, and the TIFF decoder of both (leptonica).
  let tesseract: Promise<Engine> | null = null;
  const getTesseract = (workers = options.workers) => (tesseract ??= createEngine(workers));
  let pp: Promise<PpEngine> | null = null;
  const getPp = () => (pp ??= createPpEngine(options.workers ?? 1));
  const tiffDecoder = { toGreyPng: async (image: Uint8Array) => (await getTesseract(1)).toGreyPng(image) };
  const cacheDir = readCacheDir();
  const readPp = async (grey: ScanGrey, opts: PageOptions) => {
    if (!cacheDir) return recognizePagePp(grey, await getPp(), opts);
    return blocksOfPage(await cachedRead(cacheDir, grey, opts, async () => readPagePp(grey, await getPp(), opts)));
  };
  return {
    engineName,
    async recognize(input: RecognizeInput): Promise<Block[]> {
      const tesseractEngine = engineName === 'tesseract' ? await getTesseract() : null;
      const decoded = await decodeImage(input, tesseractEngine ?? tiffDecoder);
      // A phone photo: the page is read upright, its boxes given back in the photo's pixels.
      const photo = options.flattenPhotos === false ? null : flattenPhoto(decoded);
      const grey: ScanGrey = photo?.page ?? decoded;
      const pageOptions = { page: input.page ?? 1, dpi: photo ? guessDpi(grey) : (input.dpi ?? guessDpi(grey)) };
      const blocks = tesseractEngine ? await recognizePage(grey, tesseractEngine, pageOptions) : await readPp(grey, pageOptions);
      return photo ? blocks.map((b) => mapBlock(b, photo.toInput)) : blocks;
    },
    async terminate() {
      const started = [tesseract, pp];
      tesseract = null;
      pp = null;
      for (const engine of started) if (engine) await (await engine).terminate();
    },
  };
}

let shared: OcrServiceWithEngine | null = null;

/** The batch's OCR service (created on first call; workers start on the first recognition). */
export function getOcrService(): OcrService {
  return (shared ??= createOcrService());
}

/** Terminates the shared service's workers; the batch runner calls it once at the end. */
export async function shutdownOcr(): Promise<void> {
  const service = shared;
  shared = null;
  if (service) await service.terminate();
}

/**
 * Raw RGBA when the size says so; otherwise encoded bytes (PNG/JPEG via canvas, TIFF via leptonica).
 * Colour pages are read through their red channel (greyForOcr: red seals fade, text stays).
 */
export async function decodeImage(input: RecognizeInput, engine: Pick<Engine, 'toGreyPng'>): Promise<Grey> {
  const { data, width, height } = input;
  if (width && height && data.length === width * height * 4) return greyForOcr(data, width, height);
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const isTiff = bytes.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || bytes.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]));
  const encoded = isTiff ? await engine.toGreyPng(bytes) : bytes;
  const image = await loadImage(encoded);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  return greyForOcr(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
}

/** Scans are mostly A4: the long side is 11.69 inches. Bounded so odd crops still work. */
function guessDpi(grey: Grey): number {
  return Math.min(600, Math.max(100, Math.round(Math.max(grey.width, grey.height) / 11.69)));
}
