import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractBreakdowns } from './breakdown.ts';

const breakdowns = (...lines: string[]) =>
  extractBreakdowns(textItems(lines)).map((c) => `${c.source}:${c.total.raw}=${c.parts.map((p) => p.raw).join('+')}`);

describe('extractBreakdowns', () => {
  it('reads a "其中" list with thousands separators', () => {
    expect(breakdowns('2022 年收入决算数 13,368,029.63 元，其中：一般公共预算 10,804,200.04 元，政府性基金 2,317,621.49 元，结转和结余 246,208.10 元。'))
      .toEqual(['text:13,368,029.63 元=10,804,200.04元+2,317,621.49元+246,208.10元']);
  });

  it('takes the amount the parts add up to, not a change amount before "其中"', () => {
    expect(breakdowns('三公预算经费合计 2.42 万元，与上年相比减少 1.28 万元，其中：因公出国 0 万元；公务用车 2.2 万元；公务接待费 0.22 万元。'))
      .toEqual(['text:2.42 万元=0万元+2.2万元+0.22万元']);
  });

  it('stops a list at the clause where it has added up', () => {
    expect(breakdowns('部门预算为 100 万元，其中基本收入为 40 万元，项目收入为 60 万元，实际到位预算为 80 万元。'))
      .toEqual(['text:100 万元=40万元+60万元']);
  });

  it('reads 小计 and 合计 rows of a data table, leaving "其中" rows out', () => {
    const found = breakdowns('项目\t数量\t金额', '通用设备\t74\t55.56', '其中：汽车\t1\t24.18', '家具\t24\t5.22', '合计\t98\t60.78');
    expect(found).toEqual(['table:98=74+24', 'table:60.78=55.56+5.22']);
  });

  it('reads a 合计 row printed first, above the rows it adds up', () => {
    const found = breakdowns('项目\t年初预算数\t全年执行数', '合计\t965.49\t1039.10', '基本支出\t861.69\t1012.13', '项目支出\t103.79\t76.34');
    expect(found).toEqual(['table:965.49=861.69+103.79', 'table:1039.10=1012.13+76.34']);
  });

  it('reads balance rows and skips rows without a closing balance', () => {
    const found = breakdowns('项目\t期初余额\t本年收入\t本年支出\t期末余额', '人员经费\t0\t338.16\t345.56\t0', '公用经费\t0\t38.76\t31.35\t');
    expect(found).toEqual(['balance:0=0+338.16+−345.56']);
  });
});
