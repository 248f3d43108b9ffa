import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractTargets } from './target.ts';

const targets = (...lines: string[]) => extractTargets(textItems(lines)).map((c) => `${c.label}:${c.target.raw}->${c.actual.raw}:${c.higherIsBetter}`);

describe('extractTargets', () => {
  it('pairs a task-list target with the one other value stated later for the same label', () => {
    const found = targets(
      '任务 1：新增规模以上工业企业 80 家，推动认定 10 家创新型中小企业。',
      '任务 2：园区引进项目数不少于 15 个。',
      '完成情况：新增规模以上工业企业 80 家的任务已部署，全年新增规模以上工业企业 56 家。',
    );
    expect(found).toEqual(['新增规模以上工业企业:80 家->56 家:true']);
  });

  it('reads 年度指标值 / 实际完成值 columns, with ceilings and cost indicators', () => {
    const found = targets(
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
      '产出指标\t数量指标\t培训次数\t4次\t6次\t10\t10',
      '\t成本指标\t总成本控制\t≤1085.09万\t1115.09万\t10\t9',
    );
    expect(found).toEqual(['培训次数:4次->6次:true', '总成本控制:1085.09万->1115.09万:false']);
  });

  it('skips cells with more than one number', () => {
    expect(targets('三级指标\t年度指标值\t实际完成值', '研判会议\t每季度1次，共4次\t完成4次')).toEqual([]);
  });

  it('reads "计划9个、已实现7个" in a sentence or a data row, same unit only, not negated counts', () => {
    expect(targets('整体绩效目标计划9个、已实现7个。')).toEqual(['整体绩效目标:9个->7个:true']);
    expect(targets('效率性\t整体绩效目标\t计划数\t9 个\t实际实现数\t8个\t完成率\t88.89%')).toEqual(['整体绩效目标:9个->8个:true']);
    expect(targets('计划举办培训10场，完成培训8场。')).toEqual(['举办培训:10场->8场:true']);
    expect(targets('计划9个，其中未完成2个。', '计划10场，已完成8个。', '应规范170家，已规范98家。')).toEqual([]);
    expect(targets('计划10个月内完成3个项目的验收。')).toEqual([]);
  });
});
