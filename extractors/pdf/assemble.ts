// Pages → blocks in reading order. Each page is cut into paragraphs (lines between tables) and
// tables, top to bottom; then what a page break cut is joined: a table continued at the top of the
// next page (footnotes under the first part do not stand in the way), a paragraph running on.
import type { Block } from '../../model/index.ts';
import { appendPart, appendRows, appendSpill, isSpill, onColumnsOf, sameColumns, startTable, toTableBlock, widenOnto, type JoinedTable } from './join.ts';
import type { PageLayout } from './page.ts';
import { continuesParagraph, groupParagraphs, linesBBox, measureColumn, paragraphText, type ParagraphDraft, type TextColumn } from './paragraphs.ts';
import { lineTop } from './text.ts';

type Item = { kind: 'paragraph'; draft: ParagraphDraft; top: number } | { kind: 'table'; table: JoinedTable; top: number };

/** Pages in order → blocks, joining what page breaks cut. */
export function assemble(layouts: PageLayout[]): Block[] {
  const col = measureColumn(layouts);
  const items: Item[] = [];
  for (const layout of layouts) {
    const pageItems = pageItemsOf(layout, col);
    // A table may continue under a "续表" caption or a unit line at the top of the page.
    const lead = pageItems.findIndex((item) => !(item.kind === 'paragraph' && isContinuationCaption(item.draft)));
    pageItems.forEach((item, i) => {
      const first = i === 0 || (i === lead && item.kind === 'table');
      const prev = first ? joinCandidate(items, item, layout.page, col) : undefined;
      if (prev && continues(prev, item, layout.page, col)) return;
      items.push(item);
    });
  }
  let tableIndex = 0;
  return items.map((item): Block => {
    if (item.kind === 'table') return toTableBlock(item.table, ++tableIndex);
    const { draft } = item;
    const firstPage = draft.lines.slice(0, draft.firstPageLines ?? draft.lines.length);
    const block: Block = { kind: 'paragraph', text: paragraphText(draft, col), loc: { page: draft.page, bbox: roundBox(linesBBox(firstPage)) } };
    if (draft.heading) block.heading = draft.heading;
    return block;
  });
}

/**
 * What the first item of a page may continue: the last item so far, or for a table, the table above
 * this page's "续表" caption and the small print (footnotes) that ends the previous page.
 */
function joinCandidate(items: Item[], first: Item, page: number, col: TextColumn): Item | undefined {
  let i = items.length - 1;
  if (first.kind === 'table') {
    while (i > 0 && isCaptionOn(items[i], page)) i--;
    while (i > 0 && isFootnote(items[i], page - 1, col)) i--;
  }
  return items[i];
}

const CONTINUATION_CAPTION = /^(续表|（续）|\(续\)|(金额)?单位[:：])/;

function isContinuationCaption(draft: ParagraphDraft): boolean {
  return draft.lines.length === 1 && CONTINUATION_CAPTION.test(draft.lines[0].text);
}

function isCaptionOn(item: Item, page: number): boolean {
  return item.kind === 'paragraph' && item.draft.page === page && isContinuationCaption(item.draft);
}

function isFootnote(item: Item, page: number, col: TextColumn): boolean {
  return item.kind === 'paragraph' && item.draft.page === page && !item.draft.heading && item.draft.lines.every((l) => l.size < 0.9 * col.bodySize);
}

/** Paragraphs and tables of one page, top to bottom. */
function pageItemsOf(layout: PageLayout, col: TextColumn): Item[] {
  const tables: Item[] = layout.tables.map((t) => ({ kind: 'table', table: startTable(t), top: t.bbox[3] }));
  const items: Item[] = [];
  // Lines between two tables belong to different paragraphs than lines across them.
  const tops = tables.map((t) => t.top);
  let group: typeof layout.lines = [];
  let groupSlot = -1;
  const flush = () => {
    for (const draft of groupParagraphs(group, layout.page, col)) items.push({ kind: 'paragraph', draft, top: lineTop(draft.lines[0]) });
    group = [];
  };
  for (const line of layout.lines) {
    const slot = tops.filter((top) => top > line.y).length;
    if (slot !== groupSlot) flush();
    groupSlot = slot;
    group.push(line);
  }
  flush();
  return [...items, ...tables].sort((a, b) => b.top - a.top);
}

/** Joins `next` (first item of a page) onto `prev` (last item so far) when the page break cut it. */
function continues(prev: Item, next: Item, page: number, col: TextColumn): boolean {
  if (prev.kind === 'table' && next.kind === 'table') {
    const lastPart = prev.table.parts[prev.table.parts.length - 1];
    const part = next.table.parts[0];
    if (lastPart.page !== page - 1) return false;
    if (lastPart.tabbed && part.tabbed) {
      appendRows(prev.table, part);
      return true;
    }
    if (sameColumns(lastPart, part)) {
      appendPart(prev.table, part);
      return true;
    }
    if (widenOnto(prev.table, part)) {
      appendPart(prev.table, part);
      return true;
    }
    const moved = onColumnsOf(prev.table, part);
    if (!moved) return false;
    if (isSpill(moved)) appendSpill(prev.table, moved);
    else appendPart(prev.table, moved);
    return true;
  }
  if (prev.kind === 'paragraph' && next.kind === 'paragraph') {
    const lastPage = prev.draft.continuedOn?.at(-1) ?? prev.draft.page;
    if (lastPage !== page - 1 || !continuesParagraph(prev.draft, next.draft, col)) return false;
    prev.draft.firstPageLines ??= prev.draft.lines.length;
    prev.draft.lines.push(...next.draft.lines);
    (prev.draft.continuedOn ??= []).push(page);
    return true;
  }
  return false;
}

const roundBox = (b: [number, number, number, number]): [number, number, number, number] =>
  b.map((v) => Math.round(v * 100) / 100) as [number, number, number, number];
