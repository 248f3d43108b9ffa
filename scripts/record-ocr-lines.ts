// Records the OCR text lines of scanned PDF pages as PP-OCR gives them to the text-and-borderless
// table finder (extractors/ocr/ppocr/page.ts textBands): one JSON file with, per page, its bands of
// lines (words with boxes and per-character confidences, in the straightened page's pixels at OCR_DPI).
// Unit tests replay finders on these recordings without running OCR.
//   npx tsx scripts/record-ocr-lines.ts <scanned.pdf> <pages, e.g. 3,5-7> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { openPdf } from '../extractors/pdf/pdfjs.ts';
import { ocrPdfPage, OCR_DPI } from '../extractors/ocr/pdf-pages.ts';
import { greyForOcr } from '../extractors/ocr/scan.ts';
import { createPpEngine } from '../extractors/ocr/ppocr/engine.ts';
import { blocksOfPage, readPagePp, textBands } from '../extractors/ocr/ppocr/page.ts';
import type { OcrLine } from '../extractors/ocr/engine.ts';
import type { OcrService } from '../extractors/types.ts';

const [file, pageSpec, out] = process.argv.slice(2);
if (!file || !pageSpec || !out) {
  console.error('usage: record-ocr-lines.ts <scanned.pdf> <pages> <out.json>');
  process.exit(2);
}

function parsePages(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k);
  });
}

const round = (v: number) => Math.round(v * 10) / 10;
const compact = (line: OcrLine): OcrLine => ({
  bbox: { x0: round(line.bbox.x0), y0: round(line.bbox.y0), x1: round(line.bbox.x1), y1: round(line.bbox.y1) },
  words: line.words.map((w) => ({
    text: w.text,
    confidence: w.confidence,
    ...(w.charConfidences ? { charConfidences: w.charConfidences } : {}),
    bbox: { x0: round(w.bbox.x0), y0: round(w.bbox.y0), x1: round(w.bbox.x1), y1: round(w.bbox.y1) },
  })),
});

const engine = await createPpEngine(1);
const recorded: Array<{ page: number; dpi: number; bands: OcrLine[][] }> = [];
const service: OcrService = {
  async recognize(input) {
    const { data, width, height, page = 1, dpi = OCR_DPI } = input;
    const read = await readPagePp(greyForOcr(data, width!, height!), engine, { page, dpi });
    recorded.push({ page, dpi: read.opts.dpi, bands: textBands(read.segments, read.tables).map((band) => band.map(compact)) });
    return blocksOfPage(read);
  },
  async terminate() {},
};
const doc = await openPdf(new Uint8Array(readFileSync(file)));
try {
  for (const n of parsePages(pageSpec)) {
    await ocrPdfPage(await doc.getPage(n), n, service);
    writeFileSync(out, `${JSON.stringify({ source: file, pages: recorded }, null, 1)}\n`);
    console.error(`page ${n} recorded`);
  }
} finally {
  await doc.destroy();
  await engine.terminate();
}
