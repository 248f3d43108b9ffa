import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const detailed = () => table([node(1, '预算执行情况', '40', null, [node(2, '支出管理', '13', null, [node(3, '支出完成率', '4', '3'), node(3, '结转结余率', '3', '3'), node(3, '财务合规性', '6', '6')])])]);
const summary = (score: string, weight = '13') => table([node(1, '预算执行情况', null, null, [node(2, '支出管理', weight, score)])], null, { kind: 'summary', tableIndex: 2 });

describe('score/subtotal-mismatch', () => {
  it('valid: the summary agrees with the detailed items', () => {
    expect(findingsOf(rule, report({ tables: [summary('12'), detailed()] }))).toEqual([]);
  });

  it('valid: a parent score equal to the sum of its children', () => {
    const t = table([node(1, '预算执行情况', '10', '7.5', [node(3, 'a', '5', '4'), node(3, 'b', '5', '3.5')])]);
    expect(findingsOf(rule, report({ tables: [t] }))).toEqual([]);
  });

  it('invalid: the summary gives 支出管理 13 while its items add to 12', () => {
    const [finding] = findingsOf(rule, report({ tables: [summary('13'), detailed()] }));
    expect(finding).toMatchObject({ severity: 'error', expected: '12', actual: '13', subject: '支出管理' });
  });

  it('valid: no comparison when the detailed items are not all of the summary line (their weights add to 13, not 21)', () => {
    expect(findingsOf(rule, report({ tables: [summary('20', '21'), detailed()] }))).toEqual([]);
  });

  it('invalid: a whole-number score is exact (11 means 11.00), so half a point off is a mismatch', () => {
    const halves = () => table([node(1, '预算执行情况', '40', null, [node(2, '资产管理', '12', null, [node(3, '资产管理规范性', '6', '4.5'), node(3, '固定资产利用率', '6', '6')])])]);
    const printed = table([node(1, '预算执行情况', null, null, [node(2, '资产管理', '12', '11')])], null, { kind: 'summary', tableIndex: 2 });
    expect(findingsOf(rule, report({ tables: [printed, halves()] }))).toMatchObject([{ expected: '10.5', actual: '11' }]);
  });

  it('invalid: a parent score that its children do not add up to', () => {
    const t = table([node(1, '预算执行情况', '40', '38.5', [node(3, 'a', '20', '20'), node(3, 'b', '20', '17.5')])]);
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ expected: '37.5', actual: '38.5' }]);
  });
});
