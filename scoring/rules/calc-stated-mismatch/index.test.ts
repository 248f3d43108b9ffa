import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('calc/stated-mismatch', () => {
  it('valid: formulas that hold, within rounding', () => {
    expect(run('差异率 = $(13,368,029.63 \\text{ 元} - 28,921,800 \\text{ 元}) / 28,921,800 \\text{ 元} * 100\\% = -53.78\\%$')).toEqual([]);
    expect(run('实际完成数8-8/9*4=3.56分', '(0.95706+0.9074)/2*5=4.66分')).toEqual([]);
  });

  it('invalid: a result its own numbers do not give', () => {
    const [f] = run('该项最后得分为100.5*96.15/(2*1.63)=96.15');
    expect(f).toMatchObject({ rule: 'calc/stated-mismatch', severity: 'error', expected: '2964.13', actual: '96.15' });
    expect(f.calculation).toBe('100.5 × 96.15 ÷ (2 × 1.63) = 2964.13');
  });

  it('invalid: a percentage off by a digit, reported once for repeated copies', () => {
    const found = run('执行率=620.5/700×100%=98.64%', '复述：执行率=620.5/700×100%=98.64%');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', expected: '88.64', actual: '98.64' });
    expect(found[0].message).toContain('另见第2行');
  });

  it('info: a truncated result, and wrong examples inside the rubric text', () => {
    expect(run('比率=2/3×100%=66.66%')[0]).toMatchObject({ severity: 'info', expected: '66.67' });
    expect(run('如按市委督查得分95分，则本项得分(0.95+0.95)/2*5=4.5分')[0]).toMatchObject({ severity: 'info' });
  });
});
