// Tables typed with tabs and printed as running text: a text file or a Word document whose rows are
// tab-separated lines, saved as PDF. There is no grid and the rows wrap, so neither ruled nor
// aligned table finding sees them; but every tab leaves a mark: the text after it starts exactly on
// one of the document's default tab stops (left margin + k × step, 1.25 cm in LibreOffice, 0.5 in or
// two characters in Word). When a document's wide gaps end on such a regular grid of stops, each
// paragraph is read back into its tab-separated cells, and runs of tabbed paragraphs become tables
// whose rows are whole rows (the same rows the text file has).
import type { PageLayout } from './page.ts';
import type { TextColumn } from './paragraphs.ts';
import type { BBox, PageCell, PageTable } from './tables.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';
import { firstUnit, HALF_WIDTH_EM, lineBottom, lineTop, normalizeSpacing, textWidth, wrapsInto, type TextLine, type TextRun } from './text.ts';
import { onGrid, refineStep } from '../tab-grid.ts';

export interface TabStops {
  origin: number;
  step: number;
  /** The last stop left of the text column's right edge: a tab after it cannot fit on the line. */
  lastStop: number;
  /** The producer's spaces between a CJK character and a letter or digit (points; one per font and size). */
  autospaces: number[];
  /** The document's width of a digit, letter or sign (ems), measured on its runs of them. */
  asciiEm: number;
  /** How far (ems) a cut piece's estimated start may be from the stop it is put on: glyph widths are guessed. */
  snap: number;
}

/** How close (points) text must start to a stop to have been put there by a tab. */
const ON_STOP = 0.45;
/** A gap this wide (ems) is never a word space or autospace. */
const WIDE_GAP = 0.6;
const MIN_STEP = 14;
const MAX_STEP = 80;
/**
 * Evidence a document is tab-laid: gaps ending on stops, on at least this many distinct stops, several
 * of them reached more than once (a short document may hold one small table: 12 gaps on 7 stops).
 */
const MIN_TAB_GAPS = 12;
const MIN_DISTINCT_STOPS = 5;
const MIN_REPEATED_STOPS = 3;
/** Other wide gaps (centred titles, aligned signatures, a cover page) may be left over. */
const MIN_SHARE_ON_STOPS = 0.5;

const ASCII_WORD = /[0-9A-Za-z%.]/;

/** Where text resumes after a wide gap inside a line, relative to the left margin. */
function resumePositions(lines: readonly TextLine[], left: number): number[] {
  const out: number[] = [];
  for (const line of lines) {
    const runs = sortedRuns(line);
    for (let i = 1; i < runs.length; i++) {
      const gap = runs[i].x0 - runs[i - 1].x1;
      if (gap > WIDE_GAP * Math.min(runs[i].size, runs[i - 1].size)) out.push(runs[i].x0 - left);
    }
  }
  return out.filter((p) => p > MIN_STEP - 1);
}

/** The regular grid of stops that most wide gaps end on, or null when the gaps follow no grid. */
export function inferTabStops(lines: readonly TextLine[], col: TextColumn): TabStops | null {
  const origin = marginOf(lines, col);
  const positions = resumePositions(lines, origin);
  if (positions.length < MIN_TAB_GAPS) return null;
  const fits = candidateSteps(positions).map((guess) => {
    // A guess from one position is rough; fit it to the positions near its grid, then count exactly.
    const step = refineStep(positions.filter((p) => onGrid(p, guess, 3 * ON_STOP)), guess);
    return { step, hits: positions.filter((p) => onGrid(p, step, ON_STOP)) };
  });
  // Half the step explains everything the step does: keep the widest grid that explains nearly as much.
  const most = Math.max(0, ...fits.map((f) => f.hits.length));
  const best = fits.filter((f) => f.hits.length >= 0.95 * most).sort((a, b) => b.step - a.step)[0];
  if (!best || best.hits.length < MIN_TAB_GAPS || best.hits.length < MIN_SHARE_ON_STOPS * positions.length) return null;
  const multiples = new Map<number, number>();
  for (const p of best.hits) multiples.set(Math.round(p / best.step), (multiples.get(Math.round(p / best.step)) ?? 0) + 1);
  if (multiples.size < MIN_DISTINCT_STOPS || [...multiples.values()].filter((n) => n >= 2).length < MIN_REPEATED_STOPS) return null;
  const lastStop = origin + Math.floor((col.right - origin) / best.step) * best.step;
  const grid = { origin, step: best.step, lastStop, autospaces: [], ...asciiWidthOf(lines) };
  return { ...grid, autospaces: autospacesOf(lines, grid) };
}

/**
 * Small gaps between a CJK character and a letter or digit that recur away from the stops: the
 * producer's autospace (a tab's gap recurs too, when names of one length end before the same stop).
 */
function autospacesOf(lines: readonly TextLine[], stops: TabStops): number[] {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const runs = sortedRuns(line);
    for (let i = 1; i < runs.length; i++) {
      const gap = runs[i].x0 - runs[i - 1].x1;
      if (!isAutospacedPair(runs[i - 1], runs[i]) || startsOnStop(stops, runs[i].x0)) continue;
      if (gap < 0.05 * runs[i].size || gap > AUTOSPACE_MAX * runs[i].size) continue;
      const key = Math.round(gap * 10) / 10;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].filter(([, n]) => n >= 5).map(([gap]) => gap);
}

/**
 * The median width (ems) of a character in runs of digits, letters and signs: half-width glyphs are
 * 0.5 to 0.6 em depending on the font, and where a run joined across a tab is cut, that difference
 * decides whether its second piece could start on a stop. Where the widths vary little (a
 * monospaced half-width font), a piece's start is known closely and is put on a stop only when near it.
 */
function asciiWidthOf(lines: readonly TextLine[]): { asciiEm: number; snap: number } {
  const ratios = lines
    .flatMap((line) => line.runs)
    .filter((run) => /^[0-9A-Za-z.,%]{3,}$/.test(run.text))
    .map((run) => (run.x1 - run.x0) / (run.text.length * run.size))
    .sort((a, b) => a - b);
  if (ratios.length < MIN_TAB_GAPS) return { asciiEm: HALF_WIDTH_EM, snap: MAX_SNAP };
  const quantile = (q: number) => ratios[Math.floor(q * (ratios.length - 1))];
  const spread = quantile(0.9) - quantile(0.1);
  return { asciiEm: quantile(0.5), snap: Math.min(MAX_SNAP, MIN_SNAP + SNAP_PER_SPREAD * spread) };
}

const MAX_SNAP = 0.6;
const MIN_SNAP = 0.15;
/** A piece of up to ten characters: its start is off by at most ten times the spread of a character's width. */
const SNAP_PER_SPREAD = 10;

/** Autospace is a quarter to over half an em, depending on the font. */
const AUTOSPACE_MAX = 0.75;
/** A gap on a stop wider than this (ems) is a tab for certain: wider than any autospace or word space. */
const CERTAIN_TAB = 0.8;

function isAutospacedPair(prev: TextRun, next: TextRun): boolean {
  return ASCII_WORD.test(prev.text.slice(-1)) !== ASCII_WORD.test(next.text[0] ?? '');
}

/** The exact left margin (the column's is rounded): the most common start of lines near it. */
function marginOf(lines: readonly TextLine[], col: TextColumn): number {
  const counts = new Map<number, number>();
  for (const l of lines) if (Math.abs(l.x0 - col.left) < 1) counts.set(Math.round(l.x0 * 10) / 10, (counts.get(Math.round(l.x0 * 10) / 10) ?? 0) + 1);
  let best = col.left;
  let most = 0;
  for (const [x, n] of counts) if (n > most) [best, most] = [x, n];
  return best;
}

/** Steps that put some resume position exactly on a stop: the positions themselves and their fractions. */
function candidateSteps(positions: number[]): number[] {
  const distinct = [...new Set(positions.map((p) => Math.round(p * 4) / 4))].sort((a, b) => a - b).slice(0, 8);
  const steps = new Set<number>();
  for (const p of distinct) for (let k = 1; k <= 6; k++) if (p / k >= MIN_STEP && p / k <= MAX_STEP) steps.add(p / k);
  return [...steps];
}

// ---------- reading one paragraph back into cells ----------

interface CellDraft {
  text: string;
  runs: TextRun[];
}

/**
 * What stands between two runs of a typed line: tabs (how many), a narrow gap on a stop that is
 * probably a tab but may be a word space ('weak'), an autospace-wide gap on a stop that is probably
 * autospace but may be a tab ('possible'), or nothing.
 */
type Boundary = { kind: 'tabs'; n: number } | { kind: 'weak' } | { kind: 'possible'; touching?: boolean } | { kind: 'none'; spaced: boolean; wrapped?: boolean };

interface Token {
  run: TextRun;
  before: Boundary;
}

export interface TabbedRow {
  cells: CellDraft[];
  lines: TextLine[];
  tabs: number;
  tokens: Token[];
  /** The uncertain boundaries taken as tabs ('weak' ones, by default) and those not ('possible' ones). */
  taken: Set<number>;
}

const sortedRuns = (line: TextLine) => [...line.runs].sort((a, b) => a.x0 - b.x0);

/** Stops in (from, to]: how many tabs carried the pen from `from` to text starting at `to`. */
function tabsBetween(stops: TabStops, from: number, to: number): number {
  const first = Math.floor((from + 0.05 - stops.origin) / stops.step) + 1;
  const last = Math.round((to - stops.origin) / stops.step);
  return Math.max(0, last - first + 1);
}

function startsOnStop(stops: TabStops, x: number): boolean {
  const k = Math.round((x - stops.origin) / stops.step);
  return k >= 1 && Math.abs(x - stops.origin - k * stops.step) <= ON_STOP;
}

/**
 * A gap is a tab when the text after it starts on a stop. A wide gap is certain; a narrow one may be
 * a word space that landed there ('weak'); one as wide as the producer's autospace between a CJK
 * character and a digit is taken for autospace unless the table needs another cell ('possible'); no gap
 * at all, only for a row's trailing score ('possible', touching).
 */
function boundaryBetween(stops: TabStops, prev: SplitRun, next: SplitRun): Boundary {
  const gap = next.x0 - prev.x1;
  const em = Math.min(prev.size, next.size);
  const spaced = gap > 0.25 * next.size;
  if (!startsOnStop(stops, next.x0) || gap < -0.05 * em) return { kind: 'none', spaced };
  if (next.hidden) return { kind: 'weak' };
  // Text that ended just short of a stop leaves almost no gap before a tab's text ("分。" tab "3").
  if (gap < 0.05 * em) return next.estimated ? { kind: 'none', spaced } : { kind: 'possible', touching: true };
  const n = tabsBetween(stops, prev.x1, next.x0);
  if (next.estimated) return n === 1 ? { kind: 'weak' } : { kind: 'none', spaced };
  if (gap > CERTAIN_TAB * em || n > 1) return { kind: 'tabs', n };
  if (isAutospacedPair(prev, next) && stops.autospaces.some((a) => Math.abs(gap - a) <= ON_STOP)) return { kind: 'possible' };
  return { kind: 'weak' };
}

/** A piece of a run cut by position estimates (where it starts is a guess) or where a hidden tab advance ends. */
type SplitRun = TextRun & { estimated?: boolean; hidden?: boolean };

/**
 * pdf.js joins text across a narrow tab into one item with a space ("91.16 91.16%"). Such a run is cut
 * at its spaces; each piece's width is estimated and the rest of the run's width shared among the
 * gaps, and a piece that then starts near a stop is put on it.
 */
function splitAtSpaces(run: TextRun, stops: TabStops): SplitRun[] {
  const pieces = run.text.split(/\s+/).filter((p) => p !== '');
  if (pieces.length < 2) return [run];
  const widths = pieces.map((p) => textWidth(p, run.size, stops.asciiEm));
  const gap = Math.max(0, (run.x1 - run.x0 - widths.reduce((a, b) => a + b, 0)) / (pieces.length - 1));
  const out: SplitRun[] = [];
  let x = run.x0;
  pieces.forEach((text, i) => {
    let x0 = i === 0 ? run.x0 : x;
    const stop = nearestStop(stops, x0);
    if (i > 0 && gap >= 0.5 * run.size && Math.abs(stop - x0) <= stops.snap * run.size) x0 = stop;
    const x1 = i === pieces.length - 1 ? run.x1 : x0 + widths[i];
    out.push(i === 0 ? { ...run, text, x0, x1 } : { ...run, text, x0, x1, estimated: true });
    x = x1 + gap;
  });
  return out;
}

/** Every character's width is known: full-width ones are an em; half-width ones when the document's measure is tight. */
function widthsKnown(text: string, stops: TabStops): boolean {
  const halfWidthKnown = stops.snap <= MIN_SNAP + 0.05;
  return [...text].every((ch) => FULL_WIDTH.test(ch) || (halfWidthKnown && HALF_WIDTH.test(ch)));
}

/**
 * pdf.js also joins text across a tab that advanced the pen by less than a point ("表。结" for
 * "表。" tab "结", ")1." for ")" tab "1."). In a run of full-width characters every glyph is one em
 * wide, and in a document whose half-width glyphs all measure the same so is each of those: a run
 * wider than its characters hides such an advance; it is cut where the character after it lands on a stop.
 */
function splitHiddenAdvance(run: TextRun, stops: TabStops): SplitRun[] {
  const chars = [...run.text];
  const fullWidth = chars.every((ch) => FULL_WIDTH.test(ch));
  // Half-width widths are measured, not exact: only a short run is cut, and only on a stop met closely.
  if (chars.length < 2 || !(fullWidth || (chars.length <= MAX_HIDDEN_HALF_WIDTH && widthsKnown(run.text, stops)))) return [run];
  const onStop = (x: number) => (fullWidth ? startsOnStop(stops, x) : Math.abs(x - nearestStop(stops, x)) <= CLOSE_ON_STOP);
  const charWidth = (ch: string) => (FULL_WIDTH.test(ch) ? 1 : stops.asciiEm) * run.size;
  const excess = run.x1 - run.x0 - chars.reduce((w, ch) => w + charWidth(ch), 0);
  if (excess < 0.2 || excess > WIDE_GAP * run.size) return [run];
  let x = run.x0;
  for (let k = 1; k < chars.length; k++) {
    x += charWidth(chars[k - 1]);
    if (!onStop(x + excess)) continue;
    return [
      { ...run, text: chars.slice(0, k).join(''), x1: x },
      { ...run, text: chars.slice(k).join(''), x0: x + excess, hidden: true },
    ];
  }
  return [run];
}

const HALF_WIDTH = /[!-~]/;
const MAX_HIDDEN_HALF_WIDTH = 8;
const CLOSE_ON_STOP = 0.2;
const FULL_WIDTH = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]/;

function nearestStop(stops: TabStops, x: number): number {
  return stops.origin + Math.max(1, Math.round((x - stops.origin) / stops.step)) * stops.step;
}

/** Reads a typed line's runs and what stands between them. */
function tokensOf(lines: TextLine[], stops: TabStops): Token[] {
  const tokens: Token[] = [];
  lines.forEach((line, i) => {
    const runs = sortedRuns(line).flatMap((run) => splitAtSpaces(run, stops)).flatMap((run) => splitHiddenAdvance(run, stops));
    const lead = startsOnStop(stops, runs[0].x0) ? tabsBetween(stops, stops.origin, runs[0].x0) : 0;
    tokens.push({ run: runs[0], before: lead > 0 ? { kind: 'tabs', n: lead } : { kind: 'none', spaced: false, wrapped: i > 0 } });
    for (let k = 1; k < runs.length; k++) tokens.push({ run: runs[k], before: boundaryBetween(stops, runs[k - 1], runs[k]) });
  });
  return tokens;
}

/** Cells from tokens, with the uncertain boundaries in `taken` counted as tabs. */
function cellsOf(tokens: Token[], taken: Set<number>): { cells: CellDraft[]; tabs: number } {
  const cells: CellDraft[] = [{ text: '', runs: [] }];
  let tabs = 0;
  tokens.forEach(({ run, before }, i) => {
    const n = before.kind === 'tabs' ? before.n : taken.has(i) ? 1 : 0;
    for (let k = 0; k < n; k++) cells.push({ text: '', runs: [] });
    tabs += n;
    const cell = cells[cells.length - 1];
    if (n === 0 && cell.text !== '') cell.text += joiner(cell.text, run.text, before);
    cell.text += run.text;
    cell.runs.push(run);
  });
  for (const cell of cells) cell.text = normalizeSpacing(cell.text);
  return { cells, tabs };
}

function joiner(before: string, next: string, boundary: Boundary): string {
  if (boundary.kind === 'none' && boundary.wrapped) return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(next) ? ' ' : '';
  return boundary.kind === 'none' && !boundary.spaced ? '' : ' ';
}

function rowFrom(lines: TextLine[], tokens: Token[], taken: Set<number>): TabbedRow {
  return { ...cellsOf(tokens, taken), lines, tokens, taken };
}

/** Reads a typed line back into its tab-separated cells (weak boundaries taken as tabs). */
export function readTabbedRow(lines: TextLine[], stops: TabStops): TabbedRow {
  const tokens = tokensOf(lines, stops);
  const taken = new Set(tokens.flatMap((t, i) => (t.before.kind === 'weak' ? [i] : [])));
  return rowFrom(lines, tokens, taken);
}

/**
 * Fits a row to its table's cell count. Too many cells: some weak boundary was a word space; those
 * inside running text (long text on both sides) are undone first. Too few in a row that ends with a
 * number (a complete row): some autospace-wide gap was a tab; those beside the shortest text first.
 */
export function fitRow(row: TabbedRow, width: number): TabbedRow {
  let current = splitTrailingNumber(row);
  while (current.cells.length > width) {
    const weak = [...current.taken].filter((i) => current.tokens[i].before.kind === 'weak');
    if (!weak.length) break;
    const undo = weak.reduce((best, i) => (shorterSide(current, i) > shorterSide(current, best) ? i : best));
    current = rowFrom(current.lines, current.tokens, new Set([...current.taken].filter((i) => i !== undo)));
  }
  while (current.cells.length < width && endsWithNumber(current)) {
    const possible = current.tokens.flatMap((t, i) => (t.before.kind === 'possible' && !t.before.touching && !current.taken.has(i) ? [i] : []));
    if (!possible.length) break;
    const take = possible.reduce((best, i) => (shorterSide(current, i) < shorterSide(current, best) ? i : best));
    current = rowFrom(current.lines, current.tokens, new Set([...current.taken, take]));
  }
  return current;
}

/** Length of the shorter text beside boundary `i`, up to the nearest boundaries taken on either side. */
function shorterSide(row: TabbedRow, i: number): number {
  const isCut = (k: number) => row.tokens[k].before.kind === 'tabs' || (k !== i && row.taken.has(k));
  let from = i - 1;
  while (from > 0 && !isCut(from)) from--;
  let to = i + 1;
  while (to < row.tokens.length && !isCut(to)) to++;
  const text = (a: number, b: number) => row.tokens.slice(a, b).map((t) => t.run.text).join('');
  return Math.min([...text(Math.max(0, from), i)].length, [...text(i, to)].length);
}

/**
 * A row's last word a bare number after an autospace-wide gap on a stop ("…本项得分3分。 3"): the score
 * cell, tabbed just past the end of the text before it.
 */
function splitTrailingNumber(row: TabbedRow): TabbedRow {
  const last = row.tokens.length - 1;
  if (last < 1 || row.tokens[last].before.kind !== 'possible' || row.taken.has(last)) return row;
  if (parseNumericCell(row.tokens[last].run.text) === null || endsWithNumber(row)) return row;
  return rowFrom(row.lines, row.tokens, new Set([...row.taken, last]));
}

function endsWithNumber(row: TabbedRow): boolean {
  const last = row.cells[row.cells.length - 1]?.text ?? '';
  return row.cells.length > 1 && parseNumericCell(last) !== null;
}

// ---------- typed lines of a tab-laid document ----------

type Join = 'yes' | 'no' | 'maybe';

/**
 * Whether `line` carries on the typed line `prev` ends. A line starting on a stop continues it when
 * the tab and the word after it could not fit after `prev` (the producer moved both to the next
 * line); a line at the margin continues it when `prev` is full (wrapped). Either may also be the
 * next typed line: when the line brings tabs of its own, the table's cell count decides ('maybe').
 */
export function continuesRow(prev: TextLine, line: TextLine, col: TextColumn, stops: TabStops): Join {
  if (Math.abs(prev.size - line.size) > 0.1 * col.bodySize) return 'no';
  const tabbed = () => readTabbedRow([line], stops).tabs > 0;
  if (line.x0 > col.left + 0.5) {
    if (!startsOnStop(stops, line.x0)) return 'no';
    const nextStop = stops.origin + (Math.floor((prev.x1 + 0.05 - stops.origin) / stops.step) + 1) * stops.step;
    return wrapsInto(nextStop, line.text, line.size, col.right, firstUnitWidth(line, stops)) ? 'maybe' : 'no';
  }
  if (!wrapsInto(prev.x1, line.text, line.size, col.right, firstUnitWidth(line, stops))) return 'no';
  return tabbed() ? 'maybe' : 'yes';
}

const firstUnitWidth = (line: TextLine, stops: TabStops) => textWidth(firstUnit(line.text), line.size, stops.asciiEm);

function isBlankLineBetween(prev: TextLine, line: TextLine, col: TextColumn): boolean {
  return prev.y - line.y > 1.3 * Math.max(col.pitch, line.size);
}

/** Lines joined where the join is certain; `join` says how the piece relates to the piece before it. */
interface Piece {
  page: number;
  lines: TextLine[];
  join: Join;
  /** A blank line (a wider gap than the line pitch) stands between this piece and the one before. */
  afterBlank: boolean;
}

/** Pieces of the whole document in reading order; a page break is no blank line. */
function typedPieces(layouts: PageLayout[], col: TextColumn, stops: TabStops): Piece[] {
  const pieces: Piece[] = [];
  layouts.forEach((layout, p) => {
    layout.looseLines.forEach((line, i) => {
      const last = pieces[pieces.length - 1];
      const prev = last?.lines[last.lines.length - 1];
      const blank = i > 0 && !!prev && isBlankLineBetween(prev, line, col);
      const join = !prev || blank || (i === 0 && !pageBreakMayCut(layouts, p, last!, line)) ? 'no' : continuesRow(prev, line, col, stops);
      if (join === 'yes') last!.lines.push(line);
      else pieces.push({ page: layout.page, lines: [line], join, afterBlank: blank });
    });
  });
  return pieces;
}

/** A typed line may run over the page break when no ruled table stands between its parts. */
function pageBreakMayCut(layouts: PageLayout[], p: number, last: Piece, line: TextLine): boolean {
  if (p === 0 || last.page !== layouts[p - 1].page) return false;
  const lastLine = last.lines[last.lines.length - 1];
  return !layouts[p - 1].ruledTables.some((t) => t.bbox[3] < lastLine.y) && !layouts[p].ruledTables.some((t) => t.bbox[1] > line.y);
}

/**
 * How many cells the block's rows have: the most common count among rows that end with a number
 * (complete rows: a score, an amount; ties: the narrower), read with every uncertain join made, but
 * never more than its widest header row (cells without numbers) has: a word space taken for a tab
 * widens a data row, a header's short words leave no room for that. A block without complete rows
 * (long text last) takes its header's count, and one without a header (a list) the widest typed line as it stands.
 */
function blockWidth(block: Piece[], stops: TabStops): number {
  const joined = joinPieces(block, () => true).map((p) => readTabbedRow(p.lines, stops));
  const complete = joined.filter((r) => r.tabs > 0 && endsWithNumber(r));
  const header = headerWidth(block, stops);
  if (!complete.length) return header >= 3 ? header : Math.max(0, ...block.map((p) => readTabbedRow(p.lines, stops).cells.length));
  const counts = new Map<number, number>();
  for (const r of complete) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let best = 0;
  let most = 0;
  for (const [w, n] of counts) if (n > most || (n === most && w < best)) [best, most] = [w, n];
  return header >= 3 ? Math.min(best, header) : best;
}

/**
 * The cell count of the block's widest header row, its last words joined back where they were moved
 * to the next line with their tab ("…|评分标准" then "|评分说明"); a line at the margin is the next
 * header line, not a part of this one.
 */
function headerWidth(block: Piece[], stops: TabStops): number {
  return widestHeader(joinPieces(block, (_, lines) => lines[0].x0 > stops.origin + 0.5).map((p) => readTabbedRow(p.lines, stops)));
}

const widestHeader = (rows: TabbedRow[]) => Math.max(0, ...rows.filter(isHeaderRow).map((r) => r.cells.length));

function isHeaderRow(row: TabbedRow): boolean {
  const texts = row.cells.map((c) => c.text).filter((t) => t !== '');
  return row.tabs > 0 && texts.length >= 3 && texts.every((t) => !/\d/.test(t));
}

/**
 * Typed lines of one block (between blank lines), read at the cell count that makes the most
 * consistent table. The default count ({@link blockWidth}) can be wrong where most rows hide a tab in
 * an autospace-wide gap ("效率性 11"), or where rows end with long text and the header wrapped: the
 * header's count is then read too, and kept when it reads as well ({@link readsAsWell}).
 */
function resolveBlock(block: Piece[], stops: TabStops): Array<{ page: number; row: TabbedRow }> {
  const width = blockWidth(block, stops);
  const reading = resolveAtWidth(block, stops, width);
  // The header as this reading joins it, as joined where a tab moved its last words to the next line,
  // and as every uncertain join makes it. A header whose last word wrapped to the margin ("…|评分"
  // then "说明|得分") joins like the next header line would ("一级指标||二级指标"): that count is only
  // believed when some row, as read, reaches it.
  const widestRow = Math.max(0, ...reading.map(({ row }) => readTabbedRow(row.lines, stops).cells.length));
  const allJoined = widestHeader(joinPieces(block, () => true).map((p) => readTabbedRow(p.lines, stops)));
  const headers = [widestHeader(reading.map(({ row }) => row)), headerWidth(block, stops), allJoined <= widestRow ? allJoined : 0];
  let best = reading;
  for (const header of new Set(headers.filter((h) => h > width))) {
    const atHeader = resolveAtWidth(block, stops, header);
    if (readsAsWell(atHeader, best)) best = atHeader;
  }
  return best;
}

/**
 * Whether the reading at the header's count `a` is at least as table-like as `b`: as many figures
 * standing in columns of figures, and no more of the uncertain boundaries read against their default
 * (fitting rows down to a narrower count can always undo word-space-like tabs; that is no evidence).
 * On a tie the header's count is the evidence that remains.
 */
function readsAsWell(a: Array<{ row: TabbedRow }>, b: Array<{ row: TabbedRow }>): boolean {
  const [figuresA, figuresB] = [figuresInColumns(a), figuresInColumns(b)];
  if (figuresA !== figuresB) return figuresA > figuresB;
  return overrides(a) <= overrides(b);
}

/** Uncertain boundaries read against their default: weak ones not taken, possible ones taken. */
function overrides(rows: Array<{ row: TabbedRow }>): number {
  let n = 0;
  for (const { row } of rows) {
    row.tokens.forEach(({ before }, i) => {
      if (before.kind === 'weak' && !row.taken.has(i)) n++;
      if (before.kind === 'possible' && row.taken.has(i)) n++;
    });
  }
  return n;
}

/**
 * The block's rows at `width` cells: an uncertain join is made when the joined row still fits, or
 * when it only brings figures after a row that ends with one (a row of figures whose last ones no
 * longer fitted: "…|4,339.49|10" then "|91.20%|9.12"; a new row would bring its name). Every row is
 * then fitted to the count.
 */
function resolveAtWidth(block: Piece[], stops: TabStops, width: number): Array<{ page: number; row: TabbedRow }> {
  const fits = (lines: TextLine[]) => fitRow(readTabbedRow(lines, stops), width).cells.length <= width;
  const joinIf = (before: TextLine[], piece: TextLine[]) => fits([...before, ...piece]) || (onlyFigures(lastCell(readTabbedRow(before, stops))) && onlyFigures(readTabbedRow(piece, stops).cells));
  return joinPieces(block, joinIf).map(({ page, lines }) => ({ page, row: fitUnlessHeader(readTabbedRow(lines, stops), width) }));
}

/** A header's short words leave no room for a word space taken as a tab: a header wider than the rows below it is read as it stands. */
const fitUnlessHeader = (row: TabbedRow, width: number) => (isHeaderRow(row) ? row : fitRow(row, width));

/** Figures that parse and stand in a column holding more figures than words (below the header): how table-like a reading is. */
function figuresInColumns(rows: Array<{ row: TabbedRow }>): number {
  const figures = new Map<number, number>();
  const words = new Map<number, number>();
  const isFigure = (text: string) => parseNumericCell(text) !== null;
  for (const { row } of rows) {
    if (isHeaderRow(row)) continue;
    row.cells.forEach((cell, c) => {
      if (cell.text === '') return;
      const tally = isFigure(cell.text) ? figures : words;
      tally.set(c, (tally.get(c) ?? 0) + 1);
    });
  }
  let total = 0;
  for (const [c, n] of figures) if (n > (words.get(c) ?? 0)) total += n;
  return total;
}

/** Cells that hold figures only: numbers, percentages, or a dash for none. */
function onlyFigures(cells: CellDraft[]): boolean {
  const texts = cells.map((c) => c.text).filter((t) => t !== '');
  return texts.length > 0 && texts.every((t) => parseNumericCell(t) !== null || /^[—–-]+$/.test(t));
}

const lastCell = (row: TabbedRow) => (row.cells.length > 1 ? row.cells.slice(-1) : []);

function joinPieces(block: Piece[], joinIf: (before: TextLine[], piece: TextLine[]) => boolean): Array<{ page: number; lines: TextLine[] }> {
  const out: Array<{ page: number; lines: TextLine[] }> = [];
  for (const piece of block) {
    const last = out[out.length - 1];
    if (last && piece.join === 'maybe' && joinIf(last.lines, piece.lines)) last.lines = [...last.lines, ...piece.lines];
    else out.push({ page: piece.page, lines: [...piece.lines] });
  }
  return out;
}

// ---------- tables ----------

/** Tabbed rows in a row (no blank line between) are one table; a single row needs several tabs. */
const MIN_TABS_ALONE = 3;

interface TabbedTable {
  rows: TabbedRow[];
}

/** Groups a page's rows into tables of consecutive tabbed rows; the other typed lines stay text. */
function groupTabbedRows(rows: Array<{ row: TabbedRow; afterBlank: boolean }>): { tables: TabbedTable[]; text: TextLine[] } {
  const tables: TabbedTable[] = [];
  const text: TextLine[] = [];
  let run: TabbedRow[] = [];
  const flush = () => {
    if (run.length >= 2 || (run.length === 1 && run[0].tabs >= MIN_TABS_ALONE)) tables.push({ rows: run });
    else for (const row of run) text.push(...row.lines);
    run = [];
  };
  for (const { row, afterBlank } of rows) {
    if (afterBlank) flush();
    if (row.tabs > 0) run.push(row);
    else {
      flush();
      text.push(...row.lines);
    }
  }
  flush();
  return { tables, text: text.sort((a, b) => b.y - a.y) };
}

/** A tabbed table as a page table on the stop grid. */
function toPageTable(table: TabbedTable, page: number, nCols: number, stops: TabStops): PageTable {
  const xs = Array.from({ length: nCols + 1 }, (_, k) => stops.origin + k * stops.step);
  const rowBoxes = table.rows.map((row) => {
    const onPage = linesOnFirstPage(row.lines);
    return { top: Math.max(...onPage.map(lineTop)), bottom: Math.min(...onPage.map(lineBottom)) };
  });
  const ys = [rowBoxes[0].top, ...rowBoxes.map((b) => b.bottom)];
  const cells: PageCell[] = table.rows.flatMap((row, r) =>
    Array.from({ length: nCols }, (_, c): PageCell => {
      const draft = row.cells[c];
      const firstPageRuns = draft?.runs.filter((run) => run.y <= rowBoxes[r].top) ?? [];
      const bbox: BBox = firstPageRuns.length ? runsBBox(firstPageRuns) : [xs[c], ys[r + 1], xs[c + 1], ys[r]];
      return { row: r, col: c, rowSpan: 1, colSpan: 1, text: draft?.text ?? '', page, bbox, lastX1: bbox[2], lastSize: 0, right: bbox[2], firstUnitWidth: 0 };
    }),
  );
  return { page, xs, ys, nRows: table.rows.length, nCols, cells, bbox: [xs[0], ys[ys.length - 1], xs[xs.length - 1], ys[0]], tabbed: true };
}

/** A row carried over a page break holds lines of two pages: the next page's start higher up again. */
function linesOnFirstPage(lines: readonly TextLine[]): TextLine[] {
  const end = lines.findIndex((l, i) => i > 0 && l.y > lines[i - 1].y);
  return end < 0 ? [...lines] : lines.slice(0, end);
}

function runsBBox(runs: readonly TextRun[]): BBox {
  return [
    Math.min(...runs.map((r) => r.x0)),
    Math.min(...runs.map((r) => lineBottom(r))),
    Math.max(...runs.map((r) => r.x1)),
    Math.max(...runs.map((r) => lineTop(r))),
  ];
}

// ---------- the document pass ----------

/** The document's typed lines read back into rows, block by block, each with its page and whether a blank line precedes it. */
function tabbedRows(layouts: PageLayout[], col: TextColumn, stops: TabStops): Array<{ page: number; row: TabbedRow; afterBlank: boolean }> {
  const pieces = typedPieces(layouts, col, stops);
  const out: Array<{ page: number; row: TabbedRow; afterBlank: boolean }> = [];
  let block: Piece[] = [];
  const flush = () => {
    resolveBlock(block, stops).forEach((r, i) => out.push({ ...r, afterBlank: i === 0 && block[0].afterBlank }));
    block = [];
  };
  for (const piece of pieces) {
    if (block.length && piece.afterBlank) flush();
    block.push(piece);
  }
  if (block.length) flush();
  return out;
}

/**
 * Reads tab-laid text back into tables on every page whose text outside ruled tables follows the
 * document's tab stops. Replaces the aligned-column tables of those pages (a tab-laid document's
 * rows wrap, so column alignment reads them only in part). Returns whether the document was tab-laid.
 */
export function readTabLayout(layouts: PageLayout[], col: TextColumn): boolean {
  const stops = inferTabStops(
    layouts.flatMap((l) => l.looseLines),
    col,
  );
  if (!stops) return false;
  const rows = tabbedRows(layouts, col, stops);
  const perPage = layouts.map((layout) => groupTabbedRows(rows.filter((r) => r.page === layout.page)));
  layouts.forEach((layout, i) => {
    const tabbed = perPage[i].tables.map((t) => toPageTable(t, layout.page, Math.max(...t.rows.map((r) => r.cells.length)), stops));
    layout.tables = [...layout.ruledTables, ...tabbed].sort((a, b) => b.bbox[3] - a.bbox[3]);
    layout.lines = perPage[i].text;
  });
  return true;
}
