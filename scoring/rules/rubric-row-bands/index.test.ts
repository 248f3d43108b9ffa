import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import { parseBands } from './bands.ts';
import rule from './index.ts';

const CRITERIA = '结转结余率≤10%的，得3分；10%<结转结余率≤20%的，得2分；20%<结转结余率≤30%的，得1分；结转结余率>30%的，得0分。';
const row = (score: string, explanation: string, criteria = CRITERIA) => report({ tables: [table([node(3, '结转结余率', '3', score, [], { criteria, explanation })])] });

describe('rubric/row-bands', () => {
  it('valid: the stated rate falls in the band of the printed score', () => {
    expect(findingsOf(rule, row('1', '结转结余率=12,569,214.32/(1,295,000.76+42,348,104.52)×100%=28.80%。因此，本项得1分。'))).toEqual([]);
  });

  it('valid: a rate whose rounding straddles two bands is not judged', () => {
    expect(findingsOf(rule, row('2', '结转结余率为20%，本项得2分。'))).toEqual([]);
    expect(findingsOf(rule, row('1', '结转结余率为20%，本项得1分。'))).toEqual([]);
  });

  it('valid: criteria without bands (discretionary) are not judged', () => {
    expect(findingsOf(rule, row('3', '结转结余率为28.80%，本项得3分。', '符合要求的，得3分；存在问题的，每项扣0.5分，扣完为止。'))).toEqual([]);
  });

  it('invalid: 28.80% scored 3 where the row prints 20%<x≤30% → 1', () => {
    const [f] = findingsOf(rule, row('3', '结转结余率=12,569,214.32/(1,295,000.76+42,348,104.52)×100%=28.80%。因此，本项得3分。'));
    expect(f).toMatchObject({ rule: 'rubric/row-bands', severity: 'warning', expected: '1', actual: '3', subject: '结转结余率' });
  });

  it('valid: a rate of another figure stated in the row is not the bands\' figure', () => {
    expect(findingsOf(rule, row('3', '预算执行率为96%，资金使用规范，本项得3分。'))).toEqual([]);
  });

  it('reads clauses in order: the first that holds wins (≤-15% → 3 before ≤0 → 1)', () => {
    const criteria = '变动率=(当年年末存量资金÷上年末存量资金-1)×100%。变动率≤-15%的，得3分；≤-10%的，得2分；≤0的，得1分；>0的，不得分。';
    expect(findingsOf(rule, row('3', '变动率=(58.00÷127.38-1)×100%=-54.47%，得3分。', criteria))).toEqual([]);
    expect(findingsOf(rule, row('1', '变动率=(58.00÷127.38-1)×100%=-54.47%，得1分。', criteria))).toMatchObject([{ expected: '3', actual: '1' }]);
  });

  it('reads two-sided, reversed and negative bounds, and 不得分', () => {
    expect(parseBands('结果=100%，得4分；100%>结果≥90%，得3分；结果<70%，得0分').map((b) => `${b.lo ?? '-'}${b.loIncluded ? '≤' : '<'}x${b.hiIncluded ? '≤' : '<'}${b.hi ?? '-'}:${b.points}`))
      .toEqual(['100≤x≤100:4', '90≤x<100:3', '-<x<70:0']);
    expect(parseBands('变动率≤-15%的，得3分；≤0的，得1分；>0的，不得分').map((b) => `${b.hi ?? b.lo}:${b.points}`)).toEqual(['-15:3', '0:1', '0:0']);
  });
});
