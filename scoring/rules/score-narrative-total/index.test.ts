import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table, totalClaim } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const scored = (total: string) => table([node(1, 'A', '100', null, [node(3, 'a', '100', total)])], { weight: '100', score: total });

describe('score/narrative-total', () => {
  it('valid: the narrative total equals the table total', () => {
    expect(findingsOf(rule, report({ tables: [scored('91.16')], claims: [totalClaim('91.16')] }))).toEqual([]);
  });

  it('valid: no table to compare with is not a finding here', () => {
    expect(findingsOf(rule, report({ claims: [totalClaim('100')] }))).toEqual([]);
  });

  it('invalid: the narrative claims 100, the table total is 98', () => {
    const [finding] = findingsOf(rule, report({ tables: [scored('98')], claims: [totalClaim('100', '整体绩效自评得分为100分')] }));
    expect(finding).toMatchObject({ severity: 'error', expected: '98', actual: '100', evidence: '整体绩效自评得分为100分' });
  });

  it('invalid: two totals in the narrative', () => {
    const findings = findingsOf(rule, report({ claims: [totalClaim('94.42'), totalClaim('92')] }));
    expect(findings).toMatchObject([{ expected: '94.42', actual: '92' }]);
  });
});
