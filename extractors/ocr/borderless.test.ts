import { describe, expect, it } from 'vitest';
import { findBorderlessTables } from './borderless.ts';
import type { OcrLine } from './engine.ts';

const H = 30;
/** One line at row y: [text, x0] pairs; each character is 30 px wide, words 4 px apart. */
function line(y: number, ...cells: Array<[string, number]>): OcrLine {
  const words = cells.map(([text, x0]) => ({ text, confidence: 95, bbox: { x0, y0: y, x1: x0 + text.length * H, y1: y + H } }));
  return { words, bbox: { x0: words[0].bbox.x0, y0: y, x1: words[words.length - 1].bbox.x1, y1: y + H } };
}
const texts = (rows: ReturnType<typeof findBorderlessTables>[number]['rows']) => rows.map((row) => row.map((cell) => cell.map((piece) => piece.map((w) => w.text).join('')).join('/')));

describe('findBorderlessTables', () => {
  it('finds aligned columns, puts a label running close to the next column in its own cell, joins a wrapped cell', () => {
    const lines = [
      line(0, ['经自评本单位得分为', 0], ['95.50', 274], ['分', 430]), // a sentence: small gaps
      line(100, ['项目', 0], ['年初预算数', 500], ['全年预算数', 900], ['全年执行数', 1300]),
      // The label ends at x = 480, one line height before "480.00": not a wide gap.
      line(150, ['一般公共预算财政拨款收入合计项目', 0], ['480.00', 510], ['502.30', 900], ['462.80', 1300]),
      line(200, ['政府性基金预算财政拨', 0], ['40.00', 520], ['40.00', 900], ['23.32', 1300]),
      line(234, ['款', 0]),
      line(290, ['合计', 0], ['520.00', 500], ['542.30', 900], ['486.12', 1300]),
      line(400, ['注：单位为万元。', 0]),
    ];
    const [table, ...rest] = findBorderlessTables(lines, H);
    expect(rest).toEqual([]);
    expect([table.start, table.end]).toEqual([1, 6]);
    expect(texts(table.rows)).toEqual([
      ['项目', '年初预算数', '全年预算数', '全年执行数'],
      ['一般公共预算财政拨款收入合计项目', '480.00', '502.30', '462.80'],
      ['政府性基金预算财政拨/款', '40.00', '40.00', '23.32'],
      ['合计', '520.00', '542.30', '486.12'],
    ]);
  });

  it('does not take prose for a table', () => {
    const prose = [0, 45, 90, 135].map((y) => line(y, ['本单位按照区财政局的统一部署', 0], ['成立了工作小组', 430]));
    expect(findBorderlessTables(prose, H)).toEqual([]);
  });
});
