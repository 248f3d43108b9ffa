import { describe, expect, it } from 'vitest';
import type { Report } from '../model/index.ts';
import { node, report, table } from '../test/helpers/report.ts';
import { runRules, scoreReport } from './engine.ts';
import type { BoundRubric } from './recompute/rubric/bind.ts';
import { defineRule, type Rule } from './rule.ts';

const zhanjiang = (): Report => {
  const explanation = '年末财政拨款结转和结余决算数0.39万元，收入决算数885.37万元，结余结转率0.04%。';
  const r = report({ tables: [table([node(3, '结转结余率', '3', '3', [], { explanation })])] });
  return { ...r, meta: { ...r.meta, city: '湛江', year: 2022 } };
};

function spyRule(id: string, seen: BoundRubric[]): Rule {
  return defineRule({ meta: { id, severity: 'info', description: '测试', basis: '测试' }, check: (_r, ctx) => void seen.push(ctx.rubric) });
}

describe('the rubric stage', () => {
  it('binds the rubric once per document and hands the same binding to every rule', () => {
    const seen: BoundRubric[] = [];
    runRules(zhanjiang(), {}, [spyRule('test/a', seen), spyRule('test/b', seen)]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0].selection?.rubric.id).toBe('zhanjiang-whole-2022');
  });

  it('notes the rubric used from the same binding the rules saw', () => {
    const scored = scoreReport(zhanjiang());
    expect(scored.notes[0]).toContain('zhanjiang-whole-2022');
    expect(scored.notes[1]).toContain('可复算得分 1 项');
  });
});

describe('rule documentation', () => {
  it('every registered rule has a README in its folder', async () => {
    const { existsSync } = await import('node:fs');
    const { rules } = await import('./rules/index.ts');
    const { ruleFolder } = await import('./engine.ts');
    for (const rule of rules) expect(existsSync(new URL(`./rules/${ruleFolder(rule.meta.id)}/README.md`, import.meta.url)), rule.meta.id).toBe(true);
  });
});
