// The OCR service shared by all documents of a batch: tesseract.js with the local chi_sim model,
// one worker per core, created lazily on first use and shut down by the batch runner.
//
//   const ocr = getOcrService();           // lazy singleton, no workers until the first page
//   const blocks = await ocr.recognize({ data: png });
//   await shutdownOcr();                    // end of batch: terminates the workers
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Block } from '../../model/index.ts';
import type { OcrService } from '../types.ts';
import { createEngine, type Engine } from './engine.ts';
import { recognizePage } from './page.ts';
import { greyFromRgba, type Grey } from './raster.ts';

export { isUncertain, LOW_CONFIDENCE, fixOcrText } from './text.ts';

export interface OcrServiceOptions {
  /** Worker count; default one per core. */
  workers?: number;
}

type RecognizeInput = Parameters<OcrService['recognize']>[0];

export function createOcrService(options: OcrServiceOptions = {}): OcrService & { engine(): Promise<Engine> } {
  let engine: Promise<Engine> | null = null;
  const getEngine = () => (engine ??= createEngine(options.workers));
  return {
    engine: getEngine,
    async recognize(input: RecognizeInput): Promise<Block[]> {
      const e = await getEngine();
      const grey = await decodeImage(input, e);
      const dpi = input.dpi ?? guessDpi(grey);
      return recognizePage(grey, e, { page: input.page ?? 1, dpi });
    },
    async terminate() {
      const started = engine;
      engine = null;
      if (started) await (await started).terminate();
    },
  };
}

let shared: ReturnType<typeof createOcrService> | null = null;

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

/** Raw RGBA when the size says so; otherwise encoded bytes (PNG/JPEG via canvas, TIFF via leptonica). */
export async function decodeImage(input: RecognizeInput, engine: Pick<Engine, 'toGreyPng'>): Promise<Grey> {
  const { data, width, height } = input;
  if (width && height && data.length === width * height * 4) return greyFromRgba(data, width, height);
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const isTiff = bytes.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || bytes.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]));
  const encoded = isTiff ? await engine.toGreyPng(bytes) : bytes;
  const image = await loadImage(encoded);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  return greyFromRgba(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
}

/** Scans are mostly A4: the long side is 11.69 inches. Bounded so odd crops still work. */
function guessDpi(grey: Grey): number {
  return Math.min(600, Math.max(150, Math.round(Math.max(grey.width, grey.height) / 11.69)));
}
