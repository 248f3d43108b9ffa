import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';
import { scoreStatements } from './statements.ts';

const leaf = (weight: string, score: string, explanation: string) => report({ tables: [table([node(1, 'A', weight, null, [node(3, '资产管理情况规范性', weight, score, [], { explanation })])])] });

describe('score/explanation-mismatch', () => {
  it('valid: the explanation and the column agree', () => {
    expect(findingsOf(rule, leaf('4', '4', '资产账实相符。本项得分4分。'))).toEqual([]);
    expect(findingsOf(rule, leaf('2', '1.5', '缺少评审方案。因此，扣 0.5 分。'))).toEqual([]);
    expect(findingsOf(rule, leaf('3', '3', '符合要求。因此，本项得满分。'))).toEqual([]);
    expect(findingsOf(rule, leaf('5', '4.66', '本项得分=(0.95706+0.9074)/2*5=4.66分。'))).toEqual([]);
  });

  it('valid: partial scores that add up to the column (2.5 + 2 = 4.5)', () => {
    expect(findingsOf(rule, leaf('5', '4.5', '根据既定的标准，本项得分2.5分。经核实，…本项得2分。'))).toEqual([]);
  });

  it('invalid: 评分说明 says 2 points, the score column says 4', () => {
    const [finding] = findingsOf(rule, leaf('4', '4', '由于复核工作本身的局限性，无法得知资产管理实际情况。本项得分2分。'));
    expect(finding).toMatchObject({ severity: 'error', expected: '2', actual: '4', subject: '资产管理情况规范性' });
  });

  it('invalid: a deduction that does not match', () => {
    expect(findingsOf(rule, leaf('4', '4', '绩效目标较零散。综合考虑，本项扣1分。'))).toMatchObject([{ expected: '3', actual: '4' }]);
  });

  it('reads the statements', () => {
    const said = scoreStatements('该指标扣 2 分。 因此，该指标得分 8 分。');
    expect(said.scores.map(String)).toEqual(['8']);
    expect(said.deductions.map(String)).toEqual(['2']);
  });
});
