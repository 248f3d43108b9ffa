import { describe, expect, it } from 'vitest';
import type { TextColumn } from './paragraphs.ts';
import type { PageLayout } from './page.ts';
import { continuesRow, fitRow, inferTabStops, readTabbedRow, readTabLayout, type TabStops } from './tabbed.ts';
import type { TextLine, TextRun } from './text.ts';

// A LibreOffice page: 10 pt text from x = 56.8, default tab stops every 1.25 cm (35.43 pt).
const LEFT = 56.8;
const STEP = 35.43;
const stop = (k: number) => LEFT + k * STEP;
const col: TextColumn = { left: 57, right: 537.5, bodySize: 10, pitch: 14.5, headingSizes: [] };
const stops: TabStops = { origin: LEFT, step: STEP, lastStop: stop(13), autospaces: [2], asciiEm: 0.55, snap: 0.6 };

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

  it('measure the width of half-width characters: a monospaced font puts a cut piece on a stop only when close to it', () => {
    const mono = (text: string, x0: number, y: number) => run(text, x0, y, x0 + 6 * text.length);
    const lines = Array.from({ length: 14 }, (_, i) => line(run('名称', LEFT, 700 - 15 * i), ...[2, 4, 6, 9, 11].map((k) => mono(`${k}0.5${i}`, stop(k), 700 - 15 * i))));
    const found = inferTabStops(lines, col);
    expect(found?.asciiEm).toBeCloseTo(0.6, 3);
    expect(found!.snap).toBeLessThan(0.2);
  });

  it('are found in a short document holding one small table (twelve gaps on seven stops)', () => {
    const row = (y: number, ...cells: Array<[string, number]>) => line(...cells.map(([text, k]) => run(text, stop(k), y)));
    const lines = [
      row(700, ['项目', 0], ['年初预算数', 1], ['全年预算数', 3], ['全年执行数', 5]),
      row(685, ['合计', 0], ['30,127,714.94', 1], ['31,772,752.17', 4], ['30,272,886.49', 7]),
      row(670, ['基本支出', 0], ['25,239,618.98', 2], ['26,249,203.74', 5], ['26,290,418.07', 8]),
      row(655, ['项目支出', 0], ['4,888,095.96', 2], ['5,523,548.43', 5], ['4,496,168.42', 8]),
    ];
    expect(inferTabStops(lines, col)?.step).toBeCloseTo(STEP, 1);
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

describe('runs pdf.js joined across a tab', () => {
  // A document whose half-width characters are all 0.6 em (a CJK font's), measured: estimates are close.
  const mono: TabStops = { ...stops, asciiEm: 0.6, snap: 0.15 };
  const monoRun = (text: string, x0: number) => run(text, x0, 700, x0 + 6 * [...text].length);
  const monoCells = (runs: TextRun[]) => readTabbedRow([line(...runs)], mono).cells.map((c) => c.text);

  it('cuts "91.16 91.16%" where the second figure starts on a stop', () => {
    // 91.16 ends 5.4 pt before stop 4; the tab carries "91.16%" there.
    const joined = { ...monoRun('91.16', stop(3)), text: '91.16 91.16%', x1: stop(4) + 36 };
    expect(monoCells([run('合计', LEFT), { ...run('100', stop(2)), x1: stop(2) + 18 }, joined])).toEqual(['合计', '', '100', '91.16', '91.16%']);
  });

  it('cuts a run of full-width characters at its one space where the piece after it starts exactly on a stop, however narrow the gap', () => {
    // "分，扣完为止。" ends 1.5 pt before stop 10; pdf.js joined the tab's text with a space.
    const joined = run('分，扣完为止。 经核查，资料齐全。', stop(10) - 71.5, 700, stop(10) + 90);
    expect(readTabbedRow([line(joined)], stops).cells.map((c) => c.text)).toEqual(['分，扣完为止。', '经核查，资料齐全。']);
  });

  it('keeps a word space that lands near a stop: the measured widths put the next word 2.8 pt off it', () => {
    const text = monoRun('; 4.', stop(5) - 9.2);
    expect(monoCells([run('得1分', stop(5) - 34.7, 700, stop(5) - 9.2), text])).toEqual(['得1分; 4.']);
  });

  it('cuts a short run that hides a tab advance of less than a point (")1." for ")" tab "1.")', () => {
    const hidden = { ...monoRun(')1.', stop(3) - 6.4), x1: stop(3) + 12 };
    expect(monoCells([run('做参考', stop(3) - 36.4), hidden])).toEqual(['做参考)', '1.']);
  });

  it('does not cut a long run of signs and digits that only seems to hide an advance', () => {
    const formula = { ...monoRun('=(0.95706+0.9074)/2*5=4.66', LEFT), x1: LEFT + 156.2 + 0.25 };
    expect(monoCells([formula])).toEqual(['=(0.95706+0.9074)/2*5=4.66']);
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

  it('splits a trailing score that starts on the stop the text before it ends at (no gap at all)', () => {
    const text = run('因此，本项得3分。', stop(2), 700, stop(7) - 0.1);
    const row = readTabbedRow([line(run('国库集中支付', LEFT), text, run('3', stop(7)))], stops);
    expect(row.cells.map((c) => c.text)).toEqual(['国库集中支付', '因此，本项得3分。3']);
    expect(fitRow(row, 3).cells.map((c) => c.text)).toEqual(['国库集中支付', '因此，本项得3分。', '3']);
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

  it('a line starting with a figure wraps when the figure, at the measured width of the document, would not have fitted', () => {
    const prev = line(run('与企业签署战略合作框架协议；成功推动投资', LEFT, 700, 517));
    const next = line(run('100', LEFT, 685, LEFT + 18), run('亿元的新能源项目落地建设。', LEFT + 24, 685));
    expect(continuesRow(prev, next, col, { ...stops, asciiEm: 0.6 })).toBe('yes');
    expect(continuesRow(prev, next, col, { ...stops, asciiEm: 0.5 })).toBe('no');
  });

  it('a short line ends the typed line', () => {
    expect(continuesRow(line(run('本项得满分。', LEFT), run('3', stop(9))), line(run('预算编制规范性', stop(4), 685), run('4', stop(6), 685)), col, stops)).toBe('no');
  });
});

describe('a block of typed rows', () => {
  const layoutOf = (lines: TextLine[]): PageLayout => ({ page: 1, view: [0, 0, 595, 842], lines, tables: [], ruledTables: [], looseLines: lines, textless: false, hasImages: false });
  const rowsOf = (layout: PageLayout) => layout.tables.flatMap((t) => Array.from({ length: t.nRows }, (_, r) => t.cells.filter((c) => c.row === r).map((c) => c.text)));

  it('is read at the cell count of its header when most rows hide a tab in an autospace-wide gap ("效率性 11"), since more figures then stand in columns', () => {
    // Each name ends one autospace (5 pt, the document's) before the stop its weight is tabbed to.
    const y = (i: number) => 700 - 15 * i;
    const named = (i: number, name: string, figures: string[]) => {
      const nameRun = run(name, stop(2) - 5 - 10 * [...name].length, y(i));
      return line(run('', stop(1), y(i), stop(1)), nameRun, ...figures.map((f, k) => run(f, stop(2 + k), y(i))));
    };
    const lines = [
      line(...['一级', '二级', '分值', '得分', '得分率'].map((h, k) => run(h, stop(k), y(0)))),
      line(run('效益', LEFT, y(1)), ...['经济性', '4', '4', '100%'].map((t, k) => run(t, stop(1 + k), y(1)))),
      named(2, '效率性', ['11', '9.66', '87.82%']),
      named(3, '效果性', ['10', '8', '80.00%']),
      named(4, '公平性', ['5', '4', '80.00%']),
      named(5, '满意度', ['5', '4', '80.00%']),
    ].map((l) => ({ ...l, runs: l.runs.filter((r) => r.text !== '') }));
    // Enough gaps on stops elsewhere for the document to be taken as tab-laid, and autospaces to measure.
    const filler = Array.from({ length: 8 }, (_, i) => line(run('说明', LEFT, 500 - 15 * i), ...[3, 5, 7, 9].map((k) => run(`项${k}`, stop(k), 500 - 15 * i))));
    const autospaced = Array.from({ length: 6 }, (_, i) => line(run('共计', LEFT, 300 - 15 * i), run('12', LEFT + 25, 300 - 15 * i)));
    const layout = layoutOf([...lines, ...filler, ...autospaced]);
    expect(readTabLayout([layout], col)).toBe(true);
    const rows = rowsOf(layout).filter((cells) => cells.some((c) => /性$/.test(c)));
    expect(rows).toEqual([
      ['效益', '经济性', '4', '4', '100%'],
      ['', '效率性', '11', '9.66', '87.82%'],
      ['', '效果性', '10', '8', '80.00%'],
      ['', '公平性', '5', '4', '80.00%'],
    ]);
  });

  it('keeps its header row whole when the rows below are narrower (their last column empty, so its tab leaves no mark)', () => {
    const y = (i: number) => 700 - 15 * i;
    const joinedHeader = { ...run('得分 说明', stop(3), y(0)), x1: stop(4) + 20 };
    const lines = [
      line(run('名称', LEFT, y(0)), run('分值', stop(2), y(0)), joinedHeader),
      ...['甲项', '乙项', '丙项'].map((name, i) => line(run(name, LEFT, y(i + 1)), run('10', stop(2), y(i + 1)), run('8', stop(3), y(i + 1)))),
    ];
    const filler = Array.from({ length: 8 }, (_, i) => line(run('说明', LEFT, 500 - 15 * i), ...[3, 5, 7, 9].map((k) => run(`项${k}`, stop(k), 500 - 15 * i))));
    const layout = layoutOf([...lines, ...filler]);
    expect(readTabLayout([layout], col)).toBe(true);
    expect(rowsOf(layout).slice(0, 2)).toEqual([
      ['名称', '', '分值', '得分', '说明'],
      ['甲项', '', '10', '8', ''],
    ]);
  });

  it('counts the header words moved to the next line with their tab (a wrapped header row) for rows that end with long text', () => {
    const y = (i: number) => 700 - 15 * i;
    // "评分标准" ends 4 pt short of the last stop: the tab and "评分说明" went to the next line.
    const header = line(...[0, 2, 4, 6, 12].map((k, i) => run(['名称', '分值', '得分', '指标说明', '评分标准'][i], stop(k), y(0))));
    const moved = line(run('评分说明', stop(1), y(1)));
    const body = [2, 3, 4].map((i) =>
      line(run(`项目${i}`, LEFT, y(i)), run('10', stop(2), y(i)), run('8', stop(4), y(i)), run('考核说明', stop(6), y(i)), run('按标准评分', stop(9), y(i)), run('经核查本项得8分', stop(12), y(i), stop(13) + 40)),
    );
    const filler = Array.from({ length: 8 }, (_, i) => line(run('说明', LEFT, 500 - 15 * i), ...[3, 5, 7, 9].map((k) => run(`项${k}`, stop(k), 500 - 15 * i))));
    const layout = layoutOf([header, moved, ...body, ...filler]);
    expect(readTabLayout([layout], col)).toBe(true);
    expect(rowsOf(layout)[0].filter((c) => c !== '')).toEqual(['名称', '分值', '得分', '指标说明', '评分标准', '评分说明']);
  });
});
