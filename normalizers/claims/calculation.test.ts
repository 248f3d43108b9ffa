import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractCalculations } from './calculation.ts';

const calcs = (...lines: string[]) => extractCalculations(textItems(lines)).map((c) => (c.kind === 'calculation' ? `${c.expression}=${c.result.raw}` : ''));

describe('extractCalculations', () => {
  it('finds formulas in prose and keeps the printed result with its unit', () => {
    expect(calcs('实际支出数为 $12337.00+68951.26=81288.26$ 元。')).toEqual(['12337.00+68951.26=81288.26 元']);
  });

  it('reads LaTeX debris and chained equalities, skipping formulas written in words', () => {
    const line = '支出完成率=部门(单位)年度实际支出/财政下达预算数 $\\times 100\\% = 48044893.67 / 48044893.67 \\times 100\\% = 100\\%$';
    expect(calcs(line)).toEqual(['48044893.67 / 48044893.67 × 100%=100%']);
  });

  it('joins a formula that a page break split over two lines', () => {
    const found = calcs('调整后的预决算差异率 = $(13368029.63 \\text{ 元} + 8674378.51 - 22562100.04 \\text{ 元}) / 22562100.04 \\text{ 元}$', '*100%=-2.30%。');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/\*100%=-2\.30%$/);
  });

  it('reads a letter x between figures as a multiplication sign (typed so, or × as OCR reads it)', () => {
    expect(calcs('预算执行率=795.39/863.47X100%=93.12%', '得分=10x 0.9=9分，PM2.5 x值=3')).toEqual(['795.39/863.47×100%=93.12%', '10× 0.9=9分']);
  });

  it('reads each table cell on its own', () => {
    expect(calcs('重点工作\t得分=(0.95706+0.9074)/2*5=4.66分\t4.66')).toEqual(['(0.95706+0.9074)/2*5=4.66分']);
  });

  it('skips the tail of a formula whose beginning does not parse (a bracket garbled by OCR)', () => {
    expect(calcs('调整后的预决算差异率=(13368029.63\\text{元)+8674378.51-22562100.04元)/22562100.04元*100%=-2.30%')).toEqual([]);
    expect(calcs('(1)0.5*2=1分')).toEqual(['0.5*2=1分']);
  });

  it('skips the tail of a formula after a figure broken in two (its point lost to OCR)', () => {
    expect(calcs('支出完成率25,444,755.53/26,934,591 63×100%=94.47%。')).toEqual([]);
    expect(calcs('支出完成率25,444,755.53/26,934,591.63×100%=94.47%。')).toEqual(['25,444,755.53/26,934,591.63×100%=94.47%']);
  });

  it('ignores equalities without a formula on the left', () => {
    expect(calcs('差异率=0.5%，差异数=0，本项指标得满分3分。')).toEqual([]);
  });
});
