import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));
const table = ['预算单位名称\t某办', '年度预算申请(万元)\t年初预算数\t全年预算数\t全年执行数', '年度资金总额\t348.64\t1085.09\t1115.09'];

describe('figure/conflict', () => {
  it('valid: 年初 vs 全年, unit vs project, and the same value in 元 and 万元 are not conflicts', () => {
    expect(run(...table, '年初预算数为348.64万元。', '项目全年预算数为100万元。')).toEqual([]);
    expect(run('收入决算数 13,368,029.63 元。', '收入决算数为1336.80万元。')).toEqual([]);
  });

  it('invalid: the narrative 全年预算数 differs from the table', () => {
    const [f] = run(...table, '全年预算数为348.64万元，执行数为1115.09万元。');
    expect(f).toMatchObject({ rule: 'figure/conflict', severity: 'error', expected: '1085.09', actual: '348.64', subject: '全年预算数' });
    expect(f.location.line).toBe(4);
  });

  it('warning: a conflict without an explicit period', () => {
    expect(run('三公经费决算数 1.97 万元。', '三公经费决算数 2.97 万元。')[0]).toMatchObject({ severity: 'warning' });
  });
});
