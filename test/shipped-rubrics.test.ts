// Each rubric shipped in scoring/rubrics/ loads and, picked from the report alone (no --rubric), changes
// the result of a small report made for it: removing or breaking one of them turns this red.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../model/index.ts';
import { scoreReport } from '../scoring/engine.ts';
import { shippedRubrics } from '../scoring/rubrics/load.ts';
import { extractDeductions } from '../normalizers/claims/deductions.ts';
import { node, report, table, totalClaim } from './helpers/report.ts';
import { textItems } from './helpers/text-claims.ts';

const withMeta = (r: Report, meta: Partial<Report['meta']>): Report => ({ ...r, meta: { ...r.meta, ...meta } });

/** 产出 target 4次 met by 3次 (7.5 of 10) but scored 10, on a self-evaluation form. */
function selfEvalForm(text: string[] = []): Report {
  const leaf = node(3, '培训次数', '10', '10', [], { target: '4次', actual: '3次' });
  const tree = [node(1, '产出指标', '50', null, [node(2, '数量指标', '10', null, [leaf])])];
  return report({ tables: [table(tree, null, { kind: 'self-eval' })], text: ['绩效自评表 年度指标值 实际完成值 全年执行数 偏差原因分析', ...text] });
}

const REPORTS: Record<string, () => Report> = {
  'zhanjiang-whole-2022': () => {
    const explanation = '年末财政拨款结转和结余决算数0.39万元，收入决算数885.37万元，结余结转率0.04%。本项得1分。';
    const names = ['支出完成率', '国库集中支付结转结余存量资金效率性', '政府采购执行率', '固定资产利用率', '重点工作完成率'];
    const tree = [node(3, '结转结余率', '3', '1', [], { explanation }), ...names.map((n) => node(3, n, '3', '3'))];
    return withMeta(report({ tables: [table(tree)] }), { city: '湛江', year: 2022 });
  },
  'zhanjiang-whole-2018': () => {
    const text = [
      '该单位部门整体支出绩效评价得分为 90 分，等级为优。主要扣分点：三公经费控制率（扣 5 分），公用经费控制率（扣 5 分）。',
      '2018 年公用经费预算安排 39.58 万元，公用经费实际支出 30.82 万元，公用经费控制率 77.87%。',
      '整体支出完成率、政府采购执行率、固定资产利用率、在职人员控制率。',
    ];
    return withMeta(report({ text, claims: [totalClaim('90'), ...extractDeductions(textItems(text))] }), { city: '湛江', year: 2018 });
  },
  'national-self-eval': () => selfEvalForm(),
  'yueyang-self-eval': () => withMeta(selfEvalForm(['岳阳市岳阳楼区']), { city: '岳阳' }),
  // The work-assessment form has no formula of its own: the 自评表 beside it is checked by its companion.
  'yueyang-self-eval-work': () => {
    const r = selfEvalForm(['岳阳市岳阳楼区', '绩效自评工作考核评分表', '单位自查', '提交报告', '自评报告的完整性']);
    const work = table(['单位自查', '提交报告', '自评报告的完整性', '绩效自评表'].map((n) => node(3, n, '5', '5')), null, { tableIndex: 2 });
    return withMeta({ ...r, tables: [work, ...r.tables] }, { city: '岳阳' });
  },
};

const files = readdirSync(new URL('../scoring/rubrics/', import.meta.url)).filter((f) => f.endsWith('.json'));

describe('every shipped rubric', () => {
  it('has a small report in this test', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(REPORTS).sort());
  });

  it.each(files)('%s loads, is picked for its report and finds the mis-scored item', (file) => {
    const id = file.replace(/\.json$/, '');
    expect(shippedRubrics().map((r) => r.id)).toContain(id);
    const scored = scoreReport(REPORTS[id]());
    expect(scored.notes[0]).toContain(`（${id}）`);
    const rubricFindings = scored.findings.filter((f) => f.rule === 'rubric/score-mismatch');
    expect(rubricFindings.length, JSON.stringify(scored.findings.map((f) => f.message))).toBeGreaterThan(0);
  });
});
