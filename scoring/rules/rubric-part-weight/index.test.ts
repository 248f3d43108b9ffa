import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../test/helpers/report.ts';
import { textReport } from '../../../test/helpers/text-claims.ts';
import rule from './index.ts';

const CRITERIA = '本指标分部门整体绩效目标和项目绩效目标两部分，分值各占2分。绩效目标完成率=绩效目标数/计划数×100%';
const row = (...cells: string[]) => findingsOf(rule, textReport([cells.join('\t')]));

describe('rubric/part-weight', () => {
  it('valid: both parts worked out on the part points', () => {
    expect(row('绩效目标完成效率', '4', CRITERIA, '整体绩效计划9个，完成8个，8/9*2=1.78分', '1.78', '项目目标8个，已完成7个，7/8*2=1.75分', '1.75')).toEqual([]);
  });

  it('valid: no parts in the criteria, the whole weight is used', () => {
    expect(row('绩效目标完成率', '4', '绩效目标完成率=完成数/计划数×100%，得分=完成率×分值', '8/9*4=3.56分', '3.56')).toEqual([]);
  });

  it('valid: a row that never uses the part points (no evidence the author meant parts) is left alone', () => {
    expect(row('绩效目标完成效率', '4', CRITERIA, '8/9*4=3.56分', '3.56')).toEqual([]);
  });

  it('invalid: one part worked out on the whole 4 points while the other uses 2', () => {
    const [f, ...rest] = row('绩效目标完成效率', '4', CRITERIA, '整体绩效9个，计划数8个，实际完成数8-8/9*4=3.56分', '3.56', '2022年我局部门预算安排8个，已完成7个，7/8*2=1.75分', '1.75');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'rubric/part-weight', severity: 'warning', expected: '1.78', actual: '3.56' });
    expect(f.message).toContain('8/9×2 = 1.78');
  });
});
