// Phone photos of pages: a light page lying on a darker background, seen at an angle. The page
// outline is found on a small copy of the image (the largest light region, its convex hull, the
// four-cornered shape of largest area inside it), and when it is clearly a page with background
// around it, the page is warped to an upright rectangle (homography from the four corners,
// bilinear sampling) before deskew and detection. Ordinary scans, where the page fills the image,
// are left untouched.
import { clamp, otsuThreshold, type Grey, type Rect } from './raster.ts';
import { resize, type ScanGrey } from './scan.ts';

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/** Long side of the copy the outline is looked for on. */
const OUTLINE_SIDE = 512;
/** The page must cover at least this share of the image. */
const MIN_PAGE_SHARE = 0.2;
/** Background outside the page: at least this share of the image, else the page fills it (a scan). */
const MIN_BACKGROUND_SHARE = 0.03;
/** The light region's hull may exceed its four-cornered fit by this share (rounded, blurred corners). */
const MAX_HULL_EXCESS = 0.06;
/** Share of each side that must run along the light region's edge. */
const MIN_SIDE_SUPPORT = 0.8;
/**
 * Across each side standing in the image, paper must be this many grey levels lighter just inside
 * than just outside (median along the side): the background is clearly darker, and a threshold
 * crossing the light falling off across the page, which draws a straight "edge" too, is no edge.
 * (The mean inside the page says less: dense text darkens it.)
 */
const MIN_EDGE_STEP = 30;
/** A side this share of the image's size from the image border is inside it (background beyond it). */
const BORDER_MARGIN = 0.01;
/** A corner angle this far from 90° makes the outline a page seen at an angle. */
const MIN_SLANT_DEGREES = 3;

/**
 * The page's four corners in image pixels when the image shows a light page on a clearly darker
 * background around it; null when the page fills the image or no four-sided light region is found.
 * Light falling off across a photo can make the dim side of the page darker than Otsu's threshold
 * or a lit patch of desk lighter, so thresholds around it are tried too; the outline kept is the
 * one whose light region is most nearly four-sided.
 */
export function findPageOutline(grey: Grey): Quad | null {
  const factor = Math.max(1, Math.max(grey.width, grey.height) / OUTLINE_SIDE);
  const small = factor > 1 ? resize(grey, Math.round(grey.width / factor), Math.round(grey.height / factor)) : grey;
  const otsu = otsuThreshold(small);
  let best: { quad: Quad; excess: number } | null = null;
  for (const offset of THRESHOLD_OFFSETS) {
    const found = outlineAt(small, clamp(otsu + offset, 1, 254));
    if (found && (!best || found.excess < best.excess)) best = found;
  }
  // Pixel centres of the small copy back to the image.
  return best && (best.quad.map((p) => ({ x: clamp((p.x + 0.5) * factor, 0, grey.width), y: clamp((p.y + 0.5) * factor, 0, grey.height) })) as Quad);
}

/** Thresholds tried, as offsets from Otsu's. */
const THRESHOLD_OFFSETS = [0, -10, 10, -20, 20, -30, 30, -40, 40];

/** The page outline of the light region at `threshold`, with its hull's excess area over it; null when it is no photographed page. */
function outlineAt(small: Grey, threshold: number): { quad: Quad; excess: number } | null {
  const { width, height } = small;
  const region = largestLightRegion(small, threshold);
  if (region.size < MIN_PAGE_SHARE * width * height) return null;
  const edge = regionEdge(region.mask, width, height);
  const hull = convexHull(edge.points);
  if (hull.length < 4) return null;
  const quad = largestQuad(hull);
  const quadArea = polygonArea(quad);
  if (quadArea < MIN_PAGE_SHARE * width * height) return null;
  const excess = polygonArea(hull) / quadArea - 1;
  if (excess > MAX_HULL_EXCESS) return null;
  const reach = Math.max(2, Math.round(0.01 * Math.max(width, height)));
  if (quad.some((p, i) => sideSupport(p, quad[(i + 1) % 4], edge.mask, width, height, reach) < MIN_SIDE_SUPPORT)) return null;
  if (width * height - quadArea < MIN_BACKGROUND_SHARE * width * height) return null;
  // Background around the page: on three sides, or on two when the page is clearly seen at an
  // angle. A dark band along one edge of a scan (a footer, a scanner's shadow) is not a photo.
  const inner = sidesInside(quad, width, height);
  if (inner.length < 2 || (inner.length === 2 && maxSlant(quad) < MIN_SLANT_DEGREES)) return null;
  if (inner.some((i) => edgeStep(quad[i], quad[(i + 1) % 4], small) < MIN_EDGE_STEP)) return null;
  return { quad, excess };
}

/**
 * The page of a photo warped upright, with the map from its pixels back to the photo's; null when
 * no page outline is found (the image is returned unchanged by the caller).
 */
export function flattenPhoto(page: ScanGrey): { page: ScanGrey; toInput: (r: Rect) => Rect } | null {
  const quad = findPageOutline(page);
  if (!quad) return null;
  const [tl, tr, br, bl] = quad;
  // The nearer (longer) edge keeps its resolution.
  const width = Math.round(Math.max(distance(tl, tr), distance(bl, br)));
  const height = Math.round(Math.max(distance(tl, bl), distance(tr, br)));
  const target: Quad = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const toPhoto = homography(target, quad);
  const flat: ScanGrey = evenLight(warp(page, toPhoto, width, height));
  if (page.rulesView) flat.rulesView = evenLight(warp(page.rulesView, toPhoto, width, height));
  const toInput = (r: Rect): Rect => {
    const corners = [project(toPhoto, r.x0, r.y0), project(toPhoto, r.x1, r.y0), project(toPhoto, r.x1, r.y1), project(toPhoto, r.x0, r.y1)];
    const xs = corners.map((p) => p.x);
    const ys = corners.map((p) => p.y);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  };
  return { page: flat, toInput };
}

// ---------- light ----------

/** Blocks across the long side of the page when the paper's brightness is estimated. */
const LIGHT_BLOCKS = 24;

/**
 * Divides out the light falling off across a photographed page: the paper's level is taken in
 * blocks (their 90th percentile: paper shows between the characters of any text block), spread
 * to each pixel bilinearly, and every pixel is scaled so paper becomes white. Without it the dim
 * side of the page was darker than the rules' threshold (levels are global) and the table grid was
 * lost.
 */
export function evenLight(grey: Grey): Grey {
  const { width, height, data } = grey;
  const size = Math.max(16, Math.ceil(Math.max(width, height) / LIGHT_BLOCKS));
  const cols = Math.ceil(width / size);
  const rows = Math.ceil(height / size);
  const paper = new Float64Array(cols * rows);
  const hist = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      hist.fill(0);
      let n = 0;
      for (let y = by * size; y < Math.min(height, (by + 1) * size); y++) {
        for (let x = bx * size; x < Math.min(width, (bx + 1) * size); x++, n++) hist[data[y * width + x]]++;
      }
      let v = 255;
      for (let seen = 0; v > 0 && seen + hist[v] <= 0.1 * n; v--) seen += hist[v];
      paper[by * cols + bx] = Math.max(32, v);
    }
  }
  const level = brightestAround(paper, cols, rows);
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const fy = clamp((y + 0.5) / size - 0.5, 0, rows - 1);
    const r0 = Math.floor(fy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const wy = fy - r0;
    for (let x = 0; x < width; x++) {
      const fx = clamp((x + 0.5) / size - 0.5, 0, cols - 1);
      const c0 = Math.floor(fx);
      const c1 = Math.min(cols - 1, c0 + 1);
      const wx = fx - c0;
      const top = level[r0 * cols + c0] * (1 - wx) + level[r0 * cols + c1] * wx;
      const bottom = level[r1 * cols + c0] * (1 - wx) + level[r1 * cols + c1] * wx;
      out[y * width + x] = Math.min(255, Math.round((data[y * width + x] * 255) / (top * (1 - wy) + bottom * wy)));
    }
  }
  return { width, height, data: out };
}

/** Each block's level raised to the brightest of its 3×3 neighbourhood: a block filled with ink (a bold title, a dark cell) keeps the paper level around it. */
function brightestAround(levels: Float64Array, cols: number, rows: number): Float64Array {
  const out = new Float64Array(levels.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let best = 0;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) if (r + dr >= 0 && r + dr < rows && c + dc >= 0 && c + dc < cols) best = Math.max(best, levels[(r + dr) * cols + c + dc]);
      out[r * cols + c] = best;
    }
  }
  return out;
}

// ---------- the light region and its outline ----------

/** Largest 4-connected region of pixels above `threshold`, as a mask. */
export function largestLightRegion(grey: Grey, threshold: number): { mask: Uint8Array; size: number } {
  const { width, height, data } = grey;
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (label[start] || data[start] <= threshold) continue;
    next++;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const i = stack[--top];
      size++;
      const x = i % width;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
      for (const n of neighbours) {
        if (n < 0 || n >= data.length || label[n] || data[n] <= threshold) continue;
        label[n] = next;
        stack[top++] = n;
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = next;
    }
  }
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = label[i] === best && best > 0 ? 1 : 0;
  return { mask, size: bestSize };
}

/** Pixels of the region with a 4-neighbour outside it (or on the image border). */
function regionEdge(mask: Uint8Array, width: number, height: number): { points: Point[]; mask: Uint8Array } {
  const points: Point[] = [];
  const edge = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]) {
        edge[i] = 1;
        points.push({ x, y });
      }
    }
  }
  return { points, mask: edge };
}

/** Convex hull, counter-clockwise in screen coordinates (Andrew's monotone chain). */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The four hull vertices enclosing the largest area, as top-left, top-right, bottom-right,
 * bottom-left: started from the extremes of x ± y and improved one corner at a time.
 */
export function largestQuad(hull: Point[]): Quad {
  const extreme = (score: (p: Point) => number) => hull.reduce((best, p) => (score(p) > score(best) ? p : best));
  const quad: Quad = [extreme((p) => -p.x - p.y), extreme((p) => p.x - p.y), extreme((p) => p.x + p.y), extreme((p) => p.y - p.x)];
  for (let round = 0; round < 10; round++) {
    let moved = false;
    for (let c = 0; c < 4; c++) {
      let best = quad[c];
      let bestArea = polygonArea(quad);
      for (const p of hull) {
        const candidate = [...quad] as Quad;
        candidate[c] = p;
        const area = polygonArea(candidate);
        if (area > bestArea + 1e-9 && isConvexClockwise(candidate)) {
          best = p;
          bestArea = area;
        }
      }
      if (best !== quad[c]) {
        quad[c] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return quad;
}

/** Corners keep their order (top-left, top-right, … clockwise on screen) and the shape is convex. */
function isConvexClockwise(q: Quad): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i];
    const b = q[(i + 1) % 4];
    const c = q[(i + 2) % 4];
    if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) <= 0) return false;
  }
  return true;
}

export function polygonArea(points: Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}

/** Share of points along the side (its middle 90%) with an edge pixel within `reach`. */
function sideSupport(a: Point, b: Point, edge: Uint8Array, width: number, height: number, reach: number): number {
  const samples = 40;
  let supported = 0;
  for (let s = 0; s < samples; s++) {
    const t = 0.05 + (0.9 * (s + 0.5)) / samples;
    const cx = Math.round(a.x + (b.x - a.x) * t);
    const cy = Math.round(a.y + (b.y - a.y) * t);
    let found = false;
    for (let y = Math.max(0, cy - reach); y <= Math.min(height - 1, cy + reach) && !found; y++) {
      for (let x = Math.max(0, cx - reach); x <= Math.min(width - 1, cx + reach); x++) {
        if (edge[y * width + x]) {
          found = true;
          break;
        }
      }
    }
    if (found) supported++;
  }
  return supported / samples;
}

/** The quad's sides (0 top, 1 right, 2 bottom, 3 left: from corner i to i + 1) standing off the image border. */
function sidesInside(q: Quad, width: number, height: number): number[] {
  const mx = BORDER_MARGIN * width;
  const my = BORDER_MARGIN * height;
  const [tl, tr, br, bl] = q;
  const onBorder = [tl.y < my && tr.y < my, tr.x > width - 1 - mx && br.x > width - 1 - mx, br.y > height - 1 - my && bl.y > height - 1 - my, tl.x < mx && bl.x < mx];
  return [0, 1, 2, 3].filter((i) => !onBorder[i]);
}

/**
 * Median of the step in paper level (the lightest pixel of a small window) from just inside to just
 * outside the side a → b (outside: left of the direction of travel on screen). The lightest pixel,
 * not the pixel: between lines of dense text the paper still shows, so a side cutting across text
 * has no step, while the background beyond a page's edge has no paper.
 */
function edgeStep(a: Point, b: Point, grey: Grey): number {
  const { width, height, data } = grey;
  const length = distance(a, b);
  const nx = (b.y - a.y) / length;
  const ny = -(b.x - a.x) / length;
  const r = Math.max(2, Math.round(0.005 * Math.max(width, height)));
  const lightest = (cx: number, cy: number) => {
    let max = 0;
    for (let y = Math.max(0, Math.round(cy) - r); y <= Math.min(height - 1, Math.round(cy) + r); y++) {
      for (let x = Math.max(0, Math.round(cx) - r); x <= Math.min(width - 1, Math.round(cx) + r); x++) max = Math.max(max, data[y * width + x]);
    }
    return max;
  };
  const offset = r + 2;
  const steps: number[] = [];
  for (let s = 0; s < 40; s++) {
    const t = 0.05 + (0.9 * (s + 0.5)) / 40;
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    steps.push(lightest(x - nx * offset, y - ny * offset) - lightest(x + nx * offset, y + ny * offset));
  }
  return steps.sort((p, q) => p - q)[steps.length >> 1];
}

/** The largest departure of a corner angle from 90°, in degrees. */
function maxSlant(q: Quad): number {
  let worst = 0;
  for (let i = 0; i < 4; i++) {
    const p = q[i];
    const a = q[(i + 3) % 4];
    const b = q[(i + 1) % 4];
    const cos = ((a.x - p.x) * (b.x - p.x) + (a.y - p.y) * (b.y - p.y)) / (distance(a, p) * distance(b, p));
    worst = Math.max(worst, Math.abs((Math.acos(clamp(cos, -1, 1)) * 180) / Math.PI - 90));
  }
  return worst;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

// ---------- homography ----------

/** 3×3 matrix, row-major, h[8] = 1. */
export type Homography = Float64Array;

/** The projective map taking each corner of `from` to the same corner of `to` (8×8 linear solve). */
export function homography(from: Quad, to: Quad): Homography {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const h = solve(a);
  return Float64Array.from([...h, 1]);
}

/** Gaussian elimination with partial pivoting on an augmented n × (n+1) matrix. */
function solve(a: number[][]): number[] {
  const n = a.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) throw new Error('degenerate quadrilateral');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

export function project(h: Homography, x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}

/**
 * A `width` × `height` image whose pixel (x, y) is the source sampled bilinearly at
 * toSource(x + ½, y + ½) (pixel centres); samples falling outside the source are white.
 */
export function warp(source: Grey, toSource: Homography, width: number, height: number): Grey {
  const out = new Uint8Array(width * height).fill(255);
  const src = source.data;
  const sw = source.width;
  const maxX = source.width - 1;
  const maxY = source.height - 1;
  const h = toSource;
  for (let y = 0; y < height; y++) {
    const v = y + 0.5;
    for (let x = 0; x < width; x++) {
      const u = x + 0.5;
      const w = h[6] * u + h[7] * v + h[8];
      const sx = (h[0] * u + h[1] * v + h[2]) / w - 0.5;
      const sy = (h[3] * u + h[4] * v + h[5]) / w - 0.5;
      if (sx < 0 || sy < 0 || sx > maxX || sy > maxY) continue;
      const x0 = Math.min(sx | 0, maxX - 1);
      const y0 = Math.min(sy | 0, maxY - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * sw + x0;
      const top = src[i] + (src[i + 1] - src[i]) * fx;
      const bottom = src[i + sw] + (src[i + sw + 1] - src[i + sw]) * fx;
      out[y * width + x] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { width, height, data: out };
}
