import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { evaluateInterval, evaluatePoint } from '../../scoring/recompute/expression.ts';
import { operandsOf, parseExpression, renderExpression, suffixFormulas } from './expression.ts';

const value = (source: string) => {
  const ast = parseExpression(source);
  if (!ast) throw new Error(`not parsed: ${source}`);
  const point = evaluatePoint(ast);
  return point.ok ? point.value.toFixed() : 'div0';
};

describe('parseExpression', () => {
  it('honours precedence and brackets', () => {
    expect(value('(0.95706+0.9074)/2*5')).toBe(new Decimal('1.86446').div(2).times(5).toFixed());
    expect(value('2+3*4')).toBe('14');
    expect(value('(2+3)*4')).toBe('20');
  });

  it('reads thousands separators, units and percent (×100% is ×1)', () => {
    const ast = parseExpression('(13,368,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100%')!;
    expect(operandsOf(ast).map((n) => n.raw)).toEqual(['13,368,029.63元', '28,921,800元', '28,921,800元', '100%']);
    expect(new Decimal(value('(13,368,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100%')).toDecimalPlaces(4).toFixed()).toBe('-0.5378');
  });

  it('converts mixed money units to 元', () => {
    expect(value('1万元 + 500元')).toBe('10500');
  });

  it('reports a zero divisor instead of throwing', () => {
    expect(value('(0 ÷ 0 - 1) × 100%')).toBe('div0');
  });

  it('rejects text, dangling operators and unbalanced brackets', () => {
    expect(parseExpression('收入/预算')).toBeNull();
    expect(parseExpression('3 +')).toBeNull();
    expect(parseExpression('(1 + 2')).toBeNull();
  });

  it('treats integers without money units as exact and rounded amounts as intervals', () => {
    const exact = evaluateInterval(parseExpression('7/8*2')!)!;
    expect(exact.lo.eq(exact.hi)).toBe(true);
    const rounded = evaluateInterval(parseExpression('1.25 + 1.25')!)!;
    expect(rounded.lo.toFixed()).toBe('2.49');
    expect(rounded.hi.toFixed()).toBe('2.51');
  });

  it('offers shorter readings when a leading dash may not be a minus', () => {
    expect(suffixFormulas('8-8/9*4').map((s) => s.text)).toEqual(['8-8/9*4', '8/9*4', '9*4']);
  });

  it('renders the formula with × and ÷', () => {
    expect(renderExpression(parseExpression('975.99/870*100%')!)).toBe('975.99 ÷ 870 × 100%');
    expect(renderExpression(parseExpression('(1-2)/3')!)).toBe('(1 − 2) ÷ 3');
  });
});
