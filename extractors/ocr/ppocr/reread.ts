// Proving a doubtful figure before it can accuse: a segment in which a digit, sign, point, separator
// or % was read below LOW_CONFIDENCE is read again in other ways (the crop widened, the crop stretched
// sideways, the crop at a smaller scale). The recogniser then sees other pixels at other time steps.
// The readings are settled figure by figure: a figure that every reading gives alike is confirmed
// (its characters at least LOW_CONFIDENCE), whatever the words around it; one that any reading gives
// otherwise stays doubtful. The text kept is a reading whose figures most readings give.
import { LOW_CONFIDENCE } from '../text.ts';
import { crop, type Grey, type Rect } from '../raster.ts';
import { resize } from '../scan.ts';
import type { RecognizedLine } from './engine.ts';

type Char = RecognizedLine['chars'][number];

const textOf = (line: RecognizedLine) => line.chars.map((c) => c.text).join('');

const NUMBER_CHAR = /[\d.%,\-−+]/;

/** Whether a recognised line holds a number character read below LOW_CONFIDENCE. */
export function hasDoubtfulFigure(line: RecognizedLine): boolean {
  return line.chars.some((c) => NUMBER_CHAR.test(c.text) && c.confidence * 100 < LOW_CONFIDENCE);
}

export const hasFigure = (line: RecognizedLine) => line.chars.some((c) => /\d/.test(c.text));

export const sameText = (a: RecognizedLine, b: RecognizedLine) => textOf(a) === textOf(b);

/** The line with its figure characters below LOW_CONFIDENCE (another view read it otherwise). */
export function withDoubtfulFigures(line: RecognizedLine): RecognizedLine {
  return { chars: line.chars.map((c) => (NUMBER_CHAR.test(c.text) ? { ...c, confidence: Math.min(c.confidence, (LOW_CONFIDENCE - 1) / 100) } : c)) };
}

/** The segment stretched 1.35× sideways: the recogniser's time steps fall elsewhere on the glyphs. */
export function stretchedView(grey: Grey, r: Rect): Grey {
  const base = crop(grey, r);
  return resize(base, Math.max(1, Math.round(base.width * 1.35)), base.height);
}

/**
 * The views every figure is checked in: stretched sideways, and narrowed by a quarter of its height
 * on both sides (a remnant of a cell rule at the crop's edge is read as a "1" or "7" glued to the
 * figure; without it the figure reads otherwise).
 */
export function checkViews(grey: Grey, r: Rect): Grey[] {
  const inset = Math.min(0.25 * (r.y1 - r.y0), 0.2 * (r.x1 - r.x0));
  return [stretchedView(grey, r), crop(grey, { ...r, x0: r.x0 + inset, x1: r.x1 - inset })];
}

/**
 * The other views of a segment that are read again: widened, stretched sideways, and at a smaller
 * scale (the recogniser sees the glyphs through another resampling). Binarising the crop was tried
 * as the third view: on the 100 dpi colour scans of the eval corpus it broke anti-aliased glyphs
 * ("≥" read "2", "%" read "96") and kept correct figures doubtful three times as often, without
 * catching a misread the other views missed.
 */
export function alternativeViews(grey: Grey, r: Rect): Grey[] {
  const h = r.y1 - r.y0;
  const widened = crop(grey, { x0: r.x0 - 0.3 * h, y0: r.y0 - 0.15 * h, x1: r.x1 + 0.3 * h, y1: r.y1 + 0.15 * h });
  return [widened, stretchedView(grey, r), smallerView(grey, r)];
}

/** The segment scaled down to SMALLER_SCALE (area-averaged, then bilinear). */
export function smallerView(grey: Grey, r: Rect): Grey {
  const base = crop(grey, r);
  return resize(base, Math.max(1, Math.round(base.width * SMALLER_SCALE)), Math.max(1, Math.round(base.height * SMALLER_SCALE)));
}

const SMALLER_SCALE = 0.6;

/**
 * The first reading settled against the others. All alike: the first reading, each character with the
 * best confidence any reading gave it, raised to LOW_CONFIDENCE (the figure is confirmed). Otherwise
 * a reading whose figures most readings give (the first on a tie) is kept, and each of its figures is settled
 * on its own: confirmed when every other reading gives the same figure (readings that differ only in
 * words or punctuation around it do not make it doubtful), doubtful when any reading gives another.
 * Confirmed figures are written with their grouping separators as commas ("3.773.77" → "3,773.77").
 */
export function settleReadings(first: RecognizedLine, others: RecognizedLine[]): RecognizedLine {
  const all = [first, ...others];
  const texts = all.map(textOf);
  if (texts.every((t) => t === texts[0])) {
    const chars = first.chars.map((c, i) => {
      const best = Math.max(...all.map((line) => line.chars[i].confidence));
      return { ...c, confidence: Math.max(best, LOW_CONFIDENCE / 100) };
    });
    return { chars: withCanonicalFigures(chars, figureTokens({ chars })) };
  }
  // The reading kept is one whose figures most readings give (words around them do not vote).
  const figuresIn = all.map((line) => figureTokens(line).map((t) => t.key).join(' '));
  const votes = figuresIn.map((f) => figuresIn.filter((g) => g === f).length);
  const winner = all[votes.indexOf(Math.max(...votes))];
  const chars: Char[] = winner === first ? [...first.chars] : rescaled(winner, first);
  const tokens = figureTokens(winner);
  const confirmed = tokens.map(() => true);
  for (const other of all) {
    if (other === winner) continue;
    const matched = matchedTokens(tokens, figureTokens(other));
    matched.forEach((m, k) => (confirmed[k] &&= m));
  }
  tokens.forEach((token, k) => {
    for (let i = token.start; i < token.end; i++) {
      const confidence = confirmed[k] ? Math.max(chars[i].confidence, LOW_CONFIDENCE / 100) : Math.min(chars[i].confidence, (LOW_CONFIDENCE - 1) / 100);
      chars[i] = { ...chars[i], confidence };
    }
  });
  return { chars: withCanonicalFigures(chars, tokens.filter((_, k) => confirmed[k])) };
}

/**
 * A run of figure characters holding a digit, as char indices [start, end): its canonical text, and
 * the key readings are compared by (a point or comma after the last digit ends the sentence, not
 * the figure: "8." and "8" are the same figure).
 */
interface FigureToken {
  start: number;
  end: number;
  text: string;
  key: string;
}

export function figureTokens(line: RecognizedLine): FigureToken[] {
  const tokens: FigureToken[] = [];
  let start = -1;
  const close = (end: number) => {
    const text = line.chars.slice(start, end).map((c) => c.text).join('');
    const canonical = canonicalFigure(text);
    if (/\d/.test(text)) tokens.push({ start, end, text: canonical, key: canonical.replace(/(?<=\d)[.,]$/, '') });
    start = -1;
  };
  line.chars.forEach((c, i) => {
    const inFigure = c.text.length === 1 && NUMBER_CHAR.test(c.text);
    if (inFigure && start < 0) start = i;
    if (!inFigure && start >= 0) close(i);
  });
  if (start >= 0) close(line.chars.length);
  return tokens;
}

/**
 * The figure with certain grouping separators written as commas: in "3.773.77" or "3,773.77" only the
 * last separator can be the decimal point (a figure has one), so both read as "3,773.77". A single
 * separator ("3.773" / "3,773") is left as read: which one it is decides the value. Same length.
 */
export function canonicalFigure(text: string): string {
  const s = text.replace(/−/g, '-');
  const m = /^([-+]?\d{1,3})((?:[.,]\d{3})+)([.,]\d{1,2})(%?)$/.exec(s);
  if (!m) return s;
  return m[1] + m[2].replace(/\./g, ',') + '.' + m[3].slice(1) + m[4];
}

/** For each token of `mine`, whether the other reading gives the same figure in the same order (longest common subsequence). */
function matchedTokens(mine: FigureToken[], theirs: FigureToken[]): boolean[] {
  const n = mine.length;
  const m = theirs.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i][j] = mine[i].key === theirs[j].key ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const matched = mine.map(() => false);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (mine[i].key === theirs[j].key) {
      matched[i] = true;
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return matched;
}

/** The line with every figure's certain grouping separators written as commas (canonicalFigure). */
export const withCanonicalSeparators = (line: RecognizedLine): RecognizedLine => ({ chars: withCanonicalFigures(line.chars, figureTokens(line)) });

/** The characters with each given token's text replaced by its canonical form. */
function withCanonicalFigures(chars: Char[], tokens: FigureToken[]): Char[] {
  const out = [...chars];
  for (const token of tokens) [...token.text].forEach((ch, k) => (out[token.start + k] = { ...out[token.start + k], text: ch }));
  return out;
}

/** A reading of another view placed in the first view's x range (for the characters' boxes). */
function rescaled(line: RecognizedLine, like: RecognizedLine): Char[] {
  const span = (l: RecognizedLine) => (l.chars.length ? l.chars[l.chars.length - 1].x1 - l.chars[0].x0 : 1);
  const k = span(like) / Math.max(1, span(line));
  const x0 = like.chars[0]?.x0 ?? 0;
  const o0 = line.chars[0]?.x0 ?? 0;
  return line.chars.map((c) => ({ ...c, x0: x0 + (c.x0 - o0) * k, x1: x0 + (c.x1 - o0) * k }));
}
