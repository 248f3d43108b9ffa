import { describe, expect, it } from 'vitest';
import { findAlignedTables } from './aligned.ts';
import { buildLines, type TextRun } from './text.ts';

const SIZE = 10;
const run = (text: string, x0: number, y: number): TextRun => ({ text, x0, x1: x0 + [...text].length * SIZE * (/^[\d.]+$/.test(text) ? 0.55 : 1), y, size: SIZE });

describe('findAlignedTables', () => {
  it('reads rows of cells that line up in columns, with a wrapped first-column cell', () => {
    const lines = buildLines([
      run('项目', 60, 700), run('年初预算数', 260, 700), run('全年执行数', 400, 700),
      run('一般公共预算财政拨款', 60, 686), run('480.00', 260, 686), run('462.80', 400, 686),
      run('政府性基金预算财政拨', 60, 672), run('40.00', 260, 672), run('23.32', 400, 672),
      run('款', 60, 658),
      run('合计', 60, 644), run('520.00', 260, 644), run('486.12', 400, 644),
      run('表后是一段正文，从左边距一直写到右边距，不会对齐成列。', 60, 610),
    ]);
    const { tables, rest } = findAlignedTables(lines, 3);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    const rows = table.cells.reduce<string[][]>((out, c) => ((out[c.row] ??= [])[c.col] = c.text, out), []);
    expect(rows).toEqual([
      ['项目', '年初预算数', '全年执行数'],
      ['一般公共预算财政拨款', '480.00', '462.80'],
      ['政府性基金预算财政拨款', '40.00', '23.32'],
      ['合计', '520.00', '486.12'],
    ]);
    expect(table.cells.every((c) => c.page === 3)).toBe(true);
    expect(rest.map((l) => l.text)).toEqual(['表后是一段正文，从左边距一直写到右边距，不会对齐成列。']);
  });

  it('leaves running text alone even where font changes leave gaps between runs', () => {
    const lines = buildLines([
      run('2023年年初收入预算数', 60, 700), run('520.00', 280, 700), run('万元，其中一般公共预算', 320, 700),
      run('财政拨款收入', 60, 686), run('480.00', 130, 686), run('万元，政府性基金预算收入', 170, 686),
      run('40.00', 60, 672), run('万元；全年收入决算数为', 100, 672), run('498.36', 340, 672),
    ]);
    const { tables, rest } = findAlignedTables(lines, 1);
    expect(tables).toEqual([]);
    expect(rest).toHaveLength(3);
  });
});
