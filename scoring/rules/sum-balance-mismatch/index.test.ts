import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));
const head = '项目名称\t期初余额\t本年收入\t财政收回\t本年支出\t期末余额';

describe('sum/balance-mismatch', () => {
  it('valid: rows that balance within rounding; rows without 期末 are not checked', () => {
    expect(run(head, '协调经费\t30.36\t50\t18.5\t52.98\t8.87', '公用经费\t0\t38.76\t\t31.35\t')).toEqual([]);
  });

  it('invalid: 期初 + 收入 − 支出 ≠ 期末', () => {
    const [f] = run(head, '人员经费\t0\t338.16\t\t345.56\t0');
    expect(f).toMatchObject({ rule: 'sum/balance-mismatch', severity: 'warning', expected: '-7.40', actual: '0' });
    expect(f.calculation).toBe('0.00 + 338.16 − 345.56 = -7.40');
  });
});
