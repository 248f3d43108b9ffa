// The one place the evaluation touches the product: run one file through the pipeline in-process.
// If the pipeline moves, only this file changes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, type RawDocumentCache } from '../pipeline/check.ts';
import { lazyOcrService } from '../pipeline/ocr-service.ts';

export interface ProductFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  subject: string | null;
  expected: string | null;
  actual: string | null;
  evidence: string;
}

export interface ProductResult {
  status: 'ok' | 'partial' | 'error';
  error: string | null;
  findings: ProductFinding[];
}

export interface Product {
  check(path: string): Promise<ProductResult>;
  close(): Promise<void>;
}

/**
 * A document that takes longer than this is recorded as failed (status error), so one bad file cannot
 * stall a run. Generous: on a loaded shared machine a four-page scan has taken over five minutes.
 */
const DOCUMENT_TIMEOUT_MS = 900_000;

/** `rawCacheDir`: keep each file's extraction there (--raw-cache), to replay OCR while normalizing or checking changes. */
export function createProduct({ rawCacheDir }: { rawCacheDir?: string } = {}): Product {
  const ocr = lazyOcrService();
  const rawCache = rawCacheDir ? directoryCache(rawCacheDir) : undefined;
  return {
    async check(path) {
      const { result } = await checkFile(path, { ocr, rawCache, signal: AbortSignal.timeout(DOCUMENT_TIMEOUT_MS) });
      return {
        status: result.status,
        error: result.error ? `${result.error.code}: ${result.error.message}` : null,
        findings: result.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, subject: f.subject, expected: f.expected, actual: f.actual, evidence: f.evidence })),
      };
    },
    close: () => ocr.terminate(),
  };
}

function directoryCache(dir: string): RawDocumentCache {
  mkdirSync(dir, { recursive: true });
  const file = (sha256: string) => join(dir, `${sha256}.json`);
  return {
    get: (sha256) => (existsSync(file(sha256)) ? JSON.parse(readFileSync(file(sha256), 'utf8')) : undefined),
    set: (sha256, raw) => writeFileSync(file(sha256), JSON.stringify(raw)),
  };
}
