import { describe, expect, it } from 'vitest';
import { UnitSchema } from '../model/index.ts';
import { tokenize } from '../normalizers/claims/expression.ts';
import { extractCalculations } from '../normalizers/claims/calculation.ts';
import { extractRates } from '../normalizers/claims/rate.ts';
import { textItems } from '../test/helpers/text-claims.ts';
import { findQuantities } from './quantity.ts';
import { COUNT_UNITS, DIGITS, endsInsideWorkedExample, isCountUnit, mentionsWorkedExample, plainDigits } from './vocabulary.ts';

describe('the number vocabulary', () => {
  it('builds its count units from the model unit list: every unit but money, %, 分 and none', () => {
    const others = UnitSchema.options.filter((u) => !COUNT_UNITS.includes(u));
    expect(others.sort()).toEqual(['%', '', '万元', '亿元', '元', '分'].sort());
    for (const unit of ['件', '批', '场', '座', '名']) expect(isCountUnit(unit)).toBe(true);
  });

  it('reads "," and full-width "，" thousands separators alike', () => {
    const digits = new RegExp(`^(?:${DIGITS})$`);
    expect(digits.test('13，368，029.63')).toBe(true);
    expect(plainDigits('13，368,029.63')).toBe('13368029.63');
    expect(findQuantities('收入 1，234.5 万元')[0].value.toFixed()).toBe('1234.5');
  });

  it('is the vocabulary of every claim reader: formulas, stated results and rates', () => {
    const tokens = tokenize('12，000件 / 3批');
    expect(tokens?.filter((t) => t.kind === 'num').map((t) => (t.kind === 'num' ? `${t.node.value}${t.node.unit}` : ''))).toEqual(['12000件', '3批']);
    const [calc] = extractCalculations(textItems(['共计 1，200 + 800 = 2，000 万元。']));
    expect(calc?.kind === 'calculation' && calc.result.value.toFixed()).toBe('2000');
    const rates = extractRates(textItems(['完成 1，500 座，完成年度计划(2，000 座)的 75%。']));
    expect(rates.length).toBeGreaterThan(0);
  });

  it('has one worked-example detector for both its uses', () => {
    expect(mentionsWorkedExample('如：某单位预算100万元，支出90万元')).toBe(true);
    expect(mentionsWorkedExample('假设预算数为100万元')).toBe(true);
    expect(endsInsideWorkedExample('如按100分折算市委督查')).toBe(true);
    expect(endsInsideWorkedExample('假设全年')).toBe(true);
    expect(mentionsWorkedExample('本单位预算执行率为95%')).toBe(false);
  });
});
