import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule, { looksMistyped } from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('calc/operand-mismatch', () => {
  it('valid: operands that are the figures named before them, also across units', () => {
    expect(run('收入预算数 28,921,800 元，收入决算数 13,368,029.63 元，差异率 = (13,368,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100% = -53.78%。')).toEqual([]);
    expect(run('市财政冻结收回 867.44 万元预算。差异率 = (13368029.63 元 + 8674378.51 - 22562100.04 元) / 22562100.04 元 * 100% = -2.30%。')).toEqual([]);
  });

  it('valid: an operand named just before its formula, though another figure before it is one digit away', () => {
    expect(run('年初预算数为3062.33万元，其中：基本支出2885.62万元。全年执行数为2882.62万元，预算执行率=2882.62/3115.75×100%=92.52%。')).toEqual([]);
  });

  it('invalid: two digits swapped between the named figure and the formula', () => {
    const [f] = run('收入预算数 28,921,800 元，收入决算数 13,368,029.63 元，差异率 = (13,386,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100% = -53.72%。');
    expect(f).toMatchObject({ rule: 'calc/operand-mismatch', severity: 'warning', expected: '13368029.63', actual: '13386029.63' });
  });

  it('looksMistyped: one digit or one adjacent swap only', () => {
    expect(looksMistyped('1336802963', '1338602963')).toBe(true);
    expect(looksMistyped('97599', '97699')).toBe(true);
    expect(looksMistyped('53355', '53905')).toBe(false);
    expect(looksMistyped('123', '1234')).toBe(false);
  });
});
