// Proving a doubtful figure before it can accuse: a segment in which a digit, sign, point, separator
// or % was read below LOW_CONFIDENCE is read again in other ways (the crop widened, the crop stretched
// sideways, the crop sharpened by its own ink threshold). The recogniser then sees other pixels at
// other time steps. A figure that every reading gives alike is confirmed: its characters take the
// best confidence any reading gave them (at least LOW_CONFIDENCE). Where the readings disagree the
// characters stay doubtful, and the text is the reading most of them give.
import { LOW_CONFIDENCE } from '../text.ts';
import { crop, otsuThreshold, type Grey, type Rect } from '../raster.ts';
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

/** The other views of a segment that are read again: each one the recogniser sees differently. */
export function alternativeViews(grey: Grey, r: Rect): Grey[] {
  const h = r.y1 - r.y0;
  const widened = crop(grey, { x0: r.x0 - 0.3 * h, y0: r.y0 - 0.15 * h, x1: r.x1 + 0.3 * h, y1: r.y1 + 0.15 * h });
  return [widened, stretchedView(grey, r), sharpened(crop(grey, r))];
}

/** Pixels darker than the crop's own Otsu threshold become black, the rest white. */
function sharpened(g: Grey): Grey {
  const t = otsuThreshold(g);
  const data = new Uint8Array(g.data.length);
  for (let i = 0; i < data.length; i++) data[i] = g.data[i] <= t ? 0 : 255;
  return { width: g.width, height: g.height, data };
}



/**
 * The first reading settled against the others. All alike: the first reading, each character with the
 * best confidence any reading gave it, raised to LOW_CONFIDENCE (the figure is confirmed). Otherwise:
 * the reading most readings agree on (the first on a tie), its figure characters kept below
 * LOW_CONFIDENCE.
 */
export function settleReadings(first: RecognizedLine, others: RecognizedLine[]): RecognizedLine {
  const all = [first, ...others];
  const texts = all.map(textOf);
  if (texts.every((t) => t === texts[0])) {
    const chars = first.chars.map((c, i) => {
      const best = Math.max(...all.map((line) => line.chars[i].confidence));
      return { ...c, confidence: Math.max(best, LOW_CONFIDENCE / 100) };
    });
    return { chars };
  }
  const votes = texts.map((t) => texts.filter((u) => u === t).length);
  const winner = all[votes.indexOf(Math.max(...votes))];
  const chars: Char[] = winner === first ? first.chars : rescaled(winner, first);
  return withDoubtfulFigures({ chars });
}

/** A reading of another view placed in the first view's x range (for the characters' boxes). */
function rescaled(line: RecognizedLine, like: RecognizedLine): Char[] {
  const span = (l: RecognizedLine) => (l.chars.length ? l.chars[l.chars.length - 1].x1 - l.chars[0].x0 : 1);
  const k = span(like) / Math.max(1, span(line));
  const x0 = like.chars[0]?.x0 ?? 0;
  const o0 = line.chars[0]?.x0 ?? 0;
  return line.chars.map((c) => ({ ...c, x0: x0 + (c.x0 - o0) * k, x1: x0 + (c.x1 - o0) * k }));
}
