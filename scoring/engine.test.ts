// The engine: one rubric binding per document, the OCR and scrambled-table caps, dedupe, rule docs.
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model/index.ts';
import { node, report, table } from '../test/helpers/report.ts';
import { provenAcross, runRules, scoreReport } from './engine.ts';
import type { BoundRubric } from './recompute/rubric/bind.ts';
import { defineRule, type EvidenceKind, type Rule } from './rule.ts';

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

describe('the engine', () => {
  const rule = (inputs: Parameters<import('./rule.ts').RuleContext['report']>[0][]): Rule =>
    defineRule({ meta: { id: 'test/engine', severity: 'error', description: '测试', basis: '测试' }, check: (_r, ctx) => inputs.forEach((i) => ctx.report(i)) });
  const base = { message: '合计不符', loc: { table: 1, row: 3 }, evidence: '合计 100', subject: '合计', expected: '94.42', actual: '100' };

  it('lowers a finding whose numbers came from low-confidence OCR to info, and says so', () => {
    const [f] = runRules(report(), {}, [rule([{ ...base, uncertain: true }])]);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('OCR');
    expect(runRules(report(), {}, [rule([base])])[0].severity).toBe('error');
  });

  it('lowers a finding that rests on a number OCR was unsure of: in a doubtful table, or quoting a doubtful passage', () => {
    const doubtful = { ...report(), ocr: true, ocrDoubt: { tables: [1], passages: ['全年预算数为1085.09万元，执行数为1115.09万元。'] } };
    expect(runRules(doubtful, {}, [rule([base])])[0]).toMatchObject({ severity: 'info', message: expect.stringContaining('OCR 未能确认') });
    const sentence = { ...base, loc: { page: 2 }, evidence: '执行数为1115.09万元 ↔ 全年执行数 1115.09' };
    expect(runRules(doubtful, {}, [rule([sentence])])[0].severity).toBe('info');
    const elsewhere = { ...base, loc: { table: 2, row: 3 }, evidence: '合计 100 | 94' };
    expect(runRules(doubtful, {}, [rule([elsewhere])])[0].severity).toBe('error');
  });

  it('lowers a row finding only when its own row holds the doubtful number, a sum whenever its table does', () => {
    const rowRule = defineRule({ meta: { id: 'test/row', severity: 'error', description: '测试', basis: '测试', evidence: 'row' }, check: (_r, ctx) => ctx.report({ ...base, evidence: '资产管理规范性 | 4 | 本项得分2分 | 4' }) });
    const doubtfulOther = { ...report(), ocr: true, ocrDoubt: { tables: [1], passages: ['固定资产利用率\t3\t得分3分\t3'] } };
    expect(runRules(doubtfulOther, {}, [rowRule])[0].severity).toBe('error');
    expect(runRules(doubtfulOther, {}, [rule([base])])[0].severity).toBe('info');
    const doubtfulOwn = { ...doubtfulOther, ocrDoubt: { tables: [1], passages: ['资产管理规范性\t4\t本项得分2分\t4'] } };
    expect(runRules(doubtfulOwn, {}, [rowRule])[0].severity).toBe('info');
  });

  it('reports a finding repeated at the same place once, and at another place again', () => {
    const found = runRules(report(), {}, [rule([base, base, { ...base, loc: { table: 1, row: 4 } }])]);
    expect(found.map((f) => f.location.row)).toEqual([3, 4]);
  });

});

const ruleResting = (evidence: EvidenceKind | undefined, override?: EvidenceKind) =>
  defineRule({
    meta: { id: 'test/probe', severity: 'error', description: '测试', basis: '测试', ...(evidence ? { evidence } : {}) },
    check(_report, ctx) {
      ctx.report({ message: '测试发现', loc: { table: 2, row: 3 }, evidence: '行', ...(override ? { evidenceKind: override } : {}) });
    },
  });

const scrambled: Report = { ...report(), scrambledTables: [2] };
const severityOf = (evidence: EvidenceKind | undefined, override?: EvidenceKind, r = scrambled) => runRules(r, {}, [ruleResting(evidence, override)])[0].severity;

describe('engine: scrambled tables', () => {
  it('caps a structure-dependent finding (the default) from a scrambled table at info, with a note', () => {
    expect(severityOf(undefined)).toBe('info');
    expect(severityOf('structure')).toBe('info');
    expect(runRules(scrambled, {}, [ruleResting(undefined)])[0].message).toContain('结构错乱');
  });

  it('keeps what one row or one sentence says by itself', () => {
    expect(severityOf('row')).toBe('error');
    expect(severityOf('sentence')).toBe('error');
  });

  it('a finding may declare that it rests on structure although its rule does not, and the reverse', () => {
    expect(severityOf('sentence', 'structure')).toBe('info');
    expect(severityOf('structure', 'row')).toBe('error');
  });

  it('leaves findings outside scrambled tables alone', () => {
    expect(severityOf('structure', undefined, report())).toBe('error');
  });
});

describe('engine: proof across the readings of doubtful OCR digits', () => {
  const finding = (table: number, fingerprint: string): Finding => ({
    rule: 'score/out-of-range',
    severity: 'error',
    message: '“预决算信息公开”得分9分，超过该项分值7分',
    expected: '7',
    actual: '9',
    location: { page: 4, table, row: 18, column: 6, line: null },
    evidence: '预决算信息公开 | 7 | 9',
    subject: '预决算信息公开',
    calculation: null,
    fingerprint,
  });
  const extreme = (findings: Finding[], unreadTables: number[] = []) => ({ mustMatch: 'values' as const, note: '所涉数字识别置信度低', findings, unreadTables });

  it('an extreme that leaves the finding\'s table unreadable has no say; the other extreme must still give it', () => {
    const [kept] = provenAcross([finding(3, 'a')], [extreme([], [3]), extreme([finding(3, 'a')])]);
    expect(kept.severity).toBe('error');
  });

  it('lowers it when no extreme reads its table, or when an extreme that reads it does not give it', () => {
    expect(provenAcross([finding(3, 'a')], [extreme([], [3]), extreme([], [3])])[0].severity).toBe('info');
    expect(provenAcross([finding(3, 'a')], [extreme([], [2]), extreme([finding(3, 'a')])])[0].severity).toBe('info');
    expect(provenAcross([finding(3, 'a')], [extreme([], [3]), extreme([finding(3, 'b')])])[0].severity).toBe('info');
  });
});
