import { describe, expect, it } from 'vitest';
import type { Report } from '../../model/index.ts';
import { node, report, table } from '../../test/helpers/report.ts';
import { bindRubric } from '../recompute/rubric/bind.ts';
import { rubricNotes } from '../recompute/rubric/notes.ts';
import { resolveRubric } from './load.ts';
import { describeSelection, selectRubric } from './select.ts';

const withMeta = (r: Report, meta: Partial<Report['meta']>): Report => ({ ...r, meta: { ...r.meta, ...meta } });
const zhanjiang2022Tree = ['支出完成率', '结转结余率', '国库集中支付结转结余存量资金效率性', '政府采购执行率', '固定资产利用率', '重点工作完成率', '绩效目标完成率', '项目完成及时性'].map((n) =>
  node(3, n, '3', '3'),
);

describe('rubricNotes', () => {
  it('says which rubric was used and what could be recomputed, naming what could not', () => {
    const tree = [node(3, '结转结余率', '3', '3', [], { explanation: '年末财政拨款结转和结余决算数0.39万元，收入决算数885.37万元，结余结转率0.04%。' }), node(3, '绩效目标完成率', '4', '3.5')];
    const r = withMeta(report({ tables: [table(tree)] }), { city: '湛江', year: 2022 });
    const [used, counts] = rubricNotes(bindRubric(r));
    expect(used).toContain('zhanjiang-whole-2022');
    expect(counts).toContain('可复算得分 1 项');
    expect(counts).toContain('缺少数据 1 项（绩效目标完成率）');
  });
});

describe('selectRubric', () => {
  it('picks the Zhanjiang 2022 rubric for a 2022 Zhanjiang report whose tree carries its names, with high confidence', () => {
    const all = (resolveRubric('zhanjiang-whole-2022').indicators.map((i) => node(3, i.names[0], '3', '3')));
    const r = withMeta(report({ tables: [table(all)], text: ['2022年湛江市某局部门整体支出绩效自评报告'] }), { city: '湛江', year: 2022 });
    const s = selectRubric(r);
    expect(s?.rubric.id).toBe('zhanjiang-whole-2022');
    expect(s?.confidence).toBe('high');
    expect(s?.reasons.join('；')).toContain('城市相符：湛江');
  });

  it('is less sure when only a few of the rubric’s names are found', () => {
    const r = withMeta(report({ tables: [table(zhanjiang2022Tree)] }), { city: '湛江', year: 2022 });
    const s = selectRubric(r);
    expect(s?.rubric.id).toBe('zhanjiang-whole-2022');
    expect(s?.confidence).not.toBe('high');
  });

  it('picks the 2018 rubric for a 2018 Zhanjiang report', () => {
    const text = ['湛江市部门整体支出绩效评价评分表', '前期准备工作', '三公经费控制率为124.38%', '在职人员控制率为100%', '整体支出完成率为93.41%'];
    const r = withMeta(report({ text }), { city: '湛江', year: 2018 });
    expect(selectRubric(r)?.rubric.id).toBe('zhanjiang-whole-2018');
  });

  it('applies no city rubric to a report from a city without one, and says so', () => {
    const r = withMeta(report({ tables: [table(zhanjiang2022Tree)] }), { city: '广州', year: 2022 });
    const s = selectRubric(r);
    expect(s?.rubric.city ?? null).toBeNull();
    expect(describeSelection(null)).toContain('未找到适用的评分规则');
  });

  it('--rubric overrides the choice', () => {
    const r = withMeta(report({ tables: [table(zhanjiang2022Tree)] }), { city: '湛江', year: 2022 });
    const s = selectRubric(r, 'zhanjiang-whole-2018');
    expect(s).toMatchObject({ overridden: true, confidence: 'high' });
    expect(s?.rubric.id).toBe('zhanjiang-whole-2018');
  });
});
