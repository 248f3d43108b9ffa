import { describe, expect, it } from 'vitest';
import { groupParagraphs, type TextColumn } from './paragraphs.ts';
import type { TextLine } from './text.ts';

const col: TextColumn = { left: 50, right: 500, bodySize: 12, pitch: 18, headingSizes: [] };
const line = (text: string, y: number, x1 = 500): TextLine => ({ text, x0: 50, x1, y, size: 12, runs: [] });
const texts = (lines: TextLine[]) => groupParagraphs(lines, 1, col).map((p) => p.lines.map((l) => l.text).join(''));

describe('groupParagraphs', () => {
  it('goes on over a line that ends at the right margin', () => {
    expect(texts([line('经综合评价，某局部门整体支出绩效评价得分为92.15分，评价等级为', 700), line('“优”。', 682, 90)])).toHaveLength(1);
  });

  it('starts a table caption on its own line after a sentence that ends at the right margin', () => {
    const lines = [line('经综合评价，某局部门整体支出绩效评价得分为92.15分，评价等级为“优”。', 700), line('表2 评价综合得分表', 682, 170)];
    expect(texts(lines)).toEqual(['经综合评价，某局部门整体支出绩效评价得分为92.15分，评价等级为“优”。', '表2 评价综合得分表']);
  });

  it('keeps a line starting "表" that continues the sentence above', () => {
    expect(texts([line('详细得分见下文所附的', 700), line('表2，各项得分均有说明。', 682, 200)])).toHaveLength(1);
  });
});
