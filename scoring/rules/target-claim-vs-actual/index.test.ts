import { describe, expect, it } from 'vitest';
import { findingsOf, node, table } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));
const tasks = ['任务 1：新增规模以上工业企业 80 家。', '任务 2：园区引进项目数不少于 15 个。'];

describe('target/claim-vs-actual', () => {
  it('valid: a shortfall without a claim of full completion is not this rule’s business', () => {
    expect(run(...tasks, '全年新增规模以上工业企业 56 家。')).toEqual([]);
  });

  it('valid: a completion claim with every target met', () => {
    expect(run(...tasks, '各项绩效目标都已完成。全年新增规模以上工业企业 86 家。')).toEqual([]);
  });

  it('invalid: "都已完成" while 56 < 80', () => {
    const [f] = run(...tasks, '截至年底，各项绩效目标都已完成，完成率为 100%。全年新增规模以上工业企业 56 家。');
    expect(f).toMatchObject({ rule: 'target/claim-vs-actual', severity: 'warning', expected: '80', actual: '56' });
    expect(f.message).toContain('都已完成');
  });

  it('valid: the claim itself excepts the indicator that falls short ("除X外，其余…均已完成")', () => {
    expect(run(...tasks, '除新增规模以上工业企业外，其余绩效目标均已完成。全年新增规模以上工业企业 56 家。')).toEqual([]);
    expect(run(...tasks, '除个别指标外，其余绩效目标均已完成。全年新增规模以上工业企业 56 家。')).toEqual([]);
  });

  it('invalid: an exception that names another indicator does not cover this one', () => {
    expect(run(...tasks, '除培训场次外，其余绩效目标均已完成。全年新增规模以上工业企业 56 家。')).toMatchObject([{ expected: '80', actual: '56' }]);
  });

  it('invalid: a ceiling exceeded in a self-evaluation table', () => {
    const [f] = run('各项指标均已完成。', '三级指标\t年度指标值\t实际完成值', '总成本控制\t≤1085.09万\t1115.09万');
    expect(f).toMatchObject({ expected: '1085.09', actual: '1115.09' });
  });

  it('valid: "计划8个，已完成8个" with a completion claim', () => {
    expect(run('各项绩效目标均已完成。', '评分说明：整体绩效目标计划8个，已完成8个，本项得满分。')).toEqual([]);
  });

  it('invalid: "各项绩效目标均已完成" while a 评分说明 or a data row says 计划9个、已实现7个', () => {
    const [f, ...rest] = run('各项绩效目标均已完成。', '评分说明：整体绩效目标计划9个、已实现7个，本项得分3.1分。');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', expected: '9', actual: '7', subject: '整体绩效目标' });
    const [row] = run('年度目标全部完成。', '效率性\t整体绩效目标\t计划数\t9 个\t实际实现数\t8个\t完成率\t88.89%');
    expect(row).toMatchObject({ expected: '9', actual: '8' });
  });

  it('in a scrambled table: a row that states both counts keeps its severity; a pair read off the columns is capped', () => {
    const scrambled = { scrambledTables: [1] };
    const row = findingsOf(rule, textReport(['各项绩效目标均已完成。', '说明\t整体绩效目标计划9个、已实现7个'], scrambled));
    expect(row[0]).toMatchObject({ severity: 'warning' });
    const columns = findingsOf(rule, textReport(['各项指标均已完成。', '三级指标\t年度指标值\t实际完成值', '总成本控制\t≤1085.09万\t1115.09万'], scrambled));
    expect(columns[0]).toMatchObject({ severity: 'info' });
  });

  it('invalid: a pair of the indicator tree that the text reading missed (a DOCX or PDF layout)', () => {
    const leaf = node(3, '培训人次', '6', '4.8', [], { target: '350人次', actual: '280人次' });
    const r = { ...textReport(['各项绩效目标均已完成。']), tables: [table([node(1, '产出指标', '6', null, [leaf])], null, { kind: 'self-eval' })] };
    expect(findingsOf(rule, r)).toMatchObject([{ expected: '350', actual: '280', subject: '培训人次' }]);
  });

  it('valid: a tree pair already read from the text is reported once', () => {
    const lines = ['各项指标均已完成。', '三级指标\t年度指标值\t实际完成值', '总成本控制\t≤1085.09万\t1115.09万'];
    const leaf = node(3, '总成本控制', '10', '9', [], { target: '≤1085.09万', actual: '1115.09万' });
    const r = { ...textReport(lines), tables: [table([node(1, '成本指标', '10', null, [leaf])], null, { kind: 'self-eval' })] };
    expect(findingsOf(rule, r)).toHaveLength(1);
  });
});
