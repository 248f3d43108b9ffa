import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuantities, formatQuantity, parseNumericCell, parseQuantity } from './quantity.ts';

const one = (text: string) => {
  const q = parseQuantity(text);
  if (!q) throw new Error(`no single quantity in ${text}`);
  return { value: q.value.toFixed(), decimals: q.decimals, unit: q.unit };
};

describe('parseQuantity', () => {
  it.each([
    ['13,368,029.63 元', '13368029.63', 2, '元'],
    ['1，897.46万元', '1897.46', 2, '万元'],
    ['0.35亿元', '0.35', 2, '亿元'],
    ['-53.78%', '-53.78', 2, '%'],
    ['−2.30%', '-2.3', 2, '%'],
    ['负5分', '-5', 0, '分'],
    ['减少608万元', '-608', 0, '万元'],
    ['１２３．４５％', '123.45', 2, '%'],
    ['$= -53.78\\%$', '-53.78', 2, '%'],
    ['**95.706**分', '95.706', 3, '分'],
    ['26 人', '26', 0, '人'],
    ['100.00%', '100', 2, '%'],
  ])('%s', (text, value, decimals, unit) => {
    expect(one(text)).toEqual({ value, decimals, unit });
  });

  it('reads small Chinese numerals as counts', () => {
    expect(findQuantities('绩效目标共七项，两家公司，十二个项目').map((q) => q.value.toNumber())).toEqual([7, 2, 12]);
  });

  it('does not read a comma between clauses as a thousands separator', () => {
    expect(findQuantities('完成4次，10个').map((q) => q.value.toNumber())).toEqual([4, 10]);
  });

  it('ignores digits glued to letters', () => {
    expect(findQuantities('GB2312 编码')).toEqual([]);
  });

  it('returns null for text with several numbers or none', () => {
    expect(parseQuantity('3 和 4')).toBeNull();
    expect(parseQuantity('无')).toBeNull();
  });
});

describe('parseNumericCell', () => {
  it('accepts a bare number or number with unit only', () => {
    expect(parseNumericCell('4.5')?.value.toFixed()).toBe('4.5');
    expect(parseNumericCell('100%')?.unit).toBe('%');
    expect(parseNumericCell('本项得分4.5分')).toBeNull();
  });

  it('refuses two rows\' numbers stacked in one cell instead of gluing them', () => {
    expect(parseNumericCell('16\n11')).toBeNull();
    expect(parseNumericCell('100.00%\n95.45%')).toBeNull();
    expect(parseNumericCell('16\n')?.value.toFixed()).toBe('16');
  });

  it('refuses a number whose leading digit went to the cell beside it (".5")', () => {
    expect(parseNumericCell('.5')).toBeNull();
    expect(parseNumericCell('0.5')?.value.toFixed()).toBe('0.5');
  });
});

describe('properties', () => {
  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      findQuantities(s);
      parseQuantity(s);
      parseNumericCell(s);
    }), { numRuns: 2000 });
  });

  it('printing then parsing keeps value and decimals', () => {
    const unit = fc.constantFrom('元', '万元', '亿元', '%', '分', '个', '');
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), unit, (units, decimals, u) => {
      const value = new Decimal(units.toString()).div(new Decimal(10).pow(decimals));
      const printed = formatQuantity({ value, decimals, unit: u as never });
      const back = parseQuantity(printed);
      expect(back?.value.equals(value)).toBe(true);
      expect(back?.decimals).toBe(decimals);
    }), { numRuns: 1000 });
  });
});
