import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('figure/unit-conflict', () => {
  it('valid: the same amount written in 元 and 万元, and different periods', () => {
    expect(run('收入决算数 13,368,029.63 元。', '收入决算数为1336.80万元。')).toEqual([]);
    expect(run('当年年末存量资金0.08万元。', '上年年末存量资金0.08亿元。')).toEqual([]);
  });

  it('invalid: 0.08万元 and 0.08亿元 for the same balance', () => {
    const [f] = run('当年年末存量资金0.08万元。', '2022年存量资金0.08亿元。');
    expect(f).toMatchObject({ rule: 'figure/unit-conflict', severity: 'warning', expected: '0.08', actual: '0.08' });
    expect(f.message).toContain('万元/亿元');
  });

  it('a sentence in a scrambled table speaks for itself: still a warning', () => {
    const r = textReport(['当年年末存量资金0.08万元。', '说明\t2022年存量资金0.08亿元，变动率-99.23%。'], { scrambledTables: [1] });
    expect(findingsOf(rule, r)[0]).toMatchObject({ severity: 'warning', location: expect.objectContaining({ table: 1 }) });
  });

  it('error when both places state the same period point', () => {
    const [f] = run('年末结转和结余资金12.5万元。', '年末结转和结余资金12.5亿元已上缴。');
    expect(f).toMatchObject({ rule: 'figure/unit-conflict', severity: 'error' });
  });
});
