// Stage 2: what an extractor produces from one file (RawDocument), and where things came from (Loc).
import { z } from 'zod';

// ---------- provenance ----------

/** Where something came from. All numbers are 1-based; absent means unknown / not applicable. */
export const LocSchema = z.object({
  page: z.number().int().positive().nullish(),
  line: z.number().int().positive().nullish(),
  /** 1-based index of the table among the document's tables. */
  table: z.number().int().positive().nullish(),
  /** 1-based row / column inside that table's dense grid. */
  row: z.number().int().positive().nullish(),
  column: z.number().int().positive().nullish(),
  /** PDF user-space box [x0, y0, x1, y1] (origin bottom-left), or pixel box for images. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  sheet: z.string().optional(),
});
export type Loc = z.infer<typeof LocSchema>;

// ---------- stage 2: RawDocument ----------

export const FormatSchema = z.enum(['txt', 'pdf', 'docx', 'xlsx', 'image', 'doc', 'wps', 'et', 'xls', 'unknown']);
export type Format = z.infer<typeof FormatSchema>;

/**
 * One grid position of a table. Tables are dense: rows[r][c] is grid position (r, c). A merged cell
 * keeps its text at its top-left position, which carries rowSpan/colSpan; the positions it covers
 * hold `covered: true` and empty text.
 */
export const CellSchema = z.object({
  text: z.string(),
  loc: LocSchema,
  rowSpan: z.number().int().positive().optional(),
  colSpan: z.number().int().positive().optional(),
  covered: z.boolean().optional(),
  /** Mean OCR confidence 0–100 of the words in this cell, when the text came from OCR. */
  ocrConfidence: z.number().min(0).max(100).optional(),
  /** OCR only: [start, end) ranges of `text` read with low confidence (extractors/ocr isUncertain). */
  ocrLowSpans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
  /** Excel: the cell's formula (without '='), and its number format. */
  formula: z.string().optional(),
  numFmt: z.string().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const ParagraphSchema = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  loc: LocSchema,
  heading: z.number().int().min(1).max(9).optional(),
  ocrConfidence: z.number().min(0).max(100).optional(),
  ocrLowSpans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const TableSchema = z.object({
  kind: z.literal('table'),
  /** 1-based, in document order; equals loc.table. */
  index: z.number().int().positive(),
  rows: z.array(z.array(CellSchema)),
  loc: LocSchema,
  /** Pages the table spans, when it was joined across page breaks. */
  pages: z.array(z.number().int().positive()).optional(),
  ocr: z.boolean().optional(),
  /**
   * Rows read back from text typed with tabs and printed (extractors/pdf/tabbed.ts): where one cell
   * ends and the next begins was inferred, so a sum that does not hold may be a misread boundary.
   */
  typed: z.boolean().optional(),
  /**
   * A typed table on a scanned page that starts with the rest of a row the page break cut: its cells
   * in order, the first carrying on the cell the break cut (which column that is, only the page
   * before shows). Not in `rows`; extractors/pdf/ocr-join.ts puts it back into that row.
   */
  restOfRow: z.array(CellSchema).optional(),
  /** The lines of `restOfRow` as the page's text, for when no row of the page before takes them. */
  restAsText: z.array(ParagraphSchema).optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const ImageBlockSchema = z.object({
  kind: z.literal('image'),
  loc: LocSchema,
  note: z.string(),
});

export const BlockSchema = z.discriminatedUnion('kind', [ParagraphSchema, TableSchema, ImageBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;

export const RawDocumentSchema = z.object({
  format: FormatSchema,
  /** Number of pages for paged formats. */
  pages: z.number().int().nonnegative().optional(),
  blocks: z.array(BlockSchema),
  /** Chinese, user-facing: what the extractor could not do (scrambled table, OCR page, ...). */
  warnings: z.array(z.string()),
  encoding: z.string().optional(),
  /** Pages whose text came from OCR. */
  ocrPages: z.array(z.number().int().positive()).optional(),
});
export type RawDocument = z.infer<typeof RawDocumentSchema>;
