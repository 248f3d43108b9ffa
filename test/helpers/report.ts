// Small hand-built reports for rule tests: numbers as printed, everything else defaulted.
import { Decimal } from 'decimal.js';
import type { Claim, IndicatorNode, Loc, Quantity, Report, ScoringTable, Unit } from '../../model/index.ts';
import { runRules } from '../../scoring/engine.ts';
import type { Rule } from '../../scoring/rule.ts';

export function q(printed: string, unit: Unit = '', loc: Loc = {}): Quantity {
  const decimals = (printed.split('.')[1] ?? '').length;
  return { value: new Decimal(printed), decimals, unit, raw: printed + unit, loc };
}

let row = 0;
export function node(level: 1 | 2 | 3, name: string, weight: string | null, score: string | null, children: IndicatorNode[] = [], extra: Partial<IndicatorNode> = {}): IndicatorNode {
  const loc = { table: 1, row: ++row, line: row };
  return {
    id: name,
    level,
    name,
    weight: weight === null ? null : q(weight, '', loc),
    score: score === null ? null : q(score, '', loc),
    loc,
    evidence: `${name} ${weight ?? ''} ${score ?? ''}`.trim(),
    children,
    ...extra,
  };
}

export function table(roots: IndicatorNode[], total: { weight?: string; score?: string } | null = null, extra: Partial<ScoringTable> = {}): ScoringTable {
  return {
    kind: 'scoring',
    tableIndex: 1,
    loc: { table: 1, line: 1 },
    roots,
    total: total && {
      weight: total.weight ? q(total.weight) : null,
      score: total.score ? q(total.score) : null,
      loc: { table: 1, row: 99, line: 99 },
      evidence: `合计 ${total.weight ?? ''} ${total.score ?? ''}`,
    },
    quality: 'ok',
    notes: [],
    rowsRecovered: roots.length,
    rowsTotal: roots.length,
    ...extra,
  };
}

export function report(parts: { tables?: ScoringTable[]; claims?: Claim[]; text?: string[] } = {}): Report {
  return {
    file: 'test.txt',
    format: 'txt',
    meta: { unit: '测试单位', year: 2022, title: null, kind: 'self', city: null },
    tables: parts.tables ?? [],
    claims: parts.claims ?? [],
    text: (parts.text ?? []).map((text, i) => ({ text, loc: { line: i + 1 } })),
    ocr: false,
  };
}

export const totalClaim = (value: string, evidence = `自评得分为${value}分`): Claim => ({ kind: 'total', value: q(value, '分'), loc: { line: 5 }, evidence });
export const gradeClaim = (grade: '优' | '良' | '中' | '差', evidence = `等级为${grade}`): Claim => ({ kind: 'grade', grade, loc: { line: 5 }, evidence });

/** Findings of one rule on one report. */
export const findingsOf = (rule: Rule, r: Report) => runRules(r, {}, [rule]);
