import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('deduction/sum-mismatch', () => {
  it('valid: 100 − 85 = 1 + 0.5 + 1 + 5 + 5 + 0.5 + 1.5 + 0.5', () => {
    expect(run('绩效评价得分为 85 分，等级为良。主要扣分点：A（扣 1 分），B（扣 0.5 分），C（扣 1 分），D（扣 5 分），E（扣 5 分），F（扣 0.5 分），G（扣 1.5 分），H（扣 0.5 分）。')).toEqual([]);
  });

  it('invalid: the listed deductions add to 14 for a score of 85', () => {
    const [f] = run('绩效评价得分为 85 分。主要扣分点：A（扣 4 分），B（扣 10 分）。');
    expect(f).toMatchObject({ rule: 'deduction/sum-mismatch', severity: 'error', expected: '15', actual: '14' });
  });
});
