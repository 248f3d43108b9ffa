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

  it('valid: a restatement in another unit that agrees within rounding', () => {
    expect(run('本年度年初预算数为31,250,400.00元（折合3,125.04万元）。')).toEqual([]);
    expect(run('年初预算数31,250,400.00元。', '年初预算数折合3125.04万元。')).toEqual([]);
  });

  it('invalid: a decimal slip between 元 and 万元, in the same sentence or elsewhere (error: same label, period and scope)', () => {
    const [f, ...rest] = run('本年度年初预算数为31,250,400.00元（折合312.50万元）。');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'figure/conflict', severity: 'error', expected: '3125.04', actual: '312.5', subject: '年初预算数' });
    expect(f.message).toContain('相差10倍');
    expect(run('年初预算数31,250,400.00元。', '年初预算数折合312.50万元。')[0].message).toContain('小数点或金额单位错写');
  });

  it('a difference that is not a power of ten is a plain conflict, without the slip note', () => {
    const [f] = run('三公经费决算数 1.97 万元。', '三公经费决算数 19.80 万元。');
    expect(f.message).not.toContain('错写');
    expect(run('三公经费决算数 1.97 万元。', '三公经费决算数 19.70 万元。')[0]).toMatchObject({ severity: 'warning' });
    expect(run('三公经费决算数 1.97 万元。', '三公经费决算数 19.70 万元。')[0].message).toContain('相差10倍');
  });

  it('in a scrambled table: a figure stated in one cell sentence keeps its severity; one read off the columns is capped', () => {
    const scrambled = { scrambledTables: [1] };
    const sentences = findingsOf(rule, textReport(['说明\t上年年末存量资金0.08亿元，上年年末存量资金10.4万元。'], scrambled));
    expect(sentences[0]).toMatchObject({ severity: 'error', location: expect.objectContaining({ table: 1 }) });
    const columns = findingsOf(rule, textReport([...table, '全年预算数为348.64万元。', '全年预算数348.64万元。'], scrambled));
    expect(columns[0]).toMatchObject({ severity: 'info', location: expect.objectContaining({ table: 1 }) });
  });

  it('invalid: a value contradicted by two agreeing ones is reported once, against the most precise', () => {
    const findings = run('本年度年初预算数为0.1034亿元。', '年初预算数10,338,385.78元。', '年初预算数为103.38万元。');
    expect(findings).toMatchObject([{ expected: '1033.84', actual: '103.38' }]);
  });
});
