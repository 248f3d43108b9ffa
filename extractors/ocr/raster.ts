// Grey bitmaps and the few operations OCR needs on them: conversion from RGBA, Otsu threshold,
// crop, rotation and PGM encoding (tesseract reads PNM directly, so no PNG compression per cell).

/** 8-bit grey image, row-major, 0 = black, 255 = white. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** RGBA (e.g. canvas ImageData) → grey, transparent pixels laid over white. */
export function greyFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Grey {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const alpha = rgba[p + 3] / 255;
    const luma = (rgba[p] * 299 + rgba[p + 1] * 587 + rgba[p + 2] * 114) / 1000;
    data[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, data };
}

export function histogram(grey: Grey): Float64Array {
  const hist = new Float64Array(256);
  const data = grey.data;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  return hist;
}

/** Otsu's threshold over the histogram; pixels <= threshold are dark. */
export function otsuThreshold(grey: Grey, hist = histogram(grey)): number {
  const total = grey.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let sumBack = 0;
  let weightBack = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBack += hist[t];
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * hist[t];
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const variance = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/** Paper (most common light level), ink (mean of the dark class) and Otsu threshold, in one pass. */
export function levels(grey: Grey): { paper: number; ink: number; threshold: number } {
  const hist = histogram(grey);
  const threshold = otsuThreshold(grey, hist);
  let paper = 255;
  for (let v = 128; v < 256; v++) if (hist[v] > hist[paper]) paper = v;
  let sum = 0;
  let n = 0;
  for (let v = 0; v <= threshold; v++) {
    sum += v * hist[v];
    n += hist[v];
  }
  return { paper, ink: n ? sum / n : 0, threshold };
}

/** 1 where the pixel is dark (ink), 0 elsewhere. */
export function binarize(grey: Grey, threshold = otsuThreshold(grey)): Uint8Array {
  const out = new Uint8Array(grey.data.length);
  for (let i = 0; i < out.length; i++) out[i] = grey.data[i] <= threshold ? 1 : 0;
  return out;
}

/** Rows become columns: vertical work can then run along memory like horizontal work. */
export function transpose(grey: Grey): Grey {
  const { width, height, data } = grey;
  const out = new Uint8Array(data.length);
  const tile = 64;
  for (let y0 = 0; y0 < height; y0 += tile) {
    for (let x0 = 0; x0 < width; x0 += tile) {
      const y1 = Math.min(height, y0 + tile);
      const x1 = Math.min(width, x0 + tile);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[x * height + y] = data[y * width + x];
    }
  }
  return { width: height, height: width, data: out };
}

export function crop(grey: Grey, rect: Rect): Grey {
  const x0 = clamp(Math.round(rect.x0), 0, grey.width);
  const y0 = clamp(Math.round(rect.y0), 0, grey.height);
  const width = clamp(Math.round(rect.x1), x0, grey.width) - x0;
  const height = clamp(Math.round(rect.y1), y0, grey.height) - y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(grey.data.subarray((y0 + y) * grey.width + x0, (y0 + y) * grey.width + x0 + width), y * width);
  return { width, height, data };
}

/** Adds a white margin: tesseract reads text touching the image edge badly. */
export function pad(grey: Grey, margin: number): Grey {
  const width = grey.width + 2 * margin;
  const height = grey.height + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < grey.height; y++) data.set(grey.data.subarray(y * grey.width, (y + 1) * grey.width), (y + margin) * width + margin);
  return { width, height, data };
}

/** Paints rectangles white (used to hide tables before reading the text around them). */
export function whiteOut(grey: Grey, rects: Rect[]): Grey {
  const data = grey.data.slice();
  for (const r of rects) {
    const x0 = clamp(Math.floor(r.x0), 0, grey.width);
    const x1 = clamp(Math.ceil(r.x1), 0, grey.width);
    for (let y = clamp(Math.floor(r.y0), 0, grey.height); y < clamp(Math.ceil(r.y1), 0, grey.height); y++) data.fill(255, y * grey.width + x0, y * grey.width + x1);
  }
  return { ...grey, data };
}

/**
 * Rotates by `degrees` (positive = counter-clockwise on screen) about the centre, bilinear, keeping
 * the size; uncovered corners become white.
 */
export function rotate(grey: Grey, degrees: number): Grey {
  const { width, height, data } = grey;
  const out = new Uint8Array(width * height).fill(255);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const maxX = width - 1;
  const maxY = height - 1;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // Inverse mapping: the source pixel that lands on (x, y), stepped along the row. Screen y points down.
    let sx = -cos * cx - sin * dy + cx;
    let sy = -sin * cx + cos * dy + cy;
    let o = y * width;
    for (let x = 0; x < width; x++, sx += cos, sy += sin, o++) {
      if (sx < 0 || sy < 0 || sx >= maxX || sy >= maxY) continue;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[o] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { width, height, data: out };
}

/** Binary PGM (P5): the cheapest format leptonica reads. */
export function encodePgm(grey: Grey): Buffer {
  const header = Buffer.from(`P5\n${grey.width} ${grey.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(grey.data.buffer, grey.data.byteOffset, grey.data.byteLength)]);
}

/** Share of dark pixels in a rectangle of a binary mask. */
export function inkRatio(mask: Uint8Array, width: number, rect: Rect): number {
  let ink = 0;
  let total = 0;
  for (let y = Math.round(rect.y0); y < Math.round(rect.y1); y++) {
    for (let x = Math.round(rect.x0); x < Math.round(rect.x1); x++) {
      ink += mask[y * width + x];
      total++;
    }
  }
  return total ? ink / total : 0;
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Ink mask for horizontal ruling lines (vertical ones: pass the transposed page): each row is
 * averaged over a box of `window` pixels before thresholding, so thin, light or broken rules
 * survive while scanner noise, which is not aligned, averages out. Each row is then ORed with its
 * neighbours: a thin rule that is not quite level alternates between two pixel rows, and neither
 * row alone is a continuous run.
 */
export function ruleMask(grey: Grey, { paper, ink } = levels(grey), window = 7): Uint8Array {
  const { width, height, data } = grey;
  const threshold = paper - Math.max(25, 0.35 * (paper - ink));
  const mask = new Uint8Array(width * height);
  const half = Math.floor(window / 2);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let sum = 0;
    let count = 0;
    for (let x = 0; x < Math.min(half, width); x++, count++) sum += data[base + x];
    for (let x = 0; x < width; x++) {
      if (x + half < width) {
        sum += data[base + x + half];
        count++;
      }
      if (x - half - 1 >= 0) {
        sum -= data[base + x - half - 1];
        count--;
      }
      mask[base + x] = sum <= threshold * count ? 1 : 0;
    }
  }
  const out = mask.slice();
  for (let i = width; i < mask.length - width; i++) if (!mask[i] && (mask[i - width] || mask[i + width])) out[i] = 1;
  return out;
}

/**
 * Stretches contrast so the paper becomes white and the ink black (ImageMagick's -level): flat
 * grey paper around a cell crop otherwise shows as a box edge against the white padding.
 */
export function normalizeLevels(grey: Grey): Grey {
  const { paper, ink } = levels(grey);
  const lo = ink;
  const hi = paper - 0.05 * (paper - ink);
  if (hi - lo < 16) return grey;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(clamp(((v - lo) / (hi - lo)) * 255, 0, 255));
  const data = new Uint8Array(grey.data.length);
  for (let i = 0; i < data.length; i++) data[i] = lut[grey.data[i]];
  return { ...grey, data };
}

/**
 * Removes salt-and-pepper noise without touching strokes: a dark pixel with at most one dark
 * neighbour (of 8) becomes white, a light pixel with at least 7 dark neighbours becomes dark.
 */
export function despeckle(grey: Grey, threshold = otsuThreshold(grey)): Grey {
  const { width, height, data } = grey;
  const dark = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) dark[i] = data[i] <= threshold ? 1 : 0;
  const out = data.slice();
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      const up = i - width;
      const down = i + width;
      const n = dark[up - 1] + dark[up] + dark[up + 1] + dark[i - 1] + dark[i + 1] + dark[down - 1] + dark[down] + dark[down + 1];
      if (dark[i] && n <= 1) out[i] = 255;
      else if (!dark[i] && n >= 7) out[i] = 0;
    }
  }
  return { width, height, data: out };
}
