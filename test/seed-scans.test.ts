// Seeds 003 and 004 printed through LibreOffice and scanned (fixtures/seeds-scanned/make.sh:
// 150 dpi grey, rotated, noisy JPEG pages) against their text files: a scan may raise less, since a
// figure OCR cannot confirm only informs, but it must never accuse where the text does not.
// Slow (OCR of 20 pages): one check per file, shared by the tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkFile } from '../pipeline/check.ts';
import { createOcrService } from '../extractors/ocr/index.ts';

const ROOT = new URL('../fixtures/', import.meta.url).pathname;
const SEEDS = ['003_4e052ca5c436ec0e', '004_5832cd79950040f3'] as const;
const ocr = createOcrService({ workers: 2 });
const alarms: Record<string, { txt: string[]; scan: string[] }> = {};

/** Warnings and errors as severity, rule and the two numbers (a scan's subject may be worded otherwise). */
async function alarmsOf(path: string, options = {}): Promise<string[]> {
  const { result } = await checkFile(path, options);
  expect(result.status).not.toBe('error');
  return result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.expected} ${f.actual}`).sort();
}

beforeAll(async () => {
  for (const seed of SEEDS) {
    alarms[seed] = {
      txt: await alarmsOf(join(ROOT, 'seeds', `${seed}.txt`)),
      scan: await alarmsOf(join(ROOT, 'seeds-scanned', `${seed}.scanned.pdf`), { ocr }),
    };
  }
}, 1_800_000);
afterAll(() => ocr.terminate());

const errors = (list: string[]) => list.filter((a) => a.startsWith('error'));
const withoutSeverity = (alarm: string) => alarm.replace(/^\S+ /, '');

describe('seed reports printed and scanned', () => {
  it('003: the same errors and warnings as the text file', () => {
    expect(errors(alarms[SEEDS[0]].txt).length).toBeGreaterThan(0);
    expect(alarms[SEEDS[0]].scan).toEqual(alarms[SEEDS[0]].txt);
  });

  it('004: nothing above info that the text file does not raise, and its narrative error', () => {
    const { txt, scan } = alarms[SEEDS[1]];
    expect(scan.map(withoutSeverity).filter((a) => !txt.map(withoutSeverity).includes(a))).toEqual([]);
    expect(scan).toContain('error rate/implicit-mismatch 112.18 121.18');
  });

  // 004's scoring table is typed with tabs: extractors/ocr/tabbed.ts reads it back from the scan page
  // by page and the PDF extractor joins the pages, rows cut by page breaks put back together. Its sums
  // hold under the strict standard of inferred cell boundaries, so 资产管理情况规范性 (score 4, its
  // explanation "本项得分2分") is an error as in the text file, and the rows' stated rates are checked
  // against the rubric's formula as there (存量资金变动率 −43.43% for −43.48%).
  it('004: every error of the text file, and its rate warning', () => {
    const { txt, scan } = alarms[SEEDS[1]];
    expect(errors(scan)).toEqual(errors(txt));
    expect(scan).toContain('warning rubric/rate-mismatch -43.48 -43.43');
  });
});
