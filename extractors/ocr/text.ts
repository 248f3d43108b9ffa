// From OCR words to trustworthy text: fixes of confusions that are certain from context, joining
// words into lines the way Chinese is written, and the confidence bookkeeping that lets the number
// normalizer mark figures read with low confidence as `uncertain`.
import type { Cell, Paragraph } from '../../model/index.ts';
import type { OcrLine, OcrWord } from './engine.ts';

/**
 * Word confidence (0–100, tesseract's scale) below which a figure is not trusted. Clean 200 dpi
 * print reads at 90+; misread digits typically come back in the 30–70 range.
 */
export const LOW_CONFIDENCE = 80;

const FULL_WIDTH: Record<string, string> = { '％': '%', '．': '.', '－': '-', '＋': '+', '，': '，' };

/**
 * Fixes OCR confusions only where the context makes the reading certain:
 * - full-width digits → ASCII; ％ → %; a full-width point, 。 or · between digits → "."
 * - O/o → 0 and l/I → 1 inside a digit run ("1O0.5" → "100.5", "2l.5" → "21.5", "O.5" → "0.5")
 * - the percent sign split into "9%0", "%0" or "%6" after a two-decimal figure ("100.009%0" →
 *   "100.00%"): a digit glued to the right of "%" is never printed
 */
export function fixOcrText(text: string): string {
  let s = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[％．－＋]/g, (c) => FULL_WIDTH[c]);
  s = s.replace(/(?<=\d)[.。·](?=\d)/g, '.');
  // Letters that look like digits, when digits (or a decimal point next to a digit) surround them.
  for (let i = 0; i < 2; i++) {
    s = s.replace(/(?<=\d[.]?)[Oo](?=[.]?\d)/g, '0').replace(/(?<=\d[.]?)[lI|](?=[.]?\d)/g, '1');
  }
  s = s.replace(/(?<![A-Za-z\d])[Oo](?=\.\d)/g, '0');
  s = s.replace(/(?<=\d)[Oo](?![A-Za-z])/g, '0');
  s = s.replace(/(?<![A-Za-z])[lI](?=\d)/g, '1');
  // "%" shredded by the recogniser: only after a figure printed with exactly two decimals.
  s = s.replace(/(?<![\d.])(\d+\.\d{2})9?%[0-9o](?![\d.%])/g, '$1%');
  return s;
}

const PLAIN_FIGURE = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;
const CLOSED_FIGURE = /^[-+]?\d[\d,]*(?:\.\d+)?%?[.,]$/;

/**
 * A table cell reading as a figure closed by a point or comma ("17.") in a column whose other figures
 * have none: a speck beside the last digit, which every view of the cell may read as a point. Figures
 * of one column are printed alike and a figure never ends at its decimal point, so the mark is
 * dropped; a column whose figures mostly end so ("1.", "2." as item numbers) is left as read.
 * `columns[i]` is cell i's grid column (null for a merged cell, which is left alone).
 */
export function withoutStrayClosingPoints(columns: Array<number | null>, reads: ScoredText[]): ScoredText[] {
  const count = (col: number, pattern: RegExp) => reads.filter((r, i) => columns[i] === col && pattern.test(r.text)).length;
  return reads.map((read, i) => {
    const col = columns[i];
    if (col === null || !CLOSED_FIGURE.test(read.text)) return read;
    const plain = count(col, PLAIN_FIGURE);
    if (plain < 2 || count(col, CLOSED_FIGURE) * 2 > plain) return read;
    const text = read.text.slice(0, -1);
    const lowSpans = read.lowSpans.map(([a, b]): [number, number] => [a, Math.min(b, text.length)]).filter(([a, b]) => a < b);
    return { ...read, text, lowSpans };
  });
}

/** Text with the confidence of every character range that came from one OCR word. */
export interface ScoredText {
  text: string;
  /** Character-weighted mean word confidence, 0–100; undefined when nothing was read. */
  confidence?: number;
  /** [start, end) ranges of `text` read with confidence below LOW_CONFIDENCE. */
  lowSpans: Array<[number, number]>;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Joins OCR lines into one text. Within a line, words are separated by a space only between two
 * non-Chinese words with a visible gap (so "100 100" stays two figures while "得分为 94.42 分"
 * becomes "得分为94.42分"); lines are joined with `lineJoin`.
 */
export function joinLines(lines: OcrLine[], lineJoin = ''): ScoredText {
  let text = '';
  let weighted = 0;
  let chars = 0;
  const lowSpans: Array<[number, number]> = [];
  lines.forEach((line, l) => {
    const height = Math.max(1, line.bbox.y1 - line.bbox.y0);
    let previous: OcrWord | null = null;
    for (const word of line.words) {
      const fixed = fixOcrText(word.text.trim()).replace(/\s+/g, '');
      if (!fixed) continue;
      if (previous) text += needsSpace(previous, word, text, fixed, height) ? ' ' : '';
      else if (l > 0 && text) text += joinBetween(text, fixed, lineJoin);
      const start = text.length;
      text += fixed;
      const perChar = word.charConfidences?.length === fixed.length && word.text === fixed ? word.charConfidences : null;
      if (perChar) {
        lowSpans.push(...lowCharSpans(fixed, perChar).map(([a, b]): [number, number] => [start + a, start + b]));
        weighted += perChar.reduce((s, c) => s + c, 0);
      } else {
        if (word.confidence < LOW_CONFIDENCE) lowSpans.push([start, text.length]);
        weighted += word.confidence * fixed.length;
      }
      chars += fixed.length;
      previous = word;
    }
  });
  lowSpans.push(...misreadFigureSpans(text));
  return { text, confidence: chars ? Math.round((weighted / chars) * 10) / 10 : undefined, lowSpans: mergeSpans(lowSpans) };
}

/**
 * A colon or semicolon between digits ("0:1981亿元") is most likely a decimal point that a seal stroke
 * or noise turned into something else, and a letter inside a figure ("1790652S.92") a digit read as
 * a letter, however sure the recogniser was: the figure is doubtful. (Times of day and codes like
 * "3A5" are rare in these reports; a doubt only lowers a finding to info.)
 */
export function misreadFigureSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(/\d+[:：;；]\d+|\d[\d.,]*[A-Za-z][.,]?\d[\d.,]*/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

const NUMBER_MARK = /[-+−.,%]/;
const NUMBER_BODY = /[\d.,]/;

/**
 * Character-level trust: the characters read below LOW_CONFIDENCE, each on its own, except that a
 * doubtful sign, point, separator or percent sign taints the figure it belongs to (the digit run
 * it touches): "-10" with a doubtful "-" is a doubtful figure, though the number's own range may
 * not include its sign.
 */
export function lowCharSpans(text: string, confidences: number[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  confidences.forEach((c, i) => {
    if (c >= LOW_CONFIDENCE) return;
    let a = i;
    let b = i + 1;
    if (NUMBER_MARK.test(text[i])) {
      while (a > 0 && NUMBER_BODY.test(text[a - 1])) a--;
      while (b < text.length && NUMBER_BODY.test(text[b])) b++;
    }
    spans.push([a, b]);
  });
  return spans;
}

function needsSpace(previous: OcrWord, word: OcrWord, before: string, next: string, lineHeight: number): boolean {
  const last = before[before.length - 1];
  if (CJK.test(last) || CJK.test(next[0])) return false;
  return word.bbox.x0 - previous.bbox.x1 > 0.25 * lineHeight;
}

function joinBetween(before: string, next: string, lineJoin: string): string {
  if (lineJoin) return lineJoin;
  const last = before[before.length - 1];
  return /[A-Za-z0-9]/.test(last) && /[A-Za-z0-9]/.test(next[0]) ? ' ' : '';
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of [...spans].sort((p, q) => p[0] - q[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Should a figure read from this cell or paragraph be marked `uncertain`?
 * - Not OCR text (no `ocrConfidence`): false.
 * - With `range` ([start, end) of the figure's raw text inside `text`) and per-word data
 *   (`ocrLowSpans`): true when the figure overlaps a word read below LOW_CONFIDENCE.
 * - Otherwise: true when the block's mean confidence is below LOW_CONFIDENCE.
 * The number normalizer calls this for every Quantity it takes from a block and sets
 * `Quantity.uncertain`; the rule engine then lowers findings on such figures to info.
 */
export function isUncertain(block: Pick<Cell | Paragraph, 'ocrConfidence' | 'ocrLowSpans'>, range?: [number, number]): boolean {
  if (block.ocrConfidence === undefined) return false;
  if (range && block.ocrLowSpans) return block.ocrLowSpans.some(([a, b]) => a < range[1] && range[0] < b);
  return block.ocrConfidence < LOW_CONFIDENCE;
}
