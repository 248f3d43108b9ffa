// Where OCR was unsure of a number: a figure with a digit, sign, decimal point or % inside a
// low-confidence span (extractors/ocr marks them per character, after re-reading doubtful figures in
// other views). A finding that rests on such a number must not accuse (scoring/engine.ts lowers it to
// info, "OCR 未能确认"). A doubtful figure is proven after all when the same figure is printed, and
// read with confidence, elsewhere in the report — only for figures long enough (DISTINCT_DIGITS) that
// meeting them again by chance is unlikely.
import { Decimal } from 'decimal.js';
import type { Cell, IndicatorNode, Loc, Paragraph, Quantity, RawDocument, Report, ScoringTable } from '../model/index.ts';

const NUMBER_CHAR = /[\d.%,，\-−]/;
/** A figure as printed: digits with separators, a decimal part, an optional sign and %. */
const FIGURE = /[-−]?\d[\d,，]*(?:\.\d+)?%?/g;
/** Digits a figure needs before a confident copy elsewhere can vouch for it. */
export const DISTINCT_DIGITS = 4;

type Spanned = Pick<Cell | Paragraph, 'text' | 'ocrLowSpans' | 'ocrConfidence'>;

interface Figure {
  text: string;
  doubtful: boolean;
}

type Span = [number, number];

const overlaps = (spans: Span[], a: number, b: number) => spans.some(([s, e]) => s < b && a < e);

/**
 * A rate formula's "×100%" (its sign often read "X" or "x"): the one reading that makes a formula of
 * it, so however unsure OCR was of its glyphs, its value is not in doubt.
 */
const PERCENT_FACTOR = /[×xX*]\s*100\s*%/g;

/**
 * A cell holding one short figure alone (a weight or score of one or two digits) has no context to
 * check its glyph against: a "4" half lost in a narrow cell reads "1" at 83%. Below this confidence
 * it is doubtful, though each character cleared the usual bar.
 */
const LONE_FIGURE_SURE = 90;
const LONE_FIGURE = /^\d{1,2}(?:\.\d)?$/;

/** The low-confidence spans of a text, less the places whose value is not in doubt (PERCENT_FACTOR). */
export function lowSpansOf({ text, ocrLowSpans, ocrConfidence }: Spanned): Span[] {
  if (ocrConfidence !== undefined && ocrConfidence < LONE_FIGURE_SURE && LONE_FIGURE.test(text)) return [[0, text.length]];
  if (!ocrLowSpans?.length) return [];
  const certain = [...text.matchAll(PERCENT_FACTOR)].map((m): Span => [m.index, m.index + m[0].length]);
  return certain.reduce((spans, cut) => spans.flatMap((span) => spanWithout(span, cut)), ocrLowSpans as Span[]);
}

function spanWithout([start, end]: Span, [cutStart, cutEnd]: Span): Span[] {
  if (cutEnd <= start || end <= cutStart) return [[start, end]];
  return ([[start, cutStart], [cutEnd, end]] as Span[]).filter(([a, b]) => a < b);
}

/** The figures printed in a text, each with whether a low-confidence span touches it. */
export function figuresOf(t: Spanned): Figure[] {
  const spans = lowSpansOf(t);
  return [...t.text.matchAll(FIGURE)].map((m) => ({ text: m[0], doubtful: overlaps(spans, m.index, m.index + m[0].length) }));
}

/** A number character read with low confidence. */
export function hasDoubtfulNumber(t: Spanned): boolean {
  return lowSpansOf(t).some(([start, end]) => [...t.text.slice(start, end)].some((ch) => NUMBER_CHAR.test(ch)));
}

const key = (figure: string) => figure.replace(/[,，]/g, '').replace('−', '-');
const digitCount = (figure: string) => figure.replace(/\D/g, '').length;

/** Whether a text still holds a doubtful figure that no confident copy elsewhere vouches for. */
function stillDoubtful(block: Spanned, confident: Set<string>): boolean {
  if (!hasDoubtfulNumber(block)) return false;
  const figures = figuresOf(block).filter((f) => f.doubtful);
  // A doubtful sign or % outside any figure the pattern sees stays doubtful.
  if (!figures.length) return true;
  return figures.some((f) => digitCount(f.text) < DISTINCT_DIGITS || !confident.has(key(f.text)));
}

/** Chinese: why a finding resting on a doubtful digit is not confirmed. */
export const DOUBTFUL_DIGITS_NOTE = '所涉数字识别置信度低';

/**
 * The same document read at the two extremes of its doubt: every doubtful digit of a figure no
 * confident copy vouches for set to 9, then to 0. A finding that comes out alike from the document
 * and both extremes does not depend on what those digits really are (a sum, a comparison with a
 * threshold or a rate moves monotonically with each digit), so it holds for every reading of them;
 * one that changes rests on a digit OCR could not confirm. None when nothing is doubtful.
 */
export function ocrReadings(raw: RawDocument, tables: ScoringTable[] = []): RawDocument[] {
  if (!raw.ocrPages?.length) return [];
  const doubtful = doubtfulTest(raw, tables);
  const any = raw.blocks.some((b) => (b.kind === 'table' ? b.rows.some((row) => row.some(doubtful)) : b.kind === 'paragraph' && doubtful(b)));
  if (!any) return [];
  return ['9', '0'].map((digit) => {
    const set = <T extends Spanned>(t: T): T => (doubtful(t) ? { ...t, text: withDoubtfulDigits(t, digit) } : t);
    return { ...raw, blocks: mapTexts(raw.blocks, set) };
  });
}

type Located = Spanned & { loc?: Loc };

/**
 * Whether a paragraph or cell still holds a doubtful figure: neither a confident copy elsewhere nor
 * its table's own sums (`tables`, the report read from `raw`) vouch for it.
 */
function doubtfulTest(raw: RawDocument, tables: ScoringTable[]): (t: Located) => boolean {
  const confident = confidentFigures(raw);
  const unproven = (t: Located) => stillDoubtful(t, confident);
  const vouched = vouchedBySums(tables, cellsByPlace(raw), unproven);
  return (t) => unproven(t) && !(t.loc && vouched.has(placeKey(t.loc)));
}

/** Every paragraph and table cell passed through `set`. */
function mapTexts(blocks: RawDocument['blocks'], set: <T extends Spanned>(t: T) => T): RawDocument['blocks'] {
  return blocks.map((b) => (b.kind === 'table' ? { ...b, rows: b.rows.map((row) => row.map(set)) } : b.kind === 'paragraph' ? set(b) : b));
}

/** The text with every digit inside a low-confidence span replaced by `digit`. */
export function withDoubtfulDigits(t: Spanned, digit: string): string {
  const chars = t.text.split(''); // spans count UTF-16 units, as String.slice does
  for (const [start, end] of lowSpansOf(t)) for (let i = start; i < end && i < chars.length; i++) if (/\d/.test(chars[i])) chars[i] = digit;
  return chars.join('');
}

/** Every paragraph and table cell of the document. */
const textsOf = (raw: RawDocument): Spanned[] => raw.blocks.flatMap((block): Spanned[] => (block.kind === 'table' ? block.rows.flat() : block.kind === 'paragraph' ? [block] : []));

function confidentFigures(raw: RawDocument): Set<string> {
  return new Set(textsOf(raw).flatMap((t) => figuresOf(t).filter((f) => !f.doubtful).map((f) => key(f.text))));
}

export function ocrDoubtOf(raw: RawDocument, scoringTables: ScoringTable[] = []): Pick<Report, 'ocrDoubt'> {
  if (!raw.ocrPages?.length) return {};
  const doubtful = doubtfulTest(raw, scoringTables);
  const tables: number[] = [];
  const passages: string[] = [];
  for (const block of raw.blocks) {
    if (block.kind === 'paragraph' && doubtful(block)) passages.push(block.text);
    if (block.kind !== 'table') continue;
    const rows = block.rows.filter((row) => row.some(doubtful));
    if (rows.length) tables.push(block.index);
    passages.push(...rows.map((row) => row.map((c) => c.text).join('\t')));
  }
  return { ocrDoubt: { tables, passages } };
}

/** A table cell's place: what a quantity read from it and the cell itself share. */
const placeKey = (loc: Loc) => `${loc.page}|${loc.table}|${loc.row}|${loc.column}`;

function cellsByPlace(raw: RawDocument): Map<string, Located> {
  const cells = new Map<string, Located>();
  for (const block of raw.blocks) if (block.kind === 'table') for (const cell of block.rows.flat()) if (cell.loc.table != null) cells.set(placeKey(cell.loc), cell);
  return cells;
}

/** A parent's weight or score and its children's, or a table's total and its top rows'. */
interface Sum {
  whole: Quantity;
  parts: Quantity[];
}

/**
 * Doubtful figures a table's own arithmetic confirms. In a sum that holds exactly as read, a single
 * doubtful term is fixed by the others: any other digit there would break it (a weight "7" read at
 * 80% over children of 4 and 3). Vouched terms may leave another sum with a single doubtful term, so
 * this runs until nothing changes. Only tables read with confidence count.
 */
function vouchedBySums(tables: ScoringTable[], cells: Map<string, Located>, doubtful: (t: Located) => boolean): Set<string> {
  const sums = tables.filter((t) => t.quality !== 'unreadable' && t.reading?.confidence !== 'low').flatMap(sumsOf);
  const vouched = new Set<string>();
  const isDoubtful = (q: Quantity) => {
    const key = placeKey(q.loc);
    const cell = cells.get(key);
    return !vouched.has(key) && (cell ? doubtful(cell) : q.uncertain === true);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const { whole, parts } of sums) {
      const terms = [whole, ...parts];
      const unsure = terms.filter(isDoubtful);
      if (unsure.length !== 1 || !whole.value.eq(Decimal.sum(...parts.map((part) => part.value)))) continue;
      vouched.add(placeKey(unsure[0].loc));
      changed = true;
    }
  }
  return vouched;
}

function sumsOf(table: ScoringTable): Sum[] {
  const sums: Sum[] = [];
  const add = (whole: Quantity | null | undefined, parts: Quantity[] | null) => {
    if (whole && parts?.length) sums.push({ whole, parts });
  };
  const visit = (node: IndicatorNode) => {
    add(node.weight, topmost(node.children, 'weight'));
    add(node.score, topmost(node.children, 'score'));
    node.children.forEach(visit);
  };
  table.roots.forEach(visit);
  if (table.total) add(table.total.weight, topmost(table.roots, 'weight'));
  return sums;
}

/**
 * The figures that sum to the nodes' parent: each counted node's own, or where it prints none, its
 * children's (a 一级指标 may leave its weight to its 二级指标). Null when a branch prints none at all.
 */
function topmost(nodes: IndicatorNode[], field: 'weight' | 'score'): Quantity[] | null {
  const figures: Quantity[] = [];
  for (const node of nodes.filter((n) => !n.bonus)) {
    const own = node[field];
    const below = own ? [own] : node.children.length ? topmost(node.children, field) : null;
    if (!below) return null;
    figures.push(...below);
  }
  return figures;
}

/**
 * PP-OCR's known confusions, confirmed by every view when they happen (the glyphs look alike at
 * every scale, so re-reading cannot catch them): "%" read "9%" or "96" (under a seal, at 100 dpi),
 * and the minus of a formula's result lost (only a formula that subtracts can come out negative).
 * Each is a rewrite of the figures as the page may really print them; `fits` says whether a
 * percentage the rewrite would make (its digits before the "%") could be the page's.
 */
export const OCR_CONFUSIONS: ReadonlyArray<{ note: string; rewrite: (text: string, fits: (percent: string) => boolean) => string }> = [
  { note: '“9%”可能是“%”的误识', rewrite: (text, fits) => text.replace(/(\d+(?:\.\d+)?)9%/g, (read, percent: string) => (fits(percent) ? `${percent}%` : read)) },
  {
    note: '“96”可能是“%”的误识',
    rewrite: (text, fits) => text.replace(/(\d+(?:\.\d+)?)96(?=$|[\s，。,;；、）)\]：:=×*/+\-])/g, (read, percent: string) => (fits(percent) ? `${percent}%` : read)),
  },
  { note: '算式结果可能丢了负号', rewrite: withLostMinusRestored },
];

/** Confidently read percentages with a decimal part that agree on how many decimals before one is taken as the report's way. */
const PERCENT_WAY_MIN = 3;

/**
 * Whether a percentage a confusion would make keeps the report's way of printing them: a report whose
 * percentages all carry two decimals does not print "90.7%", so "90.79%" is not "90.7%" misread.
 * Whole percentages ("100%") fit any report; so does anything where the report has no single way.
 */
function percentFitter(raw: RawDocument): (percent: string) => boolean {
  const decimals = (figure: string) => figure.split('.')[1]?.length ?? 0;
  const printed = textsOf(raw).flatMap((t) => figuresOf(t).filter((f) => !f.doubtful && /\.\d+%$/.test(f.text)));
  const ways = new Set(printed.map((f) => decimals(f.text.slice(0, -1))));
  const way = printed.length >= PERCENT_WAY_MIN && ways.size === 1 ? [...ways][0] : null;
  return (percent) => way === null || decimals(percent) === 0 || decimals(percent) === way;
}

/** A formula result given a minus, where its formula subtracts (a ratio or product of amounts cannot be negative). */
function withLostMinusRestored(text: string): string {
  return text.replace(/([=＝]\s*)(?=\d)/g, (equals, _, offset: number) => (subtracts(formulaBefore(text, offset)) ? `${equals}-` : equals));
}

/** The formula left of the "=" at `offset`: back to the previous "=" or clause break. */
const formulaBefore = (text: string, offset: number) => text.slice(0, offset).split(/[=＝，,。；;：:]/).pop() ?? '';
const subtracts = (formula: string) => /[\d)）]\s*[-−]\s*[\d(（]/.test(formula);

/**
 * The document once per known confusion that occurs in its OCR text, with every such figure
 * rewritten: a finding that disappears in one of them may rest on the confusion. None for a text
 * document.
 */
export function ocrConfusionReadings(raw: RawDocument): Array<{ raw: RawDocument; note: string }> {
  if (!raw.ocrPages?.length) return [];
  const readings: Array<{ raw: RawDocument; note: string }> = [];
  const fits = percentFitter(raw);
  for (const { note, rewrite } of OCR_CONFUSIONS) {
    let changed = false;
    const set = <T extends Spanned>(t: T): T => {
      const text = rewrite(t.text, fits);
      if (text === t.text) return t;
      changed = true;
      return { ...t, text, ocrLowSpans: undefined };
    };
    const blocks = mapTexts(raw.blocks, set);
    if (changed) readings.push({ raw: { ...raw, blocks }, note });
  }
  return readings;
}

/** Chinese: why a finding comparing such a pair is not confirmed. */
export const DROPPED_DIGIT_NOTE = '两数只差一个数字，可能是 OCR 漏读（相邻两个相同的数字常被读成一个，细窄的“1”也常漏读）';

/**
 * Whether one figure is the other with one digit left out ("98.99" and "98.9", "98.41" and "98.4").
 * The recogniser's CTC decoding merges two like characters that no blank separates, and a narrow
 * "1" at 100 dpi or under a seal leaves too little ink to be read, confidently and in every view:
 * two figures that differ just so may be one figure read twice.
 */
export function differsByOneDigit(a: string, b: string): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) if (/\d/.test(long[i]) && long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}
