import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('rate/implicit-mismatch', () => {
  it('valid: rates their figures give, within rounding', () => {
    expect(run('落地项目到位资金731.796亿元，完成年度计划（720亿元）101.64%。')).toEqual([]);
    expect(run('三公经费控制率\t预算安排数\t2.42万元\t实际支出数\t1.97万元\t控制率\t81%')).toEqual([]);
    expect(run('部门预算收入 874.97 万元，比上年减少 608 万元，降低 40.99%。')).toEqual([]);
  });

  it('invalid: 975.99 ÷ 870 printed as 121.18%, reported once', () => {
    const found = run('签约额975.99亿元，完成年度计划（870亿元）121.18%。', '签约额975.99亿元，完成年度计划（870亿元）121.18%。');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', expected: '112.18', actual: '121.18', subject: '签约额' });
    expect(found[0].calculation).toBe('975.99亿元 ÷ 870亿元 × 100% = 112.18%');
  });

  it('warning: an 占比 that its two counts do not give', () => {
    expect(run('其中应规范170家，已规范98家，占比57.31%。')[0]).toMatchObject({ severity: 'warning', expected: '57.65' });
  });

  it('info: a truncated decrease rate', () => {
    expect(run('预算支出 884.99 万元，比上年减少 607.35 万元，降低 40.69%。')[0]).toMatchObject({ severity: 'info', expected: '40.70' });
  });
});
