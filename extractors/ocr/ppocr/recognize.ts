// PP-OCR text recognition (CRNN/SVTR + CTC) and the text-line angle classifier: pre-processing as
// in PaddleOCR's tools/infer/predict_rec.py / predict_cls.py (height 48, width from the aspect ratio,
// pixels scaled to [-1, 1], right padding with 0 up to the batch's widest line, at least 320 wide)
// and CTC greedy decoding with a confidence per character.
import type { Grey } from '../raster.ts';
import { resize } from '../scan.ts';

export const REC_HEIGHT = 48;
export const REC_MIN_WIDTH = 320;
/** Longest line image fed to the recogniser (wider crops are squeezed). */
export const REC_MAX_WIDTH = 3200;
export const CLS_SIZE = { width: 192, height: 48 };

/** NCHW batch, N × 3 × height × width, grey replicated into three channels. */
export interface Batch {
  tensor: Float32Array;
  n: number;
  width: number;
  height: number;
  /** Width of each line's resized content (before padding). */
  contentWidths: number[];
}

/** Lines resized to `height`, keeping their aspect ratio, padded on the right to a common width. */
export function lineBatch(lines: Grey[], height = REC_HEIGHT, minWidth = REC_MIN_WIDTH, maxWidth = REC_MAX_WIDTH): Batch {
  const contentWidths = lines.map((l) => Math.max(1, Math.min(maxWidth, Math.ceil((height * l.width) / Math.max(1, l.height)))));
  const width = Math.max(minWidth, ...contentWidths);
  return packBatch(lines, height, width, contentWidths);
}

/** Classifier input: each line resized to 48 high, at most 192 wide, padded to 192. */
export function clsBatch(lines: Grey[]): Batch {
  const { width, height } = CLS_SIZE;
  const contentWidths = lines.map((l) => Math.max(1, Math.min(width, Math.ceil((height * l.width) / Math.max(1, l.height)))));
  return packBatch(lines, height, width, contentWidths);
}

function packBatch(lines: Grey[], height: number, width: number, contentWidths: number[]): Batch {
  const plane = height * width;
  const tensor = new Float32Array(lines.length * 3 * plane); // 0 = padding, as PaddleOCR pads
  lines.forEach((line, n) => {
    const w = contentWidths[n];
    const resized = resize(line, w, height);
    for (let c = 0; c < 3; c++) {
      const base = (n * 3 + c) * plane;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < w; x++) tensor[base + y * width + x] = resized.data[y * w + x] / 127.5 - 1;
      }
    }
  });
  return { tensor, n: lines.length, width, height, contentWidths };
}

export interface DecodedChar {
  text: string;
  /** Probability of the character at its time step, 0–1. */
  confidence: number;
  /** Time step of the character (first of a run) and the number of steps. */
  step: number;
}

/**
 * CTC greedy decoding of one line's output (`steps` × `classes` probabilities): the most likely
 * class per step, repeats collapsed, blanks (class 0) dropped. Class k ≥ 1 is `dictionary[k - 1]`.
 */
export function ctcDecode(probs: Float32Array, offset: number, steps: number, classes: number, dictionary: string[]): DecodedChar[] {
  const out: DecodedChar[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base];
    for (let k = 1; k < classes; k++) {
      if (probs[base + k] > bestP) {
        bestP = probs[base + k];
        best = k;
      }
    }
    if (best !== 0 && best !== previous) out.push({ text: dictionary[best - 1] ?? '', confidence: bestP, step: t });
    previous = best;
  }
  return out.filter((c) => c.text !== '');
}

/** Full-width punctuation that Chinese text keeps (the text-layer path keeps it too). */
const KEEP_FULL_WIDTH = new Set(['，', '：', '；', '（', '）', '！', '？', '、', '。']);

/**
 * NFKC per character (full-width digits, letters, %, . become ASCII), keeping the Chinese
 * punctuation above; a full-width comma between digits is a thousands separator and becomes ",".
 * Each output character keeps the confidence of the character it came from.
 */
export function normalizeChars(chars: DecodedChar[]): DecodedChar[] {
  const out: DecodedChar[] = [];
  chars.forEach((c, i) => {
    const isDigit = (c?: DecodedChar) => /^\d$/.test(c?.text.normalize('NFKC') ?? '');
    const between = isDigit(chars[i - 1]) && isDigit(chars[i + 1]);
    const text = c.text === '，' && between ? ',' : KEEP_FULL_WIDTH.has(c.text) ? c.text : c.text.normalize('NFKC');
    for (const ch of text) out.push({ ...c, text: ch });
  });
  return out;
}
