// The input formats: one folder per format, each exporting what it reads in its format.ts (formats,
// sniffing, Chinese label, lazy extractor). The file's real format is decided from its bytes, in the
// order below; the extension only breaks ties the bytes cannot. extractors/ocr/ is a service the image
// and PDF extractors use, not a format.
import { extname } from 'node:path';
import type { Format } from '../model/index.ts';
import { JixiaoError } from '../model/index.ts';
import { reader as docx } from './docx/format.ts';
import { reader as image } from './image/format.ts';
import { reader as legacy } from './legacy/format.ts';
import { reader as pdf } from './pdf/format.ts';
import { reader as txt } from './txt/format.ts';
import { reader as xlsx } from './xlsx/format.ts';
import type { Extractor, FormatReader } from './types.ts';

/** In sniffing order: containers with magic numbers first, plain text last. */
const READERS: readonly FormatReader[] = [pdf, docx, xlsx, legacy, image, txt];

export function sniffFormat(bytes: Buffer, path: string): Format {
  const ext = extname(path).toLowerCase();
  for (const reader of READERS) {
    const format = reader.sniff(bytes, ext);
    if (format) return format;
  }
  return 'unknown';
}

export async function extractorFor(format: Format): Promise<Extractor> {
  const reader = READERS.find((r) => r.formats.includes(format));
  if (!reader) throw new JixiaoError('unsupported-format', `不支持的文件格式（${format}），目前可读取 TXT、PDF、DOCX、XLSX 和图片`);
  return reader.load();
}

export const FORMAT_LABEL: Record<Format, string> = Object.assign({ unknown: '未知' }, ...READERS.map((r) => r.labels));
