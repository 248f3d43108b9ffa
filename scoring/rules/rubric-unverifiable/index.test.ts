import { describe, expect, it } from 'vitest';
import type { Report } from '../../../model/index.ts';
import { node, report, table } from '../../../test/helpers/report.ts';
import { runRules } from '../../engine.ts';
import rule from './index.ts';

const run = (r: Report) => runRules(r, { rubric: 'zhanjiang-whole-2022' }, [rule]);

describe('rubric/unverifiable', () => {
  it('valid: every input is printed', () => {
    const r = report({ tables: [table([node(3, '固定资产利用率', '3', '3', [], { explanation: '实际在用固定资产总额1,897.46万元，所有固定资产总额1,897.46万元，使用率100%，得分3分。' })])] });
    expect(run(r)).toEqual([]);
  });

  it('valid: qualitative items are not formula items', () => {
    expect(run(report({ tables: [table([node(3, '预算编制合理性', '3', '3')])] }))).toEqual([]);
  });

  it('info: names the missing figures instead of guessing (seed 004 绩效目标完成率)', () => {
    const r = report({ tables: [table([node(3, '绩效目标完成率', '4', '3.5', [], { explanation: '绩效目标共七项……因此，该项指标得分3.5分。' })])] });
    const [f] = run(r);
    expect(f).toMatchObject({ rule: 'rubric/unverifiable', severity: 'info', expected: null, actual: '3.5' });
    expect(f.message).toContain('部门整体绩效目标已实现数');
  });

  it('info: an unknown --rubric is reported once, in Chinese', () => {
    const found = runRules(report({ tables: [table([node(3, '支出完成率', '4', '4')])] }), { rubric: 'nowhere-1999' }, [rule]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('找不到评分规则');
  });

  it('info: a weight moved by the rubric’s own reallocation clause is not recomputed', () => {
    const r = report({ tables: [table([node(3, '支出完成率', '7', '7', [], { explanation: '实际支出100万元，财政下达预算数100万元。' })])] });
    const [f] = run(r);
    expect(f.message).toContain('分值7分与评分标准的4分不同');
  });
});
