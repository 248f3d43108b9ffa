import { describe, expect, it } from 'vitest';
import type { TextColumn } from './paragraphs.ts';
import { continuesRow, fitRow, inferTabStops, readTabbedRow, type TabStops } from './tabbed.ts';
import type { TextLine, TextRun } from './text.ts';

// A LibreOffice page: 10 pt text from x = 56.8, default tab stops every 1.25 cm (35.43 pt).
const LEFT = 56.8;
const STEP = 35.43;
const stop = (k: number) => LEFT + k * STEP;
const col: TextColumn = { left: 57, right: 537.5, bodySize: 10, pitch: 14.5, headingSizes: [] };
const stops: TabStops = { origin: LEFT, step: STEP, lastStop: stop(13), autospaces: [2] };

const width = (text: string) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 5.5 : 10), 0);
const run = (text: string, x0: number, y = 700, x1 = x0 + width(text)): TextRun => ({ text, x0, x1, y, size: 10 });
const line = (...runs: TextRun[]): TextLine => ({
  text: runs.map((r) => r.text).join(' '),
  x0: runs[0].x0,
  x1: Math.max(...runs.map((r) => r.x1)),
  y: runs[0].y,
  size: 10,
  runs,
});
const cells = (lines: TextLine[]) => readTabbedRow(lines, stops).cells.map((c) => c.text);

describe('tab stops', () => {
  it('are found where wide gaps end on a regular grid from the margin', () => {
    const lines = Array.from({ length: 8 }, (_, i) => line(run('名称', LEFT, 700 - 15 * i), ...[2, 4, 6, 9, 11].map((k) => run(`第${k}`, stop(k), 700 - 15 * i))));
    const found = inferTabStops(lines, col);
    expect(found?.step).toBeCloseTo(STEP, 1);
    expect(found?.origin).toBeCloseTo(LEFT, 1);
  });

  it('are not claimed for text whose gaps follow no grid (an unruled table with its own column positions)', () => {
    const xs = [LEFT, 131, 207, 296, 401];
    const lines = Array.from({ length: 8 }, (_, i) => line(...xs.map((x, k) => run(`列${k}`, x, 700 - 15 * i))));
    expect(inferTabStops(lines, col)).toBeNull();
  });
});

describe('a typed line read back into cells', () => {
  it('counts the tabs a gap stands for: text resuming two stops on left one empty cell', () => {
    expect(cells([line(run('评价指标', LEFT), run('指标说明', stop(7)), run('得分', stop(9)))])).toEqual(['评价指标', '', '', '', '', '', '指标说明', '得分']);
  });

  it('takes leading stops as empty cells', () => {
    expect(cells([line(run('预算编制规范性', stop(4)), run('4', stop(6)))])).toEqual(['', '', '', '', '预算编制规范性', '4']);
  });

  it('joins a wrapped line to its cell, and a line starting on a stop after a line that ended past the last stop is a tab', () => {
    const first = line(run('考核部门预算编制是否符合要求，资金有无根据项目的轻重缓急进行分配。', stop(5)));
    const moved = line(run('1.按要求编制的，得1分。', stop(1), 685));
    expect(cells([first, moved])).toEqual(['', '', '', '', '', '考核部门预算编制是否符合要求，资金有无根据项目的轻重缓急进行分配。', '1.按要求编制的，得1分。']);
  });

  it('does not take an autospace between a CJK character and a digit for a tab, even when it ends on a stop', () => {
    const text = run('本项得', stop(9) - 32);
    expect(cells([line(text, { ...run('2', stop(9)), x0: stop(9), x1: stop(9) + 5.5 })])).toEqual(['本项得2']);
    expect(text.x1 + 2).toBeCloseTo(stop(9), 0);
  });
});

describe('fitting a row to its table', () => {
  it('undoes a narrow gap on a stop inside running text when the row has a cell too many', () => {
    // "评分:" ends 4 pt (a word space) before stop 6, where "1.有无…" goes on.
    const sentence = run('结合实际酌情评分按以下要点评分:', stop(2), 700, stop(6) - 4);
    const rest = run('1.有无内部管理制度，1分。', stop(6), 700, stop(10) - 20);
    const row = readTabbedRow([line(run('资产管理', LEFT), sentence, rest, run('4', stop(11)))], stops);
    expect(row.cells.map((c) => c.text)).toEqual(['资产管理', '结合实际酌情评分按以下要点评分:', '1.有无内部管理制度，1分。', '', '4']);
    expect(fitRow(row, 4).cells.map((c) => c.text)).toEqual(['资产管理', '结合实际酌情评分按以下要点评分: 1.有无内部管理制度，1分。', '', '4']);
  });

  it('splits a trailing score tabbed just past the text before it', () => {
    // The score lands on stop 10 exactly the producer's autospace (2 pt) after "。".
    const text = run('本项得分3分。', stop(2), 700, stop(10) - 2);
    const row = readTabbedRow([line(run('信息公开', LEFT), text, run('3', stop(10)))], stops);
    expect(fitRow(row, 3).cells.map((c) => c.text)).toEqual(['信息公开', '本项得分3分。', '3']);
  });
});

describe('where a typed line ends', () => {
  const full = line(run('资产出租、出借、处置规范，相关收入按规定及时足额上缴。由于本次复核工作本身的局限性，无法', LEFT, 700, 533));

  it('a full line wraps into plain text at the margin', () => {
    expect(continuesRow(full, line(run('得知资产管理实际情况。', LEFT, 685)), col, stops)).toBe('yes');
  });

  it('a full line followed by a margin line with tabs may be the next typed line: the cell count decides', () => {
    expect(continuesRow(full, line(run('5', LEFT, 685), run('负责信息化建设。', stop(1), 685)), col, stops)).toBe('maybe');
  });

  it('a short line ends the typed line', () => {
    expect(continuesRow(line(run('本项得满分。', LEFT), run('3', stop(9))), line(run('预算编制规范性', stop(4), 685), run('4', stop(6), 685)), col, stops)).toBe('no');
  });
});
