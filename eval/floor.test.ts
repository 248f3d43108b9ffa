// The quality floor: the product on the committed sample (eval/sample) must not fall below eval/floor.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProduct } from './adapter.ts';
import { readCorpus, type CorpusFormat } from './generate/corpus.ts';
import { runCorpus, summarize, type EvalSummary } from './evaluate.ts';

interface Floor {
  formats: CorpusFormat[];
  minRecall: Record<string, number>;
  maxFalsePerCleanDocument: Record<string, number>;
  maxFalsePerDocument: Record<string, number>;
  maxDocumentsWithFalseError: Record<string, number>;
  minAgreement: number;
}

const floor = JSON.parse(readFileSync(new URL('floor.json', import.meta.url), 'utf8')) as Floor;

describe('quality floor on eval/sample', () => {
  let summary: EvalSummary;

  it('runs the sample', async () => {
    const entries = readCorpus(new URL('sample', import.meta.url).pathname);
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const product = createProduct();
    try {
      summary = summarize(await runCorpus(product, entries, floor.formats));
    } finally {
      await product.close();
    }
    expect(summary.documents).toBeGreaterThan(entries.length * 3);
  }, 180_000);

  for (const format of floor.formats) {
    it(`${format}: recall, false findings and false errors stay at or better than the floor`, () => {
      expect(summary.recallByFormat[format].rate ?? 0).toBeGreaterThanOrEqual(floor.minRecall[format]);
      expect(summary.falsePerCleanDocument[format] ?? 0).toBeLessThanOrEqual(floor.maxFalsePerCleanDocument[format]);
      expect(summary.falsePerDocument[format] ?? 0).toBeLessThanOrEqual(floor.maxFalsePerDocument[format]);
      expect(summary.documentsWithFalseError[format]).toBeLessThanOrEqual(floor.maxDocumentsWithFalseError[format]);
      expect(summary.failedDocuments[format]).toBe(0);
    });
  }

  it('TXT, DOCX and PDF agree at least as often as the floor says', () => {
    expect(summary.agreement.rate ?? 0).toBeGreaterThanOrEqual(floor.minAgreement);
  });
});
