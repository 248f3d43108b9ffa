// The engine's scrambled-table cap: only findings that rest on table structure are lowered to info.
import { describe, expect, it } from 'vitest';
import type { Report } from '../model/index.ts';
import { report } from '../test/helpers/report.ts';
import { runRules } from './engine.ts';
import { defineRule, type EvidenceKind } from './rule.ts';

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
