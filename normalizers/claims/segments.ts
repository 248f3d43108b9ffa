// Text as the claim extractors read it: narrative paragraphs re-joined where a page break cut a
// sentence in two ("新增规模以上工" / "业企业 56 家"), and table cells one by one. Every segment keeps a
// map from character offset back to the line it came from, so a claim found in a joined sentence
// still points at the right line.
import type { Loc, Report } from '../../model/index.ts';
import { cleanText } from '../../numbers/text.ts';

export interface Segment {
  /** Cleaned text (cleanText applied): ASCII digits and operators, no LaTeX or markdown debris. */
  text: string;
  loc: Loc;
  /** True for a single table cell. */
  cell: boolean;
  /** Offsets in `text` where each source item starts, with that item's loc (ascending). */
  starts: { offset: number; loc: Loc }[];
}

const SENTENCE_END = /[。！？；：:;!?）)”"」]\s*$/;
/** Headings are short; a line cut by a page break is a full line of text. */
const MIN_BROKEN_LINE = 24;
/** A paragraph that opens a new item: "一、", "（二）", "(3)", "2.", "任务 1：", "目标2：", "附件". */
const NEW_ITEM = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d)|任务\s*\d|目标\s*\d|项目\s*\d|附件|表\s*\d|注[：:])/;

/** The location of a character offset inside a segment. */
export function locAt(segment: Segment, offset: number): Loc {
  let loc = segment.loc;
  for (const start of segment.starts) {
    if (start.offset > offset) break;
    loc = start.loc;
  }
  return loc;
}

/** Narrative paragraphs, joined across page breaks. Table rows are left to tableCells(). */
export function paragraphs(text: Report['text']): Segment[] {
  const out: Segment[] = [];
  let current: Segment | null = null;
  let lastPiece = 0;
  let lastLoc: Loc | null = null;
  const edges = textEdges(text);
  const spacing = lineSpacing(text);
  for (const item of text) {
    if (item.loc.table != null) {
      current = null;
      continue;
    }
    const cleaned = cleanText(item.text).trim();
    if (cleaned === '') continue;
    const previous = lastLoc;
    lastLoc = item.loc;
    if (current && lastPiece >= MIN_BROKEN_LINE && !SENTENCE_END.test(current.text) && !NEW_ITEM.test(cleaned) && !endsShort(previous, edges) && !(item.scanned && setApart(previous, item.loc, spacing))) {
      current.starts.push({ offset: current.text.length, loc: item.loc });
      current.text += cleaned;
      lastPiece = cleaned.length;
      continue;
    }
    current = { text: cleaned, loc: item.loc, cell: false, starts: [{ offset: 0, loc: item.loc }] };
    lastPiece = cleaned.length;
    out.push(current);
  }
  return out;
}

/** A line this far (share of the text width) short of the right edge of the text was not cut by a break. */
const SHORT_LINE = 0.3;

type Edges = Map<number, { left: number; right: number }>;

/** Per page, the left and right edges of the narrative text (items with a bbox). */
function textEdges(text: Report['text']): Edges {
  const edges: Edges = new Map();
  for (const item of text) {
    const { page, bbox, table } = item.loc;
    if (page == null || !bbox || table != null || !item.text.trim()) continue;
    const e = edges.get(page);
    edges.set(page, e ? { left: Math.min(e.left, bbox[0]), right: Math.max(e.right, bbox[2]) } : { left: bbox[0], right: bbox[2] });
  }
  return edges;
}

/**
 * A text item one line high that stops well short of the text's right edge ends its paragraph, with
 * or without a full stop (OCR loses small marks: "…×100%=95.23%" then "年初基本支出预算…").
 */
function endsShort(loc: Loc | null, edges: Edges): boolean {
  const e = loc?.page != null ? edges.get(loc.page) : undefined;
  const bbox = loc?.bbox;
  if (!e || !bbox) return false;
  const width = e.right - e.left;
  const oneLine = bbox[3] - bbox[1] < 0.05 * width;
  return oneLine && bbox[2] < e.right - SHORT_LINE * width;
}

/** Per page, how high a line of narrative text is and the blank between two lines of one paragraph. */
type Spacing = Map<number, { line: number; leading: number }>;

/**
 * Line height: the median height of the page's one-line items (those within 1.5× the lowest). Leading:
 * the blank inside the lowest item of two lines or more, taken as two lines; when it holds three, the
 * leading comes out larger, which only joins more (the cautious side). Without a taller item, half a
 * line.
 */
function lineSpacing(text: Report['text']): Spacing {
  const heights = new Map<number, number[]>();
  for (const item of text) {
    const { page, bbox, table } = item.loc;
    if (page == null || !bbox || table != null || item.text.trim().length < 2) continue;
    heights.set(page, [...(heights.get(page) ?? []), Math.abs(bbox[3] - bbox[1])]);
  }
  const spacing: Spacing = new Map();
  for (const [page, hs] of heights) {
    const lowest = Math.min(...hs);
    const oneLine = hs.filter((h) => h <= 1.5 * lowest).sort((a, b) => a - b);
    const line = oneLine[Math.floor(oneLine.length / 2)];
    if (!(line > 0)) continue;
    const taller = hs.filter((h) => h >= 1.6 * line);
    const leading = taller.length ? Math.max(0, Math.min(...taller) - 2 * line) : 0.5 * line;
    spacing.set(page, { line, leading });
  }
  return spacing;
}

/**
 * (Scans only: a text PDF's paragraphs are its own, and a sentence a hard break cut in two, "新增规模以上工"
 * then "业企业 56 家", is joined whatever the blank.)
 * Two items of one page, one under the other in the same column, with a blank between them clearly
 * wider than the page's leading (half a line more): the layout set them apart as paragraphs, so they
 * are not joined even when OCR lost the full stop ("…预算执行率为89.06%" then "年初当年财政拨款预算…其中：…").
 * A line wrapped early (a long figure that did not fit) stays at the usual leading and is joined.
 */
function setApart(a: Loc | null, b: Loc, spacing: Spacing): boolean {
  if (!a?.bbox || !b.bbox || a.page == null || a.page !== b.page) return false;
  const s = spacing.get(a.page);
  if (!s) return false;
  const [ax0, ay0, ax1, ay1] = a.bbox;
  const [bx0, by0, bx1, by1] = b.bbox;
  const sameColumn = Math.min(ax1, bx1) - Math.max(ax0, bx0) > 0;
  const blank = Math.max(Math.min(ay0, ay1), Math.min(by0, by1)) - Math.min(Math.max(ay0, ay1), Math.max(by0, by1));
  return sameColumn && blank > s.leading + 0.5 * s.line;
}

/** Every non-empty table cell as its own segment, with table / row / column in its loc. */
export function tableCells(text: Report['text']): Segment[] {
  const out: Segment[] = [];
  for (const item of text) {
    if (item.loc.table == null) continue;
    item.text.split('\t').forEach((cell, c) => {
      const cleaned = cleanText(cell).trim();
      if (cleaned === '') return;
      const loc = { ...item.loc, column: c + 1 };
      out.push({ text: cleaned, loc, cell: true, starts: [{ offset: 0, loc }] });
    });
  }
  return out;
}

/** Paragraphs first, then cells: everything a sentence-level extractor should read. */
export function allSegments(text: Report['text']): Segment[] {
  return [...paragraphs(text), ...tableCells(text)];
}

export interface TableRows {
  table: number;
  rows: { cells: string[]; loc: Loc; evidence: string }[];
  /** The short line printed right above the table ("表1 部门收支情况（单位：亿元）"), if any. */
  caption?: string;
}

/** Table rows regrouped per table from report.text (cells split on tabs, cleaned). */
export function tablesOf(text: Report['text']): TableRows[] {
  const byTable = new Map<number, TableRows>();
  let previous: Report['text'][number] | undefined;
  for (const item of text) {
    const index = item.loc.table;
    const before = previous;
    previous = item;
    if (index == null) continue;
    let entry = byTable.get(index);
    if (!entry) byTable.set(index, (entry = { table: index, rows: [], ...captionOf(before) }));
    const cells = item.text.split('\t').map((c) => cleanText(c).replace(/\s+/g, ' ').trim());
    entry.rows.push({ cells, loc: item.loc, evidence: cells.filter((c) => c !== '').join(' ') });
  }
  return [...byTable.values()];
}

/** The line above a table, or the last sentence of the paragraph a PDF ran its caption into. */
function captionOf(item: Report['text'][number] | undefined): Pick<TableRows, 'caption'> {
  if (!item || item.loc.table != null) return {};
  const last = item.text.trim().split(/[。；;]/).filter((part) => part.trim() !== '').at(-1)?.trim() ?? '';
  return last && last.length <= 60 ? { caption: last } : {};
}

/** Evidence text: the sentence around [start, end) in a segment, trimmed to a readable length. */
export function sentenceAround(text: string, start: number, end: number, max = 160): string {
  const before = text.slice(0, start);
  const from = Math.max(before.search(/[^。；;!?！？]*$/), 0);
  const afterMatch = /[。；;!?！？]/.exec(text.slice(end));
  const to = afterMatch ? end + afterMatch.index + 1 : text.length;
  let sentence = text.slice(from, to).trim();
  if (sentence.length > max) {
    const s = Math.max(start - from - Math.floor((max - (end - start)) / 2), 0);
    sentence = (s > 0 ? '…' : '') + sentence.slice(s, s + max) + (s + max < sentence.length ? '…' : '');
  }
  return sentence;
}
