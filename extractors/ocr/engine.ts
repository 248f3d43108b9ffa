// The tesseract.js side of OCR: one scheduler with one worker per core, the chi_sim model read from
// the locally installed @tesseract.js-data/chi_sim package (no network, no cache files written).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';

const require = createRequire(import.meta.url);

/** Folder holding chi_sim.traineddata.gz (LSTM-only "best_int" model, the one tesseract.js defaults to). */
export const CHI_SIM_LANG_PATH = join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');

/** Page segmentation modes we use: 3 full page, 6 one block, 7 one line. */
export type Psm = '3' | '6' | '7';

export interface OcrWord {
  text: string;
  /** 0–100. */
  confidence: number;
  /** 0–100 per character of `text` (engines that score characters: PP-OCR). */
  charConfidences?: number[];
  /** Pixel box in the submitted image, top-left origin. */
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrLine {
  words: OcrWord[];
  bbox: OcrWord['bbox'];
}

/** Lines grouped into tesseract's paragraphs, in reading order. */
export type OcrParagraphs = OcrLine[][];

export interface Engine {
  /**
   * Recognises an encoded image (PNG/JPEG/TIFF/PNM bytes) with the given segmentation mode; params
   * (e.g. user_defined_dpi, tessedit_char_whitelist) apply to this job only.
   */
  recognize(image: Uint8Array, psm: Psm, params?: Record<string, string>): Promise<OcrParagraphs>;
  /** Decodes any image leptonica reads (TIFF included) into a grey PNG, without recognising it. */
  toGreyPng(image: Uint8Array): Promise<Buffer>;
  workers: number;
  terminate(): Promise<void>;
}

export async function createEngine(workers = availableParallelism()): Promise<Engine> {
  const scheduler = Tesseract.createScheduler();
  const created = await Promise.all(Array.from({ length: Math.max(1, workers) }, () => createOneWorker()));
  for (const worker of created) scheduler.addWorker(worker);
  return {
    workers: created.length,
    async recognize(image, psm, params = {}) {
      // Parameters passed with the job are set for this job only (tesseract.js saves and restores
      // them around the recognition), so one scheduler serves every segmentation mode.
      const options = { ...params, tessedit_pageseg_mode: psm } as unknown as Partial<Tesseract.RecognizeOptions>;
      const result = await scheduler.addJob('recognize', toBuffer(image), options, { text: false, blocks: true });
      return paragraphsOf(result.data);
    },
    async toGreyPng(image) {
      const result = await scheduler.addJob('recognize', toBuffer(image), {}, { text: false, blocks: false, imageGrey: true });
      const url = result.data.imageGrey;
      if (!url) throw new Error('tesseract returned no image');
      return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    },
    terminate: () => scheduler.terminate(),
  };
}

async function createOneWorker(): Promise<Tesseract.Worker> {
  const worker = await Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
    langPath: CHI_SIM_LANG_PATH,
    cacheMethod: 'none',
    gzip: true, // the package ships chi_sim.traineddata.gz
  });
  await worker.setParameters({ preserve_interword_spaces: '1' });
  return worker;
}

function toBuffer(image: Uint8Array): Buffer {
  return Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
}

function paragraphsOf(page: Tesseract.Page): OcrParagraphs {
  const out: OcrParagraphs = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const lines = paragraph.lines
        .map((line) => ({
          bbox: line.bbox,
          words: line.words
            .filter((w) => w.text.trim() !== '')
            .map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
        }))
        .filter((line) => line.words.length > 0);
      if (lines.length) out.push(lines);
    }
  }
  return out;
}
