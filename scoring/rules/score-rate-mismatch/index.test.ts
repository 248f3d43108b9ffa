import { describe, expect, it } from 'vitest';
import { findingsOf, node, q, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const summaryLine = (weight: string, score: string, rate: string) =>
  report({ tables: [table([node(1, '预算编制情况', null, null, [node(2, '预算编制', weight, score, [], { rate: q(rate, '%') })])], null, { kind: 'summary' })] });

describe('score/rate-mismatch', () => {
  it('valid: 11.5 / 12 = 95.83%', () => {
    expect(findingsOf(rule, summaryLine('12', '11.5', '95.83'))).toEqual([]);
  });

  it('valid: a budget execution rate 1115.09 / 1085.09 = 102.76%', () => {
    const budget = { initialBudget: null, fullYearBudget: q('1085.09'), executed: q('1115.09'), weight: q('10'), rate: q('102.76', '%'), score: q('9'), loc: {}, evidence: '' };
    expect(findingsOf(rule, report({ tables: [table([], null, { kind: 'self-eval', budget })] }))).toEqual([]);
  });

  it('invalid: 9.66 / 11 printed as 78.82%', () => {
    expect(findingsOf(rule, summaryLine('11', '9.66', '78.82'))).toMatchObject([{ severity: 'error', expected: '87.82', actual: '78.82' }]);
  });

  it('info: a truncated rate', () => {
    // 2 / 3 = 66.666…%: 66.66 is the cut-off value, 66.67 the rounded one
    expect(findingsOf(rule, summaryLine('3', '2', '66.66'))).toMatchObject([{ severity: 'info', expected: '66.67' }]);
  });
});
