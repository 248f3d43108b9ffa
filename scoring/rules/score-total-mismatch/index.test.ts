import { describe, expect, it } from 'vitest';
import { findingsOf, node, q, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const tree = (scores: string[]) => [node(1, '预算编制', '20', null, scores.map((s, i) => node(3, `指标${i}`, '5', s)))];

describe('score/total-mismatch', () => {
  it('valid: the total equals the sum of the items', () => {
    expect(findingsOf(rule, report({ tables: [table(tree(['5', '4.5', '3.66', '5']), { score: '18.16' })] }))).toEqual([]);
  });

  it('valid: a total within the rounding interval of two-decimal items', () => {
    // 4.66 + 4.67 + 4.67 = 14.00; each could be ±0.005, so a printed 14.01 is still consistent
    expect(findingsOf(rule, report({ tables: [table(tree(['4.66', '4.67', '4.67']), { score: '14.01' })] }))).toEqual([]);
  });

  it('valid: scrambled tables are not judged here', () => {
    expect(findingsOf(rule, report({ tables: [table(tree(['5', '4']), { score: '100' }, { quality: 'unreadable' })] }))).toEqual([]);
  });

  it('invalid: the total claims 100 while the items add to 94.42', () => {
    const [finding] = findingsOf(rule, report({ tables: [table(tree(['50', '44.42']), { score: '100' })] }));
    expect(finding).toMatchObject({ rule: 'score/total-mismatch', severity: 'error', expected: '94.42', actual: '100' });
    expect(finding.message).toContain('94.42');
  });

  it('invalid: counts the budget-execution score of a self-evaluation table', () => {
    const budget = { initialBudget: null, fullYearBudget: null, executed: null, weight: null, rate: null, score: q('9'), loc: {}, evidence: '' };
    const [finding] = findingsOf(rule, report({ tables: [table(tree(['40', '40']), { score: '90' }, { kind: 'self-eval', budget })] }));
    expect(finding).toMatchObject({ expected: '89', actual: '90' });
  });

  it('valid: nothing to recompute when the budget row carries 10 points but its score could not be read', () => {
    const budget = { initialBudget: null, fullYearBudget: null, executed: null, weight: q('10'), rate: null, score: null, loc: {}, evidence: '' };
    expect(findingsOf(rule, report({ tables: [table(tree(['40', '40']), { score: '90' }, { kind: 'self-eval', budget })] }))).toEqual([]);
  });
});
