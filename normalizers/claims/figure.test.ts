import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractFigures } from './figure.ts';

const figures = (...lines: string[]) => extractFigures(textItems(lines)).map((c) => `${c.label}|${c.period}|${c.scope}|${c.value.raw}`);

describe('extractFigures', () => {
  it('keeps budget vocabulary with its period', () => {
    expect(figures('全年预算数为348.64万元，执行数为1115.09万元，完成预算的319.84%。')).toEqual(['预算数||全年|unit|348.64万元']);
  });

  it('drops the unit’s own name for itself from the label (部门年初预算数 is the 年初预算数)', () => {
    expect(figures('本年度部门年初预算数为3,606.41万元。', '2020年年初预算数为3,431.40万元。').map((f) => f.split('|')[0])).toEqual(['预算数', '预算数']);
  });

  it('takes the period from a short time phrase that opens the sentence (截至年末，…)', () => {
    expect(figures('截至年末，财政拨款结转和结余93.00亿元，已按规定清理盘活。')).toEqual(['财政拨款结转和结余||年末|unit|93.00亿元']);
  });

  it('tells last year-end from this year-end', () => {
    expect(figures('当年年末存量资金0.08万元，上一年度年末存量资金10.4万元。')).toEqual(['存量资金||年末|unit|0.08万元', '存量资金||上年末|unit|10.4万元']);
  });

  it('marks figures of a sentence about a project', () => {
    expect(figures('项目资金年初结转结余 43.54 万元，年末结转结余 37.96 万元。').map((f) => f.split('|')[3])).toEqual(['project', 'project']);
  });

  it('reads the budget row of a self-evaluation table in the unit its header declares', () => {
    const found = figures('项目名称\t业务工作经费', '年度资金(万元)\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t120\t100 (调减20万)\t96.89');
    expect(found).toEqual(['预算数||年初|project:业务工作经费|120万元', '预算数||全年|project:业务工作经费|100万元', '执行数||全年|project:业务工作经费|96.89万元']);
  });

  it('takes the unit of a header cell whose closing bracket OCR lost at the rule ("项目资金（万元")', () => {
    const found = figures('项目名称\t业务工作经费', '项目资金（万元\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t120\t100\t96.89');
    expect(found).toContain('执行数||全年|project:业务工作经费|96.89万元');
    expect(figures('项目名称\t业务工作经费', '项目资金（万元合计）\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t120\t100\t96.89')).toEqual([]);
  });

  it('reads a data table in the money unit its caption declares (单位：亿元)', () => {
    const found = figures('表1 部门收支情况（单位：亿元）', '项目\t年初预算数\t全年预算数\t全年执行数', '合计\t0.1668\t0.1841\t0.1610');
    expect(found).toContain('执行数||全年|unit|0.1610亿元');
    const runOn = figures('存量资金变动率为-54.47%。表1部门收支情况（单位：万元）', '项目\t年初预算数\t全年执行数', '合计\t1,434.75\t1,428.70');
    expect(runOn).toContain('执行数||全年|unit|1,428.70万元');
  });

  it('takes a data table\'s figures from its 合计 row, wherever it is printed, never from a part such as 基本支出', () => {
    const last = figures('表1 部门收支情况（单位：万元）', '项目\t年初预算数\t全年执行数', '基本支出\t1,267.13\t1,238.55', '项目支出\t1,701.72\t1,498.45', '合计\t2,968.85\t2,718.63');
    expect(last).toEqual(['预算数||年初|unit|2,968.85万元', '执行数||全年|unit|2,718.63万元']);
    const partsOnly = figures('表1 部门收支情况（单位：万元）', '项目\t年初预算数\t全年执行数', '基本支出\t1,267.13\t1,238.55', '项目支出\t1,701.72\t1,498.45');
    expect(partsOnly).toEqual([]);
    expect(figures('单位：万元', '项目\t年初预算数\t全年执行数')).toEqual([]);
  });

  it('in a report on one project, the narrative speaks of that project', () => {
    const form = ['项目名称\t业务工作经费', '年度资金(万元)\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t120\t100\t96.89'];
    const project = figures('2022年度业务工作经费项目支出绩效自评报告', '全年执行数为96.89万元。', ...form);
    expect(project[0]).toBe('执行数||全年|project:业务工作经费|96.89万元');
    const department = figures('2022年度某局部门整体支出绩效自评报告', '全年执行数为96.89万元。', ...form);
    expect(department[0]).toBe('执行数||全年|unit|96.89万元');
  });

  it('takes a report title broken over two lines for a project report ("…经费项目" | "支出绩效自评报告")', () => {
    const form = ['项目名称\t业务工作经费', '年度资金(万元)\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t120\t100\t96.89'];
    expect(figures('2022年度业务工作经费项目', '支出绩效自评报告', '全年执行数为96.89万元。', ...form)[0]).toBe('执行数||全年|project:业务工作经费|96.89万元');
  });

  it('skips amounts outside the vocabulary and bare labels without a period', () => {
    expect(figures('贷款余额 3660.83 亿元，决算数 12 万元。')).toEqual([]);
  });

  it('a restatement right after a figure ("（折合312.50万元）") takes that figure\'s label and period', () => {
    expect(figures('本年度年初预算数为31,250,400.00元（折合312.50万元），全年预算数3,300万元。')).toEqual([
      '预算数||年初|unit|31,250,400.00元',
      '预算数||年初|unit|312.50万元',
      '预算数||全年|unit|3,300万元',
    ]);
    expect(figures('年初预算数折合312.50万元。')).toEqual(['预算数||年初|unit|312.50万元']);
    expect(figures('年初预算数31,250,400.00元，其中312.50万元用于培训。')).toEqual(['预算数||年初|unit|31,250,400.00元']);
  });

  it('marks where a figure was read: in a sentence, or off a table\'s columns', () => {
    const read = extractFigures(textItems(['全年预算数为348.64万元。', '年度预算申请(万元)\t年初预算数\t全年预算数', '年度资金总额\t348.64\t1085.09'])).map((f) => f.readFrom);
    expect(read).toEqual(['sentence', 'columns', 'columns']);
  });
});
