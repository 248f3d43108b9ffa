// The quality floor: the product on the committed sample (eval/sample) must not fall below eval/floor.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProduct } from './adapter.ts';
import { readCorpus, type CorpusFormat } from './generate/corpus.ts';
import { runCorpus, summarize, type EvalSummary } from './evaluate.ts';

interface Floor {
  formats: CorpusFormat[];
  /** Formats measured on eval/sample-typed (the same reports' TXT printed to PDF by LibreOffice). */
  typedFormats: CorpusFormat[];
  minRecall: Record<string, number>;
  maxFalsePerCleanDocument: Record<string, number>;
  maxFalsePerDocument: Record<string, number>;
  maxDocumentsWithFalseError: Record<string, number>;
  minAgreement: number;
}

const floor = JSON.parse(readFileSync(new URL('floor.json', import.meta.url), 'utf8')) as Floor;

async function runSample(dir: string, formats: CorpusFormat[]): Promise<EvalSummary> {
  const entries = readCorpus(new URL(dir, import.meta.url).pathname);
  expect(entries.length).toBeGreaterThanOrEqual(12);
  const product = createProduct();
  try {
    const summary = summarize(await runCorpus(product, entries, formats));
    expect(summary.documents).toBe(entries.reduce((n, entry) => n + formats.filter((f) => entry.files[f]).length, 0));
    return summary;
  } finally {
    await product.close();
  }
}

describe('quality floor on eval/sample and eval/sample-typed', () => {
  let summary: EvalSummary;
  let typed: EvalSummary;

  it('runs the samples', async () => {
    summary = await runSample('sample', floor.formats);
    typed = await runSample('sample-typed', floor.typedFormats);
  }, 240_000);

  for (const format of floor.typedFormats) {
    it(`${format}: recall, false findings and false errors stay at or better than the floor`, () => expectAtFloor(typed, format));
  }

  for (const format of floor.formats) {
    it(`${format}: recall, false findings and false errors stay at or better than the floor`, () => expectAtFloor(summary, format));
  }

  it('TXT, DOCX and PDF agree at least as often as the floor says', () => {
    expect(summary.agreement.rate ?? 0).toBeGreaterThanOrEqual(floor.minAgreement);
  });
});

function expectAtFloor(summary: EvalSummary, format: CorpusFormat): void {
  expect(summary.recallByFormat[format].rate ?? 0).toBeGreaterThanOrEqual(floor.minRecall[format]);
  expect(summary.falsePerCleanDocument[format] ?? 0).toBeLessThanOrEqual(floor.maxFalsePerCleanDocument[format]);
  expect(summary.falsePerDocument[format] ?? 0).toBeLessThanOrEqual(floor.maxFalsePerDocument[format]);
  expect(summary.documentsWithFalseError[format]).toBeLessThanOrEqual(floor.maxDocumentsWithFalseError[format]);
  expect(summary.failedDocuments[format]).toBe(0);
}
