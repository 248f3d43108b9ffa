import { describe, expect, it } from 'vitest';
import { appendPart, appendSpill, isSpill, onColumnsOf, sameColumns, startTable, toTableBlock, widenOnto } from './join.ts';
import type { PageCell, PageTable } from './tables.ts';

const XS = [50, 150, 250, 450];

/** A page part from rows of [text, rowSpan?] per column; null marks a position covered from above. */
function part(page: number, rows: Array<Array<string | [string, number] | null>>, xs = XS): PageTable {
  const cells: PageCell[] = [];
  rows.forEach((row, r) =>
    row.forEach((spec, c) => {
      if (spec === null) return;
      const [text, rowSpan] = typeof spec === 'string' ? [spec, 1] : spec;
      cells.push({ row: r, col: c, rowSpan, colSpan: 1, text, page, bbox: [xs[c], 0, xs[c + 1], 10], lastX1: xs[c + 1] - 3, lastSize: 10, right: xs[c + 1] - 2, firstUnitWidth: 10 });
    }),
  );
  return { page, xs, ys: [], nRows: rows.length, nCols: xs.length - 1, cells, bbox: [xs[0], 0, xs[xs.length - 1], 100] };
}

const texts = (table: ReturnType<typeof toTableBlock>) => table.rows.map((row) => row.map((c) => (c.covered ? '·' : c.text)));

describe('joining a table across pages', () => {
  const header = ['一级指标', '三级指标', '评分说明'];

  it('drops the repeated header and keeps one grid with each cell on its own page', () => {
    const table = startTable(part(3, [header, ['预算编制', '合理性', '得满分。']]));
    const next = part(4, [header, ['预算执行', '支出完成率', '本项得3分。']]);
    expect(sameColumns(table.parts[0], next)).toBe(true);
    appendPart(table, next);
    const block = toTableBlock(table, 2);
    expect(texts(block)).toEqual([header, ['预算编制', '合理性', '得满分。'], ['预算执行', '支出完成率', '本项得3分。']]);
    expect(block.pages).toEqual([3, 4]);
    expect(block.rows[2][0].loc).toMatchObject({ page: 4, table: 2, row: 3, column: 1 });
    expect(block.rows[1][0].loc.page).toBe(3);
  });

  it('puts the rest of a row cut by the page break back into that row', () => {
    const table = startTable(part(1, [header, ['预算编制', '准确性', '本项得2']]));
    appendPart(table, part(2, [header, ['', '', '分。'], ['', '目标完整性', '本项得4分。']]));
    const block = toTableBlock(table, 1);
    expect(texts(block)).toEqual([header, ['预算编制', '准确性', '本项得2分。'], ['·', '目标完整性', '本项得4分。']]);
    // The empty hierarchy cell under 预算编制 on the next page means "same as above": one merged cell.
    expect(block.rows[1][0]).toMatchObject({ text: '预算编制', rowSpan: 2 });
  });

  it('starts a new row when the next page’s first row brings numbers under numbers (a merged 一级 cell cut by the break)', () => {
    const summary = ['一级指标', '二级指标', '分值'];
    const table = startTable(part(1, [summary, ['预算编制情况', '预算编制', '16']]));
    appendPart(table, part(2, [['', '目标设置', '11'], ['预算执行情况', '支出管理', '16']]));
    expect(texts(toTableBlock(table, 1))).toEqual([summary, ['预算编制情况', '预算编制', '16'], ['·', '目标设置', '11'], ['预算执行情况', '支出管理', '16']]);
  });

  it('puts the rest of a merged cell’s text cut by the page break back into that cell ("效果" | "性")', () => {
    const xs = [50, 100, 150, 200, 300];
    const h = ['一级指标', '二级指标', '分值', '三级指标'];
    const table = startTable(part(1, [h, [['预算执行效益', 2], '效率性', '10', '重点工作'], [null, '效果', '12', '社会效益']], xs));
    appendPart(table, part(2, [[['', 2], ['性', 2], ['', 2], '经济效益'], [null, null, null, '表彰奖励']], xs));
    const block = toTableBlock(table, 1);
    expect(block.rows[2][1]).toMatchObject({ text: '效果性', rowSpan: 3 });
    expect(texts(block).map((r) => r[3])).toEqual(['三级指标', '重点工作', '社会效益', '经济效益', '表彰奖励']);
  });

  it('puts back the rest of a two-row merged cell cut between its rows, each page showing one row ("效果" | "性")', () => {
    const xs = [50, 100, 150, 200, 300, 350];
    const h = ['一级指标', '二级指标', '分值', '三级指标', '得分'];
    const first = () => startTable(part(1, [h, [['预算执行效益', 2], '效率性', '10', '重点工作', '9'], [null, '效果', '11', '社会效益', '4']], xs));
    const table = first();
    appendPart(table, part(2, [['', '性', '', '经济效益', '7'], ['合计', '', '21', '', '20']], xs));
    const block = toTableBlock(table, 1);
    expect(block.rows[2][1]).toMatchObject({ text: '效果性', rowSpan: 2 });
    expect(block.rows[2][2]).toMatchObject({ text: '11', rowSpan: 2 });
    expect(texts(block).map((r) => r[3])).toEqual(['三级指标', '重点工作', '社会效益', '经济效益', '']);
    // Not when the text stopped short of the cell's edge: "性" is a new indicator's name there.
    const short = first();
    short.cells.find((c) => c.text === '效果')!.lastX1 = 110;
    appendPart(short, part(2, [['', '性', '', '经济效益', '7']], xs));
    expect(texts(toTableBlock(short, 1)).map((r) => r[1])).toEqual(['二级指标', '效率性', '效果', '性']);
  });

  it('keeps a 加减分项 row, which has no weights, apart from the indicators above it', () => {
    const xs = [50, 100, 150, 200, 300, 350, 400];
    const h = ['一级指标', '二级指标', '分值', '三级指标', '分值', '得分'];
    const table = startTable(part(1, [h, [['预算执行效益', 2], '效率性', '10', '重点工作', '10', '9'], [null, '公平性', '5', '服务对象满意度', '5', '5']], xs));
    appendPart(table, part(2, [['加减分项', '加分项', '', '表彰奖励', '', '1']], xs));
    expect(texts(toTableBlock(table, 1)).map((r) => r[0] + r[1] + r[3])).toEqual(['一级指标二级指标三级指标', '预算执行效益效率性重点工作', '·公平性服务对象满意度', '加减分项加分项表彰奖励']);
  });

  it('keeps a new indicator that brings its own weight on the next page', () => {
    const xs = [50, 100, 150, 200, 300];
    const h = ['一级指标', '二级指标', '分值', '三级指标'];
    const table = startTable(part(1, [h, [['预算执行效益', 2], '效率性', '10', '重点工作'], [null, '效果', '12', '社会效益']], xs));
    appendPart(table, part(2, [[['', 1], '公平性', '5', '满意度']], xs));
    expect(texts(toTableBlock(table, 1)).map((r) => r[1])).toEqual(['二级指标', '效率性', '效果', '公平性']);
  });

  it('puts back the rest of a row cut through every cell when parents repeat on each row', () => {
    const xs = [50, 100, 150, 200, 300, 400, 450];
    const h = ['一级指标', '分值', '二级指标', '三级指标', '评分说明', '得分'];
    const table = startTable(part(1, [h, ['预算监督', '12', '信息公开', '预决算信息公开', '本项得3分。', '3'], ['预算监', '12', '信', '绩效信息', '经核查，相关资料齐', '3']], xs));
    appendPart(table, part(2, [['督', '', '息公开', '公开', '全，本项得3分。', ''], ['预算监督', '12', '绩效自评', '自评质量', '本项得6分。', '6']], xs));
    expect(texts(toTableBlock(table, 1)).map((r) => r[0] + r[2] + r[3])).toEqual(['一级指标二级指标三级指标', '预算监督信息公开预决算信息公开', '预算监督信息公开绩效信息公开', '预算监督绩效自评自评质量']);
  });

  it('puts back the rest of a row whose rubric cell broke after a "；" and whose explanation broke mid-formula', () => {
    const table = startTable(part(1, [header, ['存量资金效率性', '≤0的，得1分；', '变动率=(0÷0-1)×100%=-']]));
    appendPart(table, part(2, [['', '>0的，不得分。', '100%。因此，本项得3分。'], ['支出合规性', '符合要求的，得7分。', '本项得满分。']]));
    expect(texts(toTableBlock(table, 1))[1]).toEqual(['存量资金效率性', '≤0的，得1分；>0的，不得分。', '变动率=(0÷0-1)×100%=-100%。因此，本项得3分。']);
  });

  it('keeps a new heading row with no numbers as a row of its own', () => {
    const xs = [50, 100, 150, 200, 300, 400, 450];
    const h = ['一级指标', '分值', '二级指标', '三级指标', '评分说明', '得分'];
    const table = startTable(part(1, [h, ['预算监督', '12', '信息公开', '预决算信息公开', '本项得3分。', '3']], xs));
    appendPart(table, part(2, [['预算执行', '', '', '', '', ''], ['', '', '支出管理', '支出完成率', '本项得4分。', '4']], xs));
    expect(texts(toTableBlock(table, 1)).map((r) => r[0])).toEqual(['一级指标', '预算监督', '预算执行', '']);
  });

  it('puts a cell’s last line pushed onto the next page back at the end of that cell', () => {
    const table = startTable(part(1, [['总分', '100', '99.4']]));
    const spill = part(2, [['', '4']], [150, 250, 450]);
    const moved = onColumnsOf(table, spill)!;
    expect(isSpill(moved)).toBe(true);
    appendSpill(table, moved);
    expect(texts(toTableBlock(table, 1))).toEqual([['总分', '100', '99.44']]);
    expect(isSpill(part(2, [['预算执行', '支出完成率', '本项得3分。']]))).toBe(false);
    expect(onColumnsOf(table, part(2, [['', '4']], [150, 300, 450]))).toBeNull();
  });

  it('continues a table on the next page drawn on fewer rules, and puts a cut row with a cut score back', () => {
    // The first page has an extra rule at x=200 (from a block above the indicators): 实际完成值 spans 150–250.
    const xs = [50, 100, 150, 200, 250, 300];
    const first = part(1, [['一级指标', '三级指标', '实际完成值', '', '得分'], ['效益指标', '服务覆盖人', '241人', '', '12.7']], xs);
    const table = startTable(first);
    const next = part(2, [['', '数', '', '6'], ['满意度指标', '服务对象满意度', '98%', '10']], [50, 100, 150, 250, 300]);
    const moved = onColumnsOf(table, next)!;
    expect(moved.cells.filter((c) => c.row === 1).map((c) => [c.col, c.colSpan])).toEqual([[0, 1], [1, 1], [2, 2], [4, 1]]);
    appendPart(table, moved);
    const rows = texts(toTableBlock(table, 1));
    expect([rows[1][1], rows[1][4]]).toEqual(['服务覆盖人数', '12.76']);
    expect(rows[2][0]).toBe('满意度指标');
    expect(onColumnsOf(table, part(2, [['a', 'b']], [50, 120, 300]))).toBeNull();
  });

  it('keeps a new indicator under parents going on over the page break apart from the row above (two scores, not "79")', () => {
    const xs = [50, 100, 150, 250, 300, 350, 400, 450];
    const head = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'];
    const table = startTable(part(1, [head, ['产出指标', '数量指标', '发放补助人数', '≥380人', '397人', '7', '7']], xs));
    appendPart(table, part(2, [['', '', '新增就业人数', '≥390人', '417人', '9', '9'], ['', '质量指标', '资金拨付准确率', '≥85%', '95%', '6', '6']], xs));
    const rows = texts(toTableBlock(table, 1));
    expect(rows.map((r) => r[6])).toEqual(['得分', '7', '9', '6']);
  });

  describe('a row cut through every cell of narrow columns, a score included ("14.0" | "9")', () => {
    const xs = [50, 90, 150, 200, 250, 275, 300, 450];
    const head = ['一级指标', '二级指标', '三级指标', '实际完成值', '分值', '得分', '偏差原因'];
    const cut = ['效益指', '社会效益指标', '服务覆盖人', '315人', '17', '14.0', '未完成年度目'];

    it('puts the rest back when each piece could not have fitted on the line above it', () => {
      const table = startTable(part(1, [head, cut], xs));
      appendPart(table, part(2, [['标', '', '数', '', '', '9', '标，下一步将加快推进。'], ['满意度指标', '服务对象满意度指标', '服务对象满意度', '94%', '10', '10', '']], xs));
      const rows = texts(toTableBlock(table, 1));
      expect(rows.map((r) => r[5])).toEqual(['得分', '14.09', '10']);
      expect(rows[1].slice(0, 3)).toEqual(['效益指标', '社会效益指标', '服务覆盖人数']);
    });

    it('puts back a rest of two pieces (a wrapped name and its rubric) under blank parents, the weight and score left on the page above', () => {
      const table = startTable(part(1, [head, ['', '', '存量资金效率', '', '3', '3', '变动率≤-15%的，得3分；']], xs));
      appendPart(table, part(2, [['', '', '性', '', '', '', '≤-10%的，得2分。']], xs));
      const rows = texts(toTableBlock(table, 1));
      expect(rows.map((r) => r[2])).toEqual(['三级指标', '存量资金效率性']);
      expect(rows[1][6]).toBe('变动率≤-15%的，得3分；≤-10%的，得2分。');
    });

    it('puts back a rest that starts right of the cut row\'s name (blank parents, its name left on the page above), a cut score included', () => {
      const table = startTable(part(1, [head, ['', '', '绩效目标完成率', '', '4', '3.3', '考核部门整体绩效目']], xs));
      appendPart(table, part(2, [['', '', '', '', '', '3', '标的完成情况。']], xs));
      const rows = texts(toTableBlock(table, 1));
      expect(rows.map((r) => r[5])).toEqual(['得分', '3.33']);
      expect(rows[1][6]).toBe('考核部门整体绩效目标的完成情况。');
    });

    it('keeps a new row that brings a number under each number of the row above', () => {
      const table = startTable(part(1, [head, cut], xs));
      appendPart(table, part(2, [['满意度指标', '服务对象满意度指标', '服务对象满意度', '达标', '10', '9', '']], xs));
      expect(texts(toTableBlock(table, 1)).map((r) => r[5])).toEqual(['得分', '14.0', '9']);
    });

    it('keeps a new row when the cells above it end short of their right edge (nothing wrapped)', () => {
      const first = part(1, [head, cut], xs);
      for (const cell of first.cells) if (cell.row === 1) cell.lastX1 = cell.bbox[0] + 2;
      const table = startTable(first);
      appendPart(table, part(2, [['标', '', '数', '', '', '9', '标，下一步将加快推进。']], xs));
      expect(texts(toTableBlock(table, 1)).map((r) => r[5])).toEqual(['得分', '14.0', '9']);
    });
  });

  describe('a header row cut through its narrow cells ("全年执行" | "数", "分" | "值")', () => {
    const xs = [50, 120, 180, 230, 250, 300];
    const cut = ['项目资金（万', '年初预算数', '全年执行', '分', '执行率'];

    it('puts the rest back into the header, the merged cell below it going on', () => {
      const table = startTable(part(1, [['项目名称', '某项目', '', '', ''], cut], xs));
      appendPart(table, part(2, [[['元）', 2], '', '数', '值', ''], [null, '1,895.02', '1,732.01', '10', '86.78%']], xs));
      const block = toTableBlock(table, 1);
      expect(texts(block).slice(1)).toEqual([
        ['项目资金（万元）', '年初预算数', '全年执行数', '分值', '执行率'],
        ['·', '1,895.02', '1,732.01', '10', '86.78%'],
      ]);
      expect(block.rows[1][0].rowSpan).toBe(2);
    });

    it('keeps a row of its own when it brings a figure, or fills as many cells as the header', () => {
      const figures = startTable(part(1, [cut], xs));
      appendPart(figures, part(2, [['元）', '', '数', '10', '']], xs));
      expect(texts(toTableBlock(figures, 1))).toHaveLength(2);
      const full = startTable(part(1, [cut], xs));
      appendPart(full, part(2, [['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值']], xs));
      expect(texts(toTableBlock(full, 1))).toHaveLength(2);
    });
  });

  it('grows a merged cell cut by the page break back into one rowSpan', () => {
    const table = startTable(part(1, [header, [['预算编制', 2], '合理性', '得满分。'], [null, '规范性', '得4分。']]));
    appendPart(table, part(2, [header, [['', 2], '准确性', '得2分。'], [null, '完整性', '得4分。'], ['预算执行', '支出完成率', '得3分。']]));
    const block = toTableBlock(table, 1);
    expect(texts(block)).toEqual([
      header,
      ['预算编制', '合理性', '得满分。'],
      ['·', '规范性', '得4分。'],
      ['·', '准确性', '得2分。'],
      ['·', '完整性', '得4分。'],
      ['预算执行', '支出完成率', '得3分。'],
    ]);
    expect(block.rows[1][0]).toMatchObject({ rowSpan: 4, loc: { page: 1 } });
    expect(block.rows[4][0].loc.page).toBe(2);
  });

  it('does not mistake a new row under merged hierarchy cells for the rest of a cut row', () => {
    const wide = [50, 100, 150, 200, 300, 450];
    const h = ['一级', '二级', '三级', '评分说明', '得分'];
    const table = startTable(part(1, [h, [['预算效益', 2], ['效率性', 2], '重点工作完成率', '本项得7.6分。', '7.6'], [null, null, '项目完成及时性', '本项得1.5分。', '1.5']], wide));
    appendPart(table, part(2, [[['', 2], ['', 2], '绩效目标完成率', '本项得3.5分。', '3.5'], [null, null, '社会效益', '本项得8分。', '8']], wide));
    const block = toTableBlock(table, 1);
    expect(texts(block).map((r) => r[2])).toEqual(['三级', '重点工作完成率', '项目完成及时性', '绩效目标完成率', '社会效益']);
    expect(block.rows[1][0]).toMatchObject({ text: '预算效益', rowSpan: 4 });
  });

  it('moves a header left alone at the foot of a page onto the columns of the body on the next page', () => {
    const body = [50, 100, 130, 200, 230, 450];
    const header = part(1, [['一级指标', '二级指标', '评分说明']], [50, 130, 230, 450]);
    header.cells[0].colSpan = 1;
    const table = startTable(header);
    const next = part(2, [['名称', '分值', '名称', '分值', ''], ['预算执行情况', '34', '资产管理', '4', '本项得3.5分。']], body);
    expect(widenOnto(table, next)).toBe(true);
    appendPart(table, next);
    const block = toTableBlock(table, 1);
    expect(block.rows[0].map((c) => (c.covered ? '·' : c.text))).toEqual(['一级指标', '·', '二级指标', '·', '评分说明']);
    expect(block.rows[0][0].colSpan).toBe(2);
    expect(block.rows[2][2].text).toBe('资产管理');
    expect(widenOnto(startTable(part(1, [['一级指标', '二级指标']], [50, 120, 450])), next)).toBe(false);
    expect(widenOnto(startTable(part(1, [['合计', '2300.82']], [50, 130, 450])), next)).toBe(false); // a table of its own: it holds a figure
  });

  it('does not join parts whose columns differ', () => {
    expect(sameColumns(part(1, [header]), part(2, [header], [50, 120, 250, 450]))).toBe(false);
  });
});
