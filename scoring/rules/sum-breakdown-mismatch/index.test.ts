import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('sum/breakdown-mismatch', () => {
  it('valid: parts that add up, within rounding of the series', () => {
    expect(run('实际支出 3.89 万元，其中：油费 2.35 万元、保险费 0.35 万元、维修费 0.6 万元、终端 0.41 万元、过路费 0.19 万元。')).toEqual([]);
  });

  it('invalid: parts adding to more than the total', () => {
    const [f] = run('财政拨款收入决算数为874.97万元，其中一般公共预算收入决算数为850.97万元，政府性基金收入决算数为34万元。');
    expect(f).toMatchObject({ rule: 'sum/breakdown-mismatch', severity: 'error', expected: '884.97', actual: '874.97' });
  });

  it('info: parts adding to less (the list may be partial)', () => {
    expect(run('收入 100 万元，其中：A 30 万元，B 40 万元。')[0]).toMatchObject({ severity: 'info', expected: '70' });
  });

  it('warning: a shortfall of exactly one changed digit, or two swapped digits (a typo signature)', () => {
    const [digit] = run('收入合计 1,250,400.00 元，其中：财政拨款 1,000,000.00 元，其他收入 240,400.00 元。');
    expect(digit).toMatchObject({ severity: 'warning', expected: '1240400.00', actual: '1250400' });
    expect(digit.message).toContain('一位数字');
    const [swap] = run('支出 125.43 万元，其中：基本支出 100.00 万元，项目支出 25.34 万元。');
    expect(swap).toMatchObject({ severity: 'warning', expected: '125.34' });
    expect(swap.message).toContain('互换');
    const [carry] = run('当年财政拨款 25,402,470.56 元，其中：基本支出 20,000,000.00 元，项目支出 5,392,470.56 元。');
    expect(carry).toMatchObject({ severity: 'warning', expected: '25392470.56' });
    expect(carry.message).toContain('进位');
  });

  it('info: a shortfall in several digits, or within rounding, is no typo signature', () => {
    expect(run('收入 100 万元，其中：A 30 万元，B 45 万元。')[0]).toMatchObject({ severity: 'info' });
    expect(run('收入 70 万元，其中：A 30 万元，B 20 万元。')[0]).toMatchObject({ severity: 'info' });
    expect(run('收入合计 1,250,400.00 元，其中主要有：财政拨款收入 1,000,000.00 元，其他收入 240,400.00 元。')[0]).toMatchObject({ severity: 'info' });
    expect(run('收入 1,250,400.00 元，其中：A 1,000,000.00 元，B 230,000.00 元。')[0]).toMatchObject({ severity: 'info' });
  });
});
