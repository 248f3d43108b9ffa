// One page: text runs, ruling lines, the tables they form (and tables aligned without rules), and the
// lines of text outside tables.
import type { PdfPage } from './pdfjs.ts';
import { findAlignedTables } from './aligned.ts';
import { findGrids } from './grid.ts';
import { extractSegments, type OpCodes, type Segment } from './rulings.ts';
import { fillGrid, gridBBox, insideBBox, runCentre, type BBox, type PageTable } from './tables.ts';
import { buildLines, toRuns, type PointMap, type TextLine, type TextRun } from './text.ts';

export interface PageLayout {
  page: number;
  /** The page box [x0, y0, x1, y1] in user space. */
  view: BBox;
  /** Text lines outside tables, top to bottom. */
  lines: TextLine[];
  tables: PageTable[];
  /** The tables drawn with rules, and the lines outside them before column alignment took its tables (tabbed.ts reads them again). */
  ruledTables: PageTable[];
  looseLines: TextLine[];
  /** No text at all on the page. */
  textless: boolean;
  /** The page paints at least one image (a scanned page). */
  hasImages: boolean;
}

export interface ImageOpCodes {
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
}

export async function readPage(pdfPage: PdfPage, pageNumber: number, ops: OpCodes & ImageOpCodes): Promise<PageLayout> {
  const [content, opList] = await Promise.all([pdfPage.getTextContent(), pdfPage.getOperatorList()]);
  const { view, map } = readingFrame(pdfPage);
  const runs = toRuns(content.items, map);
  const imageOps = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject, ops.paintImageXObjectRepeat]);
  const hasImages = opList.fnArray.some((fn) => imageOps.has(fn));
  const segments = extractSegments(opList.fnArray, opList.argsArray, ops).map((s) => (map ? mapSegment(s, map) : s));
  const ruled = layoutTables(segments.length ? findGrids(segments) : [], runs, pageNumber);
  const looseLines = buildLines(ruled.rest);
  const aligned = findAlignedTables(looseLines, pageNumber);
  return {
    page: pageNumber,
    view,
    lines: aligned.rest,
    tables: [...ruled.tables, ...aligned.tables].sort((a, b) => b.bbox[3] - a.bbox[3]),
    ruledTables: ruled.tables,
    looseLines,
    textless: runs.length === 0,
    hasImages,
  };
}

/**
 * Coordinates the page is read in. Unrotated pages keep PDF user space. A page with /Rotate is read
 * in its displayed orientation: pdf.js's viewport transform (y down), flipped back to y up.
 */
function readingFrame(pdfPage: PdfPage): { view: BBox; map?: PointMap } {
  const [x0, y0, x1, y1] = pdfPage.view;
  if (!pdfPage.rotate) return { view: [x0, y0, x1, y1] };
  const viewport = pdfPage.getViewport({ scale: 1 });
  const [a, b, c, d, e, f] = viewport.transform;
  const height = viewport.height;
  return {
    view: [0, 0, viewport.width, height],
    map: (x, y) => [a * x + c * y + e, height - (b * x + d * y + f)],
  };
}

function mapSegment(s: Segment, map: PointMap): Segment {
  const [ax, ay] = map(s.x0, s.y0);
  const [bx, by] = map(s.x1, s.y1);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { x0: round(Math.min(ax, bx)), y0: round(Math.min(ay, by)), x1: round(Math.max(ax, bx)), y1: round(Math.max(ay, by)) };
}

/** Tables that hold text, and the runs left outside them. */
function layoutTables(grids: ReturnType<typeof findGrids>, runs: TextRun[], page: number): { tables: PageTable[]; rest: TextRun[] } {
  const boxes = grids.map(gridBBox);
  const inside = grids.map(() => [] as TextRun[]);
  const rest: TextRun[] = [];
  for (const run of runs) {
    const [x, y] = runCentre(run);
    const i = boxes.findIndex((b) => insideBBox(b, x, y));
    if (i >= 0) inside[i].push(run);
    else rest.push(run);
  }
  const tables = grids
    .map((grid, i) => ({ grid, runs: inside[i], box: boxes[i] }))
    .filter(({ runs: r }) => r.length > 0)
    .map(({ grid, runs: r }) => fillGrid(grid, r, page))
    .sort((a, b) => b.bbox[3] - a.bbox[3]);
  return { tables, rest };
}

export type { BBox };
