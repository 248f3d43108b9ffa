import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractRates } from './rate.ts';

const rates = (...lines: string[]) => extractRates(textItems(lines)).map((c) => `${c.label}:${c.formula}:${c.numerator.raw}/${c.denominator.raw}=${c.rate.raw}`);

describe('extractRates', () => {
  it('reads "完成年度计划（B）C%" after the actual', () => {
    expect(rates('签约项目166个，签约额975.99亿元，完成年度计划（870亿元）121.18%。')).toEqual(['签约额:ratio:975.99亿元/870亿元=121.18%']);
  });

  it('pairs a plan and an actual by their labels before a 控制率', () => {
    expect(rates('2018 年三公经费预算安排 3.24 万元，实际支出 4.03 万元，三公经费控制率为 124.38%。')).toEqual(['控制率:ratio:4.03万元/3.24万元=124.38%']);
  });

  it('reads a decrease against last year', () => {
    expect(rates('我局部门预算收入 874.97 万元，比上年减少 608 万元，降低 40.99%。')).toEqual(['我局部门预算收入比上年减少:decrease:608万元/874.97万元=40.99%']);
  });

  it('reads table rows as one clause', () => {
    expect(rates('三公经费控制率\t预算安排数\t2.42万元\t实际支出数\t1.97万元\t控制率\t81%')).toEqual(['控制率:ratio:1.97万元/2.42万元=81%']);
  });

  it('skips a rate when the two figures cannot be told apart', () => {
    expect(rates('收入 533.55 万元，支出 539.05 万元，完成率为 93.41%。')).toEqual([]);
    expect(rates('今年入库省级上市后备企业4家，市级上市后备企业5家，完成率100%。')).toEqual([]);
  });
});
