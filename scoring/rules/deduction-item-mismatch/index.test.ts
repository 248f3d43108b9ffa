import { describe, expect, it } from 'vitest';
import { findingsOf, node, table } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const line = '得分为 91 分。主要扣分点：三公经费控制率（扣 5 分），财务合规性（扣 0.5 分）。';
const scoring = (score: string, quality: 'ok' | 'unreadable' = 'ok') =>
  [table([node(1, '预算执行', '10', null, [node(3, '三公经费控制率', '5', score), node(3, '财务合规性', '5', '4.5')])], { weight: '10', score: '4.5' }, { quality })];

describe('deduction/item-mismatch', () => {
  it('valid: each deduction is the indicator’s weight minus its score', () => {
    expect(findingsOf(rule, textReport([line], { tables: scoring('0') }))).toEqual([]);
  });

  it('valid: unreadable tables are not used', () => {
    expect(findingsOf(rule, textReport([line], { tables: scoring('3', 'unreadable') }))).toEqual([]);
  });

  it('invalid: 扣 5 分 while the table gives 5 − 3 = 2', () => {
    const [f] = findingsOf(rule, textReport([line], { tables: scoring('3') }));
    expect(f).toMatchObject({ rule: 'deduction/item-mismatch', severity: 'warning', expected: '2', actual: '5', subject: '三公经费控制率' });
  });
});
