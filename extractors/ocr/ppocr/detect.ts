// PP-OCR text detection (DB, "Differentiable Binarization"): pre-processing of the page for the
// detection model and PaddleOCR's DBPostProcess on its probability map, following the reference
// settings of PaddleOCR's tools/infer/predict_det.py: ImageNet mean/std normalisation, sides
// rounded to multiples of 32, thresh 0.3, box_thresh 0.6, unclip_ratio 1.5, min_size 3.
// Boxes are axis-aligned: pages are deskewed before detection.
import type { Grey, Rect } from '../raster.ts';
import { resize } from '../scan.ts';

export const DB = { thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3, maxCandidates: 3000 };

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export interface DetInput {
  /** NCHW float32, 1 × 3 × height × width. */
  tensor: Float32Array;
  width: number;
  height: number;
  /** Detection pixels per page pixel (x and y). */
  scaleX: number;
  scaleY: number;
}

/**
 * The page scaled by `scale` (sides rounded to multiples of 32, the longer one at most `maxSide`)
 * as the detection model's input: grey replicated into three channels, each normalised with its
 * ImageNet mean and standard deviation.
 */
export function detInput(grey: Grey, scale: number, maxSide = 3200): DetInput {
  const limited = Math.min(scale, maxSide / Math.max(grey.width, grey.height));
  const width = Math.max(32, Math.round((grey.width * limited) / 32) * 32);
  const height = Math.max(32, Math.round((grey.height * limited) / 32) * 32);
  const image = resize(grey, width, height);
  const plane = width * height;
  const tensor = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = (v / 255 - MEAN[c]) / STD[c];
    const offset = c * plane;
    for (let i = 0; i < plane; i++) tensor[offset + i] = lut[image.data[i]];
  }
  return { tensor, width, height, scaleX: width / grey.width, scaleY: height / grey.height };
}

export interface TextBox extends Rect {
  /** Mean probability of the text region, 0–1. */
  score: number;
}

/**
 * DBPostProcess on the probability map (`width` × `height`, values 0–1): regions of pixels above
 * `thresh` (8-connected), kept when their mean probability reaches `boxThresh`, each grown by
 * the unclip distance area × unclipRatio / perimeter (the DB paper's shrink reversed). Boxes are
 * in probability-map pixels.
 */
export function dbBoxes(prob: Float32Array, width: number, height: number, opts = DB): TextBox[] {
  const labels = new Int32Array(width * height).fill(-1);
  const boxes: TextBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] !== -1 || prob[start] <= opts.thresh) continue;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    let sum = 0;
    let count = 0;
    stack.push(start);
    labels[start] = boxes.length;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      sum += prob[i];
      count++;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (labels[j] === -1 && prob[j] > opts.thresh) {
            labels[j] = boxes.length;
            stack.push(j);
          }
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const score = sum / count;
    // Placeholder keeps label numbering aligned with `boxes`; filtered below.
    boxes.push({ x0, y0, x1: x1 + 1, y1: y1 + 1, score: Math.min(w, h) < opts.minSize || score < opts.boxThresh ? -1 : score });
  }
  return boxes
    .filter((b) => b.score >= 0)
    .slice(0, opts.maxCandidates)
    .map((b) => unclip(b, opts.unclipRatio, width, height))
    .filter((b) => Math.min(b.x1 - b.x0, b.y1 - b.y0) >= opts.minSize + 2);
}

function unclip(b: TextBox, ratio: number, width: number, height: number): TextBox {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  const d = (w * h * ratio) / (2 * (w + h));
  return { x0: Math.max(0, b.x0 - d), y0: Math.max(0, b.y0 - d), x1: Math.min(width, b.x1 + d), y1: Math.min(height, b.y1 + d), score: b.score };
}
