import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('sum/table-total-mismatch', () => {
  it('valid: 小计 and 合计 rows that add up; 合计 = sum of 小计', () => {
    expect(run('项目\t本年收入\t本年支出', '人员经费\t338.16\t345.56', '公用经费\t38.76\t31.35', '小计\t376.92\t376.91', '其他\t0.13\t0.07', '小计\t0.13\t0.07', '合计\t377.05\t376.98')).toEqual([]);
  });

  it('valid: scoring tables are left to the score rules', () => {
    expect(run('指标\t分值\t得分', 'A\t5\t4', 'B\t5\t5', '合计\t10\t8')).toEqual([]);
  });

  it('invalid: a 合计 that is not the sum of its rows', () => {
    const [f] = run('项目\t金额', '通用设备\t55.56', '家具\t5.22', '合计\t61.78');
    expect(f).toMatchObject({ rule: 'sum/table-total-mismatch', severity: 'error', expected: '60.78', actual: '61.78' });
    expect(f.location).toMatchObject({ table: 1, row: 4, column: 2 });
  });
});
