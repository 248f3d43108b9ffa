// End to end (issue 12, patterns 4, 5, 6, 8, 9): one small TXT fixture per pattern through the real
// pipeline (ingest → txt extractor → normalizers → all registered rules).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DocumentResultSchema, type Finding } from '../model/index.ts';
import { checkFile } from '../pipeline/check.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/text/${name}`, import.meta.url));

async function findings(name: string): Promise<Finding[]> {
  const { result } = await checkFile(fixture(name));
  DocumentResultSchema.parse(result);
  expect(result.status).not.toBe('error');
  return result.findings;
}

const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, expected: f.expected, actual: f.actual, line: f.location.line });
const serious = (all: Finding[]) => all.filter((f) => f.severity !== 'info').map(brief);

describe('issue 12 text/claims patterns, end to end', () => {
  it('4: an indicator that misses its target (or exceeds a ceiling) with full marks is a warning; met and qualitative ones are not', async () => {
    expect(serious(await findings('unmet-full-score.txt'))).toEqual([
      { rule: 'target/unmet-full-score', severity: 'warning', expected: null, actual: '6', line: 8 },
      { rule: 'target/unmet-full-score', severity: 'warning', expected: null, actual: '6', line: 12 },
    ]);
  });

  it('5: "各项绩效目标均已完成" while a 评分说明 says 计划9个、已实现7个', async () => {
    expect(serious(await findings('completion-vs-plan.txt'))).toEqual([
      { rule: 'target/claim-vs-actual', severity: 'warning', expected: '9', actual: '7', line: 7 },
    ]);
  });

  it('6: 31,250,400.00 元 restated as 312.50 万元, and 12.5 万元 as 0.125 亿元, are decimal slips', async () => {
    const found = await findings('decimal-slip.txt');
    expect(serious(found)).toEqual([
      { rule: 'figure/conflict', severity: 'error', expected: '3125.04', actual: '312.5', line: 7 },
      { rule: 'figure/conflict', severity: 'error', expected: '0.00125', actual: '0.125', line: 9 },
    ]);
    expect(found.filter((f) => f.rule === 'figure/conflict').every((f) => f.message.includes('疑为小数点或金额单位错写'))).toBe(true);
  });

  it('8: a 其中 list that misses its total by one digit or two swapped digits is a warning; a plain shortfall stays info', async () => {
    const found = (await findings('breakdown-typo.txt')).filter((f) => f.rule === 'sum/breakdown-mismatch').map(brief);
    expect(found).toEqual([
      { rule: 'sum/breakdown-mismatch', severity: 'warning', expected: '1240400.00', actual: '1250400', line: 5 },
      { rule: 'sum/breakdown-mismatch', severity: 'warning', expected: '125.34', actual: '125.43', line: 7 },
      { rule: 'sum/breakdown-mismatch', severity: 'info', expected: '1200000.00', actual: '1250400', line: 9 },
    ]);
  });

  it('9: in a scrambled table, a row whose explanation contradicts its own score and a sentence with a unit slip keep their severity', async () => {
    const found = await findings('scrambled-row.txt');
    expect(serious(found)).toEqual([
      { rule: 'score/explanation-mismatch', severity: 'warning', expected: '0', actual: '3', line: 15 },
      { rule: 'figure/unit-conflict', severity: 'warning', expected: '0.08', actual: '0.08', line: 15 },
    ]);
    // What depends on the columns (the table's sums) is still only "could not verify".
    expect(found.find((f) => f.rule === 'score/unverifiable')?.severity).toBe('info');
  });
});
