import { describe, expect, it } from 'vitest';
import type { Report } from '../../../model/index.ts';
import { node, q, report, table, totalClaim } from '../../../test/helpers/report.ts';
import { extractDeductions } from '../../../normalizers/claims/deductions.ts';
import { textItems } from '../../../test/helpers/text-claims.ts';
import { runRules } from '../../engine.ts';
import rule from './index.ts';

const ZJ = 'zhanjiang-whole-2022';
const run = (r: Report, rubric = ZJ) => runRules(r, { rubric }, [rule]);
const row = (name: string, weight: string, score: string, explanation: string) => report({ tables: [table([node(3, name, weight, score, [], { explanation })])] });

describe('rubric/score-mismatch', () => {
  it('valid: 结转结余率 1.04% scored 3 (seed 004)', () => {
    const r = row('结转结余率', '3', '3', '2022年年末预算单位财政拨款结转和结余决算数139161.48元,收入决算数13368029.63元,结余结转率1.04%。因此,本项得3分。');
    expect(run(r)).toEqual([]);
  });

  it('valid: a band decision that flips within the rounding of the inputs is not a finding', () => {
    // 9.00 / 10.00 may be anything in [89.91%, 90.09%]: both 3 (≥90%) and 2 (<90%) are allowed
    expect(run(row('支出完成率', '4', '2', '年度实际支出9.00万元，财政下达预算数10.00万元。本项得2分。'))).toEqual([]);
  });

  it('valid: a score that follows the report’s own miscomputed rate is left to rubric/rate-mismatch', () => {
    // 91 / 100 = 91% (1分) but the report says 96% (3分) and scores 3: one problem, reported once, elsewhere
    const text = '实际在用固定资产总额91.00万元，所有固定资产总额100.00万元，使用率96%，得分3分。';
    expect(run(row('固定资产利用率', '3', '3', text))).toEqual([]);
    expect(run(row('固定资产利用率', '3', '0', text))[0]).toMatchObject({ actual: '0' });
  });

  it('valid: 重点工作完成率 as the 评分说明 computes it (seed 004)', () => {
    expect(run(row('重点工作完成率', '5', '4.66', '市委督查得分95.706分,市政府督查得分90.74分。因此,本项得分=(0.95706+0.9074)/2*5=4.66分。'))).toEqual([]);
  });

  it('invalid: 结转结余率 24% scored 3 → 1, with the whole calculation', () => {
    const [f] = run(row('结转结余率', '3', '3', '年末财政拨款结转和结余决算数24万元，收入决算数100万元。本项得3分。'));
    expect(f).toMatchObject({ rule: 'rubric/score-mismatch', severity: 'warning', expected: '1', actual: '3', subject: '结转结余率' });
    expect(f.message).toContain('24万元 / 100万元 × 100% = 24%');
    expect(f.message).toContain('20% < 24% ≤ 30% → 1分');
  });

  it('invalid: a rate stated as the result of its own equation scored outside its band (26.49% scored 3 → 1)', () => {
    const r = row('结转结余率', '3', '3', '年初财政拨款结转和结余0.0033亿元，全年预算数0.2572亿元，年末财政拨款结转和结余0.0690亿元，结转结余率=0.0690/(0.0033+0.2572)×100%=26.49%。因此，本项得3分。');
    expect(run(r)).toMatchObject([{ severity: 'warning', expected: '1', actual: '3' }]);
    const separators = row('结转结余率', '3', '3', '年末财政拨款结转和结余1,443,849.03元，结转结余率=1,443,849.03/(704,206.84+4,415,825.17)×100%=28.20%。因此，本项得3分。');
    expect(run(separators)).toMatchObject([{ expected: '1', actual: '3' }]);
  });

  it('invalid: 重点工作完成率 from the 基础数据表 (seed 000: 96.15 and 100.5 give 4.92, not 4.95)', () => {
    const r = report({ tables: [table([node(3, '重点工作完成效率', '5', '4.95')])], text: ['重点工作\t市委督查得分\t96.15\t政府督查得分\t100.5\t完成率\t100%'] });
    const [f] = run(r);
    expect(f).toMatchObject({ expected: '4.92', actual: '4.95' });
  });

  it('ambiguous: a 督查得分 above 100 capped or not — a score only the capped reading gives is info', () => {
    const r = report({ tables: [table([node(3, '重点工作完成率', '5', '4.9')])], text: ['重点工作\t市委督查得分\t96.15\t政府督查得分\t100.5\t完成率\t100%'] });
    const [f] = run(r);
    expect(f).toMatchObject({ severity: 'info', expected: '4.92', actual: '4.9' });
    expect(f.message).toContain('未作规定');
  });

  it('invalid: 项目完成及时性 counted from the numbered list: 4 of 7 done → 1.14, not 1.5 (seed 004)', () => {
    const items = [1, 2, 3, 4, 5, 6, 7].map((i) => `项目 ${i} 某某专项经费完成情况：${[3, 4, 6].includes(i) ? '该项工作未完成。' : '已按计划完成。'}`);
    const r = report({ tables: [table([node(3, '项目完成及时性', '2', '1.5', [], { explanation: '部分项目未按计划完成。该指标得分 1.5 分。' })])], text: ['年度进行了绩效目标申报且纳入本次自评复核的项目有 7 个。', ...items] });
    const [f] = run(r);
    expect(f).toMatchObject({ expected: '1.14', actual: '1.5' });
    expect(f.message).toContain('第3项、第4项、第6项');
  });

  it('valid: 项目完成及时性 from printed counts 7 of 8 → 1.75 (seed 000)', () => {
    const r = report({ tables: [table([node(3, '项目完成及时性', '2', '1.75')])], text: ['项目完成及时性\t部门预算项目数\t8个\t按期完成\t7个\t完成率87.5%'] });
    expect(run(r)).toEqual([]);
  });

  it('invalid: 绩效目标完成率 counts both halves, 2 points each (seed 000)', () => {
    const r = report({
      tables: [table([node(3, '绩效目标完成率', '4', '3.56')])],
      text: ['效率性\t整体绩效目标\t计划数\t9 个\t实际实现数\t8个\t完成率\t88.89%', '重要项目绩效目标\t计划数\t3个\t实际实现数\t2个\t完成率\t67%'],
    });
    expect(run(r)[0]).toMatchObject({ expected: '3.11', actual: '3.56' });
  });

  it('invalid: 公用经费控制率 with “三公” spending above its budget → 2', () => {
    const [f] = run(row('公用经费控制率', '4', '4', '2022年“三公”经费预算数2万元,实际支出数3万元。2022年日常公用经费调整预算数40万元,决算数30万元。本项得分4分。'));
    expect(f).toMatchObject({ expected: '2', actual: '4' });
  });

  it('ambiguous wording: 差异率 −2.30% scored 2.5 for the 3-point part is info, not a warning (seed 004)', () => {
    const [f] = run(row('预算编制准确性', '5', '4.5', '调整后的预决算差异率=(13368029.63元+8674378.51-22562100.04元)/22562100.04元*100%=-2.30%。根据既定的标准,本项得分2.5分。经核实,…本项得2分。'));
    expect(f).toMatchObject({ severity: 'info', expected: '3', actual: '2.5' });
    expect(f.message).toContain('不同理解');
  });

  it('invalid: 差异率 12% scored 3 for the part: no reading allows it', () => {
    const [f] = run(row('预算编制准确性', '5', '5', '财政拨款收入预决算差异率=12%。本项得分3分。其余得2分。'));
    expect(f).toMatchObject({ severity: 'warning', actual: '3' });
  });

  it('valid: a composite row whose 评分说明 states the whole score (formula part + discretionary part) is not compared with the part (issue 12, pattern 7)', () => {
    // 差异率 1.2% gives the 3-point part 3; the row's 4.5 holds 1.5 of the 2 discretionary points
    expect(run(row('预算编制准确性', '5', '4.5', '财政拨款收入预决算差异率=1.2%。本项得分4.5分。'))).toEqual([]);
    expect(run(row('预算编制准确性', '5', '4.5', '财政拨款收入预决算差异率=1.2%。根据评分标准，本项得4.5分。'))).toEqual([]);
  });

  it('invalid: a composite row whose whole score exceeds the formula part plus the discretionary points', () => {
    // 差异率 12% leaves the 3-point part 2 (or 1.5): at most 4 with the 2 discretionary points, not 4.5
    const [f] = run(row('预算编制准确性', '5', '4.5', '财政拨款收入预决算差异率=12%。本项得分4.5分。'));
    expect(f).toMatchObject({ severity: 'warning', actual: '4.5' });
    expect(f.message).toContain('酌情计分');
  });

  it('printed scores from the 主要扣分点 list: listed items lose their points, unlisted ones keep full marks (seed 002)', () => {
    const text = [
      '该单位部门整体支出绩效评价得分为 90 分，等级为优。主要扣分点：三公经费控制率（扣 5 分），公用经费控制率（扣 5 分）。',
      '2018 年三公经费预算安排 3.24 万元，实际支出 4.03 万元，三公经费控制率为 124.38%。',
      '2018 年公用经费预算安排 39.58 万元，公用经费实际支出 30.82 万元，公用经费控制率 77.87%。',
      '核定编制人数 17 人，2018 年末实际在职人数 18 人，在职人员控制率为 105.88%。',
    ];
    const found = run(report({ text, claims: [totalClaim('90'), ...extractDeductions(textItems(text))] }), 'zhanjiang-whole-2018');
    // 三公 124.38% → 0 as deducted; 公用 77.87% → 5, not 0; 在职 105.88% → 2 to 2.5, not the full 5 the list implies
    expect(found.map((f) => [f.subject, f.expected, f.actual])).toEqual([
      ['公用经费控制率', '5', '0'],
      ['在职人员控制率', '2.5', '5'],
    ]);
  });

  it('assumed rubrics report at info level: 产出 target missed, scored in full', () => {
    const leaf = node(3, '培训次数', '10', '10', [], { target: '4次', actual: '3次' });
    const tree = [node(1, '产出指标', '50', null, [node(2, '数量指标', '10', null, [leaf])])];
    const [f] = run(report({ tables: [table(tree, null, { kind: 'self-eval' })] }), 'national-self-eval');
    expect(f).toMatchObject({ severity: 'info', expected: '7.5', actual: '10' });
  });

  it('valid: 产出 target met scores full marks', () => {
    const leaf = node(3, '培训次数', '10', '10', [], { target: '4次', actual: '6次' });
    const tree = [node(1, '产出指标', '50', null, [node(2, '数量指标', '10', null, [leaf])])];
    expect(run(report({ tables: [table(tree, null, { kind: 'self-eval' })] }), 'national-self-eval')).toEqual([]);
  });

  it('assumed rubrics: budget row 96.89% scored 9 → 9.69 at info level', () => {
    const budget = { initialBudget: q('120'), fullYearBudget: q('100'), executed: q('96.89'), weight: q('10'), rate: q('96.89', '%'), score: q('9'), loc: {}, evidence: '年度资金总额 120 100 96.89 10 96.89% 9' };
    const [f] = run(report({ tables: [table([], null, { kind: 'self-eval', budget })] }), 'national-self-eval');
    expect(f).toMatchObject({ severity: 'info', expected: '9.69', actual: '9' });
  });
});
