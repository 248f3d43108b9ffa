// One page image → blocks: deskew, find ruled tables, read every table cell on its own (PSM 7 for
// one line, PSM 6 for several) and the text around the tables band by band (PSM 6, borderless
// tables found among its lines), then rebuild the dense Table grids with per-cell confidence.
// Bboxes are pixel boxes of the input image; tables are numbered 1… in reading order.
import type { Block, Cell, Loc, Paragraph, Table } from '../../model/index.ts';
import { estimateSkew } from './deskew.ts';
import type { Engine, OcrLine, OcrWord, Psm } from './engine.ts';
import { detectTables, type GridCell, type GridTable } from './grid.ts';
import { binarize, crop, despeckle, encodePgm, normalizeLevels, otsuThreshold, pad, rotate, whiteOut, type Grey, type Rect } from './raster.ts';
import { findBorderlessTables, type BorderlessTable } from './borderless.ts';
import { findTypedTables } from './tabbed.ts';
import { joinLines, LOW_CONFIDENCE, withoutStrayClosingPoints, type ScoredText } from './text.ts';

export interface PageOptions {
  page: number;
  dpi: number;
}

export async function recognizePage(input: Grey, engine: Engine, { page, dpi }: PageOptions): Promise<Block[]> {
  const skew = estimateSkew(binarize(input), input.width, input.height);
  const straighten = (g: Grey) => normalizeLevels(Math.abs(skew) >= 0.05 ? rotate(g, -skew) : g);
  // Rules are found on the image as scanned (despeckling eats into the dashed rules of bilevel
  // scans); text is read from a despeckled copy, cleaned before rotation smears each speck.
  const tables = detectTables(straighten(input), { dpi });
  const grey = straighten(despeckle(input));
  const toInput = (r: Rect) => unrotateRect(r, skew, grey.width, grey.height);
  const threshold = otsuThreshold(grey);
  const tableBlocks = tables.map((t, i) => readTable(grey, threshold, t, i + 1, engine, { page, dpi }, toInput));
  const paragraphs = readTextBands(whiteOut(grey, tables.map((t) => t.rect)), threshold, tables, engine, { page, dpi }, toInput);
  const blocks = [...(await Promise.all(tableBlocks)), ...(await paragraphs)];
  return numberTables(blocks.sort((a, b) => top(a) - top(b)));
}

/** White margin around every image sent to the recogniser. */
const PAD = 20;

const top = (b: Block) => b.loc.bbox?.[1] ?? 0;

// ---------- tables ----------

async function readTable(grey: Grey, threshold: number, table: GridTable, index: number, engine: Engine, opts: PageOptions, toInput: (r: Rect) => Rect): Promise<Table> {
  const reads = await Promise.all(table.cells.map((cell) => readCell(grey, threshold, cell, engine, opts.dpi)));
  await rereadNumericCells(table.cells, reads, grey, threshold, engine, opts.dpi);
  repairPercentColumns(table.cells, reads);
  return assembleTable(table, reads, index, opts, toInput);
}

/** The dense Table of a ruled grid from the text read in each of its cells (`reads[i]` for `table.cells[i]`). */
export function assembleTable(table: GridTable, reads: ScoredText[], index: number, opts: PageOptions, toInput: (r: Rect) => Rect): Table {
  const nRows = table.rows.length - 1;
  const nCols = table.cols.length - 1;
  const loc = (r: number, c: number, rect?: Rect): Loc => ({ page: opts.page, table: index, row: r + 1, column: c + 1, ...(rect ? { bbox: box(toInput(rect)) } : {}) });
  const rows: Cell[][] = Array.from({ length: nRows }, (_, r) => Array.from({ length: nCols }, (_, c) => ({ text: '', loc: loc(r, c), covered: true })));
  const cleaned = withoutStrayClosingPoints(table.cells.map((cell) => (cell.colSpan > 1 ? null : cell.col)), reads);
  table.cells.forEach((cell, i) => {
    const read = cleaned[i];
    rows[cell.row][cell.col] = {
      text: read.text,
      loc: loc(cell.row, cell.col, cell.rect),
      ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
      ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
      ...(read.confidence !== undefined ? { ocrConfidence: read.confidence } : {}),
      ...(read.lowSpans.length ? { ocrLowSpans: read.lowSpans } : {}),
    };
  });
  return { kind: 'table', index, rows, loc: { page: opts.page, table: index, bbox: box(toInput(table.rect)) }, ocr: true };
}

type CellRead = ScoredText;

const NUMBER = /^[-+]?\d+(\.\d+)?%?$/;
const NUMBER_CHARS = '0123456789.%-+';
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * In a column whose cells are mostly figures, a cell that did not read as a clean figure, or read
 * with low confidence, is read again with the recogniser restricted to digits, and the more
 * confident reading wins ("与" for a faint "5", "100.00%4" for "100.00%").
 */
async function rereadNumericCells(cells: GridCell[], reads: CellRead[], grey: Grey, threshold: number, engine: Engine, dpi: number) {
  const numericColumn = new Map<number, boolean>();
  for (const col of new Set(cells.map((c) => c.col))) {
    const texts = cells.map((c, i) => (c.col === col && c.colSpan === 1 && reads[i].text ? reads[i].text : null)).filter((t): t is string => t !== null);
    numericColumn.set(col, texts.length >= 3 && texts.filter((t) => NUMBER.test(t)).length / texts.length >= 0.6);
  }
  await Promise.all(
    cells.map(async (cell, i) => {
      const read = reads[i];
      if (!numericColumn.get(cell.col) || cell.colSpan > 1 || !read.text) return;
      const confident = (read.confidence ?? 0) >= LOW_CONFIDENCE;
      if (confident && (NUMBER.test(read.text) || CHINESE.test(read.text))) return; // a figure, or a header
      const again = await readCell(grey, threshold, cell, engine, dpi, { tessedit_char_whitelist: NUMBER_CHARS });
      if (NUMBER.test(again.text) && (again.confidence ?? 0) > (read.confidence ?? 0)) reads[i] = again;
    }),
  );
}

/**
 * chi_sim often shreds "%" ("90.00%6", "100.009%", "90.0094"). In a column whose clean figures are
 * (at least three, and three quarters of them) two-decimal percentages, a cell that is a two-decimal
 * figure followed by such debris is that percentage. The repaired cell is marked low-confidence
 * throughout, so figures taken from it are `uncertain`.
 */
export function repairPercentColumns(cells: GridCell[], reads: CellRead[]) {
  const PERCENT_2 = /^\d+\.\d{2}%$/;
  const DEBRIS = /^(\d+\.\d{2})(?:9?%[0-9a-z]?|9[0-9])$/;
  for (const col of new Set(cells.map((c) => c.col))) {
    const members = cells.map((c, i) => i).filter((i) => cells[i].col === col && cells[i].colSpan === 1 && reads[i].text);
    const clean = members.filter((i) => PERCENT_2.test(reads[i].text) || (NUMBER.test(reads[i].text) && !DEBRIS.test(reads[i].text)));
    const percents = clean.filter((i) => PERCENT_2.test(reads[i].text));
    if (percents.length < 3 || percents.length < 0.75 * clean.length) continue;
    for (const i of members) {
      const m = DEBRIS.exec(reads[i].text);
      if (!m || PERCENT_2.test(reads[i].text)) continue;
      const text = `${m[1]}%`;
      reads[i] = { text, confidence: Math.min(reads[i].confidence ?? 0, LOW_CONFIDENCE - 1), lowSpans: [[0, text.length]] };
    }
  }
}

async function readCell(grey: Grey, threshold: number, cell: GridCell, engine: Engine, dpi: number, params?: Record<string, string>): Promise<CellRead> {
  // Stay clear of the rules: inset by the rule tolerance.
  const inset = Math.max(3, Math.round(dpi / 50));
  const rect = { x0: cell.rect.x0 + inset, y0: cell.rect.y0 + inset, x1: cell.rect.x1 - inset, y1: cell.rect.y1 - inset };
  if (rect.x1 - rect.x0 < 4 || rect.y1 - rect.y0 < 4) return { text: '', lowSpans: [] };
  const image = clearEdges(crop(grey, rect), threshold);
  const lines = textLines(image, threshold, dpi);
  if (lines === 0) return { text: '', lowSpans: [] };
  const psm: Psm = lines === 1 ? '7' : '6';
  const paragraphs = await engine.recognize(encodePgm(pad(image, PAD)), params ? '7' : psm, { user_defined_dpi: String(dpi), ...params });
  return joinLines(paragraphs.flat());
}

/** Whitens rule remnants along the crop's edges: edge rows/columns that are mostly ink. */
function clearEdges(image: Grey, threshold: number): Grey {
  const { width, height } = image;
  const data = image.data.slice();
  const depth = 4;
  const inkShare = (get: (i: number) => number, n: number) => {
    let ink = 0;
    for (let i = 0; i < n; i++) if (get(i) <= threshold) ink++;
    return ink / Math.max(1, n);
  };
  for (let d = 0; d < Math.min(depth, height); d++) {
    for (const y of [d, height - 1 - d]) if (inkShare((i) => data[y * width + i], width) > 0.5) data.fill(255, y * width, (y + 1) * width);
  }
  for (let d = 0; d < Math.min(depth, width); d++) {
    for (const x of [d, width - 1 - d]) {
      if (inkShare((i) => data[i * width + x], height) > 0.5) for (let y = 0; y < height; y++) data[y * width + x] = 255;
    }
  }
  return { width, height, data };
}

/**
 * Number of text lines in an image by its row profile: runs of rows with ink, at least a
 * few pixels tall, separated by blank rows. 0 when there is no text (speckles do not count).
 */
function textLines(image: Grey, threshold: number, dpi: number): number {
  const minHeight = Math.max(4, Math.round(dpi / 30));
  const minInk = 2;
  let lines = 0;
  let run = 0;
  for (let y = 0; y <= image.height; y++) {
    let ink = 0;
    if (y < image.height) for (let x = 0; x < image.width; x++) if (image.data[y * image.width + x] <= threshold) ink++;
    if (ink >= minInk) run++;
    else {
      if (run >= minHeight) lines++;
      run = 0;
    }
  }
  return lines;
}

// ---------- text around the tables ----------

/**
 * Horizontal bands above, between and below the ruled tables, each read as one block (PSM 6);
 * borderless tables are found among their lines.
 */
async function readTextBands(grey: Grey, threshold: number, tables: GridTable[], engine: Engine, opts: PageOptions, toInput: (r: Rect) => Rect): Promise<Array<Paragraph | Table>> {
  const cuts = [0, ...tables.flatMap((t) => [t.rect.y0, t.rect.y1]), grey.height];
  const bands: Rect[] = [];
  for (let i = 0; i < cuts.length; i += 2) bands.push({ x0: 0, y0: cuts[i], x1: grey.width, y1: cuts[i + 1] });
  const results = await Promise.all(
    bands.map(async (band) => {
      const ink = inkBox(grey, threshold, band, opts.dpi);
      if (!ink) return [];
      const paragraphs = await engine.recognize(encodePgm(pad(crop(grey, ink), PAD)), '6', { user_defined_dpi: String(opts.dpi) });
      return toBlocks(paragraphs.flat(), ink, opts, toInput);
    }),
  );
  return results.flat();
}

/** Bounding box of the ink in a band (ignoring isolated speckles), or null when the band is blank. */
function inkBox(grey: Grey, threshold: number, band: Rect, dpi: number): Rect | null {
  const minRowInk = Math.max(3, Math.round(dpi / 60));
  let y0 = -1;
  let y1 = -1;
  let x0 = grey.width;
  let x1 = -1;
  for (let y = Math.round(band.y0); y < Math.round(band.y1); y++) {
    let ink = 0;
    let first = -1;
    let last = -1;
    for (let x = 0; x < grey.width; x++) {
      if (grey.data[y * grey.width + x] <= threshold) {
        ink++;
        if (first < 0) first = x;
        last = x;
      }
    }
    if (ink < minRowInk) continue;
    if (y0 < 0) y0 = y;
    y1 = y + 1;
    x0 = Math.min(x0, first);
    x1 = Math.max(x1, last + 1);
  }
  if (y0 < 0 || y1 - y0 < Math.max(6, dpi / 25)) return null;
  const m = 4;
  return { x0: Math.max(0, x0 - m), y0: Math.max(0, y0 - m), x1: Math.min(grey.width, x1 + m), y1: Math.min(grey.height, y1 + m) };
}

/** The band's lines as paragraphs, except runs of column-aligned lines, which are tables. */
function toBlocks(lines: OcrLine[], origin: Rect, opts: PageOptions, toInput: (r: Rect) => Rect): Array<Paragraph | Table> {
  const shift = (r: OcrLine['bbox']): Rect => ({ x0: r.x0 - PAD + origin.x0, y0: r.y0 - PAD + origin.y0, x1: r.x1 - PAD + origin.x0, y1: r.y1 - PAD + origin.y0 });
  return linesToBlocks(lines, opts, (r) => box(toInput(shift(r))));
}

/** Lines of one band (in any order) as paragraphs and borderless tables; `place` maps a line box to the block bbox. */
export function linesToBlocks(lines: OcrLine[], opts: PageOptions, place: Place): Array<Paragraph | Table> {
  const sorted = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0);
  if (!sorted.length) return [];
  const heights = sorted.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  const layout: BandLayout = {
    lineHeight: heights[Math.floor(heights.length / 2)],
    left: Math.min(...sorted.map((l) => l.bbox.x0)),
    right: Math.max(...sorted.map((l) => l.bbox.x1)),
  };
  const blocks: Array<Paragraph | Table> = [];
  let at = 0;
  // Tables typed with tabs first: their rows wrap to the margin, so column alignment would read them in part.
  for (const table of findTypedTables(sorted, layout.lineHeight)) {
    blocks.push(...untypedBlocks(sorted.slice(at, table.start), layout, opts, place));
    const rest = table.rest ? { restOfRow: restCells(table.rest, opts), restAsText: toParagraphs(sorted.slice(table.start, table.restEnd), layout, opts, place) } : {};
    blocks.push({ ...borderlessTable(table, opts, place), typed: true, ...rest });
    at = table.end;
  }
  blocks.push(...untypedBlocks(sorted.slice(at), layout, opts, place));
  return blocks;
}

/** Lines outside typed tables as paragraphs and borderless tables. */
function untypedBlocks(sorted: OcrLine[], layout: BandLayout, opts: PageOptions, place: Place): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [];
  let at = 0;
  for (const table of findBorderlessTables(sorted, layout.lineHeight)) {
    blocks.push(...toParagraphs(sorted.slice(at, table.start), layout, opts, place));
    blocks.push(borderlessTable(table, opts, place));
    at = table.end;
  }
  blocks.push(...toParagraphs(sorted.slice(at), layout, opts, place));
  return blocks;
}

interface BandLayout {
  lineHeight: number;
  left: number;
  right: number;
}

export type Place = (r: OcrLine['bbox']) => [number, number, number, number];

const unionBox = (boxes: OcrLine['bbox'][]): OcrLine['bbox'] => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

/**
 * Splits lines into paragraphs: a new paragraph starts after a gap of 1.5 line heights, at an
 * indented line, or after a line that stops well short of the band's right edge.
 */
function toParagraphs(lines: OcrLine[], { lineHeight, left, right }: BandLayout, opts: PageOptions, place: Place): Paragraph[] {
  const groups: OcrLine[][] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    const breaks =
      !prev ||
      line.bbox.y0 - prev.bbox.y1 > 1.5 * lineHeight ||
      line.bbox.x0 - left > 1.5 * lineHeight ||
      right - prev.bbox.x1 > 3 * lineHeight;
    if (breaks) groups.push([line]);
    else groups[groups.length - 1].push(line);
  });
  return groups
    .map((group) => {
      const joined = joinLines(group);
      const paragraph: Paragraph = { kind: 'paragraph', text: joined.text, loc: { page: opts.page, bbox: place(unionBox(group.map((l) => l.bbox))) } };
      if (joined.confidence !== undefined) paragraph.ocrConfidence = joined.confidence;
      if (joined.lowSpans.length) paragraph.ocrLowSpans = joined.lowSpans;
      return paragraph;
    })
    .filter((p) => p.text !== '');
}

/** A borderless table as a dense grid of one-by-one cells (no rules, so no merged cells). */
function borderlessTable(table: Pick<BorderlessTable, 'rows'>, opts: PageOptions, place: Place): Table {
  const rows: Cell[][] = table.rows.map((row, r) =>
    row.map((pieces, c) => {
      const loc: Loc = { page: opts.page, table: 0, row: r + 1, column: c + 1 };
      if (!pieces.length) return { text: '', loc };
      const read = joinLines(pieces.map((words) => ({ words, bbox: unionBox(words.map((w) => w.bbox)) })));
      const cell: Cell = { text: read.text, loc: { ...loc, bbox: place(unionBox(pieces.flat().map((w) => w.bbox))) } };
      if (read.confidence !== undefined) cell.ocrConfidence = read.confidence;
      if (read.lowSpans.length) cell.ocrLowSpans = read.lowSpans;
      return cell;
    }),
  );
  const all = table.rows.flat(3).map((w) => w.bbox);
  return { kind: 'table', index: 0, rows, loc: { page: opts.page, table: 0, bbox: place(unionBox(all)) }, ocr: true };
}

/** The rest of a row of the page before, cell by cell; its columns are those the join gives it (no box: its cells stand apart from the grid). */
function restCells(rest: OcrWord[][][], opts: PageOptions): Cell[] {
  return rest.map((pieces, c) => {
    const cell: Cell = { text: '', loc: { page: opts.page, column: c + 1 } };
    if (!pieces.length) return cell;
    const read = joinLines(pieces.map((words) => ({ words, bbox: unionBox(words.map((w) => w.bbox)) })));
    cell.text = read.text;
    if (read.confidence !== undefined) cell.ocrConfidence = read.confidence;
    if (read.lowSpans.length) cell.ocrLowSpans = read.lowSpans;
    return cell;
  });
}

/** Tables in reading order get their 1-based index (the caller renumbers across pages). */
export function numberTables(blocks: Block[]): Block[] {
  let index = 0;
  return blocks.map((b) => {
    if (b.kind !== 'table') return b;
    index++;
    return { ...b, index, loc: { ...b.loc, table: index }, rows: b.rows.map((row) => row.map((cell) => ({ ...cell, loc: { ...cell.loc, table: index } }))) };
  });
}

// ---------- geometry ----------

export const box = (r: Rect): [number, number, number, number] => [Math.round(r.x0), Math.round(r.y0), Math.round(r.x1), Math.round(r.y1)];

/** Maps a rectangle of the straightened image back to the input image (bounding box of its corners). */
export function unrotateRect(r: Rect, skew: number, width: number, height: number): Rect {
  if (Math.abs(skew) < 0.05) return r;
  const rad = (-skew * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const corners = [[r.x0, r.y0], [r.x1, r.y0], [r.x0, r.y1], [r.x1, r.y1]].map(([x, y]) => [cos * (x - cx) - sin * (y - cy) + cx, sin * (x - cx) + cos * (y - cy) + cy]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { x0: Math.max(0, Math.min(...xs)), y0: Math.max(0, Math.min(...ys)), x1: Math.min(width, Math.max(...xs)), y1: Math.min(height, Math.max(...ys)) };
}
