// The typed-table finder on OCR lines recorded from a real scan: seed 004 printed through LibreOffice
// from its text file (fixtures/seeds-office/make.sh) and scanned (fixtures/seeds-scanned/make.sh).
// Recorded with:
//   npx tsx scripts/record-ocr-lines.ts fixtures/seeds-scanned/004_5832cd79950040f3.scanned.pdf 11 extractors/ocr/test-support/004-page11.lines.json
//   npx tsx scripts/record-ocr-lines.ts fixtures/seeds-scanned/004_5832cd79950040f3.scanned.pdf 1-2 extractors/ocr/test-support/004-pages1-2.lines.json
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrWord } from './engine.ts';
import { linesToBlocks } from './page.ts';
import { findTypedTables, fitOriginAndStep } from './tabbed.ts';

interface Recording {
  pages: Array<{ page: number; dpi: number; bands: OcrLine[][] }>;
}
const load = (name: string): Recording => JSON.parse(readFileSync(new URL(`test-support/${name}`, import.meta.url), 'utf8'));

/** A band's lines top to bottom and its median line height, as linesToBlocks gives them to the finders. */
function band(lines: OcrLine[]): { sorted: OcrLine[]; lineHeight: number } {
  const sorted = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0);
  const heights = sorted.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  return { sorted, lineHeight: heights[Math.floor(heights.length / 2)] };
}

const cellTexts = (rows: ReturnType<typeof findTypedTables>[number]['rows']) => rows.map((row) => row.map((cell) => cell.map((words) => words.map((w) => w.text).join('')).join('')));

describe('findTypedTables on a scanned page of a scoring table typed with tabs (seed 004, page 11)', () => {
  const [page] = load('004-page11.lines.json').pages;
  const { sorted, lineHeight } = band(page.bands[0]);
  const tables = findTypedTables(sorted, lineHeight);

  it('reads the page as one table of the header\'s ten columns, the header repeated where the text file repeats it', () => {
    expect(tables).toHaveLength(1);
    const rows = cellTexts(tables[0].rows);
    expect(rows.every((row) => row.length === 10)).toBe(true);
    const headers = rows.filter((row) => row[0] === '评价指标');
    expect(headers).toHaveLength(2);
    expect(headers[0]).toEqual(['评价指标', '', '', '', '', '', '指标说明', '评分标准', '评分说明', '得分']);
    expect(rows.filter((row) => row.join('|') === '名称|分值|名称|分值|名称|分值||||')).toHaveLength(2);
  });

  it('puts names, weights and the score (after a tab that left almost no gap) in their columns, wrapped text in its cell', () => {
    const rows = cellTexts(tables[0].rows);
    const row = (name: string) => rows.find((r) => r.includes(name))!;
    // The name ends just short of a stop: the weight follows it without a visible gap.
    expect(row('资金下达合法性').slice(4, 6)).toEqual(['资金下达合法性', '3']);
    expect(row('资金下达合法性')[9]).toBe('3');
    expect(row('资金下达合法性')[6]).toMatch(/^反映部门下达.*达金额及比率等。$/);
    expect(row('政府采购执行率').slice(4, 6)).toEqual(['政府采购执行率', '2']);
    expect(row('政府采购执行率')[9]).toBe('2');
    expect(row('项目实施程序').slice(2, 6)).toEqual(['项目管理', '10', '项目实施程序', '5']);
    expect(row('项目实施程序')[9]).toBe('5');
  });

  it('keeps the wrapped text of a row whole: the row before the header and the rows under it are the text file\'s rows', () => {
    const lines = page.bands[0].length;
    expect(tables[0].end - tables[0].start).toBeGreaterThan(lines / 2);
    const blocks = linesToBlocks(page.bands[0], { page: 11, dpi: page.dpi }, () => [0, 0, 0, 0]);
    const typed = blocks.filter((b) => b.kind === 'table');
    expect(typed).toHaveLength(1);
    expect(typed[0].kind === 'table' && typed[0].typed && typed[0].ocr).toBe(true);
  });
});

describe('findTypedTables on running text', () => {
  it('finds no table on pages of prose, a table of contents and a two-column list (seed 004, pages 1–2)', () => {
    for (const page of load('004-pages1-2.lines.json').pages) {
      for (const lines of page.bands) {
        const { sorted, lineHeight } = band(lines);
        expect(findTypedTables(sorted, lineHeight)).toEqual([]);
      }
    }
  });

  it('finds no table in prose whose autospaces around figures fall on the stops, under a line of words at the stops', () => {
    const line = (y: number, ...words: Array<[string, number]>): OcrLine => {
      const ws = words.map(([text, x0]) => ({ text, confidence: 99, bbox: { x0, y0: y, x1: x0 + (text.length - 1) * 36, y1: y + 33 } }));
      return { words: ws, bbox: { x0: ws[0].bbox.x0, y0: y, x1: ws[ws.length - 1].bbox.x1, y1: y + 33 } };
    };
    const stop = (k: number) => 224 + 124 * k;
    // Three words at stops 0, 3 and 6 (a signature block, a caption), then prose whose figures and
    // the words after them start on stops, set off by no more than an autospace.
    const lines = [
      line(0, ['评价单位', stop(0)], ['评价日期', stop(3)], ['负责人签字', stop(6)]),
      ...Array.from({ length: 12 }, (_, i) => {
        const a = 2 + (i % 3);
        const words = (n: number) => '本年度部门整体支出预算执行率较上年提高'.slice(0, n);
        return line(50 * (i + 1), [words(4 * a - 2), stop(0)], ['98', stop(a)], [words(11), stop(a) + 80], ['12', stop(a + 4)], ['项全部完成，绩效良好', stop(a + 4) + 80]);
      }),
    ];
    expect(findTypedTables(lines, 33)).toEqual([]);
  });
});

describe('findTypedTables on more pages of seed 004\'s scoring table (pages 3, 8, 10, 12)', () => {
  const pages = new Map(load('004-table-pages.lines.json').pages.map((p) => [p.page, p]));
  const tablesOf = (n: number) => {
    const { sorted, lineHeight } = band(pages.get(n)!.bands[0]);
    return findTypedTables(sorted, lineHeight);
  };
  const texts = (cells: OcrWord[][][]) => cells.map((cell) => cell.map((words) => words.map((w) => w.text).join('')).join(''));

  it('reads a one-line row whose first cell runs past a stop, as the header\'s first cell does (page 8)', () => {
    // '预算编制情况' is wider than a step: its weight lands on stop 2, where the header's 名称 line has column 2.
    const [table] = tablesOf(8);
    expect(table).toBeDefined();
    const rows = cellTexts(table.rows);
    expect(rows.find((r) => r[0] === '预算编制情况')!.slice(0, 6)).toEqual(['预算编制情况', '20', '预算编制', '12', '预算编制合理性', '3']);
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '100', '', '100', '', '100', '', '', '', '91.16']);
  });

  it('reads a row that starts with tabs alone in the column of its stop, whatever the header ran over (page 10)', () => {
    // The header's '评价指标' runs past stop 1, so its 指标说明 is column 6 on stop 7; the rest of a
    // 评分标准 typed after seven tabs starts on stop 7 too, in column 7.
    const tables = tablesOf(10);
    expect(tables).toHaveLength(1);
    const rows = cellTexts(tables[0].rows);
    expect(rows.find((r) => r[7].startsWith('实际的'))!.filter((c) => c !== '')).toHaveLength(1);
    expect(rows.find((r) => r[4] === '目标科学性')!.slice(4)).toEqual(['目标科学性', '4', expect.stringMatching(/^考核部门/), expect.stringMatching(/^1\.绩效指标/), expect.stringMatching(/^从《2022年/), '3']);
  });

  it('keeps apart the rest of the row the page break cut, cell by cell: its score after a tab (pages 10, 12)', () => {
    const [onTen] = tablesOf(10);
    expect(onTen.rows[0].every((cell) => cell.length === 0)).toBe(true);
    expect(texts(onTen.rest!)).toEqual([expect.stringMatching(/^报项目预算绩效目标.*本项得分4分。$/), '4']);
    const [onTwelve] = tablesOf(12);
    expect(texts(onTwelve.rest!)).toEqual([expect.stringMatching(/^督促整改的.*酌情扣分。$/), expect.stringMatching(/^项目监管相关项目过程管理资料/), '3.5']);
  });

  it('takes a figure with grouping commas as a figure cell: one read with the figure after it glued on goes to the last column, not to the score (page 3)', () => {
    // '11.5' tab '95.83%' read as one word '11,595.83%': a row a cell short, its figure put last.
    const [summary] = tablesOf(3);
    expect(cellTexts(summary.rows).find((r) => r[1] === '预算编制')).toEqual(['预算编制情况', '预算编制', '12', '', '11,595.83%']);
  });
});

describe('findTypedTables: a header read with one tab too many', () => {
  const stop = (k: number) => 224 + 124 * k;
  const word = (text: string, x0: number, y: number, x1 = x0 + (text.length - 1) * 36) => ({ text, confidence: 99, bbox: { x0, y0: y, x1, y1: y + 33 } });
  const line = (...ws: ReturnType<typeof word>[]): OcrLine => ({ words: ws, bbox: { x0: ws[0].bbox.x0, y0: ws[0].bbox.y0, x1: ws[ws.length - 1].bbox.x1, y1: ws[0].bbox.y1 } });
  // A budget table: 项目, 年初预算数, 全年预算数, 全年执行数, 执行率. Each first figure runs past stop 2,
  // so the next one stands on stop 3 in column 2.
  const table = (secondHeader: string) => [
    // Two lines of prose above, to the right margin, and a blank line: the table's rows are not full lines.
    line(word('本表为本单位年度预算执行情况汇总，金额单位为万元，数据取自年度决算报表及相关账目。', stop(0), -150, 1900)),
    line(word('执行率为全年执行数与全年预算数之比，年初预算数为人代会批准的预算数，各项均含结转。', stop(0), -100, 1900)),
    line(word('项目', stop(0), 0), word(secondHeader, stop(1), 0), word('预算', stop(3), 0), word('执行', stop(4), 0), word('比率', stop(5), 0)),
    ...['基本支出', '项目支出', '专项支出', '其他支出', '往来支出', '转移支付'].map((name, i) => {
      const y = 50 * (i + 1);
      return line(word(name, stop(0), y), word('4073.71', stop(1), y, stop(1) + 130), word('4447.12', stop(3), y, stop(3) + 80), word('3997.08', stop(4), y, stop(4) + 70), word('89.88%', stop(5), y, stop(5) + 80));
    }),
  ];

  it('leaves as text a table with a column no header line names (a short header word measured short of the stop it ran past)', () => {
    // '年初数' ends short of stop 2, so the gap to stop 3 reads as two tabs: an empty header column 2,
    // and every row's figures a column off from the header's words.
    expect(findTypedTables(table('年初数'), 33)).toEqual([]);
    const [named] = findTypedTables(table('年初预算数'), 33);
    expect(cellTexts(named.rows).find((row) => row[0] === '基本支出')).toEqual(['基本支出', '4073.71', '4447.12', '3997.08', '89.88%']);
  });
});

describe('findTypedTables on seed 004\'s pages 13 and 14 (recorded with the same command, pages 13-14)', () => {
  const pages = new Map(load('004-pages13-14.lines.json').pages.map((p) => [p.page, p]));
  const tableOf = (n: number) => {
    const { sorted, lineHeight } = band(pages.get(n)!.bands[0]);
    const tables = findTypedTables(sorted, lineHeight);
    expect(tables).toHaveLength(1);
    return { table: tables[0], rows: cellTexts(tables[0].rows), lines: sorted };
  };

  it('cuts a row\'s first cell at the margin from the weight glued to it (a tab that left no gap)', () => {
    // Printed '预算 执行 效益' tab '30': OCR read '预算执行效益30', one word starting at the margin.
    const { rows } = tableOf(13);
    expect(rows.find((r) => r[0] === '预算执行效益')!.slice(0, 6)).toEqual(['预算执行效益', '30', '经济性', '4', '公用经费控制率', '4']);
  });

  it('keeps a line wrapped before a formula in its row: the formula cannot break, so the line before it is full', () => {
    // '…则本项指标得分' ends well short of the margin; '=(0.95+0.9)/2*5' (read with full-width brackets) did not fit after it.
    const { rows } = tableOf(13);
    expect(rows.some((r) => r[0].startsWith('='))).toBe(false);
    const row = rows.find((r) => r[4].endsWith('重点工作完成率'))!;
    expect(row.join('')).toContain('=（0.95+0.9）/2*5分=4.625得分4.63分。');
    expect(row[9]).toBe('4.66');
  });

  it('ends a row with the score whose tab found no stop left on the line and moved to the next line\'s first stop', () => {
    // '…该指标得分 1.5 分。' ends a stop short of the right margin: tab and '1.5' start the next line, on stop 1.
    const { rows } = tableOf(14);
    const row = rows.find((r) => r[4] === '项目完成及时性')!;
    expect(row.filter((c) => c !== '').at(-1)).toBe('1.5');
    expect(rows.filter((r) => r.filter((c) => c !== '').join() === '1.5')).toEqual([]);
  });

  it('reads no tab after a closing curly quote: it prints full-width with its ink at the left (\'“三定”方案\')', () => {
    const { rows } = tableOf(14);
    expect(rows.find((r) => r[4] === '社会经济环境效益')![7]).toMatch(/^<p>根据部门（单位）“三定”方案确定的职责/);
  });

  it('keeps apart as the rest of a row the wrapped lines a page starts with, above a header repeated after a blank line', () => {
    const { table, lines } = tableOf(14);
    expect(table.start).toBe(0);
    expect(table.rows[0].every((cell) => cell.length === 0)).toBe(true);
    expect(table.rest!.map((cell) => cell.flat().map((w) => w.text).join(''))).toEqual([expect.stringMatching(/^持续推进汽车整车.*成。<\/p>$/)]);
    expect(lines[table.restEnd!].words[0].text).toBe('评价指标');
  });
});

describe('the grid of stops, fitted with its origin', () => {
  it('puts the origin where the text on the stops says, not at the least margin start a glyph inked left of its box gave', () => {
    const hits = [1, 2, 2, 4, 5, 7, 9, 9, 11, 13].map((k, i) => 224.5 + k * 124 + (i % 3) - 1 - 215);
    const { origin, step } = fitOriginAndStep(hits, 125.4, 215);
    expect(origin).toBeCloseTo(224.5, 0);
    expect(step).toBeCloseTo(124, 0);
  });

  it('reads page 14 of seed 004 alike from two OCR runs whose boxes differ by a pixel (recorded: 004-page14-second-run)', () => {
    // The second run: the same page read again by PP-OCR (kept by JIXIAO_OCR_READ_CACHE; its text
    // bands' lines, not rounded as record-ocr-lines.ts rounds). Boxes moved by up to a pixel, the least
    // line start the same. Fitted through that margin alone, its step came out 125.4
    // instead of 124.6 and the header's last three stops were missed.
    const read = (name: string) => {
      const page = load(name).pages.find((p) => p.page === 14)!;
      const { sorted, lineHeight } = band(page.bands[0]);
      return cellTexts(findTypedTables(sorted, lineHeight)[0]?.rows ?? []);
    };
    const first = read('004-pages13-14.lines.json');
    const second = read('004-page14-second-run.lines.json');
    expect(second.find((r) => r[0] === '评价指标')).toEqual(['评价指标', '', '', '', '', '', '指标说明', '评分标准', '评分说明', '得分']);
    expect(second).toEqual(first);
  });
});

describe('findTypedTables on a self-evaluation form typed with tabs and scanned (eval seed 48, r48-0013, page 1)', () => {
  it('reads the budget block under its header\'s columns, though the wide first header cell\'s tabs passed a stop no row fills', () => {
    // '项目资金（万元）' ends past stop 2: its tabs leave columns 1–2 of the header empty, and no row fills
    // column 2. Left as text, the borderless reader put the 分值 '10' under 全年执行数 (a false figure conflict).
    const [page] = load('eval48-r48-0013-page1.lines.json').pages;
    const { sorted, lineHeight } = band(page.bands[0]);
    const [table] = findTypedTables(sorted, lineHeight);
    expect(table).toBeDefined();
    const rows = cellTexts(table.rows);
    const header = rows.find((r) => r[0] === '项目资金（万元）')!;
    const total = rows.find((r) => r[1] === '年度资金总额')!;
    expect(total[header.indexOf('全年执行数')]).toBe('2837.53');
    expect(total[header.indexOf('分值')]).toBe('10');
    expect(rows.every((r) => r[2] === '')).toBe(true);
  });
});
