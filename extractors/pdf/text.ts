// Text items → runs → lines. pdf.js hands out one item per text-showing operation; producers split
// CJK runs and numbers into several items ("13,368,029." + "63"), so items on one baseline are
// merged back into lines by position, font size and the gap between them.

/** One piece of text on a baseline, in PDF user space (origin bottom-left). */
export interface TextRun {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
}

export interface TextLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  runs: TextRun[];
}

interface RawTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** Maps a user-space point into the page's reading frame (for /Rotate pages); identity otherwise. */
export type PointMap = (x: number, y: number) => [number, number];

/**
 * Runs from pdf.js text content items; whitespace-only items (pdf.js's fake spaces) are dropped.
 * A run starts at its origin and advances `width` along its text direction; `map` turns both ends
 * into the reading frame, so text drawn sideways on a rotated page comes out horizontal.
 */
export function toRuns(items: readonly unknown[], map?: PointMap): TextRun[] {
  const runs: TextRun[] = [];
  for (const raw of items) {
    const item = raw as RawTextItem;
    if (typeof item.str !== 'string' || item.str.trim() === '' || !item.transform) continue;
    const text = unifyIdeographs(item.str);
    const [a, b, c, d, e, f] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
    const width = item.width ?? 0;
    if (!map) {
      runs.push({ text, x0: e, x1: e + width, y: f, size });
      continue;
    }
    const scale = Math.hypot(a, b) || 1;
    const [sx, sy] = map(e, f);
    const [ex] = map(e + (width * a) / scale, f + (width * b) / scale);
    runs.push({ text, x0: Math.min(sx, ex), x1: Math.max(sx, ex), y: sy, size });
  }
  return runs;
}

/** Kangxi radicals, CJK radicals and compatibility ideographs a font's ToUnicode map may give for common characters. */
const LOOKALIKE_IDEOGRAPHS = /[\u2e80-\u2fdf\uf900-\ufaff]/g;

/**
 * Chrome/Skia and some Word PDFs map glyphs of Noto/Source Han fonts to lookalike code points
 * ("⽂" U+2F42 for "文"); NFKC of just those characters gives the ordinary ideograph back.
 */
export function unifyIdeographs(text: string): string {
  return text.replace(LOOKALIKE_IDEOGRAPHS, (ch) => SIMPLIFIED_RADICALS[ch] ?? ch.normalize('NFKC'));
}

/** CJK Radicals Supplement forms that are whole characters of their own (NFKC leaves them alone). */
const SIMPLIFIED_RADICALS: Record<string, string> = Object.fromEntries(
  [...'⺠民⻅见⻆角⻉贝⻋车⻓长⻔门⻙韦⻚页⻛风⻜飞⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟'.matchAll(/(.)(.)/gu)].map((m) => [m[1], m[2]]),
);

const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
// One space only: a wide gap between runs is written as two spaces (see toLine) and survives.
const CJK_THEN_SPACE = new RegExp(`([${CJK}])[ \\u00a0](?=[0-9A-Za-z])`, 'g');
const SPACE_THEN_CJK = new RegExp(`([0-9A-Za-z%])[ \\u00a0](?=[${CJK}])`, 'g');
const CJK_SPACE_CJK = new RegExp(`([${CJK}])[ \\u00a0](?=[${CJK}])`, 'g');

/**
 * Spaces between a CJK character and a Latin letter or digit are the producer's autospacing
 * (LibreOffice and Word widen that gap; pdf.js turns it into a space), not text: "2022 年" → "2022年".
 */
export function normalizeSpacing(text: string): string {
  return text.replace(CJK_THEN_SPACE, '$1').replace(SPACE_THEN_CJK, '$1').replace(CJK_SPACE_CJK, '$1').replace(/[ \u00a0]{2,}/g, ' ').trim();
}

/** Groups runs into lines by baseline, top to bottom, left to right. */
export function buildLines(runs: readonly TextRun[]): TextLine[] {
  // Bigger runs first, so a superscript or subscript finds the line it belongs to.
  const sorted = [...runs].sort((p, q) => q.size - p.size || q.y - p.y || p.x0 - q.x0);
  const lines: TextRun[][] = [];
  for (const run of sorted) {
    const line = lines.find((l) => sameBaseline(l[0], run)) ?? lines.find((l) => isScript(l[0], run));
    if (line) line.push(run);
    else lines.push([run]);
  }
  return lines.map(toLine).sort((p, q) => q.y - p.y || p.x0 - q.x0);
}

function sameBaseline(a: TextRun, b: TextRun): boolean {
  return Math.abs(a.y - b.y) < 0.35 * Math.min(a.size, b.size);
}

/** A small run raised or lowered within a bigger run's line (a footnote mark "¹", "m²"), next to it. */
function isScript(main: TextRun, small: TextRun): boolean {
  return small.size < 0.8 * main.size && small.y > main.y - 0.3 * main.size && small.y < main.y + 0.6 * main.size;
}

function toLine(runs: TextRun[]): TextLine {
  runs.sort((p, q) => p.x0 - q.x0);
  let text = '';
  let prev: TextRun | null = null;
  for (const run of runs) {
    if (prev) text += gapText(prev, run);
    text += run.text;
    prev = run;
  }
  const size = Math.max(...runs.map((r) => r.size));
  // The baseline of the biggest run (a superscript footnote mark must not move the line).
  const main = runs.reduce((p, q) => (q.size > p.size ? q : p));
  return { text: normalizeSpacing(text), x0: runs[0].x0, x1: Math.max(...runs.map((r) => r.x1)), y: main.y, size, runs };
}

/** Nothing for touching runs, a space for a word gap, two spaces for a wide (column-like) gap. */
function gapText(prev: TextRun, next: TextRun): string {
  const gap = next.x0 - prev.x1;
  const em = Math.min(prev.size, next.size);
  if (gap > 1.5 * em) return '  ';
  if (/\s$/.test(prev.text) || /^\s/.test(next.text)) return '';
  return gap > 0.25 * em ? ' ' : '';
}

/** Top and bottom of a line's glyph box (approximate: ascent 0.88, descent 0.12 of the size). */
export function lineTop(line: { y: number; size: number }): number {
  return line.y + 0.88 * line.size;
}
export function lineBottom(line: { y: number; size: number }): number {
  return line.y - 0.12 * line.size;
}

/**
 * Joins wrapped lines into running text: a line wrapped when the next line's first unbreakable
 * piece would not have fitted after it (joined directly, with a space only between letters);
 * otherwise the line ended a paragraph (newline).
 */
export function joinWrapped(lines: readonly TextLine[], rightEdge: number): string {
  return joinLines(lines, rightEdge, (sep) => sep);
}

/** Lines joined by the separator their geometry gives, as `adjust` may change it (it sees the text so far and the next line). */
function joinLines(lines: readonly TextLine[], rightEdge: number, adjust: (sep: string, before: string, next: string) => string): string {
  let out = '';
  lines.forEach((line, i) => {
    if (i > 0) out += adjust(separator(lines[i - 1].x1, out, line.text, line.size, rightEdge, measuredWidth(line, firstUnit(line.text))), out, line.text);
    out += line.text;
  });
  return out;
}

/**
 * Joins the lines of one table cell. As joinWrapped, except that a line ending inside a CJK word
 * (a CJK character, no closing punctuation) followed by a line starting with one is a wrap whatever
 * room seemed left: a cell's line breaks where its producer found no break opportunity for what comes
 * next ("结转结" | "余率=8,014,616.37/(…"), and a hard break in mid-word does not happen in a cell.
 */
export function joinCellLines(lines: readonly TextLine[], rightEdge: number): string {
  return joinLines(lines, rightEdge, (sep, before, next) => (sep === '\n' && MID_WORD_END.test(before) && CJK_START.test(next) ? '' : sep));
}

/** Ideographs only: a line ending in punctuation may well end a clause. */
const MID_WORD_END = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
const CJK_START = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Width of the first `unit.length` characters of a line, from its runs' widths. */
export function measuredWidth(line: TextLine, unit: string): number {
  let remaining = [...unit].length;
  let width = 0;
  for (const run of line.runs) {
    const chars = [...run.text].filter((ch) => ch.trim() !== ''); // pdf.js's spaces carry no width of their own
    if (!chars.length) continue;
    const take = Math.min(remaining, chars.length);
    width += (take * (run.x1 - run.x0)) / chars.length;
    remaining -= take;
    if (remaining === 0) break;
  }
  return width;
}

/** '' or ' ' when text ending at prevX1 wrapped into `next`, '\n' when it ended a paragraph. */
export function separator(prevX1: number, before: string, next: string, size: number, rightEdge: number, unitWidth?: number): string {
  if (!wrapsInto(prevX1, next, size, rightEdge, unitWidth)) return '\n';
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(next) ? ' ' : '';
}

const OPENING = '（《“‘〈【〔［｛([{"\'';
/** Characters a line never starts with (closing punctuation, hyphens, percent). */
const CLOSING = '）》”’〉】〕］｝)]}、。，；：？！,.;:?!%％-‐–—~～/·';
const CJK_CHAR = new RegExp(`[${CJK}]`);

/** The piece a line breaker keeps together at the start of `text`: a word, or one CJK character with its punctuation. */
export function firstUnit(text: string): string {
  const chars = [...text];
  const isWordChar = (ch: string | undefined) => ch !== undefined && ch !== ' ' && !CJK_CHAR.test(ch);
  let i = 0;
  while (i < chars.length && OPENING.includes(chars[i])) i++;
  if (isWordChar(chars[i])) while (isWordChar(chars[i])) i++;
  else i++;
  // Closing punctuation stays with what precedes it, and a number right after it stays too ("元）121.18%").
  while (i < chars.length && CLOSING.includes(chars[i])) {
    while (i < chars.length && CLOSING.includes(chars[i])) i++;
    while (isWordChar(chars[i])) i++;
  }
  return chars.slice(0, i).join('');
}

/** The usual width (ems) of a digit, Latin letter or sign, where the document's own is not measured. */
export const HALF_WIDTH_EM = 0.55;

/** Estimated width of text: CJK and full-width characters 1 em, others `otherEm` (HALF_WIDTH_EM unless measured). */
export function textWidth(text: string, size: number, otherEm = HALF_WIDTH_EM): number {
  let em = 0;
  for (const ch of text) em += CJK_CHAR.test(ch) ? 1 : otherEm;
  return em * size;
}

/** The next line's first unit would not have fitted between prevX1 and the right edge. */
export function wrapsInto(prevX1: number, next: string, size: number, rightEdge: number, unitWidth?: number): boolean {
  return prevX1 + (unitWidth ?? textWidth(firstUnit(next), size)) > rightEdge - 0.35 * size;
}
