// A novel or a price list is "不是绩效评价报告" (info, status partial), distinct from a real report in
// which nothing was found and from a report whose scoring table was lost (seed 003).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../pipeline/check.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-not-a-report-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('the document-level verdict', () => {
  it.each([
    ['小说.txt', '第一回\n从前有座山，山里有座庙，庙里有个老和尚在给小和尚讲故事。\n'],
    ['价格.csv', '品名,单价（元）,数量\n白菜,2.5,100\n萝卜,1.8,200\n'],
  ])('%s is not a performance evaluation report', async (name, text) => {
    const { result } = await checkFile(file(name, text));
    expect(result.status).toBe('partial');
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([['doc/not-a-report', 'info']]);
    expect(result.findings[0].message).toMatch(/^不是绩效评价报告/);
  });

  it('a real report without a scoring table is a report that could not be verified', async () => {
    const { result } = await checkFile('fixtures/seeds/003_4e052ca5c436ec0e.txt');
    expect(result.findings.some((f) => f.rule === 'doc/not-a-report')).toBe(false);
    expect(result.findings.some((f) => f.rule === 'score/unverifiable' && f.message.includes('未找到评分表'))).toBe(true);
  });
});
