// Tables typed with tabs and printed (a text file or a Word document whose rows are tab-separated
// lines), read back from a scan. There are no rules and no wide gaps: a tab leaves a gap of any width
// (none at all when the text before it ends just short of a stop), long cells wrap to the left margin
// and the next cell starts after a gap on the same line. What every tab leaves is where the text
// after it starts: on one of the document's tab stops (left margin + k × step: 1.25 cm in
// LibreOffice, 0.5 in or two characters in Word). The OCR text of a band follows such a grid when
// many gaps end on it, at several stops; each typed line (the OCR lines of one paragraph: a full line
// wraps into the next) is then cut into cells at the gaps ending on stops, a tab counting one cell per
// stop it passed. A one-line header of words only (no digits) decides the column count; a run of
// typed lines under it that all fit that count is a table. Cells whose boundary the OCR missed
// (no visible gap) shift what follows: the table is marked typed, so the normalizer holds its sums to
// the strict standard of tables with inferred cell boundaries (normalizers/tables/readings.ts).
import type { OcrLine, OcrWord } from './engine.ts';
import { onGrid, refineStep } from '../tab-grid.ts';

export interface TypedTable {
  /** Index range [start, end) into the lines given. */
  start: number;
  end: number;
  /** Rows of cells; each cell is the words read in it, one list per OCR line it covers. */
  rows: OcrWord[][][][];
  /**
   * The rest of a row of the page before, at the top of the band (its first row is left empty): its
   * cells in order, the first carrying on the cell the page break cut.
   */
  rest?: OcrWord[][][];
  /** One past the last of the rest's lines (index into the lines given). */
  restEnd?: number;
}

/** The page's measures, in pixels. */
interface Measure {
  /** Width of a CJK character. */
  em: number;
  /** The left margin: where most lines start. */
  left: number;
  /** Where full lines end. */
  right: number;
  lineHeight: number;
}

export interface StopGrid {
  origin: number;
  step: number;
  /** How far (pixels) a piece may start from a stop and still be on it. */
  tolerance: number;
  /** Width of a CJK character (pixels). */
  em: number;
}

/** A run of words on one line with no gap wider than a word space between them. */
interface Piece {
  words: OcrWord[];
  x0: number;
  x1: number;
  /** Gap before the piece (pixels); Infinity for a line's first piece. */
  gap: number;
  /** Cut from the piece before at a tab that left no gap ({@link splitHiddenTab}). */
  hidden?: boolean;
  /** A figure cut from the end of a line: only possibly after a tab. */
  trailing?: boolean;
}

/** A gap this wide (ems) is wider than any word space or autospace between CJK and digits. */
const GAP_EM = 0.6;
/** The autospace between CJK and a digit or letter, as OCR positions measure it (it prints 0.5–0.6 em wide). */
const AUTOSPACE_EM = 1.1;
/** A gap this wide (ems) that does not end on a stop is evidence against a tab layout. */
const WIDE_EM = 1.5;
/** Piece starts are measured from OCR character positions: within this (ems) of a stop is on it. */
const ON_STOP_EM = 0.4;
const MIN_STEP_EM = 1.6;
const MAX_STEP_EM = 8;
/** Evidence of a tab layout: gaps ending on stops, at several distinct stops, most wide gaps among them. */
const MIN_TAB_GAPS = 10;
const MIN_DISTINCT_STOPS = 4;
const MIN_REPEATED_STOPS = 3;
const MIN_SHARE_ON_STOPS = 0.7;
/** Slack (ems) beyond the first unit of the next line: a line ending this close to the right margin is full, and wraps. */
const FULL_EM = 1.5;
const MIN_HEADER_CELLS = 3;
/** How far right of the margin (ems) a line may start and still start at the margin. */
const MARGIN_EM = 0.7;
const MIN_BODY_ROWS = 2;

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/;
const DIGIT = /\d/;

/** Lines sorted top to bottom (one band of a page); the tab-typed tables among them. */
export function findTypedTables(lines: OcrLine[], lineHeight: number): TypedTable[] {
  const measure = measureOf(lines, lineHeight);
  if (!measure) return [];
  const pieces = lines.map((line) => piecesOf(line, measure.em));
  const grid = inferStopGrid(pieces, measure);
  if (!grid) return [];
  const placed = lines.map((line) => piecesOf(line, measure.em, grid).flatMap((piece, p, all) => splitHiddenTab(piece, grid, p === all.length - 1, p === 0)));
  const typed = typedLines(lines, placed, measure, grid);
  const tables: TypedTable[] = [];
  for (let at = 0; at < typed.length; at++) {
    const line = typed[at];
    if (!line || !isHeader(line) || (tables.length && tables[tables.length - 1].end > line.start)) continue;
    const found = tableAt(typed, at, grid);
    if (found) {
      tables.push(found.table);
      at = found.next - 1;
    }
  }
  return tables;
}

// ---------- measures ----------

export function measureOf(lines: OcrLine[], lineHeight: number): Measure | null {
  const widths = lines
    .flatMap((l) => l.words)
    .filter((w) => w.text.length >= 3 && CJK.test(w.text))
    .map((w) => (w.bbox.x1 - w.bbox.x0) / (w.text.length - 1))
    .sort((a, b) => a - b);
  if (widths.length < 5 || lines.length < 4) return null;
  const em = widths[Math.floor(widths.length / 2)];
  const starts = lines.map((l) => l.words[0]?.bbox.x0).filter((x): x is number => x !== undefined);
  const ends = lines.flatMap((l) => (l.words.length ? [wordEnd(l.words[l.words.length - 1], em)] : [])).sort((a, b) => a - b);
  return { em, left: modeOf(starts, em / 2), right: ends[Math.floor(0.9 * (ends.length - 1))], lineHeight };
}

/** The most common value, values within `bin` of each other counted together (the smallest such cluster's least value on a tie). */
function modeOf(values: number[], bin: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let best = sorted[0];
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[i] <= bin) j++;
    if (j - i + 1 > most) [best, most] = [sorted[i], j - i + 1];
  }
  return best;
}

/** A line's words in pieces; with the grid known, a word starting on a stop after a space starts a piece too. */
export function piecesOf(line: OcrLine, em: number, grid?: StopGrid): Piece[] {
  const out: Piece[] = [];
  for (const word of line.words) {
    const last = out[out.length - 1];
    const x1 = wordEnd(word, em);
    const gap = last ? word.bbox.x0 - last.x1 : Infinity;
    if (last && gap < GAP_EM * em && !(grid && stopAt(grid, word.bbox.x0))) {
      last.words.push(word);
      last.x1 = Math.max(last.x1, x1);
    } else out.push({ words: [word], x0: word.bbox.x0, x1, gap });
  }
  return out;
}

// Curly quotes print full-width in CJK fonts, their ink at one side ('“三定”方案': no gap after '”').
const FULL_WIDTH = /[\u2018\u2019\u201c\u201d\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]/;

/**
 * Where a word's ink ends. The recogniser places a character where it emits it, near the start of
 * its glyph: a word box ends about a character's width short of the word.
 */
function wordEnd(word: OcrWord, em: number): number {
  const last = word.text[word.text.length - 1] ?? '';
  return word.bbox.x1 + (FULL_WIDTH.test(last) ? 0.8 : 0.35) * em;
}

// ---------- the grid of stops ----------

/** Where text resumes right of the margin: after a gap inside a line, or at an indented line start. */
function resumePositions(pieces: Piece[][], { left, em }: Measure): Array<{ at: number; wide: boolean }> {
  const out: Array<{ at: number; wide: boolean }> = [];
  for (const line of pieces) {
    line.forEach((p, i) => {
      const at = p.x0 - left;
      if (at < MIN_STEP_EM * em - ON_STOP_EM * em) return;
      if (i === 0) out.push({ at, wide: true });
      else out.push({ at, wide: p.gap >= WIDE_EM * em });
    });
  }
  return out;
}

export function inferStopGrid(pieces: Piece[][], measure: Measure): StopGrid | null {
  const positions = resumePositions(pieces, measure);
  if (positions.length < MIN_TAB_GAPS) return null;
  const tolerance = ON_STOP_EM * measure.em;
  const at = positions.map((p) => p.at);
  const steps = new Set<number>();
  for (const p of [...new Set(at.map((a) => Math.round(a)))].sort((a, b) => a - b).slice(0, 12)) {
    for (let k = 1; k <= 6; k++) if (p / k >= MIN_STEP_EM * measure.em && p / k <= MAX_STEP_EM * measure.em) steps.add(p / k);
  }
  const fits = [...steps].map((guess) => {
    const step = refineStep(at.filter((a) => onGrid(a, guess, 2 * tolerance)), guess);
    return { step, hits: positions.filter((p) => onGrid(p.at, step, tolerance)) };
  });
  // A finer grid catches more positions by chance (OCR positions are rough: a quarter of a coarse
  // grid's width lies within the tolerance of some stop): grids are compared by hits beyond chance.
  const beyondChance = (f: { step: number; hits: unknown[] }) => f.hits.length - positions.length * Math.min(1, (2 * tolerance) / f.step);
  const best = [...fits].sort((a, b) => beyondChance(b) - beyondChance(a) || b.step - a.step)[0];
  if (!best || best.hits.length < MIN_TAB_GAPS) return null;
  const wide = positions.filter((p) => p.wide);
  if (best.hits.filter((p) => p.wide).length < MIN_SHARE_ON_STOPS * wide.length) return null;
  const multiples = new Map<number, number>();
  for (const p of best.hits) multiples.set(Math.round(p.at / best.step), (multiples.get(Math.round(p.at / best.step)) ?? 0) + 1);
  if (multiples.size < MIN_DISTINCT_STOPS || [...multiples.values()].filter((n) => n >= 2).length < MIN_REPEATED_STOPS) return null;
  return { ...fitOriginAndStep(best.hits.map((p) => p.at), best.step, measure.left), tolerance, em: measure.em };
}

/**
 * Stops are origin + k × step. The margin measured from line starts is the least start of the most
 * common ones, a little left of where most lines start when a glyph inks left of its box ('<p>'):
 * fitted through the margin alone, the step absorbs that offset and far stops drift off by a third of
 * an em. Origin and step are fitted together (least squares) to the positions found on the stops.
 */
export function fitOriginAndStep(hits: number[], step: number, left: number): { origin: number; step: number } {
  const ks = hits.map((at) => Math.round(at / step));
  const n = hits.length;
  const meanK = ks.reduce((a, k) => a + k, 0) / n;
  const meanX = hits.reduce((a, x) => a + x, 0) / n;
  const varK = ks.reduce((a, k) => a + (k - meanK) ** 2, 0);
  if (varK === 0) return { origin: left, step };
  const fitted = ks.reduce((a, k, i) => a + (k - meanK) * (hits[i] - meanX), 0) / varK;
  return { origin: left + meanX - fitted * meanK, step: fitted };
}

/**
 * A tab after a name that ended just short of a stop leaves no gap: "资金下达合法性3" is a name and its
 * weight. A piece starting on a stop that is words and then a figure is cut before the figure when
 * the figure, placed back from the word's end at its printed width, starts on a stop too. A row's first
 * cell starts at the margin ("预算执行效益30"): a line's first piece there is cut alike when more
 * pieces follow it on the line (a lone piece at the margin is a wrapped line of running text).
 */
export function splitHiddenTab(piece: Piece, grid: StopGrid, lastOnLine: boolean, firstOnLine = false): Piece[] {
  if (lastOnLine) {
    const trailing = splitTrailingFigure(piece, grid);
    if (trailing.length > 1) return [...splitHiddenTab(trailing[0], grid, false), trailing[1]];
  }
  const atMargin = firstOnLine && !lastOnLine && Math.abs(piece.x0 - grid.origin) <= grid.tolerance;
  if (piece.words.length !== 1 || !(stopAt(grid, piece.x0) || atMargin)) return [piece];
  const word = piece.words[0];
  const m = /^(.*[\u3400-\u9fff])(\d+(?:\.\d+)?)$/.exec(word.text);
  if (!m) return [piece];
  // Placed back from the word's end, at the figure's printed width: spaces typed inside the words
  // before it ('预算 执行 效益') print but are not read.
  const at = wordEnd(word, grid.em) - m[2].length * HALF_WIDTH_EM * grid.em;
  // Glyph widths are estimated: a little more room than for a measured start.
  if (!stopAt({ ...grid, tolerance: 1.5 * grid.tolerance }, at)) return [piece];
  const [name, figure] = cutWord(word, m[1].length, at);
  return [
    { words: [name], x0: piece.x0, x1: at - (at - piece.x0) * 0.01, gap: piece.gap },
    { words: [figure], x0: nearestStop(grid, at), x1: piece.x1, gap: 0, hidden: true },
  ];
}

const HALF_WIDTH_EM = 0.55;

/**
 * A score typed after text that ended just short of a stop ("…本项扣1分。" tab "3") comes back glued
 * to it. A line's last piece ending with a full-width character and a figure is cut before the figure
 * when the figure, placed back from the piece's end at its printed width, starts on a stop. Only
 * possibly a tab: a full line's figure that runs on into the next line is not one (typedLines).
 */
function splitTrailingFigure(piece: Piece, grid: StopGrid): Piece[] {
  const word = piece.words[piece.words.length - 1];
  const m = /^(.*[\u3000-\u303f\u3400-\u9fff\uff01-\uff60])(\d+(?:\.\d+)?)$/.exec(word.text);
  if (!m) return [piece];
  const at = piece.x1 - m[2].length * HALF_WIDTH_EM * grid.em;
  if (!stopAt({ ...grid, tolerance: 1.5 * grid.tolerance }, at)) return [piece];
  const [text, figure] = cutWord(word, m[1].length, at);
  return [
    { ...piece, words: [...piece.words.slice(0, -1), text], x1: at - 0.3 * grid.em },
    { words: [figure], x0: nearestStop(grid, at), x1: piece.x1, gap: 0, hidden: true, trailing: true },
  ];
}

function cutWord(word: OcrWord, at: number, x: number): [OcrWord, OcrWord] {
  const part = (from: number, to: number, x0: number, x1: number): OcrWord => {
    const charConfidences = word.charConfidences?.slice(from, to);
    return {
      text: word.text.slice(from, to),
      confidence: charConfidences?.length ? Math.min(...charConfidences) : word.confidence,
      ...(charConfidences ? { charConfidences } : {}),
      bbox: { ...word.bbox, x0, x1 },
    };
  };
  return [part(0, at, word.bbox.x0, x), part(at, word.text.length, x, word.bbox.x1)];
}

/** Where the stop nearest a position is: a figure cut at a hidden tab starts there (its glyph widths were only estimated). */
const nearestStop = (grid: StopGrid, x: number) => grid.origin + Math.round((x - grid.origin) / grid.step) * grid.step;

/** The stop a position is on (1, 2, …), or 0 when it is on none. */
function stopAt(grid: StopGrid, x: number): number {
  const k = Math.round((x - grid.origin) / grid.step);
  return k >= 1 && Math.abs(x - grid.origin - k * grid.step) <= grid.tolerance ? k : 0;
}

/** How many tabs carried the pen from `from` to text starting on stop `k`: the stops in (from, k]. */
function tabsTo(grid: StopGrid, from: number, k: number): number {
  const first = Math.floor((from - grid.origin) / grid.step) + 1;
  return Math.max(1, k - first + 1);
}

// ---------- typed lines ----------

/** A piece of a typed line and how many tabs stand before it. */
interface Token {
  words: OcrWord[];
  tabs: number;
  /** The piece starts an OCR line. */
  newLine: boolean;
  /** The gap before it (pixels); a line's first piece: Infinity. */
  gap: number;
  /** The piece is a lone figure, or was cut from a name at a hidden tab. */
  figure: boolean;
  /** Its tab was only possible (an autospace-wide gap), taken for a lone figure. */
  possible: boolean;
}

/** One typed line (a paragraph of the text file): its OCR lines and the pieces read from them. */
interface TypedLine {
  /** Index of the first and one past the last OCR line. */
  start: number;
  end: number;
  tokens: Token[];
  /** A blank line stands between this typed line and the one before. */
  afterBlank: boolean;
}

/** Cells of a typed line, each the pieces read into it (one word list per OCR line). */
function cellsOf(line: TypedLine): OcrWord[][][] {
  const cells: OcrWord[][][] = [[]];
  for (const token of line.tokens) {
    for (let t = 0; t < token.tabs; t++) cells.push([]);
    const cell = cells[cells.length - 1];
    if (token.newLine || token.tabs > 0 || !cell.length) cell.push([...token.words]);
    else cell[cell.length - 1].push(...token.words);
  }
  return cells;
}

const tabsOf = (line: TypedLine) => line.tokens.reduce((n, t) => n + t.tabs, 0);
const widthOf = (line: TypedLine) => tabsOf(line) + 1;

function typedLines(lines: OcrLine[], pieces: Piece[][], measure: Measure, grid: StopGrid): Array<TypedLine | null> {
  // A header's last cell is the table's last column: a line whose last piece starts there ends its row.
  const headers = lines.flatMap((_, i) => (pieces[i].length && isHeader(readLine(i, false, pieces[i], grid)) ? [readLine(i, false, pieces[i], grid)] : []));
  const width = Math.max(0, ...headers.map(widthOf));
  const lastColumn = Math.max(0, ...headers.map((h) => stopAt(grid, pieces[h.start][pieces[h.start].length - 1].x0))) || Infinity;
  const out: Array<TypedLine | null> = [];
  let current: TypedLine | null = null;
  let lastPiece: Piece | null = null;
  lines.forEach((line, i) => {
    const linePieces = pieces[i];
    if (!linePieces.length) return;
    const first = linePieces[0];
    // Opening quotes and brackets stand at the right of their box: a line may start a little right of the margin.
    const atMargin = Math.abs(first.x0 - measure.left) <= MARGIN_EM * measure.em;
    const stop = stopAt(grid, first.x0);
    const blank = i > 0 && line.bbox.y0 - lines[i - 1].bbox.y1 > measure.lineHeight;
    const lastToken = current?.tokens[current.tokens.length - 1];
    const lastX1 = lastPiece?.x1 ?? 0;
    const full = measure.right - lastX1 <= firstUnitWidth(first, measure.em) + FULL_EM * measure.em;
    // A figure an autospace set off at the end of a full line runs on into the words wrapped to the next ("得 4" / "分；").
    const runsOn = !!lastToken?.possible && full && atMargin && !HALF_WIDTH.test(first.words[0].text[0] ?? '');
    // A figure cell in the last column ends the row.
    const complete = !!lastPiece && !!lastToken?.figure && stopAt(grid, lastPiece.x0) >= lastColumn && !runsOn;
    const open = !!current && !blank && !!lastPiece && !complete && !isHeader(current);
    // A full line wraps into the next; a tab and the word after it that did not fit moved to the next line together.
    const wrapped = open && atMargin && full;
    if (wrapped && runsOn) lastToken!.tabs = 0;
    // A tab and the word after it that do not fit go on the next line, the tab to its first stop: a
    // line starting there, after a line whose next stop leaves the word no room, was moved ("…得分1.5分。" tab "1.5").
    const room = measure.right - nextStop(grid, lastX1);
    const word = first.x1 - first.x0;
    const tabMoved = open && stop > 0 && (word > room + measure.em || (stop === 1 && word > room - grid.tolerance)) && widthOf(current!) + stop <= width;
    if (!atMargin && !stop) {
      out.push(null); // a centred title, a signature: no typed table line
      current = null;
    } else if (current && (wrapped || tabMoved)) {
      current.tokens.push(...lineTokens(linePieces, grid, tabMoved ? stop : 0, tabMoved));
      current.end = i + 1;
    } else {
      current = readLine(i, blank, linePieces, grid);
      out.push(current);
    }
    lastPiece = linePieces[linePieces.length - 1];
  });
  return out;
}

/** A line breaks before a CJK character or a whole run of digits and letters: the width that did not fit. */
function firstUnitWidth(piece: Piece, em: number): number {
  // OCR may read an ASCII bracket or sign as its full-width form ('=（0.95+0.9）/2*5'): the printed run is half-width.
  const run = /^[!-~]+/.exec(piece.words[0].text.normalize('NFKC'))?.[0];
  return run ? run.length * HALF_WIDTH_EM * em : em;
}

const nextStop = (grid: StopGrid, x: number) => grid.origin + (Math.floor((x - grid.origin) / grid.step) + 1) * grid.step;

/** An OCR line read as the start of a typed line. */
function readLine(i: number, afterBlank: boolean, pieces: Piece[], grid: StopGrid): TypedLine {
  return { start: i, end: i + 1, tokens: lineTokens(pieces, grid, stopAt(grid, pieces[0].x0)), afterBlank };
}

/**
 * What stands between two pieces: a gap not ending on a stop is a word space; one ending on a stop is
 * a tab, unless it is no wider than the autospace between a CJK character and a digit or letter
 * ('possible': about as wide as a tab that ended just after its text, and a quarter of such gaps land
 * near some stop).
 */
type Gap = 'tab' | 'possible' | 'space';

function gapKind(prev: Piece, next: Piece, grid: StopGrid): Gap {
  if (!stopAt(grid, next.x0)) return 'space';
  if (next.hidden) return 'tab';
  if (next.gap < GAP_EM * grid.em) return 'possible'; // a word space that landed on a stop, or a narrow tab
  const before = lastText(prev);
  const after = next.words[0].text[0] ?? '';
  // Word spaces typed in the text (between figures and signs, after "。") are about as wide.
  const spaced = HALF_WIDTH.test(before[before.length - 1] ?? '') || HALF_WIDTH.test(after) || /[。；，：]$/.test(before);
  return spaced && next.gap < AUTOSPACE_EM * grid.em ? 'possible' : 'tab';
}

const lastText = (piece: Piece) => piece.words[piece.words.length - 1].text;
const HALF_WIDTH = /[!-~]/;
/** A figure, plain or with grouping commas ('1,897.46'; OCR reads a point before a figure glued on as one: '11,595.83%'). */
const FIGURE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;

/**
 * An OCR line's pieces as tokens; `lead`: the tabs before its first piece (the pen at the margin).
 * A possible tab is taken when it sets off a lone figure (a weight or score between tabs, a score
 * ending the line): in running text, the figure an autospace sets off runs on into the words after it.
 */
function lineTokens(pieces: Piece[], grid: StopGrid, lead: number, startsCell = true): Token[] {
  const gaps: Gap[] = pieces.map((piece, p) => (p === 0 ? 'tab' : gapKind(pieces[p - 1], piece, grid)));
  const text = (from: number, to: number) => pieces.slice(from, to).map((pc) => pc.words.map((w) => w.text).join('')).join('');
  const nextBoundary = (p: number) => {
    let q = p + 1;
    while (q < pieces.length && gaps[q] === 'space') q++;
    return q;
  };
  // A lone figure stands between the possible tab and a certain one (or the line's end): two
  // autospaces that both landed near stops around a figure in running text do not make it a cell.
  // A wrapped line's first piece carries on a cell: what stands before it is not all of the cell.
  let cellStart = startsCell ? 0 : -1;
  const loneBefore = (p: number) => cellStart >= 0 && gaps[cellStart] === 'tab' && FIGURE.test(text(cellStart, p));
  const loneAfter = (p: number) => {
    const q = nextBoundary(p);
    return (q === pieces.length || gaps[q] === 'tab') && FIGURE.test(text(p, q));
  };
  for (let p = 1; p < pieces.length; p++) {
    if (gaps[p] === 'possible' && !loneBefore(p) && !loneAfter(p)) gaps[p] = 'space';
    if (gaps[p] !== 'space') cellStart = p;
  }
  const loneFigure = (p: number) => gaps[p] !== 'space' && FIGURE.test(text(p, nextBoundary(p)));
  return pieces.map((piece, p) => ({
    words: piece.words,
    tabs: p === 0 ? lead : gaps[p] === 'space' ? 0 : tabsTo(grid, pieces[p - 1].x1, stopAt(grid, piece.x0)),
    newLine: p === 0,
    gap: piece.gap,
    // A figure cell (a weight, a score) between tabs is what the table is for: its tab goes last when a row is fitted.
    figure: piece.hidden || loneFigure(p),
    possible: p > 0 && (gaps[p] === 'possible' || !!piece.trailing),
  }));
}

/**
 * A row wider than the table: some gap inside a line that landed on a stop was a word space (after
 * "。", around "%"). The narrowest such gaps before words are read as spaces until the row fits.
 */
function fitRow(line: TypedLine, width: number): TypedLine {
  const tokens = line.tokens.map((t) => ({ ...t }));
  const fitted = { ...line, tokens };
  while (widthOf(fitted) > width) {
    const candidates = tokens.filter((t) => !t.newLine && t.tabs > 0);
    if (!candidates.length) break;
    const words = candidates.filter((t) => !t.figure);
    // A row that only fits by running figure cells together was misread: left too wide, the table stays text.
    if (!words.length) break;
    const narrowest = words.reduce((a, b) => (b.gap < a.gap ? b : a));
    narrowest.tabs = 0;
  }
  return fitted;
}

// ---------- tables ----------

/**
 * Where no cell runs over its stop, every cell of a column starts on that column's stop, as in the
 * header. A row of one OCR line with a cell on a stop where a header cell starts, read into another
 * column than that header cell's, was misread (a tab the scan does not show, or a space taken for
 * one): the columns cannot be trusted, and the lines stay text. Only cells no earlier cell of their
 * line ran over a stop before are compared: after a cell wider than a step ('评价指标', '预算编制情况')
 * the tab lands a stop further on, so the same stop holds the next column in one line and a later one
 * in another.
 */
function headerColumnsHold(lines: TypedLine[], rows: OcrWord[][][][], grid: StopGrid): boolean {
  const columnsAt = new Map<number, Set<number>>();
  lines.forEach((line, r) => {
    if (!isHeader(line)) return;
    for (const { c, k } of cellsOnUnshiftedStops(rows[r], grid)) columnsAt.set(k, (columnsAt.get(k) ?? new Set()).add(c));
  });
  return lines.every((line, r) => {
    if (isHeader(line) || line.end - line.start > 1) return true;
    return cellsOnUnshiftedStops(rows[r], grid).every(({ c, k }) => !columnsAt.has(k) || columnsAt.get(k)!.has(c));
  });
}

/** A one-line row's filled cells (column, stop) up to the first cell that follows one ending past the stop after its start. */
function cellsOnUnshiftedStops(cells: OcrWord[][][], grid: StopGrid): Array<{ c: number; k: number }> {
  const out: Array<{ c: number; k: number }> = [];
  for (const [c, cell] of cells.entries()) {
    const words = cell.flat();
    if (!words.length) continue;
    out.push({ c, k: stopAt(grid, words[0].bbox.x0) });
    const end = wordEnd(words[words.length - 1], grid.em);
    if (end > nextStop(grid, words[0].bbox.x0) + grid.tolerance) break;
  }
  return out;
}

/**
 * Every column that holds something is named by some header line ('评价指标' leaves columns 1–5
 * empty, the 名称/分值 line under it names them). A column no header line names came from a header
 * read with one tab too many (a word's end measured short of the stop it ran past): the rows' figures
 * under it are a column off. A column empty in every row is only where a wide first cell's tabs
 * passed a stop ('项目资金（万元）' tab tab '年初预算数').
 */
function everyColumnNamed(lines: TypedLine[], rows: OcrWord[][][][]): boolean {
  const headers = rows.filter((_, r) => isHeader(lines[r]));
  const body = rows.filter((_, r) => !isHeader(lines[r]));
  const width = Math.max(...rows.map((cells) => cells.length));
  const has = (cells: OcrWord[][][], c: number) => (cells[c]?.length ?? 0) > 0;
  return Array.from({ length: width }, (_, c) => !body.some((cells) => has(cells, c)) || headers.some((cells) => has(cells, c))).every(Boolean);
}

/**
 * A tab that advanced the pen by a hair leaves no gap in the scan: the row then comes back a cell
 * short, its last figure (the score) one column early. When most rows that end with a figure cell
 * end in the last column, a shorter row ending with one gets it there too; the missing cells are
 * put right before it (its text cells may hold two cells' text, so none of them is read as the one
 * next to the figure).
 */
function withTrailingFiguresAligned(lines: TypedLine[], width: number): OcrWord[][][][] {
  const endsWithFigure = (line: TypedLine) => {
    const last = line.tokens[line.tokens.length - 1];
    return !isHeader(line) && last.figure && last.tabs > 0;
  };
  const rows = lines.map(cellsOf);
  const ending = lines.flatMap((line, r) => (endsWithFigure(line) ? [rows[r].length] : []));
  const atWidth = ending.filter((n) => n === width).length;
  if (atWidth < 2 || [...new Set(ending)].some((n) => n !== width && ending.filter((m) => m === n).length > atWidth)) return rows;
  return rows.map((cells, r) => {
    if (!endsWithFigure(lines[r]) || cells.length >= width) return cells;
    return [...cells.slice(0, -1), ...Array.from({ length: width - cells.length }, (): OcrWord[][] => []), cells[cells.length - 1]];
  });
}

const textOf = (cell: OcrWord[][]) => cell.flat().map((w) => w.text).join('');

/** A header: one OCR line of three or more cells, words only. */
function isHeader(line: TypedLine): boolean {
  const texts = cellsOf(line).map(textOf).filter((t) => t !== '');
  return line.end - line.start === 1 && tabsOf(line) >= 2 && texts.length >= MIN_HEADER_CELLS && texts.every((t) => !DIGIT.test(t));
}

/**
 * The table around the header at `at`: the header lines decide the width (the widest of them); the
 * rows run down until a line that is no typed line, a typed line without tabs, or a blank line not
 * followed by a header (a header repeated on the page is part of the table), and up through the rows
 * a page starts with before its header. Every row must fit the width, and some must hold a figure;
 * otherwise the lines stay text.
 */
function tableAt(typed: Array<TypedLine | null>, at: number, grid: StopGrid): { table: TypedTable; next: number } | null {
  const isRow = (t: TypedLine | null): t is TypedLine => t !== null && (tabsOf(t) > 0 || isHeader(t));
  let end = at + 1;
  while (end < typed.length && isRow(typed[end]) && (!typed[end]!.afterBlank || isHeader(typed[end]!))) end++;
  let start = at;
  while (start > 0 && isRow(typed[start - 1]) && (!typed[start]!.afterBlank || isHeader(typed[start]!))) start--;
  // The band's first line at the margin, right above the rows, is the rest of a row of the page before
  // (its cells' columns are unknown): it is part of the table, so the table joins the page before's,
  // and its cells are kept apart, in order, for the join to put back into the row the break cut. A
  // header repeated after a blank line may stand between them when the rest wraps over several lines
  // (a one-line caption above a table is no rest).
  const restBeforeHeader = !!typed[1] && isHeader(typed[1]) && !!typed[0] && typed[0].end - typed[0].start > 1;
  if (start === 1 && typed[0] && (!typed[1]!.afterBlank || restBeforeHeader) && typed[0].tokens[0].tabs === 0) start = 0;
  const unplaced = start === 0 && start < at && typed[0]!.tokens[0].tabs === 0;
  const lines = typed.slice(start, end) as TypedLine[];
  const width = Math.max(...lines.filter(isHeader).map(widthOf));
  const rows = withTrailingFiguresAligned(
    lines.map((line) => fitRow(line, width)),
    width,
  );
  if (unplaced) rows[0] = [];
  if (width < MIN_HEADER_CELLS || rows.some((cells) => cells.length > width)) return null;
  if (!headerColumnsHold(lines, rows, grid) || !everyColumnNamed(lines, rows)) return null;
  const body = rows.filter((_, r) => !isHeader(lines[r]));
  if (body.length < MIN_BODY_ROWS || !body.some((cells) => cells.some((c) => DIGIT.test(textOf(c))))) return null;
  const table: TypedTable = {
    start: lines[0].start,
    end: lines[lines.length - 1].end,
    rows: rows.map((cells) => Array.from({ length: width }, (_, c) => cells[c] ?? [])),
    ...(unplaced ? { rest: cellsOf(lines[0]), restEnd: lines[0].end } : {}),
  };
  return { table, next: end };
}
