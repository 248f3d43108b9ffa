// One document through the stages: ingest → extract → normalize → check → DocumentResult.
// Nothing throws past here: a failure becomes status "error" with a Chinese message.
import type { ExtractOptions, OcrService } from '../extractors/types.ts';
import { extractorFor } from '../extractors/index.ts';
import { rawDocumentProblems } from '../extractors/validate.ts';
import { JixiaoError, type DocumentResult, type Format, type RawDocument, type Report, type ScoringTable } from '../model/index.ts';
import { DOUBTFUL_DIGITS_NOTE, ocrConfusionReadings, ocrReadings } from '../normalizers/ocr-doubt.ts';
import { buildReport } from '../normalizers/report.ts';
import { scoreReport, type AlternativeReading } from '../scoring/engine.ts';
import type { RuleOptions } from '../scoring/rule.ts';
import { ingestFile, DEFAULT_MAX_BYTES } from './ingest.ts';
import { toDocumentResult } from './result.ts';

export interface CheckOptions extends RuleOptions {
  ocr?: OcrService;
  /** Page-level OCR progress (extractors/types.ts ExtractOptions.onOcrPage). */
  onOcrPage?: ExtractOptions['onOcrPage'];
  maxBytes?: number;
  signal?: AbortSignal;
  /**
   * Extracted documents kept by file content (development only: the evaluation's --raw-cache replays
   * slow OCR extractions while normalizing and checking change). Stale once the extractors change.
   */
  rawCache?: RawDocumentCache;
}

export interface RawDocumentCache {
  get(sha256: string): RawDocument | undefined;
  set(sha256: string, raw: RawDocument): void;
}

export interface CheckedDocument {
  result: DocumentResult;
  /** The normalized report, when extraction got that far (for renderers that show the tree). */
  report: Report | null;
}

export async function checkFile(path: string, options: CheckOptions = {}): Promise<CheckedDocument> {
  let sha256: string | null = null;
  let format: Format = 'unknown';
  try {
    const file = await ingestFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
    sha256 = file.sha256;
    format = file.format;
    if (format === 'unknown') throw new JixiaoError('unsupported-format', '无法识别的文件格式：既不是 PDF、Word、Excel、图片，也不是文本');
    const cached = options.rawCache?.get(file.sha256);
    const raw = cached ?? (await extractDocument(path, file.bytes, format, options));
    if (!cached) options.rawCache?.set(file.sha256, raw);
    const problems = rawDocumentProblems(raw);
    if (problems.length) throw new Error(`extractor produced an invalid document: ${problems[0]}`);
    const report = buildReport(raw, path);
    const scored = scoreReport(report, options, alternativeReadings(raw, path, report.tables));
    return { result: toDocumentResult(report, scored, { sha256, raw }), report };
  } catch (error) {
    return { result: errorResult(path, sha256, format, error), report: null };
  }
}

/** The document read otherwise where OCR may have misread it: doubtful digits at 9 and 0, and PP-OCR's known confusions. */
export function alternativeReadings(raw: RawDocument, path: string, tables: ScoringTable[] = []): AlternativeReading[] {
  return [
    ...ocrReadings(raw, tables).map((reading) => ({ report: buildReport(reading, path), mustMatch: 'values' as const, note: DOUBTFUL_DIGITS_NOTE })),
    ...ocrConfusionReadings(raw).map(({ raw: reading, note }) => ({ report: buildReport(reading, path), mustMatch: 'place' as const, note })),
  ];
}

async function extractDocument(path: string, bytes: Buffer, format: Format, options: CheckOptions): Promise<RawDocument> {
  const extract = await extractorFor(format);
  return extract({ path, bytes, format }, { ocr: options.ocr, signal: options.signal, onOcrPage: options.onOcrPage });
}

export function errorResult(file: string, sha256: string | null, format: Format, error: unknown): DocumentResult {
  const known = error instanceof JixiaoError;
  return {
    file,
    sha256,
    format,
    status: 'error',
    error: known
      ? { code: error.code, message: error.message }
      : { code: 'internal', message: `内部错误：${error instanceof Error ? error.message : String(error)}` },
    unit: null,
    year: null,
    claimedTotal: null,
    computedTotal: null,
    grade: null,
    findings: [],
    notes: [],
    tables: [],
  };
}
