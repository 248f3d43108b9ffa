// Proving a doubtful figure before it can accuse: a segment in which a digit, sign, point, separator
// or % was read below LOW_CONFIDENCE is read again in other ways (the crop widened, the crop stretched
// sideways, the crop at a smaller scale). The recogniser then sees other pixels at other time steps.
// Readings are compared figure by figure (runs of figure characters, paired in order): a figure that
// every reading gives alike is confirmed (at least LOW_CONFIDENCE), one that some reading gives
// otherwise or not at all stays doubtful. A word read otherwise elsewhere in the segment ("项目" /
// "项自") says nothing about its figures.
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

const doubted = (c: Char): Char => ({ ...c, confidence: Math.min(c.confidence, (LOW_CONFIDENCE - 1) / 100) });

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
 * figure by figure: the reading whose figures most readings give (the first on a tie) is kept; each
 * of its figures that every other reading gives too is confirmed (look-alike letters become the digit
 * every view saw), the others stay below LOW_CONFIDENCE. Words elsewhere in the segment ("项目" read
 * "项自") do not make its figures doubtful. Confirmed figures are written with their grouping
 * separators as commas ("3.773.77" → "3,773.77", canonicalFigure).
 */
export function settleReadings(first: RecognizedLine, others: RecognizedLine[]): RecognizedLine {
  const all = [first, ...others];
  const texts = all.map(textOf);
  if (texts.every((t) => t === texts[0])) {
    const chars = first.chars.map((c, i) => {
      const best = Math.max(...all.map((line) => line.chars[i].confidence));
      return { ...c, confidence: Math.max(best, LOW_CONFIDENCE / 100) };
    });
    return withCanonicalSeparators({ chars });
  }
  const skeletons = all.map((line) => figureRuns(line).map((run) => run.key).join(' '));
  const votes = skeletons.map((k) => skeletons.filter((u) => u === k).length);
  const winner = all[votes.indexOf(Math.max(...votes))];
  const base: RecognizedLine = winner === first ? first : { chars: rescaled(winner, first) };
  const rest = all.filter((line) => line !== winner);
  const runs = figureRuns(base);
  const restRuns = rest.map(figureRuns);
  const agreed = restRuns.map((other) => matchedRuns(runs, other));
  const chars: Array<Char | null> = [...base.chars];
  runs.forEach((run, r) => {
    const confirmed = agreed.every((matched) => matched.has(r));
    for (let i = run.start; i < run.end; i++) {
      if (confirmed) chars[i] = { ...base.chars[i], text: run.raw[i - run.start], confidence: Math.max(base.chars[i].confidence, LOW_CONFIDENCE / 100) };
      else chars[i] = doubted(base.chars[i]);
    }
    // A point or separator closing the segment that most readings do not give is dropped ("17." beside "17", "17").
    const tail = run.end === base.chars.length ? run.raw.slice(run.key.length) : '';
    const withTail = restRuns.filter((other, k) => agreed[k].has(r) && other[agreed[k].get(r)!].raw.endsWith(tail)).length + 1;
    if (confirmed && tail && 2 * withTail <= rest.length + 1) for (let i = run.end - tail.length; i < run.end; i++) chars[i] = null;
  });
  return { chars: chars.filter((c): c is Char => c !== null) };
}

/**
 * The first reading checked against other views of the segment: each figure some view reads
 * otherwise (or not at all) becomes doubtful however sure the first reading was (a digit inserted or
 * dropped with confidence); the figures every view reads alike, and the words, keep their confidence.
 */
export function checkedAgainst(first: RecognizedLine, checks: RecognizedLine[]): RecognizedLine {
  const runs = figureRuns(first);
  const matched = checks.map((check) => matchedRuns(runs, figureRuns(check)));
  const readOtherwise = runs.filter((_, r) => matched.some((m) => !m.has(r)));
  if (!readOtherwise.length) return withCanonicalSeparators(first);
  const chars = [...first.chars];
  for (const run of readOtherwise) for (let i = run.start; i < run.end; i++) chars[i] = doubted(chars[i]);
  return { chars };
}

/** Letters the recogniser gives for a digit's glyph, read as that digit beside figure characters. */
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', θ: '0', Θ: '0', l: '1', I: '1', '|': '1' };
const FIGURE_NEIGHBOUR = /[\d.%,\-−+/]/;

/** A figure of a reading: characters [start, end) of the line, and how it reads (look-alikes as digits, no closing point). */
export interface FigureRun {
  start: number;
  end: number;
  /** The run as read, look-alikes as digits, grouping separators as commas (canonicalFigure). */
  raw: string;
  /** What is compared: `raw` without a closing point or separator. */
  key: string;
}

/** The runs of figure characters of a line that hold a digit or a percent sign. */
export function figureRuns(line: RecognizedLine): FigureRun[] {
  const texts = line.chars.map((c) => c.text);
  const figureChar = (i: number) =>
    NUMBER_CHAR.test(texts[i]) || (LOOKALIKE[texts[i]] !== undefined && [texts[i - 1], texts[i + 1]].some((t) => t !== undefined && FIGURE_NEIGHBOUR.test(t)));
  const runs: FigureRun[] = [];
  for (let i = 0; i < texts.length; ) {
    if (!figureChar(i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < texts.length && figureChar(i)) i++;
    // A point or separator closing the run changes no value ("17." and "17" agree).
    const raw = withCanonicalTail(texts.slice(start, i).map((t) => LOOKALIKE[t] ?? t).join(''));
    const key = raw.replace(/[.,]+$/, '');
    if (/[\d%]/.test(key)) runs.push({ start, end: i, raw, key });
  }
  return runs;
}

/** canonicalFigure on a run, a closing point or separator kept as read. Same length. */
function withCanonicalTail(raw: string): string {
  const tail = /[.,]+$/.exec(raw)?.[0] ?? '';
  return canonicalFigure(raw.slice(0, raw.length - tail.length)) + tail;
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

/** The line with every figure written as figureRuns reads it (look-alikes as digits, grouping separators as commas). */
export function withCanonicalSeparators(line: RecognizedLine): RecognizedLine {
  const chars = [...line.chars];
  for (const run of figureRuns(line)) for (let i = run.start; i < run.end; i++) chars[i] = { ...chars[i], text: run.raw[i - run.start] };
  return { chars };
}

/** Indexes of `runs` that a longest common subsequence of figures pairs with a figure of `other`, to that figure's index. */
export function matchedRuns(runs: FigureRun[], other: FigureRun[]): Map<number, number> {
  const n = runs.length;
  const m = other.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = runs[i].key === other[j].key ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const matched = new Map<number, number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (runs[i].key === other[j].key) {
      matched.set(i, j);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return matched;
}

/** A reading of another view placed in the first view's x range (for the characters' boxes). */
function rescaled(line: RecognizedLine, like: RecognizedLine): Char[] {
  const span = (l: RecognizedLine) => (l.chars.length ? l.chars[l.chars.length - 1].x1 - l.chars[0].x0 : 1);
  const k = span(like) / Math.max(1, span(line));
  const x0 = like.chars[0]?.x0 ?? 0;
  const o0 = line.chars[0]?.x0 ?? 0;
  return line.chars.map((c) => ({ ...c, x0: x0 + (c.x0 - o0) * k, x1: x0 + (c.x1 - o0) * k }));
}
