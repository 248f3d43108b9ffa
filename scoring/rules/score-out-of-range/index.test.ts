import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

describe('score/out-of-range', () => {
  it('valid: scores between 0 and the weight, and a negative bonus row', () => {
    const t = table([node(1, 'A', '10', null, [node(3, 'a', '4', '4'), node(3, 'b', '6', '0')]), node(1, '加减分项', null, null, [node(3, '问责', null, '-2', [], { bonus: true })], { bonus: true })]);
    expect(findingsOf(rule, report({ tables: [t] }))).toEqual([]);
  });

  it('invalid: a score above its weight', () => {
    const t = table([node(1, 'A', '10', null, [node(3, '固定资产利用率', '3', '4')])]);
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ severity: 'error', expected: '3', actual: '4', subject: '固定资产利用率' }]);
  });

  it('invalid: a negative score', () => {
    const t = table([node(1, 'A', '10', null, [node(3, 'a', '3', '-1')])]);
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ expected: '0', actual: '-1' }]);
  });
});
