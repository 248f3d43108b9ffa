import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
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

  describe('rows of a scrambled table, read on their own', () => {
    const rubric = '变动率≤-15%的，得3分；≤-10%的，得2分；>0的，不得分。';
    const scrambledRow = (...cells: string[]) => findingsOf(rule, textReport([cells.join('\t')], { scrambledTables: [1] }));

    it('invalid: the explanation closes with 得0分 while the row ends in 3 (weight 3 in the same row): a warning, not capped', () => {
      const [f, ...rest] = scrambledRow('预算执行情况', '40', rubric, '3', '存量资金0.08万元，上年末10.4万元，变动率-99.23%，得0分。', '3');
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ severity: 'warning', expected: '0', actual: '3', location: expect.objectContaining({ table: 1, column: 6 }) });
    });

    it('valid: the explanation agrees with the row’s score', () => {
      expect(scrambledRow('预算执行情况', '40', rubric, '3', '变动率-99.23%，得3分。', '3')).toEqual([]);
    });

    it('valid: no weight in the row, a rubric cell before the score, several stated scores, or a score above the weight', () => {
      expect(scrambledRow('预算执行情况', '变动率-99.23%，得0分。', '3')).toEqual([]);
      expect(scrambledRow('预算执行情况', '3', rubric, '3')).toEqual([]);
      expect(scrambledRow('信息公开', '3', '1.按时公开的，得3分；2.未公开的，得0分。', '3')).toEqual([]);
      expect(scrambledRow('预算执行情况', '3', '本项得分2分。复核后本项得分1分。', '3')).toEqual([]);
      expect(scrambledRow('重点工作', '5', '该项得分为96.15分', '4.95')).toEqual([]);
    });

    it('valid: an explanation cut inside its second score ("…本项得分2.5分。…本项得2", its "分。" on the next row) says more than can be read', () => {
      expect(scrambledRow('预算编制准确性', '5', '差异率-2.30%，本项得分2.5分。经核实，年度中间无频繁调剂。本项得2', '4.5')).toEqual([]);
    });

    it('valid: the same row in a table that is not scrambled is left to the indicator tree', () => {
      expect(findingsOf(rule, textReport(['预算执行情况\t40\t3\t变动率-99.23%，得0分。\t3']))).toEqual([]);
    });
  });
});
