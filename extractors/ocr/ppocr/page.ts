// One page image → blocks with PP-OCR: pages below DETECTION_DPI are upscaled, quarter turns and
// small skews are undone, ruled tables are found (grid.ts, as for tesseract), text segments are
// detected once over the whole page, boxes crossing cell rules are cut at the cells, every segment
// is recognised with a confidence per character, and the segments are placed in table cells or
// in the lines of the text between the tables (paragraphs and borderless tables, as for tesseract).
// Bboxes are pixel boxes of the input image.
import type { Block, Paragraph, Table } from '../../../model/index.ts';
import { estimateSkew } from '../deskew.ts';
import type { OcrLine, OcrWord } from '../engine.ts';
import { detectTables, type GridTable } from '../grid.ts';
import { assembleTable, box, linesToBlocks, numberTables, unrotateRect, type PageOptions } from '../page.ts';
import { binarize, crop, despeckle, normalizeLevels, otsuThreshold, rotate, type Grey, type Rect } from '../raster.ts';
import { resize, rotateQuarters, unrotateQuartersRect, type ScanGrey } from '../scan.ts';
import { joinLines, type ScoredText } from '../text.ts';
import type { TextBox } from './detect.ts';
import type { PpEngine, RecognizedLine } from './engine.ts';
import { alternativeViews, checkedAgainst, checkViews, hasDoubtfulFigure, hasFigure, settleReadings } from './reread.ts';

/** Pages are read at no less than this resolution (text of small tables stays ≥ 20 px high). */
export const DETECTION_DPI = 190;

/** Share of tall boxes above which a page is taken as turned by a quarter. */
const SIDEWAYS_SHARE = 0.6;
/** Lines the angle classifier looks at to decide whether a page is upside down. */
const ORIENTATION_SAMPLE = 24;

interface Segment extends Rect {
  table?: number;
  cell?: number;
  /** Not detected: read from the ink of a cell detection left empty (missedInCells). */
  undetected?: boolean;
}

export interface ReadSegment extends Segment {
  words: OcrWord[];
}

export async function recognizePagePp(input: ScanGrey, engine: PpEngine, opts: PageOptions): Promise<Block[]> {
  return blocksOfPage(await readPagePp(input, engine, opts));
}

/** A page read by PP-OCR, before its segments become blocks (straightened page coordinates). */
export interface PpPageRead {
  tables: GridTable[];
  segments: ReadSegment[];
  opts: PageOptions;
  /** Maps a rectangle of the straightened page back to the input image. */
  toInput: (r: Rect) => Rect;
  /** What `toInput` undoes: plain data, so a read can be kept and replayed (read-cache.ts). */
  turn: PageTurn;
}

/** How the read page was got from the input: upscaled by `scale`, turned by quarters, deskewed. */
export interface PageTurn {
  skew: number;
  quarters: number;
  scale: number;
  /** The straightened page's size, and the upscaled input's. */
  width: number;
  height: number;
  upWidth: number;
  upHeight: number;
}

/** The map from the straightened page back to the input image. */
export function toInputOf({ skew, quarters, scale, width, height, upWidth, upHeight }: PageTurn): (r: Rect) => Rect {
  return (r) => {
    const unskewed = unrotateRect(r, skew, width, height);
    const unturned = unrotateQuartersRect(unskewed, quarters, upWidth, upHeight);
    return { x0: unturned.x0 / scale, y0: unturned.y0 / scale, x1: unturned.x1 / scale, y1: unturned.y1 / scale };
  };
}

export async function readPagePp(input: ScanGrey, engine: PpEngine, { page, dpi }: PageOptions): Promise<PpPageRead> {
  const scale = dpi < DETECTION_DPI ? DETECTION_DPI / dpi : 1;
  const scaled = (g: Grey) => (scale > 1 ? resize(g, Math.round(g.width * scale), Math.round(g.height * scale)) : g);
  const upscaled = scaled(input);
  const rulesSource = input.rulesView ? scaled(input.rulesView) : upscaled;
  const workDpi = dpi * scale;
  const detScale = Math.min(1, DETECTION_DPI / workDpi);

  let view = await straightView(upscaled, rulesSource, 0, engine, detScale);
  // A page on its side: most text boxes are tall and narrow. Turn it a quarter and look again;
  // which side is up is then the upside-down test's business.
  if (isSideways(view.boxes)) view = await straightView(upscaled, rulesSource, 1, engine, detScale);
  if (await isUpsideDown(view.grey, view.boxes, engine)) view = halfTurned(view);

  const { grey, boxes, quarters, skew } = view;
  const turn: PageTurn = { skew, quarters, scale, width: grey.width, height: grey.height, upWidth: upscaled.width, upHeight: upscaled.height };
  const tables = detectTables(view.rules, { dpi: workDpi });
  const detected = cutAtCells(boxes, tables, workDpi);
  const segments = [...detected, ...missedInCells(grey, tables, detected, workDpi)];
  const read = (await readSegments(grey, segments, engine)).filter((s) => !s.undetected || isLegible(s));
  return { tables, segments: read, opts: { page, dpi: workDpi }, toInput: toInputOf(turn), turn };
}

/** The page's blocks: ruled tables cell by cell, the text around them as paragraphs and borderless tables. */
export function blocksOfPage({ tables, segments, opts, toInput }: PpPageRead): Block[] {
  // Built in the straightened page's coordinates (reading order is top to bottom there), then
  // every bbox is mapped back to the input image.
  const same = (r: Rect) => r;
  const tableBlocks = tables.map((table, t) => assembleTable(table, table.cells.map((_, c) => cellText(segments.filter((s) => s.table === t && s.cell === c))), t + 1, opts, same));
  const textBlocks = textBands(segments, tables).flatMap((lines) => linesToBlocks(lines, opts, (r) => box(same(r))));
  const blocks: Array<Paragraph | Table> = [...tableBlocks, ...textBlocks];
  return numberTables(blocks.sort((a, b) => (a.loc.bbox?.[1] ?? 0) - (b.loc.bbox?.[1] ?? 0))).map((b) => mapBlock(b, toInput));
}

/** The block with every bbox (its own and its cells') passed through `toInput`. */
export function mapBlock(block: Block, toInput: (r: Rect) => Rect): Block {
  const mapLoc = <L extends { bbox?: [number, number, number, number] }>(loc: L): L => {
    if (!loc.bbox) return loc;
    const [x0, y0, x1, y1] = loc.bbox;
    return { ...loc, bbox: box(toInput({ x0, y0, x1, y1 })) };
  };
  if (block.kind !== 'table') return { ...block, loc: mapLoc(block.loc) };
  const restAsText = block.restAsText?.map((p) => ({ ...p, loc: mapLoc(p.loc) }));
  return { ...block, loc: mapLoc(block.loc), rows: block.rows.map((row) => row.map((cell) => ({ ...cell, loc: mapLoc(cell.loc) }))), ...(restAsText ? { restAsText } : {}) };
}

/** The page turned by `quarters` × 90° clockwise, deskewed, with its text boxes. */
interface View {
  /** Despeckled, deskewed, levels stretched: what is read. */
  grey: Grey;
  /** Deskewed without despeckling: where the table rules are found (despeckling eats dashed rules). */
  rules: Grey;
  boxes: TextBox[];
  quarters: number;
  skew: number;
}

async function straightView(page: Grey, rulesSource: Grey, quarters: number, engine: PpEngine, detScale: number): Promise<View> {
  const turned = rotateQuarters(page, quarters);
  const skew = estimateSkew(binarize(turned), turned.width, turned.height);
  const straighten = (g: Grey) => normalizeLevels(Math.abs(skew) >= 0.05 ? rotate(g, -skew) : g);
  const grey = straighten(despeckle(turned));
  const rules = straighten(rulesSource === page ? turned : rotateQuarters(rulesSource, quarters));
  return { grey, rules, boxes: await engine.detect(grey, detScale), quarters, skew };
}

/** The same view turned by half: boxes are mirrored, nothing is detected again. */
function halfTurned(view: View): View {
  const { width, height } = view.grey;
  const boxes = view.boxes.map((b) => ({ x0: width - b.x1, y0: height - b.y1, x1: width - b.x0, y1: height - b.y0, score: b.score }));
  // A half turn about the centre commutes with the deskew rotation about the same centre.
  return { grey: rotateQuarters(view.grey, 2), rules: rotateQuarters(view.rules, 2), boxes, quarters: view.quarters + 2, skew: view.skew };
}

// ---------- orientation ----------

/** Most of the clearly elongated boxes are tall rather than wide. */
export function isSideways(boxes: Rect[]): boolean {
  const elongated = boxes.filter((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0) > 3 * Math.min(b.x1 - b.x0, b.y1 - b.y0));
  if (elongated.length < 5) return false;
  return elongated.filter((b) => b.y1 - b.y0 > b.x1 - b.x0).length / elongated.length >= SIDEWAYS_SHARE;
}

/** The angle classifier on the longest lines: upside down when most say so with confidence. */
async function isUpsideDown(grey: Grey, boxes: Rect[], engine: PpEngine): Promise<boolean> {
  const sample = boxes
    .filter((b) => b.x1 - b.x0 > 2 * (b.y1 - b.y0))
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, ORIENTATION_SAMPLE);
  if (sample.length < 3) return false;
  const votes = await engine.classify(sample.map((b) => crop(grey, b)));
  const upsideDown = votes.filter((v) => v.upsideDown && v.score >= 0.9).length;
  return upsideDown > sample.length / 2;
}

// ---------- segments ----------

/**
 * Assigns each detected box to the table cell holding its centre; a box reaching over several
 * cells of a table (a whole row detected as one line) is cut into one segment per cell it covers.
 */
export function cutAtCells(boxes: Rect[], tables: GridTable[], dpi: number): Segment[] {
  const inset = Math.max(2, Math.round(dpi / 100));
  const out: Segment[] = [];
  for (const b of boxes) {
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.y0 + b.y1) / 2;
    const t = tables.findIndex((table) => cx >= table.rect.x0 && cx <= table.rect.x1 && cy >= table.rect.y0 && cy <= table.rect.y1);
    if (t < 0) {
      out.push({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
      continue;
    }
    const minWidth = 0.4 * (b.y1 - b.y0);
    tables[t].cells.forEach((cell, c) => {
      const r = cell.rect;
      const x0 = Math.max(b.x0, r.x0 + inset);
      const x1 = Math.min(b.x1, r.x1 - inset);
      const y0 = Math.max(b.y0, r.y0 + inset);
      const y1 = Math.min(b.y1, r.y1 - inset);
      const centreInside = (y0 + y1) / 2 >= r.y0 && (y0 + y1) / 2 <= r.y1 && cy >= r.y0 && cy <= r.y1;
      if (x1 - x0 >= minWidth && y1 - y0 >= 0.5 * (b.y1 - b.y0) && centreInside) out.push({ x0, y0, x1, y1, table: t, cell: c });
    });
  }
  return joinedSplits(withoutSpills(out));
}

/** Ink read from an undetected cell is kept only when some character of it was read with this confidence (0–100). */
const UNDETECTED_MIN_CONFIDENCE = 50;

export const isLegible = (s: Pick<ReadSegment, 'words'>) => s.words.some((w) => Math.max(...(w.charConfidences ?? [w.confidence])) >= UNDETECTED_MIN_CONFIDENCE);

/** Ink lines shorter than this (inches) are specks, taller ones blots or rule remnants, not a line of text. */
const TEXT_LINE_INCHES = { min: 0.035, max: 0.25 };
/** A gap in the ink at least this share of the taller line's height separates two lines of a cell. */
const LINE_GAP_SHARE = 0.15;

/**
 * Text detection misses a lone narrow glyph ("7" alone in a 得分 cell) or a short header in a narrow
 * merged cell ("得分" stacked in a column a few characters wide): the cell comes out empty and its
 * row loses its score or its column its role. A cell no segment fell in, holding ink of a text line's
 * height well inside its rules, is read after all: one segment per line of ink, with the margin a
 * detected box would have.
 */
export function missedInCells(grey: Grey, tables: GridTable[], segments: Segment[], dpi: number): Segment[] {
  const threshold = otsuThreshold(grey);
  const inset = Math.max(3, Math.round(dpi / 40));
  const out: Segment[] = [];
  tables.forEach((table, t) => {
    const empty = table.cells.map((_, c) => !segments.some((s) => s.table === t && s.cell === c));
    for (const stack of emptyStacks(table, empty)) {
      const cells = stack.map((c) => table.cells[c]);
      const inner = { x0: cells[0].rect.x0 + inset, y0: cells[0].rect.y0 + inset, x1: cells[0].rect.x1 - inset, y1: cells[cells.length - 1].rect.y1 - inset };
      if (inner.x1 - inner.x0 < 4 || inner.y1 - inner.y0 < 4) continue;
      for (const line of inkLines(grey, inner, threshold, dpi)) {
        const middle = (line.y0 + line.y1) / 2;
        const cell = stack[Math.max(0, cells.findIndex((c) => middle < c.rect.y1))];
        out.push({ ...withMargin(line, inner), table: t, cell, undetected: true });
      }
    }
  });
  return out;
}

/** A line of ink with the margin a detected box would have around it, within `bounds`. */
function withMargin(line: Rect, bounds: Rect): Rect {
  const margin = 0.4 * (line.y1 - line.y0);
  return { x0: Math.max(bounds.x0, line.x0 - margin), y0: Math.max(bounds.y0, line.y0 - margin), x1: Math.min(bounds.x1, line.x1 + margin), y1: Math.min(bounds.y1, line.y1 + margin) };
}

/**
 * Empty cells, each with the empty cells of the same columns right below it: a rule found through a
 * line of text ("得分" centred across two header rows of a narrow column) splits one cell in two, and
 * neither half then holds a whole line of ink.
 */
function emptyStacks(table: GridTable, empty: boolean[]): number[][] {
  const taken = new Set<number>();
  const stacks: number[][] = [];
  table.cells.forEach((cell, c) => {
    if (!empty[c] || taken.has(c)) return;
    const stack = [c];
    for (let below = cellBelow(table, stack[stack.length - 1]); below >= 0 && empty[below]; below = cellBelow(table, below)) stack.push(below);
    stack.forEach((i) => taken.add(i));
    stacks.push(stack);
  });
  return stacks;
}

const cellBelow = (table: GridTable, c: number) => {
  const { row, rowSpan, col, colSpan } = table.cells[c];
  return table.cells.findIndex((o) => o.row === row + rowSpan && o.col === col && o.colSpan === colSpan);
};

/** The lines of ink inside `r` (runs of inked pixel rows), each as its ink's bounds; none that is not of text height. */
export function inkLines(grey: Grey, r: Rect, threshold: number, dpi: number): Rect[] {
  const runs: Array<[number, number]> = [];
  for (let y = Math.floor(r.y0); y < Math.ceil(r.y1); y++) {
    if (!inkBounds(grey, { ...r, y0: y, y1: y + 1 }, threshold)) continue;
    const last = runs[runs.length - 1];
    if (last && y - last[1] <= Math.max(1, LINE_GAP_SHARE * (last[1] - last[0]))) last[1] = y + 1;
    else runs.push([y, y + 1]);
  }
  const [min, max] = [TEXT_LINE_INCHES.min * dpi, TEXT_LINE_INCHES.max * dpi];
  return runs
    .filter(([y0, y1]) => y1 - y0 >= min && y1 - y0 <= max)
    .map(([y0, y1]) => inkBounds(grey, { ...r, y0, y1 }, threshold))
    .filter((ink): ink is Rect => ink !== null && ink.x1 - ink.x0 >= TEXT_LINE_INCHES.min * dpi * 0.3);
}

/**
 * A box detected in one cell whose unclipped margin reaches over a rule leaves a sliver in the next
 * cell, on top of that cell's own box: read too, it repeats a glyph ("738.57" read "7738.57"). A cell
 * segment lying mostly inside a larger segment of the same cell is dropped.
 */
function withoutSpills(segments: Segment[]): Segment[] {
  const area = (r: Rect) => Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
  const overlap = (a: Rect, b: Rect) => area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
  return segments.filter((s) => s.cell === undefined || !segments.some((o) => o !== s && o.table === s.table && o.cell === s.cell && area(o) > area(s) && overlap(s, o) >= 0.5 * area(s)));
}

/**
 * Detection sometimes splits one figure of a cell into two boxes that overlap sideways ("100." and
 * "0.00%" over "100.00%" on a photographed page): read apart, the overlap is read twice, with
 * confidence ("100.0.00%"). Segments of the same cell on the same line that overlap sideways are
 * read as one box, their union.
 */
function joinedSplits(segments: Segment[]): Segment[] {
  const out = [...segments];
  const sameLine = (a: Rect, b: Rect) => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i];
      const b = out[j];
      if (a.cell === undefined || a.cell !== b.cell || a.table !== b.table || !sameLine(a, b) || Math.min(a.x1, b.x1) <= Math.max(a.x0, b.x0)) continue;
      out[i] = { ...a, x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/**
 * Recognises each segment on its detected box (DB's unclipped box: the margin the recogniser was
 * trained with) and places it by the ink inside it: detected boxes stand a good half line above
 * and below the text, which would make separate lines look like the wrapped rest of one.
 */
async function readSegments(grey: Grey, segments: Segment[], engine: PpEngine): Promise<ReadSegment[]> {
  const threshold = otsuThreshold(grey);
  const lines = await rereadDoubtful(grey, segments, await engine.recognize(segments.map((s) => crop(grey, s))), engine);
  return segments.map((s, i) => {
    const ink = inkBounds(grey, s, threshold) ?? s;
    return { ...s, y0: ink.y0, y1: ink.y1, words: toWords(lines[i].chars, { ...s, y0: ink.y0, y1: ink.y1 }) };
  });
}

/**
 * Every segment holding a figure is read once more in the check views; a figure some view reads
 * otherwise is doubtful however sure the first reading was (a digit inserted or dropped with
 * confidence). Segments holding a doubtful figure are read again in other views and settled figure by
 * figure (reread.ts). The narrowed check view is not among them: on a short segment it can clip the
 * first glyph ("87户" read "37户"), and a remnant of a rule it exists to catch no longer reaches
 * into the cell (withoutSpills).
 */
async function rereadDoubtful(grey: Grey, segments: Rect[], first: RecognizedLine[], engine: PpEngine): Promise<RecognizedLine[]> {
  const figured = first.flatMap((line, i) => (hasFigure(line) && !hasDoubtfulFigure(line) ? [i] : []));
  const checkViewsOf = figured.map((i) => checkViews(grey, segments[i]));
  const checks = await engine.recognize(checkViewsOf.flat());
  const lines = [...first];
  figured.forEach((i, k) => {
    const own = checks.slice(k * checkViewsOf[0].length, (k + 1) * checkViewsOf[0].length);
    lines[i] = checkedAgainst(first[i], own);
  });
  const doubtful = lines.flatMap((line, i) => (hasDoubtfulFigure(line) ? [i] : []));
  if (!doubtful.length) return lines;
  const views = doubtful.map((i) => alternativeViews(grey, segments[i]));
  const reads = await engine.recognize(views.flat());
  const out = [...lines];
  doubtful.forEach((i, k) => {
    out[i] = settleReadings(lines[i], reads.slice(k * views[0].length, (k + 1) * views[0].length));
  });
  return out;
}

/** Bounding box of the dark pixels inside `r`, or null when there are none. */
export function inkBounds(grey: Grey, r: Rect, threshold: number): Rect | null {
  const x0 = Math.max(0, Math.floor(r.x0));
  const x1 = Math.min(grey.width, Math.ceil(r.x1));
  const y0 = Math.max(0, Math.floor(r.y0));
  const y1 = Math.min(grey.height, Math.ceil(r.y1));
  let top = -1;
  let bottom = -1;
  let left = x1;
  let right = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = y * grey.width + x0; x < x1; x++, i++) {
      if (grey.data[i] > threshold) continue;
      if (top < 0) top = y;
      bottom = y + 1;
      if (x < left) left = x;
      if (x >= right) right = x + 1;
    }
  }
  return top < 0 ? null : { x0: left, y0: top, x1: right, y1: bottom };
}

type PlacedChar = { text: string; confidence: number; x0: number; x1: number };

/**
 * A recognised segment as words: split at spaces, and at gaps the recogniser wrote no space for (a
 * tab between "。" and a score), each word with its characters' confidences (0–100).
 */
function toWords(chars: PlacedChar[], s: Rect): OcrWord[] {
  const words: OcrWord[] = [];
  let current: typeof chars = [];
  const flush = () => {
    if (!current.length) return;
    const charConfidences = current.map((c) => Math.round(c.confidence * 1000) / 10);
    words.push({
      text: current.map((c) => c.text).join(''),
      confidence: Math.min(...charConfidences),
      charConfidences,
      bbox: { x0: s.x0 + current[0].x0, y0: s.y0, x1: Math.min(s.x1, s.x0 + current[current.length - 1].x1), y1: s.y1 },
    });
    current = [];
  };
  const gapBefore = visibleGaps(chars, s.y1 - s.y0);
  chars.forEach((c, k) => {
    if (gapBefore[k]) flush();
    if (c.text.trim() === '') flush();
    else current.push(c);
  });
  flush();
  return words;
}

const FULL_WIDTH = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]/;
const FIGURE_CHAR = /[0-9.,%]/;
/** Space (ems) between two characters, beyond their own widths, that is a gap however the positions were estimated. */
const VISIBLE_GAP_EM = 0.6;

/**
 * Before which characters the segment has a blank wider than a word space. Character positions are
 * where the recogniser emitted them: a full-width character advances an em (the segment's median
 * pitch between full-width neighbours, or its ink height), a half-width one about half of it.
 */
export function visibleGaps(chars: PlacedChar[], inkHeight: number): boolean[] {
  const pitches: number[] = [];
  for (let k = 1; k < chars.length; k++) if (FULL_WIDTH.test(chars[k - 1].text) && FULL_WIDTH.test(chars[k].text)) pitches.push(chars[k].x0 - chars[k - 1].x0);
  pitches.sort((a, b) => a - b);
  const em = pitches.length >= 3 ? pitches[Math.floor(pitches.length / 2)] : inkHeight;
  const advance = (ch: string) => (FULL_WIDTH.test(ch) ? em : em / 2);
  return chars.map((c, k) => {
    if (k === 0 || c.text.trim() === '' || chars[k - 1].text.trim() === '') return false;
    // Inside a figure a separator the recogniser dropped leaves a blank ("2,215.41" read "2215.41").
    if (FIGURE_CHAR.test(chars[k - 1].text) && FIGURE_CHAR.test(c.text)) return false;
    const expected = (advance(chars[k - 1].text) + advance(c.text)) / 2;
    return c.x0 - chars[k - 1].x0 - expected > VISIBLE_GAP_EM * em;
  });
}

/** Segments grouped into lines (vertical overlap of half the lower box), left to right. */
export function toLines(segments: ReadSegment[]): OcrLine[] {
  const sorted = segments.filter((s) => s.words.length).sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: ReadSegment[][] = [];
  for (const s of sorted) {
    const line = lines.find((l) => l.some((o) => Math.min(o.y1, s.y1) - Math.max(o.y0, s.y0) >= 0.5 * Math.min(o.y1 - o.y0, s.y1 - s.y0)));
    if (line) line.push(s);
    else lines.push([s]);
  }
  return lines
    .map((line) => line.sort((a, b) => a.x0 - b.x0))
    .map((line) => ({
      words: line.flatMap((s) => s.words),
      bbox: { x0: Math.min(...line.map((s) => s.x0)), y0: Math.min(...line.map((s) => s.y0)), x1: Math.max(...line.map((s) => s.x1)), y1: Math.max(...line.map((s) => s.y1)) },
    }))
    .sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

function cellText(segments: ReadSegment[]): ScoredText {
  return joinLines(toLines(segments));
}

/** The lines of text outside the ruled tables, band by band (above, between and below the tables). */
export function textBands(segments: ReadSegment[], tables: GridTable[]): OcrLine[][] {
  const outside = segments.filter((s) => s.table === undefined);
  const cuts = [-Infinity, ...tables.map((t) => (t.rect.y0 + t.rect.y1) / 2).sort((a, b) => a - b), Infinity];
  const bands: OcrLine[][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) bands.push(toLines(outside.filter((s) => (s.y0 + s.y1) / 2 >= cuts[i] && (s.y0 + s.y1) / 2 < cuts[i + 1])));
  return bands;
}
