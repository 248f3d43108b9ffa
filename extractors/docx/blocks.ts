// mammoth's HTML tree → RawDocument blocks, in document order.
//
// Provenance: DOCX has no pages, so every block's loc.line is its 1-based ordinal among the
// document's blocks (paragraph, table or image); a table's cells carry the table's ordinal as line
// plus table/row/column.
//
// Choices:
// - Paragraph text: runs concatenated, <br> → newline, tabs / no-break spaces / runs of spaces
//   collapsed to one space (a tab would break the tab-joined row text the normalizer reads).
// - Nested tables: a table inside a cell is taken out of the cell and becomes its own table block
//   right after the outer table (the outer cell keeps only its own paragraphs), with a warning. This
//   keeps the outer grid readable and lets the normalizer see the inner table as a table.
// - Footnotes / endnotes: the reference mark in the text becomes a superscript digit ("等级¹"), as PDF
//   text dumps print it, so it cannot be read as a figure; each note becomes a paragraph
//   "¹ 注释文字" at the end of the document (where mammoth puts them).
// - Images: an `image` block after the paragraph or table that holds them; the note gives alt text.
// - Tab-aligned paragraphs (tables typed with tabs, or a text file opened in Word): each run of
//   paragraphs holding a tab is one table with a row per paragraph, as the TXT extractor reads
//   tab-separated lines, so the same report reads the same in both formats.
// - Lists: one paragraph per item; automatic numbering is not in mammoth's output, so it is lost.
import type { Block, Cell, Table } from '../../model/index.ts';
import { denseGrid, type SpanCell } from './grid.ts';
import { childElements, isElement, type HtmlElement, type HtmlNode } from './html.ts';

const HEADING = /^h([1-6])$/;
const NOTE_ID = /^(footnote|endnote)-(\d+)$/;
const NOTE_REF = /^#(footnote|endnote)-\d+$/;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Work that must follow the current block: nested tables and images. */
type Pending = { kind: 'table'; element: HtmlElement; parent?: number } | { kind: 'image'; alt: string };

export class BlockBuilder {
  readonly blocks: Block[] = [];
  readonly warnings: string[] = [];
  private tables = 0;
  /** The table that tab-aligned paragraphs are being collected into, while they keep coming. */
  private tabTable: Table | null = null;

  build(root: HtmlElement): Block[] {
    for (const node of root.children) if (isElement(node)) this.topLevel(node);
    return this.blocks;
  }

  private topLevel(el: HtmlElement): void {
    if (el.tag === 'table') return this.table(el);
    if (el.tag === 'ul' || el.tag === 'ol') return this.list(el);
    const heading = HEADING.exec(el.tag);
    const pending: Pending[] = [];
    const tabbed = inlineText(el, pending, { keepTabs: true });
    if (tabbed.includes('\t') && pending.length === 0) return this.tabRows(tabbed);
    const text = tidy(tabbed);
    this.tabTable = null;
    if (text) this.blocks.push({ kind: 'paragraph', text, loc: { line: this.blocks.length + 1 }, ...(heading ? { heading: Number(heading[1]) } : {}) });
    this.flush(pending);
  }

  private tabRows(text: string): void {
    if (!this.tabTable) {
      const index = ++this.tables;
      this.tabTable = { kind: 'table', index, rows: [], loc: { line: this.blocks.length + 1, table: index } };
      this.blocks.push(this.tabTable);
    }
    const table = this.tabTable;
    for (const line of text.split('\n')) {
      const row = table.rows.length + 1;
      table.rows.push(line.split('\t').map((cell, c) => ({ text: cell.trim(), loc: { line: table.loc.line, table: table.index, row, column: c + 1 } })));
    }
  }

  private list(el: HtmlElement): void {
    this.tabTable = null;
    childElements(el, 'li').forEach((li, position) => {
      const note = NOTE_ID.exec(li.attrs.id ?? '');
      const pending: Pending[] = [];
      const own = li.children.filter((c) => !isElement(c) || (c.tag !== 'ul' && c.tag !== 'ol' && c.tag !== 'table'));
      const text = inlineText({ tag: 'li', attrs: {}, children: own }, pending);
      // mammoth numbers notes [1], [2]… in reference order and lists them in that order.
      const shown = note ? `${superscript(String(position + 1))} ${text}` : text;
      if (text) this.blocks.push({ kind: 'paragraph', text: shown, loc: { line: this.blocks.length + 1 } });
      this.flush(pending);
      for (const child of childElements(li, 'ul', 'ol', 'table')) this.topLevel(child);
    });
  }

  private table(el: HtmlElement, parent?: number): void {
    this.tabTable = null;
    const index = ++this.tables;
    const line = this.blocks.length + 1;
    const pending: Pending[] = [];
    const spanRows = tableRows(el).map((tr) => childElements(tr, 'td', 'th').map((td) => spanCell(td, index, pending)));
    const rows: Cell[][] = denseGrid(spanRows, { line, table: index });
    const block: Table = { kind: 'table', index, rows, loc: { line, table: index } };
    this.blocks.push(block);
    if (parent !== undefined) this.warnings.push(`表${parent}的单元格中嵌套了表格，已作为独立的表${index}列在其后`);
    this.flush(pending);
  }

  private image(alt: string): void {
    this.tabTable = null;
    this.blocks.push({ kind: 'image', note: alt ? `图片：${alt}` : '图片（无替代文字）', loc: { line: this.blocks.length + 1 } });
  }

  private flush(pending: Pending[]): void {
    for (const item of pending) {
      if (item.kind === 'table') this.table(item.element, item.parent);
      else this.image(item.alt);
    }
  }
}

/** <tr> elements of this table, through thead/tbody/tfoot, not those of nested tables. */
function tableRows(table: HtmlElement): HtmlElement[] {
  return table.children.filter(isElement).flatMap((c) => (c.tag === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.tag) ? childElements(c, 'tr') : []));
}

function spanCell(td: HtmlElement, tableIndex: number, pending: Pending[]): SpanCell {
  const parts: string[] = [];
  const inline: HtmlNode[] = [];
  const flushInline = () => {
    const text = inlineText({ tag: 'span', attrs: {}, children: inline.splice(0) }, pending);
    if (text) parts.push(text);
  };
  for (const child of td.children) {
    if (isElement(child) && child.tag === 'table') {
      flushInline();
      pending.push({ kind: 'table', element: child, parent: tableIndex });
    } else if (isElement(child) && (child.tag === 'p' || HEADING.test(child.tag) || child.tag === 'ul' || child.tag === 'ol')) {
      flushInline();
      const text = child.tag === 'ul' || child.tag === 'ol' ? childElements(child, 'li').map((li) => inlineText(li, pending)).filter(Boolean).join('\n') : inlineText(child, pending);
      if (text) parts.push(text);
    } else {
      inline.push(child);
    }
  }
  flushInline();
  return { text: parts.join('\n'), rowSpan: positiveInt(td.attrs.rowspan), colSpan: positiveInt(td.attrs.colspan) };
}

/** Text of an element's inline content; images and nested tables found inside go to `pending`. */
function inlineText(el: HtmlElement, pending: Pending[], options: { keepTabs?: boolean } = {}): string {
  const out: string[] = [];
  const walk = (node: HtmlNode) => {
    if (!isElement(node)) return void out.push(node);
    if (node.tag === 'br') return void out.push('\n');
    if (node.tag === 'img') return void pending.push({ kind: 'image', alt: (node.attrs.alt ?? '').trim() });
    if (node.tag === 'table') return void pending.push({ kind: 'table', element: node });
    if (node.tag === 'a' && NOTE_REF.test(node.attrs.href ?? '')) return void out.push(superscript(allText(node).replace(/\D/g, '')));
    if (node.tag === 'a' && /^#(footnote|endnote)-ref-/.test(node.attrs.href ?? '')) return; // the "↑" back link
    if (node.tag === 'p' && out.length) out.push('\n');
    node.children.forEach(walk);
  };
  el.children.forEach(walk);
  return options.keepTabs ? tidyKeepingTabs(out.join('')) : tidy(out.join(''));
}

function allText(node: HtmlNode): string {
  return isElement(node) ? node.children.map(allText).join('') : node;
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\t\u00a0 ]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

/** Lines with spaces tidied but tabs kept (they separate the cells of a tab-aligned row). */
function tidyKeepingTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\u00a0 ]+/g, ' ').replace(/^ | $/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}

const superscript = (digits: string) => [...digits].map((d) => SUPERSCRIPT[Number(d)]).join('');

function positiveInt(value: string | undefined): number {
  const n = value ? parseInt(value, 10) : 1;
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
}
