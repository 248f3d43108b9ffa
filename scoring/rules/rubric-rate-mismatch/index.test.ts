import { describe, expect, it } from 'vitest';
import type { Report } from '../../../model/index.ts';
import { node, report, table } from '../../../test/helpers/report.ts';
import { runRules } from '../../engine.ts';
import rule from './index.ts';

const run = (r: Report) => runRules(r, { rubric: 'zhanjiang-whole-2022' }, [rule]);
const row = (name: string, weight: string, score: string, explanation: string) => report({ tables: [table([node(3, name, weight, score, [], { explanation })])] });

describe('rubric/rate-mismatch', () => {
  it('valid: 支出完成率 98.96% = 13228868.15 / 13368029.63 (seed 004)', () => {
    expect(run(row('支出完成率', '4', '3', '2022年预算单位收入决算数13368029.63元,支出决算数13368029.63元,实际支出13228868.15元,支出完成率98.96%。因此,本项得分3分。'))).toEqual([]);
  });

  it('valid: a rate printed truncated rather than rounded is not reported', () => {
    // 2 / 3 = 66.666…%: 66.66% is the truncation of 66.67%
    expect(run(row('固定资产利用率', '3', '0', '实际在用固定资产总额200000.00元，所有固定资产总额300000.00元，使用率66.66%。'))).toEqual([]);
  });

  it('valid: narrative figures over two paragraphs, the report’s own definition (seed 000)', () => {
    const r = report({ text: ['财政拨款收入决算数为874.97万元。财政拨款支出决算数为884.99万元。年初财政拨款结转和结余收入决算数10.4万元，支出完成率为99.96%，单位整体支出完成率良好。'] });
    expect(run(r)).toEqual([]);
  });

  it('invalid: 存量资金变动率 stated −43.43% where the figures give −43.48% (seed 004)', () => {
    const [f] = run(row('国库集中支付结转结余存量资金效率性', '3', '3', '2022年预算单位年初财政拨款结转和结余246208.1元,年末财政拨款结转和结余决算数139161.48元。因此,国库集中支付结转结余存量资金变动率-43.43%。因此,本项得3分。'));
    expect(f).toMatchObject({ rule: 'rubric/rate-mismatch', severity: 'warning', expected: '-43.48', actual: '-43.43' });
    expect(f.message).toContain('(139161.48元 ÷ 246208.1元 − 1) × 100% = -43.48%');
  });

  it('info: a change rate over two zero years is stated as −100% (seed 003)', () => {
    const r = report({ text: ['国库集中支付结转结余存量资金效率性 = (当年年末存量资金规模 ÷ 上一年度年末存量资金规模 - 1) × 100% = (0 / 0 - 1) × 100% = -100%。'] });
    const [f] = run(r);
    expect(f).toMatchObject({ severity: 'info', expected: null, actual: '-100' });
    expect(f.message).toContain('得3分');
  });

  it('info: no definition of the denominator reproduces the stated rate (口径不明)', () => {
    const [f] = run(row('支出完成率', '4', '3', '实际支出90万元，收入决算数100万元，年初财政拨款结转和结余5万元，支出完成率95.00%。'));
    expect(f).toMatchObject({ severity: 'info', actual: '95' });
    expect(f.message).toContain('口径不明');
  });
});
