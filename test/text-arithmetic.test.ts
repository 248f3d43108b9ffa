// End to end: the text-arithmetic fixtures through the real pipeline (ingest → txt extractor →
// normalizers → all registered rules), one fixture per kind of finding, plus a clean one.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DocumentResultSchema, type Finding } from '../model/index.ts';
import { checkFile } from '../pipeline/check.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/text/${name}`, import.meta.url));
const MINE = /^(calc|rate|sum|figure|target|deduction)\//;

async function findings(name: string): Promise<Finding[]> {
  const { result } = await checkFile(fixture(name));
  DocumentResultSchema.parse(result);
  expect(result.status).not.toBe('error');
  return result.findings.filter((f) => MINE.test(f.rule));
}

const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, expected: f.expected, actual: f.actual, line: f.location.line });

describe('text arithmetic, end to end', () => {
  it('stated calculations: a wrong percentage, a division by zero, a mistyped operand; dashes and split lines read right', async () => {
    expect((await findings('calc-stated.txt')).map(brief)).toEqual([
      { rule: 'calc/stated-mismatch', severity: 'error', expected: '88.64', actual: '98.64', line: 11 },
      { rule: 'calc/divide-by-zero', severity: 'error', expected: null, actual: '-100', line: 11 },
      { rule: 'calc/operand-mismatch', severity: 'warning', expected: '13368029.63', actual: '13386029.63', line: 25 },
    ]);
  });

  it('implicit rates: 975.99 ÷ 870 once for two copies, a 控制率, an 占比 and a truncated decrease', async () => {
    const found = await findings('rate-implicit.txt');
    expect(found.map(brief)).toEqual([
      { rule: 'rate/implicit-mismatch', severity: 'error', expected: '112.18', actual: '121.18', line: 7 },
      { rule: 'rate/implicit-mismatch', severity: 'error', expected: '124.38', actual: '142.38', line: 11 },
      { rule: 'rate/implicit-mismatch', severity: 'info', expected: '40.70', actual: '40.69', line: 13 },
      { rule: 'rate/implicit-mismatch', severity: 'warning', expected: '57.65', actual: '57.31', line: 15 },
    ]);
    expect(found[0].calculation).toBe('975.99亿元 ÷ 870亿元 × 100% = 112.18%');
  });

  it('breakdowns, table totals and balance rows', async () => {
    expect((await findings('breakdown-sums.txt')).map(brief)).toEqual([
      { rule: 'sum/breakdown-mismatch', severity: 'error', expected: '926.41', actual: '907.41', line: 8 },
      { rule: 'sum/table-total-mismatch', severity: 'error', expected: '533.55', actual: '534.55', line: 17 },
      { rule: 'sum/balance-mismatch', severity: 'warning', expected: '-7.40', actual: '0', line: 11 },
      { rule: 'sum/balance-mismatch', severity: 'warning', expected: '39.03', actual: '38.02', line: 17 },
    ]);
  });

  it('the same figure with two values, and with two units', async () => {
    const found = await findings('figure-conflict.txt');
    expect(found.map(brief)).toEqual([
      { rule: 'figure/conflict', severity: 'error', expected: '1085.09', actual: '348.64', line: 30 },
      { rule: 'figure/unit-conflict', severity: 'warning', expected: '0.08', actual: '0.08', line: 34 },
    ]);
    expect(found[0].message).toContain('第19行');
  });

  it('a claim of full completion against a missed target', async () => {
    const [f, ...rest] = await findings('target-claim.txt');
    expect(rest).toEqual([]);
    expect(brief(f)).toEqual({ rule: 'target/claim-vs-actual', severity: 'warning', expected: '80', actual: '56', line: 19 });
    expect(f.message).toContain('都已完成');
  });

  it('deductions that do not add up to 100 − 85', async () => {
    expect((await findings('deductions.txt')).map(brief)).toEqual([
      { rule: 'deduction/sum-mismatch', severity: 'error', expected: '15', actual: '14.5', line: 8 },
    ]);
  });

  it('a GBK-encoded report', async () => {
    expect((await findings('gbk-report.gbk.txt')).map(brief)).toEqual([
      { rule: 'calc/stated-mismatch', severity: 'error', expected: '-53.78', actual: '-53.87', line: 9 },
      { rule: 'sum/breakdown-mismatch', severity: 'error', expected: '13468029.63', actual: '13368029.63', line: 7 },
    ]);
  });

  it('a report whose numbers all agree produces nothing (11月末 vs 年末 is not a conflict)', async () => {
    expect(await findings('clean.txt')).toEqual([]);
  });
});
