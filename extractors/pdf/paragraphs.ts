// Lines outside tables → paragraphs. A paragraph ends where the next line is indented (first-line
// indent), where the line ends short of the text column's right edge, at a wider vertical gap than
// the document's usual line pitch, or where the font size changes. Bigger text becomes a heading.
import type { PageLayout } from './page.ts';
import type { BBox } from './tables.ts';
import { joinWrapped, lineBottom, lineTop, wrapsInto, type TextLine } from './text.ts';

/** What the whole document's body text looks like. */
export interface TextColumn {
  left: number;
  right: number;
  bodySize: number;
  pitch: number;
  /** Font sizes bigger than the body, largest first (heading levels). */
  headingSizes: number[];
}

export interface ParagraphDraft {
  page: number;
  lines: TextLine[];
  heading?: number;
  /** Later pages the paragraph runs onto, and how many of its lines are on its first page. */
  continuedOn?: number[];
  firstPageLines?: number;
}

export function measureColumn(pages: readonly PageLayout[]): TextColumn {
  const lines = pages.flatMap((p) => p.lines);
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(round(l.size), (chars.get(round(l.size)) ?? 0) + l.text.length);
  const bodySize = mode(chars) ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - bodySize) < 0.5);
  const lefts = new Map<number, number>();
  for (const l of body) lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1);
  // The body's left margin: the leftmost frequent start (first-line indents and centred lines start further right).
  const most = Math.max(0, ...lefts.values());
  const left = Math.min(...[...lefts].filter(([, n]) => n >= 0.3 * most).map(([x]) => x), Infinity);
  const right = percentile(body.map((l) => l.x1), 0.9) ?? (Number.isFinite(left) ? left : 0) + 400;
  const gaps: number[] = [];
  for (const p of pages)
    for (let i = 1; i < p.lines.length; i++) {
      const a = p.lines[i - 1];
      const b = p.lines[i];
      if (Math.abs(a.size - bodySize) < 0.5 && Math.abs(b.size - bodySize) < 0.5) gaps.push(a.y - b.y);
    }
  const pitch = percentile(gaps.filter((g) => g > 0), 0.3) ?? bodySize * 1.5;
  const headingSizes = [...chars.keys()].filter((s) => s >= bodySize * 1.1).sort((a, b) => b - a).slice(0, 6);
  return { left: Number.isFinite(left) ? left : 0, right, bodySize, pitch, headingSizes };
}

const round = (v: number) => Math.round(v * 2) / 2;

function mode(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestCount = -1;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** Splits one page's lines (top to bottom, no tables between them) into paragraphs. */
export function groupParagraphs(lines: readonly TextLine[], page: number, col: TextColumn): ParagraphDraft[] {
  const out: ParagraphDraft[] = [];
  let current: TextLine[] = [];
  const flush = () => {
    if (current.length) out.push(draft(current, page, col));
    current = [];
  };
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev && startsParagraph(prev, line, col)) flush();
    current.push(line);
  }
  flush();
  return out;
}

/** A table's caption line: "表2 评价综合得分表", "附件1：…", "附表 3". */
const CAPTION_START = /^(?:附件|附表|表)\s*[0-9０-９]/;
const ENDS_SENTENCE = /[。！？；：:;]\s*$/;

function startsParagraph(prev: TextLine, line: TextLine, col: TextColumn): boolean {
  if (Math.abs(prev.size - line.size) > 0.1 * col.bodySize) return true;
  // A sentence that ends at the right margin is followed by a caption, not continued by it.
  if (ENDS_SENTENCE.test(prev.text) && CAPTION_START.test(line.text)) return true;
  if (prev.y - line.y > 1.3 * Math.max(col.pitch, line.size)) return true;
  if (!wrapsInto(prev.x1, line.text, line.size, col.right)) return true;
  if (line.x0 > col.left + 0.8 * line.size) return true; // first-line indent
  return line.x0 < prev.x0 - 0.8 * line.size && prev.x0 <= col.left + 0.8 * line.size;
}

function draft(lines: TextLine[], page: number, col: TextColumn): ParagraphDraft {
  const level = col.headingSizes.findIndex((s) => Math.abs(s - lines[0].size) < 0.5);
  return level >= 0 ? { page, lines, heading: level + 1 } : { page, lines };
}

/** A paragraph cut by the page break continues on the next page: full last line, unindented start. */
export function continuesParagraph(prev: ParagraphDraft, next: ParagraphDraft, col: TextColumn): boolean {
  const last = prev.lines[prev.lines.length - 1];
  const first = next.lines[0];
  if (prev.heading || next.heading) return false;
  if (Math.abs(last.size - first.size) > 0.1 * col.bodySize) return false;
  return wrapsInto(last.x1, first.text, first.size, col.right) && first.x0 <= col.left + 0.8 * first.size;
}

export function paragraphText(p: ParagraphDraft, col: TextColumn): string {
  return joinWrapped(p.lines, col.right);
}

export function linesBBox(lines: readonly TextLine[]): BBox {
  return [
    Math.min(...lines.map((l) => l.x0)),
    Math.min(...lines.map(lineBottom)),
    Math.max(...lines.map((l) => l.x1)),
    Math.max(...lines.map(lineTop)),
  ];
}
