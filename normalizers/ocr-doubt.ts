// Where OCR was unsure of a number: a digit, sign, decimal point or % inside a low-confidence span
// (extractors/ocr marks them per character). A finding that rests on such a number must not accuse
// (scoring/engine.ts lowers it to info, "OCR 未能确认").
import type { Cell, Paragraph, RawDocument, Report } from '../model/index.ts';

const NUMBER_CHAR = /[\d.%,，\-−]/;

type Spanned = Pick<Cell | Paragraph, 'text' | 'ocrLowSpans'>;

/** A number character read with low confidence. */
export function hasDoubtfulNumber({ text, ocrLowSpans }: Spanned): boolean {
  return (ocrLowSpans ?? []).some(([start, end]) => [...text.slice(start, end)].some((ch) => NUMBER_CHAR.test(ch)));
}

export function ocrDoubtOf(raw: RawDocument): Pick<Report, 'ocrDoubt'> {
  if (!raw.ocrPages?.length) return {};
  const tables: number[] = [];
  const passages: string[] = [];
  for (const block of raw.blocks) {
    if (block.kind === 'paragraph' && hasDoubtfulNumber(block)) passages.push(block.text);
    if (block.kind !== 'table') continue;
    const rows = block.rows.filter((row) => row.some(hasDoubtfulNumber));
    if (rows.length) tables.push(block.index);
    passages.push(...rows.map((row) => row.map((c) => c.text).join('\t')));
  }
  return { ocrDoubt: { tables, passages } };
}
