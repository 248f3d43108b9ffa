import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../extractors/xlsx/index.ts';
import type { Cell, Report, Table } from '../../../model/index.ts';
import { buildReport } from '../../../normalizers/report.ts';
import { findingsOf, report } from '../../../test/helpers/report.ts';
import { evaluate, shownNumber, tokenize, Unsupported, type Lookup } from './formula.ts';
import rule from './index.ts';

/** A sheet from rows of "text" or ["text", "formula", "numFmt"]; grid starts at A1. */
function sheet(name: string, index: number, rows: (string | [string, string?, string?])[][]): Table {
  const cells: Cell[][] = rows.map((row, r) =>
    row.map((spec, c) => {
      const [text, formula, numFmt] = typeof spec === 'string' ? [spec] : spec;
      return { text, loc: { sheet: name, table: index, row: r + 1, column: c + 1 }, ...(formula ? { formula } : {}), ...(numFmt ? { numFmt } : {}) };
    }),
  );
  return { kind: 'table', index, rows: cells, loc: { sheet: name, table: index } };
}

const withSheets = (...sheets: Table[]): Report => ({ ...report(), format: 'xlsx', sheets });

describe('xlsx/formula-mismatch', () => {
  it('valid: sums, rates and averages that agree with their cells, within the displayed rounding', () => {
    const data = sheet('数据', 1, [
      ['项目', '预算', '执行', '执行率'],
      ['基本支出', ['1,200.00', '', '#,##0.00'], ['1,150.00', '', '#,##0.00'], ['95.83%', 'C2/B2', '0.00%']],
      ['项目支出', ['1,000.00', '', '#,##0.00'], ['971.50', '', '#,##0.00'], ['97.15%', 'C3/B3', '0.00%']],
      ['合计', ['2,200.00', 'SUM(B2:B3)', '#,##0.00'], ['2,121.50', 'SUM(C2:C3)', '#,##0.00'], ['96.43%', 'C4/B4', '0.00%']],
      ['平均执行率', '', '', ['96.49%', 'AVERAGE(D2:D3)', '0.00%']],
      ['折算', '', ['96.4', '(C4-0)/B4*100', '0.0'], ''],
    ]);
    expect(findingsOf(rule, withSheets(data))).toEqual([]);
  });

  it('valid: blank cells in a SUM range count as nothing; unsupported functions are skipped', () => {
    const data = sheet('S', 1, [
      ['3', '', '4'],
      ['7', ['7', 'SUM(A1:C1)'], ['999', 'ROUND(A1,0)']],
    ]);
    expect(findingsOf(rule, withSheets(data))).toEqual([]);
  });

  it('invalid: a SUM whose cached value is not the sum of its range', () => {
    const data = sheet('基础数据表', 1, [
      [['100.00', '', '0.00'], ['200.00', '', '0.00'], ['250.00', 'A1+B1', '0.00']],
    ]);
    const findings = findingsOf(rule, withSheets(data));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'xlsx/formula-mismatch', severity: 'error', expected: '300', actual: '250', subject: '基础数据表!C1' });
    expect(findings[0].location).toMatchObject({ table: 1, row: 1, column: 3 });
    expect(findings[0].message).toContain('基础数据表');
  });

  it('invalid: a percent cell is judged and reported in percent', () => {
    const data = sheet('S', 1, [[['80', ''], ['100', ''], ['85.00%', 'A1/B1', '0.00%']]]);
    const [finding] = findingsOf(rule, withSheets(data));
    expect(finding).toMatchObject({ expected: '80', actual: '85' });
  });

  it('invalid: cross-sheet references resolve against the named sheet', () => {
    const a = sheet('基础数据表', 1, [[['10', '']]]);
    const b = sheet('汇总', 2, [[['12', "基础数据表!A1+1"]]]);
    const [finding] = findingsOf(rule, withSheets(a, b));
    expect(finding).toMatchObject({ expected: '11', actual: '12', subject: '汇总!A1' });
  });

  it('finds the one wrong cached value in the 基础数据表 fixture, and only that', async () => {
    const bytes = readFileSync(new URL('../../../fixtures/xlsx/jichu-shuju.xlsx', import.meta.url));
    const raw = await extract({ path: 'jichu-shuju.xlsx', bytes, format: 'xlsx' }, {});
    const findings = findingsOf(rule, buildReport(raw, 'jichu-shuju.xlsx'));
    expect(findings.map((f) => [f.subject, f.expected, f.actual])).toEqual([['基础数据表!E8', '2220.56', '1234.56']]);
  });
});

describe('formula evaluator', () => {
  const cells: Record<string, string> = { A1: '2', B1: '3', C1: '' };
  const lookup: Lookup = (_sheet, row, column) => {
    const text = cells[`${String.fromCharCode(64 + column)}${row}`] ?? '';
    if (text === '') return { kind: 'blank' };
    const shown = shownNumber(text, undefined);
    return shown ? { kind: 'number', interval: { lo: shown.value, hi: shown.value }, text } : { kind: 'other' };
  };
  const value = (f: string) => evaluate(f, lookup).interval.lo.toFixed();

  it('respects precedence, parentheses, unary minus and constants', () => {
    expect(value('A1+B1*2')).toBe('8');
    expect(value('(A1+B1)*2')).toBe('10');
    expect(value('-A1+10/4')).toBe('0.5');
    expect(value('SUM(A1:C1,1)')).toBe('6');
    expect(value('AVERAGE(A1:C1)')).toBe('2.5');
  });

  it('reads sheet-qualified and absolute references', () => {
    expect(tokenize("'数据 表'!$A$1+Sheet2!B3:C4")).toMatchObject([
      { t: 'ref', sheet: '数据 表', r1: 1, c1: 1 },
      { t: 'op', value: '+' },
      { t: 'ref', sheet: 'Sheet2', r1: 3, c1: 2, r2: 4, c2: 3 },
    ]);
  });

  it('refuses what it cannot recompute', () => {
    for (const f of ['ROUND(A1,0)', 'A1&B1', 'A1/C1', 'A1^2', 'A1:B1', 'IF(A1>1,1,0)']) expect(() => evaluate(f, lookup), f).toThrow(Unsupported);
  });

  it('reads shown numbers with their format decorations, and plain text as no number', () => {
    expect(shownNumber('1,234.50', '#,##0.00')).toMatchObject({ decimals: 2 });
    expect(shownNumber('12.34%', '0.00%')?.value.toFixed()).toBe('0.1234');
    expect(shownNumber('(3.20)', '0.00;(0.00)')?.value.toFixed()).toBe('-3.2');
    expect(shownNumber('12.50万元', '0.00"万元"')?.value.toFixed()).toBe('12.5');
    expect(shownNumber('2022年', undefined)).toBeNull();
  });
});
