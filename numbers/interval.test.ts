import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { around, div, exact, judge, ofQuantity, sum } from './interval.ts';

const q = (v: string, decimals = (v.split('.')[1] ?? '').length) => ({ value: new Decimal(v), decimals });

describe('judge', () => {
  it('accepts a sum of rounded items off by a hundredth', () => {
    // 2534.19 + 13613.09 = 16147.28, printed 16147.27 (seed 003)
    const allowed = sum([ofQuantity(q('2534.19')), ofQuantity(q('13613.09'))]);
    expect(judge(q('16147.27'), allowed)).toBe('consistent');
  });

  it('rejects a sum far outside the rounding interval', () => {
    const allowed = sum([ofQuantity(q('3')), ofQuantity(q('4'))].map(() => around(new Decimal(3), 2)));
    expect(judge(q('7'), allowed)).toBe('mismatch');
  });

  it('calls a cut-off percentage truncated, not wrong', () => {
    // 162.07 / 595 = 27.2386…%, printed 27.23%
    const allowed = div(ofQuantity(q('162.07')), ofQuantity(q('595', 2)))!;
    const percent = { lo: allowed.lo.times(100), hi: allowed.hi.times(100) };
    expect(judge(q('27.23'), percent)).toBe('truncated');
    expect(judge(q('27.24'), percent)).toBe('consistent');
  });

  it('finds the transposed digits of a wrong rate', () => {
    const allowed = div(ofQuantity(q('975.99')), ofQuantity(q('870', 2)))!;
    expect(judge(q('121.18'), { lo: allowed.lo.times(100), hi: allowed.hi.times(100) })).toBe('mismatch');
  });

  it('refuses to divide by an interval that contains zero', () => {
    expect(div(exact(1), around(new Decimal(0), 2))).toBeNull();
  });
});
