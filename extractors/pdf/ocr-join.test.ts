import { describe, expect, it } from 'vitest';
import type { Block, Paragraph, Table } from '../../model/index.ts';
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

describe('a typed row cut by a page break (the rest kept apart by the typed-table reader)', () => {
  const HEADER = '三级指标\t分值\t评分标准\t评分说明\t得分';
  const padded = (line: string) => [...line.split('\t'), '', '', '', ''].slice(0, 5).join('\t');
  const typed = (page: number, lines: string[], rest?: string[]): Table => ({
    ...scanned(page, lines.map(padded)),
    typed: true,
    ...(rest ? { restOfRow: rest.map((text, c) => ({ text, loc: { page, column: c + 1 } })) } : {}),
  });
  const SCORED = ['预决算\t3\t按规定公开\t已公开。本项得分3分。\t3', '自评\t1\t按时\t已报送\t1'];
  const ABOVE = [HEADER, ...SCORED, '项目监管\t5\t按规定监管\t监管不够到'];

  it('carries on the cell the break cut and puts a figure ending the rest in the score column', () => {
    const [joined] = joinScannedTables([typed(1, ABOVE), typed(2, ['\t\t\t\t', '自评材料\t2\t按时报送\t已报送\t2'], ['位。本项得3.5分。', '3.5'])]);
    expect(texts(joined).slice(3)).toEqual(['项目监管|5|按规定监管|监管不够到位。本项得3.5分。|3.5', '自评材料|2|按时报送|已报送|2']);
    expect((joined as Table).restOfRow).toBeUndefined();
    // A doubtful figure of the rest stays doubtful where it lands in the cut cell.
    const doubtful = typed(2, ['\t\t\t\t'], ['位。本项得3.5分。', '3.5']);
    doubtful.restOfRow![0] = { ...doubtful.restOfRow![0], ocrConfidence: 70, ocrLowSpans: [[5, 8]] };
    const cell = (joinScannedTables([typed(1, ABOVE), doubtful])[0] as Table).rows[3][3];
    expect(cell.text.slice(cell.ocrLowSpans![0][0], cell.ocrLowSpans![0][1])).toBe('3.5');
    expect(rawDocumentProblems({ format: 'pdf', blocks: [joined], warnings: [] })).toEqual([]);
  });

  it('puts the rest\'s later cells in the columns after the cut one, the figure last even when a tab left no gap', () => {
    const cut = [HEADER, ...SCORED, '项目监管\t5\t按规定监'];
    const [twoCells] = joinScannedTables([typed(1, cut), typed(2, ['\t\t\t\t'], ['管', '监管不够到位。本项得3.5分。', '3.5'])]);
    expect(texts(twoCells).at(-1)).toBe('项目监管|5|按规定监管|监管不够到位。本项得3.5分。|3.5');
    const [noGap] = joinScannedTables([typed(1, cut), typed(2, ['\t\t\t\t'], ['管', '3.5'])]);
    expect(texts(noGap).at(-1)).toBe('项目监管|5|按规定监管||3.5');
  });

  it('drops a rest that cannot belong to the row: after a figure, or past the last column', () => {
    const complete = [HEADER, ...SCORED];
    const gapped = [HEADER, ...SCORED, '项目监管\t5\t\t监管不够到'];
    for (const [above, rest] of [[complete, ['补充说明']], [ABOVE, ['位。', '另见附件', '备注', '3.5']], [gapped, ['位。', '3.5', '多余']]] as const) {
      const [joined] = joinScannedTables([typed(1, [...above]), typed(2, ['\t\t\t\t'], [...rest])]);
      expect(texts(joined)).toEqual([...above].map((l) => padded(l).replace(/\t/g, '|')));
    }
  });
});

describe('a rest no row of the page before takes', () => {
  const HEADER = '三级指标\t分值\t评分标准\t评分说明\t得分';
  const asText = (page: number, ...texts: string[]) => texts.map((text): Paragraph => ({ kind: 'paragraph', text, loc: { page, bbox: [0, 0, 10, 10] } }));
  const withRest = (page: number, rest: string[], text: Paragraph[]): Table => ({
    ...scanned(page, [HEADER, '自评材料\t2\t按时报送\t已报送\t2']),
    typed: true,
    restOfRow: rest.map((t, c) => ({ text: t, loc: { page, column: c + 1 } })),
    restAsText: text,
  });

  it('is the text the page gave again, before the table: no table before it, or one whose last row is complete', () => {
    const prose = asText(2, '本表金额单位为万元。', '数据取自年度决算报表。');
    const alone = joinScannedTables([{ kind: 'paragraph', text: '附件', loc: { page: 1 } }, withRest(2, ['本表金额单位为万元。数据取自年度决算报表。'], prose)]);
    expect(alone.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'table']);
    expect(alone.slice(1, 3)).toEqual(prose);
    const table = alone[3] as Table;
    expect(table.restOfRow).toBeUndefined();
    expect(table.restAsText).toBeUndefined();
    const complete = joinScannedTables([scanned(1, [HEADER, '预决算\t3\t按规定公开\t已公开\t3']), withRest(2, ['补充说明'], asText(2, '补充说明'))]);
    expect(complete.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    expect((complete[1] as Table).pages).toEqual([1, 2]);
  });

  it('is dropped as text when the row the break cut takes it', () => {
    const blocks = joinScannedTables([scanned(1, [HEADER, '项目监管\t5\t按规定监管\t监管不够到\t']), withRest(2, ['位。本项得3.5分。', '3.5'], asText(2, '位。本项得3.5分。 3.5'))]);
    expect(blocks.map((b) => b.kind)).toEqual(['table']);
    expect(texts(blocks[0])[1]).toBe('项目监管|5|按规定监管|监管不够到位。本项得3.5分。|3.5');
  });
});

/** Blocks of recorded pages (extractors/ocr/test-support), each page's first band as the OCR page reader builds them. */
async function recordedPages(file: string, pages: number[]): Promise<Block[]> {
  const { readFileSync } = await import('node:fs');
  const { linesToBlocks, box } = await import('../ocr/page.ts');
  const recording = JSON.parse(readFileSync(new URL(`../ocr/test-support/${file}`, import.meta.url), 'utf8'));
  return pages.flatMap((n) => {
    const page = recording.pages.find((p: { page: number }) => p.page === n);
    return linesToBlocks(page.bands[0], { page: n, dpi: page.dpi }, box);
  });
}

describe('seed 004 printed from its text file and scanned: pages 11 and 12 as recorded from PP-OCR', () => {
  it('gives 项目监管, cut by the page break, the explanation and score the next page starts with', async () => {
    const blocks = await recordedPages('004-table-pages.lines.json', [11, 12]);
    const tables = joinScannedTables(blocks).filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const row = tables[0].rows.find((r) => r[4].text === '项目监管')!;
    expect(row[7].text).toMatch(/^业务主管部门按规定.*酌情扣分。$/);
    expect(row[8].text).toMatch(/^项目监管相关项目过程管理资料.*本项得3\.5分。$/);
    expect(row[9].text).toBe('3.5');
  });
});

describe('seed 004 printed from its text file and scanned: pages 13 and 14 as recorded from PP-OCR', () => {
  it('joins page 14\'s table, which starts with the rest of a row above a repeated header, to page 13\'s', async () => {
    const blocks = await recordedPages('004-pages13-14.lines.json', [13, 14]);
    const joined = joinScannedTables(blocks);
    const tables = joined.filter((b): b is Table => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0].pages).toEqual([13, 14]);
    expect(tables[0].rows.some((r) => r.some((c) => /目标2：深入对接.*第三方评估公司评估工作未完成。<\/p>$/.test(c.text)))).toBe(true);
    expect(joined.some((b) => b.kind === 'paragraph' && b.text.includes('持续推进汽车整车'))).toBe(false);
  });
});
