// A picture of a page (PNG, JPEG, TIFF — a phone photo or a scanner's output) → a one-page
// RawDocument through the same OCR path as scanned PDF pages. Bboxes are pixel boxes of the image.
// Only the first frame of a multi-page TIFF is read.
import type { RawDocument } from '../../model/index.ts';
import { JixiaoError } from '../../model/index.ts';
import { withoutRest } from '../ocr/rest-of-row.ts';
import type { Extractor } from '../types.ts';

export const extract: Extractor = async ({ bytes }, options) => {
  const ocr = options.ocr ?? (await import('../ocr/index.ts')).getOcrService();
  if (options.signal?.aborted) throw new JixiaoError('timeout', '图片识别已取消或超时');
  let blocks: RawDocument['blocks'];
  try {
    blocks = await ocr.recognize({ data: bytes, page: 1 });
  } catch (error) {
    throw new JixiaoError('corrupt', `图片无法读取或识别（${String((error as Error)?.message ?? error).slice(0, 80)}）`);
  }
  if (!blocks.length) throw new JixiaoError('empty', '图片中没有识别出文字');
  return {
    format: 'image',
    pages: 1,
    // One page: no row of a page before takes what a typed table kept apart as the rest of one.
    blocks: blocks.flatMap(withoutRest),
    warnings: ['文件是图片，文字由 OCR 识别，文字和数字请对照原件核实'],
    ocrPages: [1],
  } satisfies RawDocument;
};
