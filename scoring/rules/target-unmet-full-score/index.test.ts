import { describe, expect, it } from 'vitest';
import type { IndicatorNode } from '../../../model/index.ts';
import { findingsOf, node, report, table } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const indicator = (name: string, target: string, actual: string, weight: string, score: string): IndicatorNode =>
  node(3, name, weight, score, [], { target, actual });
const run = (...leaves: IndicatorNode[]) =>
  findingsOf(rule, report({ tables: [table([node(1, '产出指标', '50', null, [node(2, '数量指标', '50', null, leaves)])], null, { kind: 'self-eval' })] }));

describe('target/unmet-full-score', () => {
  it('valid: met targets, unmet ones that lost points, ceilings kept, "≥" floors passed, rounding', () => {
    expect(run(indicator('培训人次', '350人次', '360人次', '6', '6'))).toEqual([]);
    expect(run(indicator('培训人次', '350人次', '280人次', '6', '4.8'))).toEqual([]);
    expect(run(indicator('总成本控制', '≤1085.09万', '1000.50万', '10', '10'))).toEqual([]);
    expect(run(indicator('群众投诉率', '5%', '3%', '5', '5'))).toEqual([]);
    expect(run(indicator('满意度', '≥95%', '96.5%', '10', '10'))).toEqual([]);
    expect(run(indicator('满意度', '不低于90%', '92%', '10', '10'))).toEqual([]);
    expect(run(indicator('完成率', '95.5%', '95%', '5', '5'))).toEqual([]); // 95% may be 95.5% rounded
    expect(run(indicator('成本节约率', '5%', '6%', '5', '5'))).toEqual([]);
    expect(run(indicator('三公经费控制率', '100%', '81%', '5', '5'))).toEqual([]);
  });

  it('valid: qualitative targets, several numbers in a cell, or different units say nothing', () => {
    expect(run(indicator('服务质量', '达标', '基本达标', '5', '5'))).toEqual([]);
    expect(run(indicator('营商环境', '有效提升', '提升', '5', '5'))).toEqual([]);
    expect(run(indicator('培育企业上市', '4家', '省级4家，市级5家', '5', '5'))).toEqual([]);
    expect(run(indicator('培训', '350人次', '3场', '5', '5'))).toEqual([]);
  });

  it('invalid: 280 against 350 with full marks', () => {
    const [f, ...rest] = run(indicator('培训人次', '350人次', '280人次', '6', '6'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'target/unmet-full-score', severity: 'warning', actual: '6', subject: '培训人次' });
    expect(f.message).toContain('未达到目标');
  });

  it('a leaf under a 成本指标 group is a ceiling whatever its own name', () => {
    const office = indicator('办公费', '20万元', '25万元', '5', '5');
    const r = report({ tables: [table([node(1, '产出指标', '5', null, [node(2, '成本指标', '5', null, [office])])], null, { kind: 'self-eval' })] });
    expect(findingsOf(rule, r)[0].message).toContain('超过上限');
  });

  it('invalid: a "≥95%" floor missed, and a cost above its ceiling, with full marks', () => {
    expect(run(indicator('满意度', '≥95%', '93%', '10', '10'))[0]).toMatchObject({ severity: 'warning' });
    const [cost] = run(indicator('总成本控制', '≤1085.09万', '1115.09万元', '10', '10'));
    expect(cost.message).toContain('超过上限');
    expect(run(indicator('群众投诉率', '5%', '8%', '5', '5'))[0].message).toContain('超过上限');
    expect(run(indicator('培训场次', '12场', '11场', '6', '6'))).toHaveLength(1); // whole counts are exact: 11 is not 12 rounded
    expect(run(indicator('成本节约率', '5%', '4%', '5', '5'))).toHaveLength(1);
  });

  it('valid: a table too scrambled to rebuild is not read', () => {
    const leaf = indicator('培训人次', '350人次', '280人次', '6', '6');
    const r = report({ tables: [table([node(1, '产出指标', '6', null, [leaf])], null, { kind: 'self-eval', quality: 'unreadable' })] });
    expect(findingsOf(rule, r)).toEqual([]);
  });
});
