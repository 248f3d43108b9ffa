// Format → extractor: one folder per input format (extractors/<name>/index.ts exports `extract`).
// Loaders are lazy so a TXT-only run never loads pdf.js, mammoth or tesseract.
import type { Format } from '../model/index.ts';
import { JixiaoError } from '../model/index.ts';
import type { Extractor } from './types.ts';

const loaders: Partial<Record<Format, () => Promise<Extractor>>> = {
  txt: async () => (await import('./txt/index.ts')).extract,
  pdf: async () => (await import('./pdf/index.ts')).extract,
  docx: async () => (await import('./docx/index.ts')).extract,
  xlsx: async () => (await import('./xlsx/index.ts')).extract,
  doc: async () => (await import('./legacy/index.ts')).extract,
  wps: async () => (await import('./legacy/index.ts')).extract,
  et: async () => (await import('./legacy/index.ts')).extract,
  xls: async () => (await import('./legacy/index.ts')).extract,
  image: async () => (await import('./image/index.ts')).extract,
};

export async function extractorFor(format: Format): Promise<Extractor> {
  const load = loaders[format];
  if (!load) throw new JixiaoError('unsupported-format', `不支持的文件格式（${format}），目前可读取 TXT、PDF、DOCX、XLSX 和图片`);
  return load();
}
