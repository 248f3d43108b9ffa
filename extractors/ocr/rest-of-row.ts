// A typed table on a scanned page may keep apart the lines it starts with as the rest of a row the
// page break cut (tabbed.ts): the PDF extractor gives them to that row (pdf/ocr-join.ts). Where no
// row of a page before takes them (a picture of one page, no table before), they are text again.
import type { Block } from '../../model/index.ts';

/** The block with any rest of a row it kept apart given back as the paragraphs the page's lines made. */
export function withoutRest(block: Block): Block[] {
  if (block.kind !== 'table' || !block.restOfRow) return [block];
  return [...(block.restAsText ?? []), { ...block, restOfRow: undefined, restAsText: undefined }];
}
