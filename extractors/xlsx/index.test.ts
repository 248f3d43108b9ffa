import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../model/index.ts';
import { assertValidRawDocument } from '../validate.ts';
import { extract, workbookToRawDocument } from './index.ts';
import { formatNumber } from './numfmt.ts';

const bytes = readFileSync(new URL('../../fixtures/xlsx/jichu-shuju.xlsx', import.meta.url));

describe('xlsx extractor: 基础数据表 workbook', async () => {
  const doc = await extract({ path: 'jichu-shuju.xlsx', bytes, format: 'xlsx' }, {});
  const [data, scores] = doc.blocks as Table[];

  it('passes the shared validity test; one table per sheet, named by loc.sheet', () => {
    assertValidRawDocument(doc);
    expect(doc.blocks.map((b) => [b.kind, b.loc.sheet])).toEqual([['table', '基础数据表'], ['table', '指标得分']]);
  });

  it('starts the grid at A1, so loc.row/column are the sheet coordinates', () => {
    const e8 = data.rows[7][4];
    expect(e8.loc).toEqual({ sheet: '基础数据表', table: 1, row: 8, column: 5 });
  });

  it('keeps merged cells as spans with covered positions', () => {
    expect(data.rows[0][0]).toMatchObject({ text: '2022年度湛江市投资促进局部门整体支出绩效评价基础数据表', colSpan: 6 });
    expect(data.rows[3][0]).toMatchObject({ text: '财政拨款', rowSpan: 2 });
    expect(data.rows[4][0]).toMatchObject({ text: '', covered: true });
    expect(data.rows[7][0]).toMatchObject({ text: '合计', colSpan: 2 });
    expect(data.rows[7][1].covered).toBe(true);
  });

  it('shows numbers under their number formats and keeps the raw format', () => {
    expect(data.rows[3][3]).toMatchObject({ text: '1,200.00', numFmt: '#,##0.00' });
    expect(data.rows[3][5]).toMatchObject({ text: '95.83%', numFmt: '0.00%', formula: 'E4/D4' });
    expect(scores.rows[1][1]).toEqual({ text: '12', loc: { sheet: '指标得分', table: 2, row: 2, column: 2 } });
  });

  it('keeps formulas and shows their cached values, even a wrong one', () => {
    expect(data.rows[7][4]).toMatchObject({ text: '1,234.56', formula: 'SUM(E4:E7)' });
    expect(scores.rows[6][2]).toMatchObject({ text: '2121', formula: '基础数据表!E4+基础数据表!E5-0.5' });
  });

  it('translates shared formulas (Excel’s fill-down) for every cell that shares them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getRow(1).values = [1, 2];
    ws.getRow(2).values = [3, 4];
    ws.getCell('C1').value = { formula: 'A1+B1', result: 3, shareType: 'shared', ref: 'C1:C2' } as ExcelJS.CellFormulaValue;
    ws.getCell('C2').value = { sharedFormula: 'C1', result: 7 } as ExcelJS.CellSharedFormulaValue;
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(await wb.xlsx.writeBuffer());
    const [sheet] = workbookToRawDocument(reloaded).blocks as Table[];
    expect(sheet.rows.map((r) => r[2])).toMatchObject([{ text: '3', formula: 'A1+B1' }, { text: '7', formula: 'A2+B2' }]);
  });

  it('skips empty sheets and fails on a workbook with no data', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空表');
    expect(() => workbookToRawDocument(wb)).toThrow(/没有包含数据/);
  });
});

describe('number formats', () => {
  it.each([
    [0.1234, '0.00%', '12.34%'],
    [0.98765, '0%', '99%'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [12.5, '0.00"万元"', '12.50万元'],
    [-3.2, '0.00_);[Red]\\(0.00\\)', '(3.20)'],
    [0.1 + 0.2, undefined, '0.3'],
    [1.5, '0.##', '1.5'],
    [1234.5, '[$¥-804]#,##0.00', '¥1,234.50'],
    [2.675, '0.00', '2.68'],
  ])('%s under %s → %s', (value, fmt, shown) => {
    expect(formatNumber(value, fmt)).toBe(shown);
  });
});
