// Records what the PDF extractor gives for some pages of a scanned PDF read by OCR (PP-OCR): the
// blocks of those pages (paragraphs and table cells with their text, page, bbox in PDF points and OCR
// confidences) as a small RawDocument. Unit tests replay the normalizers on these recordings without
// running OCR.
//   npx tsx scripts/record-ocr-text.ts <scanned.pdf> <pages, e.g. 1 or 1-2> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { extractorFor } from '../extractors/index.ts';
import { createOcrService } from '../extractors/ocr/index.ts';

const [file, pageSpec, out] = process.argv.slice(2);
if (!file || !pageSpec || !out) {
  console.error('usage: record-ocr-text.ts <scanned.pdf> <pages> <out.json>');
  process.exit(2);
}
const pages = new Set(
  pageSpec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k);
  }),
);
const ocr = await createOcrService({ workers: 1 });
try {
  const raw = await (await extractorFor('pdf'))({ path: file, bytes: readFileSync(file), format: 'pdf' }, { ocr });
  const blocks = raw.blocks.filter((b) => b.loc.page != null && pages.has(b.loc.page));
  writeFileSync(out, `${JSON.stringify({ source: file.replace(/^.*\/eval\/\.cache\//, 'eval/.cache/'), format: raw.format, pages: raw.pages, blocks, warnings: [], ocrPages: (raw.ocrPages ?? []).filter((p) => pages.has(p)) }, null, 1)}\n`);
} finally {
  await ocr.terminate();
}
