// Pages as real scans are: colour scans with a red seal (公章) over the text, low-resolution pages
// and pages turned by a quarter or half turn. Pure bitmap operations on `Grey`.
import { clamp, type Grey, type Rect } from './raster.ts';

/**
 * RGBA → grey for OCR. On a colour scan with red ink the red channel is used: red ink (seals, red
 * headers) is bright in it, while black and blue ink stay dark; pixels that are clearly red and
 * light in that channel become paper, so the seal's ring and characters do not survive the level
 * stretch as faint strokes. Black text under the seal is dark in every channel and stays. A scan
 * without red ink gets the usual luma. Transparent pixels are laid over white.
 */
export function greyForOcr(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): ScanGrey {
  const useRed = hasRedInk(rgba);
  const data = new Uint8Array(width * height);
  const red = useRed ? new Uint8Array(width * height) : null;
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const alpha = rgba[p + 3] / 255;
    const over = (v: number) => Math.round(v * alpha + 255 * (1 - alpha));
    if (red) {
      red[i] = over(rulesRedValue(rgba[p], rgba[p + 1], rgba[p + 2]));
      data[i] = over(redChannelValue(rgba[p], rgba[p + 1], rgba[p + 2]));
    } else {
      data[i] = over((rgba[p] * 299 + rgba[p + 1] * 587 + rgba[p + 2] * 114) / 1000);
    }
  }
  return red ? { width, height, data, rulesView: { width, height, data: red } } : { width, height, data };
}

/** A page ready for OCR, with the view the table-rule detector should use when it differs. */
export interface ScanGrey extends Grey {
  /**
   * Colour scans with red ink: the red channel with only light red ink whitened (rulesRedValue).
   * Where a seal's strokes cross a table rule, JPEG's shared colour samples tint the rule red and
   * the text view's whitening would cut it into dashes.
   */
  rulesView?: Grey;
}

/** Red channel, with red ink (red well above green and blue, and light in the red channel) as paper. */
export function redChannelValue(r: number, g: number, b: number): number {
  const luma = (r * 299 + g * 587 + b * 114) / 1000;
  return r >= RED_INK.minRed && luma >= RED_INK.minLuma && r - Math.max(g, b) >= RED_INK.margin ? 255 : r;
}

/**
 * The red channel for the table-rule detector: only red ink lighter than a rule crossed by it
 * becomes paper. A rule under a seal's stroke is tinted red by JPEG's shared colour samples, but
 * stays darker in the red channel than the seal itself, so it is kept whole.
 */
export function rulesRedValue(r: number, g: number, b: number): number {
  return r >= RULE_UNDER_INK.minRed && r - Math.max(g, b) >= RULE_UNDER_INK.margin ? 255 : r;
}

const RULE_UNDER_INK = { margin: 30, minRed: 185 };

/**
 * Red ink: red at least `margin` above green and blue, and not dark: black text under a seal takes
 * a red tint from JPEG's shared colour samples but stays dark (luma well under red ink's ~100).
 */
const RED_INK = { margin: 50, minRed: 130, minLuma: 80 };

/** At least 0.05% of the (sampled) pixels are clearly red: red well above green and blue. */
export function hasRedInk(rgba: Uint8Array | Uint8ClampedArray): boolean {
  const pixels = rgba.length / 4;
  const step = Math.max(1, Math.floor(pixels / 200_000));
  let red = 0;
  let sampled = 0;
  for (let i = 0; i < pixels; i += step, sampled++) {
    const p = i * 4;
    if (rgba[p + 3] > 128 && rgba[p] - Math.max(rgba[p + 1], rgba[p + 2]) > 60) red++;
  }
  return red > 0.0005 * sampled;
}

/** Bilinear resampling to `width` × `height` (area-averaged first when shrinking by more than 2). */
export function resize(grey: Grey, width: number, height: number): Grey {
  if (width === grey.width && height === grey.height) return grey;
  let source = grey;
  while (source.width / width >= 2 && source.height / height >= 2) source = halve(source);
  const out = new Uint8Array(width * height);
  const sx = source.width / width;
  const sy = source.height / height;
  const maxX = source.width - 1;
  const maxY = source.height - 1;
  const src = source.data;
  for (let y = 0; y < height; y++) {
    const fy = clamp((y + 0.5) * sy - 0.5, 0, maxY);
    const y0 = Math.floor(fy);
    const y1 = Math.min(maxY, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = clamp((x + 0.5) * sx - 0.5, 0, maxX);
      const x0 = Math.floor(fx);
      const x1 = Math.min(maxX, x0 + 1);
      const wx = fx - x0;
      const top = src[y0 * source.width + x0] * (1 - wx) + src[y0 * source.width + x1] * wx;
      const bottom = src[y1 * source.width + x0] * (1 - wx) + src[y1 * source.width + x1] * wx;
      out[y * width + x] = (top * (1 - wy) + bottom * wy + 0.5) | 0;
    }
  }
  return { width, height, data: out };
}

function halve(grey: Grey): Grey {
  const width = grey.width >> 1;
  const height = grey.height >> 1;
  const out = new Uint8Array(width * height);
  const w = grey.width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 2 * y * w + 2 * x;
      out[y * width + x] = (grey.data[i] + grey.data[i + 1] + grey.data[i + w] + grey.data[i + w + 1] + 2) >> 2;
    }
  }
  return { width, height, data: out };
}

/** Rotates by `quarters` × 90° clockwise. */
export function rotateQuarters(grey: Grey, quarters: number): Grey {
  const k = ((quarters % 4) + 4) % 4;
  if (k === 0) return grey;
  const { width, height, data } = grey;
  const outW = k === 2 ? width : height;
  const outH = k === 2 ? height : width;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [nx, ny] = k === 1 ? [height - 1 - y, x] : k === 2 ? [width - 1 - x, height - 1 - y] : [y, width - 1 - x];
      out[ny * outW + nx] = data[y * width + x];
    }
  }
  return { width: outW, height: outH, data: out };
}

/**
 * Maps a rectangle of an image turned by `quarters` × 90° clockwise back to the unturned image of
 * size `width` × `height`.
 */
export function unrotateQuartersRect(r: Rect, quarters: number, width: number, height: number): Rect {
  const k = ((quarters % 4) + 4) % 4;
  if (k === 0) return r;
  // Inverse of the forward map (x, y) → turned position, applied to both corners.
  const back = (x: number, y: number): [number, number] => (k === 1 ? [y, height - x] : k === 2 ? [width - x, height - y] : [width - y, x]);
  const [ax, ay] = back(r.x0, r.y0);
  const [bx, by] = back(r.x1, r.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}
