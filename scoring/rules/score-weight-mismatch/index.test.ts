import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

describe('score/weight-mismatch', () => {
  it('valid: children add up to their parent and 一级 weights to the total', () => {
    const t = table([node(1, 'A', '60', null, [node(3, 'a1', '30', '30'), node(3, 'a2', '30', '28')]), node(1, 'B', '40', null, [node(3, 'b1', '40', '40')])], { weight: '100', score: '98' });
    expect(findingsOf(rule, report({ tables: [t] }))).toEqual([]);
  });

  it('valid: bonus rows carry no weight and are ignored', () => {
    const t = table([node(1, 'A', '100', null, [node(3, 'a1', '100', '90')]), node(1, '加减分项', null, null, [node(3, '表彰', null, '1')], { bonus: true })], { weight: '100', score: '91' });
    expect(findingsOf(rule, report({ tables: [t] }))).toEqual([]);
  });

  it('invalid: children weights that do not add to the parent', () => {
    const t = table([node(1, 'A', '20', null, [node(3, 'a1', '12', '10'), node(3, 'a2', '7', '7')])]);
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ severity: 'error', expected: '19', actual: '20', subject: 'A分值' }]);
  });

  it('invalid: 一级 weights that do not add to the total', () => {
    const t = table([node(1, 'A', '60', null, [node(3, 'a1', '60', '60')]), node(1, 'B', '30', null, [node(3, 'b1', '30', '30')])], { weight: '100', score: '90' });
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ expected: '90', actual: '100' }]);
  });

  it('valid: weights printed on leaves only add up to the total', () => {
    const t = table([node(1, 'A', null, null, [node(3, 'a1', '60', '55')]), node(1, 'B', null, null, [node(3, 'b1', '30', '30'), node(3, 'b2', '10', '9')])], { weight: '100', score: '94' });
    expect(findingsOf(rule, report({ tables: [t] }))).toEqual([]);
  });

  it('invalid: weights printed on leaves only that do not add to the total', () => {
    const t = table([node(1, 'A', null, null, [node(3, 'a1', '61', '55')]), node(1, 'B', null, null, [node(3, 'b1', '30', '30'), node(3, 'b2', '10', '9')])], { weight: '100', score: '94' });
    expect(findingsOf(rule, report({ tables: [t] }))).toMatchObject([{ expected: '101', actual: '100' }]);
  });
});
