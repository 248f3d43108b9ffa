// Ruling lines from a page's operator list. In pdf.js 5.x every path arrives as
//   OPS.constructPath, args = [paintOp, [Float32Array pathData | null], minMax | null]
// where pathData is a flat list of DrawOPS (0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2 x y,
// 3 quadraticCurveTo, 4 closePath) in the user space current at that point; `re` rectangles come as
// moveTo + 3 lineTo + closePath. The CTM is tracked through save/restore/transform and form XObjects.

/** An axis-aligned segment in PDF user space: horizontal when y0 === y1, vertical when x0 === x1. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n in PDF's row-vector convention: apply m first, then n. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The operator codes this module reads (pdf.js OPS). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  setLineWidth: number;
}

/** A filled rectangle thinner than this (points) is a drawn line. */
const THIN = 2.5;
/** Shorter segments are glyph parts or dots, not rules. */
const MIN_LENGTH = 3;
const AXIS_TOLERANCE = 0.6;

interface Subpath {
  points: Array<[number, number]>;
  closed: boolean;
  curved: boolean;
}

export function extractSegments(fnArray: readonly number[], argsArray: readonly unknown[], ops: OpCodes): Segment[] {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform && args) ctm = multiply(args.map(Number) as Matrix, ctm);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0] as number[] | null | undefined;
      if (matrix && matrix.length === 6) ctm = multiply(Array.from(matrix) as Matrix, ctm);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as Array<ArrayLike<number> | null> | undefined)?.[0];
      if (!data) continue;
      const subpaths = parsePath(data, ctm);
      if (strokeOps.has(paint)) for (const sp of subpaths) out.push(...strokedSegments(sp));
      if (fillOps.has(paint)) for (const sp of subpaths) {
        const seg = thinRectangle(sp);
        if (seg) out.push(seg);
      }
    }
  }
  return out;
}

/** Path data → subpaths of user-space points (CTM applied). */
function parsePath(data: ArrayLike<number>, ctm: Matrix): Subpath[] {
  const subpaths: Subpath[] = [];
  let current: Subpath | null = null;
  for (let k = 0; k < data.length; ) {
    const op = data[k++];
    if (op === 0) {
      current = { points: [apply(ctm, data[k], data[k + 1])], closed: false, curved: false };
      subpaths.push(current);
      k += 2;
    } else if (op === 1) {
      current?.points.push(apply(ctm, data[k], data[k + 1]));
      k += 2;
    } else if (op === 2) {
      if (current) current.curved = true;
      current?.points.push(apply(ctm, data[k + 4], data[k + 5]));
      k += 6;
    } else if (op === 3) {
      if (current) current.curved = true;
      current?.points.push(apply(ctm, data[k + 2], data[k + 3]));
      k += 4;
    } else if (op === 4) {
      if (current) current.closed = true;
    } else break; // unknown operator: the rest of the buffer cannot be parsed safely
  }
  return subpaths;
}

function strokedSegments(sp: Subpath): Segment[] {
  if (sp.curved) return [];
  const pts = sp.closed ? [...sp.points, sp.points[0]] : sp.points;
  const out: Segment[] = [];
  for (let j = 1; j < pts.length; j++) {
    const seg = axisSegment(pts[j - 1], pts[j]);
    if (seg) out.push(seg);
  }
  return out;
}

function axisSegment([ax, ay]: [number, number], [bx, by]: [number, number]): Segment | null {
  if (Math.abs(ay - by) <= AXIS_TOLERANCE && Math.abs(ax - bx) >= MIN_LENGTH) {
    const y = (ay + by) / 2;
    return { x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y };
  }
  if (Math.abs(ax - bx) <= AXIS_TOLERANCE && Math.abs(ay - by) >= MIN_LENGTH) {
    const x = (ax + bx) / 2;
    return { x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) };
  }
  return null;
}

/**
 * A filled shape thin in one direction is a line along its long side: rectangles (`re f`) and the
 * bevelled quadrilaterals browsers draw for each side of a cell border.
 */
function thinRectangle(sp: Subpath): Segment | null {
  if (sp.curved || sp.points.length < 3 || sp.points.length > 6) return null;
  const xs = sp.points.map((p) => p[0]);
  const ys = sp.points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w >= MIN_LENGTH) return { x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 };
  if (w <= THIN && h >= MIN_LENGTH) return { x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 };
  return null;
}
