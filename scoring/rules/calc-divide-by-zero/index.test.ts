import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const run = (...lines: string[]) => findingsOf(rule, textReport(lines));

describe('calc/divide-by-zero', () => {
  it('valid: a zero numerator is fine', () => {
    expect(run('结转结余率 $= 0 / 48044893.67 = 0\\%$')).toEqual([]);
  });

  it('invalid: 0/0 with a printed result', () => {
    const [f] = run('变动率 $= (0 / 0 - 1) \\times 100\\% = -100\\%$ 。');
    expect(f).toMatchObject({ rule: 'calc/divide-by-zero', severity: 'error', actual: '-100', expected: null });
    expect(f.calculation).toContain('除数为 0');
  });
});
