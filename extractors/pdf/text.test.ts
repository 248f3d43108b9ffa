import { describe, expect, it } from 'vitest';
import { isPageNumber } from './furniture.ts';
import { buildLines, firstUnit, joinCellLines, joinWrapped, normalizeSpacing, toRuns, type TextRun } from './text.ts';

const run = (text: string, x0: number, y: number, size = 10, width = text.length * size * 0.6): TextRun => ({ text, x0, x1: x0 + width, y, size });

describe('buildLines', () => {
  it('merges a number split into several items back into one token', () => {
    const lines = buildLines([run('收入决算数', 50, 700, 10, 50), run('13,368,029.', 100, 700.2, 10, 28), run('63', 128, 700, 10, 6), run('元', 134.5, 699.9, 10, 10)]);
    expect(lines.map((l) => l.text)).toEqual(['收入决算数13,368,029.63元']);
  });

  it('orders lines top to bottom and runs left to right', () => {
    const lines = buildLines([run('第二行', 50, 680), run('右', 120, 700), run('第一行左', 50, 700)]);
    expect(lines.map((l) => l.text)).toEqual(['第一行左 右', '第二行']);
  });

  it('keeps a raised footnote mark on its line', () => {
    const lines = buildLines([run('评定等级为“优”', 50, 700, 12, 96), run('1', 146, 705, 7, 4), run('，总体得分见表2-1。', 150, 700, 12, 110), run('下一行', 50, 684, 12, 36)]);
    expect(lines.map((l) => l.text)).toEqual(['评定等级为“优”1，总体得分见表2-1。', '下一行']);
    expect(lines[0].y).toBe(700);
  });

  it('reads lookalike radicals and compatibility ideographs as the ordinary characters', () => {
    const [item] = toRuns([{ str: '部⻔整体⽀出绩效⾃评，⻓期', transform: [10, 0, 0, 10, 50, 700], width: 130 }]);
    expect(item).toEqual({ text: '部门整体支出绩效自评，长期', x0: 50, x1: 180, y: 700, size: 10 });
  });

  it('keeps a word gap as one space and drops autospacing between CJK and digits', () => {
    expect(buildLines([run('Total', 50, 700, 10, 25), run('score', 78, 700, 10, 25)])[0].text).toBe('Total score');
    expect(normalizeSpacing('2022 年收入 13,368,029.63 元')).toBe('2022年收入13,368,029.63元');
  });
});

describe('joinCellLines', () => {
  const line = (text: string, x0: number, x1: number, y: number) => buildLines([run(text, x0, y, 10, x1 - x0)])[0];

  it('joins a cell line that ends inside a CJK word although room seemed left (the producer found no break before what follows)', () => {
    const lines = [line('年末结转和结余8,014,616.37元，结转结', 50, 200, 700), line('余率=8,014,616.37/(1,134,338.28+36,317,140.10)', 50, 236, 688)];
    expect(joinCellLines(lines, 240)).toBe('年末结转和结余8,014,616.37元，结转结余率=8,014,616.37/(1,134,338.28+36,317,140.10)');
    expect(joinWrapped(lines, 240)).toContain('结转结\n余率');
  });

  it('keeps a break after punctuation and before a list item', () => {
    const lines = [line('制度健全。', 50, 100, 700), line('本项得满分', 50, 100, 688), line('1.按时公开', 50, 100, 676)];
    expect(joinCellLines(lines, 240)).toBe('制度健全。\n本项得满分\n1.按时公开');
  });
});

describe('joinWrapped', () => {
  const line = (text: string, x0: number, x1: number, y: number) => buildLines([run(text, x0, y, 10, x1 - x0)])[0];

  it('joins a line that filled the column and breaks after a short one', () => {
    const lines = [line('预算单位能够按照规定要求编报预算表格', 50, 240, 700), line('未出现修改。', 50, 110, 688), line('第二段', 50, 80, 676)];
    expect(joinWrapped(lines, 240)).toBe('预算单位能够按照规定要求编报预算表格未出现修改。\n第二段');
  });

  it('treats a short line as wrapped when the next unbreakable piece would not have fitted', () => {
    // "元）121.18%" cannot be split, so the line before it ended early.
    const lines = [line('完成年度计划（870亿', 50, 190, 700), line('元）121.18%。', 50, 130, 688)];
    expect(firstUnit('元）121.18%。其中')).toBe('元）121.18%。');
    expect(joinWrapped(lines, 240)).toBe('完成年度计划（870亿元）121.18%。');
  });
});

describe('isPageNumber', () => {
  it('recognises the usual page-number forms', () => {
    for (const t of ['- 3 -', '—12—', '第 3 页', '第3页 共16页', '3 / 16', '7']) expect(isPageNumber(t)).toBe(true);
    for (const t of ['合计 100', '2022年', '第三章']) expect(isPageNumber(t)).toBe(false);
  });
});
