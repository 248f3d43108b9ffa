// xlsx/formula-mismatch: a formula cell's cached value (what Excel last computed and the sheet
// shows) against its formula recomputed from the workbook's own cells, as they are shown. Reads
// report.sheets (the spreadsheet tables, with formula and numFmt per cell).
import { Decimal } from 'decimal.js';
import type { Cell, Table } from '../../../model/index.ts';
import { judge, midpoint, show } from '../../../numbers/interval.ts';
import { defineRule } from '../../rule.ts';
import { evaluate, shownInterval, shownNumber, Unsupported, type CellValue } from './formula.ts';

export default defineRule({
  meta: {
    id: 'xlsx/formula-mismatch',
    severity: 'error',
    description: '工作表中公式单元格显示的值应等于按公式用本表数据重新计算的结果',
    basis: '公式的缓存值与其引用的单元格不一致，说明数据改动后未重新计算，或缓存值被人为改写；按显示精度的舍入区间判断，舍入范围内的差异不算问题',
  },
  check(report, ctx) {
    const sheets = report.sheets ?? [];
    const lookup = makeLookup(sheets);
    for (const sheet of sheets) {
      for (const row of sheet.rows)
        for (const cell of row) {
          if (!cell.formula || cell.covered) continue;
          const stated = shownNumber(cell.text, cell.numFmt);
          if (!stated) continue; // no cached number (error value, text, never calculated)
          let result;
          try {
            result = evaluate(cell.formula, (s, r, c) => lookup(s ?? sheet.loc.sheet ?? '', r, c));
          } catch (error) {
            if (error instanceof Unsupported) continue;
            throw error;
          }
          const verdict = judge(stated, result.interval);
          if (verdict === 'consistent') continue;
          const percent = isPercent(cell);
          const expected = inUnits(midpoint(result.interval), percent);
          const shownDecimals = Math.max(0, stated.decimals - (percent ? 2 : 0));
          const ref = `${columnLetters(cell.loc.column ?? 1)}${cell.loc.row}`;
          const address = `${sheet.loc.sheet}!${ref}`;
          ctx.report({
            severity: verdict === 'truncated' ? 'info' : 'error',
            message:
              verdict === 'truncated'
                ? `工作表“${sheet.loc.sheet}”${ref} 单元格的公式 =${cell.formula} 显示 ${cell.text}，按本表数据计算为 ${show(expected, shownDecimals + 2)}${percent ? '%' : ''}，差异仅为截断而非四舍五入`
                : `工作表“${sheet.loc.sheet}”${ref} 单元格的公式 =${cell.formula} 按本表数据计算应为 ${show(expected, shownDecimals)}${percent ? '%' : ''}，但单元格显示 ${cell.text}（可能是数据改动后未重新计算、缓存值被改写，或引用了以文本形式存储的数字）`,
            expected: show(expected, shownDecimals),
            actual: inUnits(stated.value, percent).toFixed(),
            loc: cell.loc,
            evidence: `${address}: ${cell.text} (=${cell.formula})`,
            subject: address,
            calculation: `${result.shown} = ${show(expected, shownDecimals + 2)}${percent ? '%' : ''}`,
          });
        }
    }
  },
});

function makeLookup(sheets: Table[]): (sheet: string, row: number, column: number) => CellValue {
  const byName = new Map(sheets.map((t) => [t.loc.sheet ?? '', t]));
  return (name, row, column) => {
    const cell = byName.get(name)?.rows[row - 1]?.[column - 1];
    if (!cell || cell.covered || cell.text.trim() === '') return { kind: 'blank' };
    const shown = shownNumber(cell.text, cell.numFmt);
    if (!shown) return { kind: 'other' };
    return { kind: 'number', interval: shownInterval(shown, cell.numFmt), text: cell.text };
  };
}

const isPercent = (cell: Cell) => cell.text.trim().endsWith('%') && /%/.test(cell.numFmt ?? '');

/** Percent cells are reported in percent (53.68 for 53.68%), as they are printed. */
const inUnits = (value: Decimal, percent: boolean) => (percent ? value.times(100) : value);

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
