import { describe, expect, it } from 'vitest';
import type { Block, Table } from '../../model/index.ts';
import { rawDocumentProblems } from '../validate.ts';
import { joinScannedTables } from './ocr-join.ts';

/** A scanned table on a page from tab-separated lines. */
function scanned(page: number, lines: string[], ocr = true): Table {
  const rows = lines.map((line, r) => line.split('\t').map((text, c) => ({ text, loc: { page, row: r + 1, column: c + 1 } })));
  return { kind: 'table', index: page, rows, loc: { page }, ...(ocr ? { ocr: true } : {}) };
}
const texts = (block: Block) => (block as Table).rows.map((row) => row.map((c) => c.text).join('|'));

const PAGE_ONE = ['一级指标\t二级指标\t分值\t得分\t评分说明', '产出\t数量\t10\t8\t扣2分', '效益\t效率\t11\t7.5\t重点工作完'];

describe('scanned tables across a page break', () => {
  it('joins the next page\'s table of as many columns, drops its empty top rows and puts a cut row back together', () => {
    const [joined, ...rest] = joinScannedTables([scanned(1, PAGE_ONE), scanned(2, ['\t\t\t\t', '\t\t\t\t成情况。', '\t效果\t4\t4\t']), { kind: 'paragraph', text: '三、结论', loc: { page: 2 } }]);
    expect(texts(joined)).toEqual([...PAGE_ONE.slice(0, 2), '效益|效率|11|7.5|重点工作完成情况。', '|效果|4|4|'].map((l) => l.replace(/\t/g, '|')));
    expect((joined as Table).pages).toEqual([1, 2]);
    expect((joined as Table).rows.at(-1)![1].loc.row).toBe(4);
    expect(rest).toHaveLength(1);
  });

  it('keeps a first row with a figure, text under a figure, or text in every cell the row above fills, as a row of its own', () => {
    for (const [page, first] of [[PAGE_ONE, '\t\t\t3\t'], [PAGE_ONE, '甲\t乙\t丙\t\t丁'], [[...PAGE_ONE, '说明\t\t\t\t见附件'], '备注\t\t\t\t无']] as const) {
      const [joined] = joinScannedTables([scanned(1, [...page]), scanned(2, [first])]);
      expect(texts(joined)).toHaveLength(page.length + 1);
    }
  });

  describe('a row of narrow columns cut through every cell, its score too ("14.0" | "9")', () => {
    const cut = ['一级指标\t二级指标\t分值\t得分\t偏差原因', '效益指\t社会效益\t17.5\t14.0\t未完成年度目'];

    it('puts the rest back when it continues some text and leaves the weight without a figure below', () => {
      const [joined] = joinScannedTables([scanned(1, cut), scanned(2, ['标\t\t\t9\t标，下一步。', '满意度\t服务对象\t10\t10\t'])]);
      expect(texts(joined)).toEqual(['一级指标|二级指标|分值|得分|偏差原因', '效益指标|社会效益|17.5|14.09|未完成年度目标，下一步。', '满意度|服务对象|10|10|']);
    });

    it('keeps a row that brings a figure under every figure, or a figure under one too short to be cut, as a row of its own', () => {
      const short = [cut[0], '效益指\t社会效益\t17\t14\t未完成年度目'];
      for (const [page, first] of [[cut, '标\t\t5\t9\t标。'], [short, '标\t\t\t9\t标，下一步。']] as const) {
        const [joined] = joinScannedTables([scanned(1, [...page]), scanned(2, [first])]);
        expect(texts(joined)).toHaveLength(3);
      }
    });
  });

  describe('a two-row merged cell cut between its rows ("效果" | "性", one row on each page)', () => {
    const head = ['一级指标\t二级指标\t分值\t三级指标\t分值\t得分', '预算执行效益\t效果\t11\t社会效益\t4\t4'];

    it('gives the tail back to the cell, which with its weight spans the next row too', () => {
      const [joined] = joinScannedTables([scanned(1, head), scanned(2, ['\t性\t\t经济效益\t7\t7'])]);
      const rows = (joined as Table).rows;
      expect(rows[1][1]).toMatchObject({ text: '效果性', rowSpan: 2 });
      expect(rows[1][2]).toMatchObject({ text: '11', rowSpan: 2 });
      expect(rows[2].map((c) => (c.covered ? '·' : c.text))).toEqual(['', '·', '·', '经济效益', '7', '7']);
      expect(rawDocumentProblems({ format: 'pdf', blocks: [joined], warnings: [] })).toEqual([]);
    });

    it('keeps a 加减分项 row (no weights), a whole name, or a row without a leaf of its own as rows of their own', () => {
      for (const first of ['加减分项\t加分项\t\t表彰奖励\t\t1', '\t公平性\t\t满意度\t5\t5', '\t性\t\t\t7\t7', '\t性\t\t经济效益\t\t7']) {
        const [joined] = joinScannedTables([scanned(1, head), scanned(2, [first])]);
        expect((joined as Table).rows[1][1].text).toBe('效果');
      }
    });
  });

  it('puts the cells of a part found with fewer grid columns under the columns starting where they start', () => {
    const at = (table: Table, lefts: number[]) => {
      table.rows.forEach((row) => row.forEach((cell, c) => (cell.loc.bbox = [lefts[c], 0, lefts[c] + 20, 10])));
      return table;
    };
    const wide = at(scanned(1, ['一级指标\t二级指标\t说明\t\t分值\t得分', '满意度指\t服务对象满意度指\t\t\t10\t10']), [60, 110, 190, 380, 386, 408]);
    wide.rows[1][3].covered = true;
    const narrow = at(scanned(2, ['标\t标\t\t\t', '总分\t\t\t100\t98.5']), [59, 112, 192, 384, 409]);
    const [joined] = joinScannedTables([wide, narrow]);
    expect(texts(joined)).toEqual(['一级指标|二级指标|说明||分值|得分', '满意度指标|服务对象满意度指标|||10|10', '总分||||100|98.5']);
    expect(rawDocumentProblems({ format: 'pdf', blocks: [joined], warnings: [] })).toEqual([]);
    for (const row of narrow.rows) row[3].loc.bbox = [300, 0, 320, 10]; // a column starting where none of the first part does
    expect(joinScannedTables([wide, narrow])).toHaveLength(2);
  });

  it('draws a header left alone at the foot of a page, its cells merged, on the columns of its body on the next page', () => {
    const at = (table: Table, lefts: number[]) => {
      table.rows.forEach((row) => row.forEach((cell, c) => (cell.loc.bbox = [lefts[c], 0, lefts[c] + 20, 10])));
      return table;
    };
    const header = at(scanned(1, ['一级指标\t二级指标\t得分\t评分说明']), [60, 160, 260, 300]);
    const body = at(scanned(2, ['名称\t分值\t名称\t分值\t\t', '预算执行\t39\t资产管理\t7\t6\t经核查，扣1分。']), [60, 110, 160, 210, 261, 302]);
    const [joined, ...rest] = joinScannedTables([header, body]);
    expect(rest).toHaveLength(0);
    expect((joined as Table).rows[0].map((c) => (c.covered ? '·' : c.text))).toEqual(['一级指标', '·', '二级指标', '·', '得分', '评分说明']);
    expect((joined as Table).rows[0][0].colSpan).toBe(2);
    expect(texts(joined).at(-1)).toBe('预算执行|39|资产管理|7|6|经核查，扣1分。');
    expect(rawDocumentProblems({ format: 'pdf', blocks: [joined], warnings: [] })).toEqual([]);
    const budget = at(scanned(1, ['合计\t2300.82\t2547.70\t2334.42']), [60, 160, 260, 300]);
    expect(joinScannedTables([budget, body])).toHaveLength(2); // a table of its own: it holds figures
    header.rows[0][1].loc.bbox = [130, 0, 150, 10]; // a column starting where none of the body's does
    expect(joinScannedTables([header, body])).toHaveLength(2);
  });

  it('leaves apart tables of other widths, on pages not next to each other, with a paragraph between, or from a text layer', () => {
    const apart = [
      [scanned(1, PAGE_ONE), scanned(2, ['甲\t乙\t1'])],
      [scanned(1, PAGE_ONE), scanned(3, ['\t效果\t4\t4\t'])],
      [scanned(1, PAGE_ONE), { kind: 'paragraph', text: '续表', loc: { page: 2 } } as Block, scanned(2, ['\t效果\t4\t4\t'])],
      [scanned(1, PAGE_ONE, false), scanned(2, ['\t效果\t4\t4\t'], false)],
    ];
    for (const blocks of apart) expect(joinScannedTables(blocks)).toHaveLength(blocks.length);
  });
});
