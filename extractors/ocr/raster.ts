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

/** Otsu's threshold over the histogram; pixels <= threshold are dark. */
export function otsuThreshold(grey: Grey): number {
  const hist = new Float64Array(256);
  for (const v of grey.data) hist[v]++;
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

/** 1 where the pixel is dark (ink), 0 elsewhere. */
export function binarize(grey: Grey, threshold = otsuThreshold(grey)): Uint8Array {
  const out = new Uint8Array(grey.data.length);
  for (let i = 0; i < out.length; i++) out[i] = grey.data[i] <= threshold ? 1 : 0;
  return out;
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
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // Inverse mapping: the source pixel that lands on (x, y). Screen y points down.
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i] * (1 - fx) + data[i + 1] * fx;
      const bottom = data[i + width] * (1 - fx) + data[i + width + 1] * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
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
