import { describe, expect, it } from 'vitest';
import type { Block, Cell, IndicatorNode, ScoringTable } from '../../model/index.ts';
import { understandTables } from './index.ts';

/** A table block from tab-separated lines; '^' marks a position covered by a merged cell above or left. */
function tableBlock(lines: string[], index = 1): Block {
  const rows: Cell[][] = lines.map((line, r) =>
    line.split('\t').map((text, c) => (text === '^' ? { text: '', covered: true, loc: { table: index, row: r + 1, column: c + 1 } } : { text, loc: { table: index, row: r + 1, column: c + 1 } })),
  );
  return { kind: 'table', index, rows, loc: { table: index } };
}

const paragraph = (text: string): Block => ({ kind: 'paragraph', text, loc: {} });
const names = (nodes: IndicatorNode[]): string[] => nodes.map((n) => `${n.name}${n.children.length ? `(${names(n.children).join(',')})` : ''}`);
const only = (blocks: Block[]): ScoringTable => {
  const tables = understandTables(blocks);
  expect(tables).toHaveLength(1);
  return tables[0];
};

const SCORING_HEADER = '一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t评分说明\t得分';

describe('candidate readings', () => {
  it('reads parents filled down on every row as one indicator each (合计 first)', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '合计\t100\t\t\t\t\t\t90',
        '预算编制\t40\t目标设置\t20\t绩效目标合理性\t10\t本项得分10分\t10',
        '预算编制\t40\t目标设置\t20\t绩效指标明确性\t10\t本项得分8分\t8',
        '预算编制\t40\t预算配置\t20\t预算编制准确性\t20\t本项得分18分\t18',
        '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t本项得分54分\t54',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置(绩效目标合理性,绩效指标明确性),预算配置(预算编制准确性))', '履职效益(经济效益(重点工作完成率))']);
    expect(table.quality).toBe('ok');
    expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 0 });
    expect(table.reading!.chosen).toMatch(/向下填充/);
  });

  it('reads merged parent cells (covered positions) the same way as filled-down ones', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '预算编制\t40\t目标设置\t20\t绩效目标合理性\t10\t本项得分10分\t10',
        '^\t^\t^\t^\t绩效指标明确性\t10\t本项得分8分\t8',
        '^\t^\t预算配置\t20\t预算编制准确性\t20\t本项得分18分\t18',
        '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t本项得分54分\t54',
        '合计\t100\t\t\t\t\t\t90',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置(绩效目标合理性,绩效指标明确性),预算配置(预算编制准确性))', '履职效益(经济效益(重点工作完成率))']);
  });

  it('keeps two printed sibling parents apart when their weights differ', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '产出\t40\t数量\t20\t甲\t20\t\t20',
        '产出\t40\t数量\t20\t乙\t20\t\t20',
        '效益\t60\t数量\t60\t丙\t60\t\t60',
        '合计\t100\t\t\t\t\t\t100',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['产出(数量(甲,乙))', '效益(数量(丙))']);
  });

  it('gives weighted rows drawn inside a 加减分项 cell back to the 一级 above (a merged cell drawn too tall)', () => {
    const table = only([
      tableBlock([
        '一级指标\t二级指标\t分值\t评价得分',
        '预算编制\t目标设置\t40\t38',
        '履职效益\t经济性\t30\t27',
        '加减分项\t效率性\t30\t29',
        '^\t表彰奖励\t-\t1',
        '合计\t\t100\t95',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置)', '履职效益(经济性,效率性)', '加减分项(表彰奖励)']);
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('does not take an indicator for the 加减分项 section because a merged cell ran the label into its name', () => {
    const table = only([tableBlock(['一级指标\t二级指标\t分值\t评价得分', '预算编制\t目标设置\t72\t70', '预算执行效益加减分项\t效果性\t28\t26', '合计\t\t100\t96'])]);
    expect(table.roots.map((r) => !!r.bonus)).toEqual([false, false]);
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('keeps a 加分项 with a weight of its own (a cap) in the bonus section when that reads better', () => {
    const table = only([
      tableBlock(['一级指标\t二级指标\t分值\t评价得分', '预算编制\t目标设置\t40\t38', '履职效益\t经济性\t60\t57', '加减分项\t表彰奖励\t3\t1', '合计\t\t100\t96'])]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置)', '履职效益(经济性)', '加减分项(表彰奖励)']);
  });

  it('still lets one real disagreement through a reading that otherwise holds', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '预算编制\t40\t目标设置\t20\t绩效目标合理性\t10\t\t10',
        '预算编制\t40\t目标设置\t20\t绩效指标明确性\t10\t\t8',
        '预算编制\t40\t预算配置\t20\t预算编制准确性\t20\t\t18',
        '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54',
        '合计\t100\t\t\t\t\t\t95',
      ]),
    ]);
    expect(table.quality).toBe('ok');
    expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 1 });
  });

  describe('in a table typed with tabs and printed (cell boundaries inferred)', () => {
    const typedTable = (lines: string[]): Block => ({ ...(tableBlock(lines) as Extract<Block, { kind: 'table' }>), typed: true });
    const rows = [
      '预算编制\t40\t目标设置\t20\t绩效目标合理性\t10\t\t10',
      '预算编制\t40\t目标设置\t20\t绩效指标明确性\t10\t\t8',
      '预算编制\t40\t预算配置\t20\t预算编制准确性\t20\t\t18',
      '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54',
    ];

    it('lets one disagreement through when every row ends its figures in the same column', () => {
      const table = only([typedTable([SCORING_HEADER, ...rows, '合计\t100\t\t\t\t\t\t95'])]);
      expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 1 });
    });

    it('trusts broken sums only when each stands against three that hold, even when the rows agree', () => {
      // Two broken (目标设置 40 vs 30, 合计 95 vs 64) against four that hold: enough elsewhere, not here.
      const table = only([
        typedTable([SCORING_HEADER, '预算编制\t40\t目标设置\t40\t绩效目标合理性\t30\t\t10', '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54', '合计\t100\t\t\t\t\t\t95']),
      ]);
      expect(table.reading).toMatchObject({ sumsBroken: 2, confidence: 'low' });
      expect(only([tableBlock([SCORING_HEADER, '预算编制\t40\t目标设置\t40\t绩效目标合理性\t30\t\t10', '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54', '合计\t100\t\t\t\t\t\t95'])]).reading!.confidence).toBe('high');
    });

    it('lets one disagreement through in a summary whose 加减分项 row leaves its 得分率 empty (its figures stand in the figure columns)', () => {
      const table = only([
        typedTable([
          '一级指标\t二级指标\t分值\t评价得分\t得分率',
          '预算编制情况\t预算编制\t6\t4\t66.67%',
          '预算编制情况\t目标设置\t8\t8\t100.00%',
          '预算执行情况\t保障措施\t6\t5\t83.33%',
          '预算执行情况\t支出管理\t20\t19\t95.00%',
          '预算执行情况\t资产管理\t10\t10\t100.00%',
          '预算监督\t信息公开\t16\t16\t100.00%',
          '预算执行效益\t效率性\t18\t15\t83.33%',
          '预算执行效益\t效果性\t8\t8\t100.00%',
          '预算执行效益\t公平性\t8\t8\t100.00%',
          '加减分项\t-\t-\t1\t',
          '合计\t\t100\t96\t96.00%',
        ]),
      ]);
      expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 1 });
    });

    it('trusts no broken sum when a row came back with a cell too many (its last figure a column right)', () => {
      const split = '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t54\t54\t54';
      const table = only([typedTable([SCORING_HEADER, ...rows.slice(0, 3), split, '合计\t100\t\t\t\t\t\t95'])]);
      expect(table.reading!.confidence).toBe('low');
    });
  });

  it('does not trust a reading in which most sums are broken', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '预算编制\t40\t目标设置\t25\t绩效目标合理性\t3\t\t3',
        '\t\t\t\t绩效指标明确性\t4\t\t4',
        '\t\t预算配置\t30\t预算编制准确性\t2\t\t2',
        '履职效益\t70\t经济效益\t10\t重点工作完成率\t5\t\t5',
        '合计\t100\t\t\t\t\t\t90',
      ]),
    ]);
    expect(table.reading!.confidence).toBe('low');
    expect(table.quality).toBe('unreadable');
  });
});

describe('the total row', () => {
  it('leaves an unreadable weight cell ("100D", an OCR slip) unread instead of taking the score for the weight', () => {
    const table = only([tableBlock([SCORING_HEADER, '预算编制\t100\t目标设置\t100\t绩效目标合理性\t100\t\t96.89', '合计\t100D\t\t\t\t\t\t96.89'])]);
    expect(table.total?.weight).toBeNull();
    expect(table.total?.score?.raw).toBe('96.89');
  });

  it('does not take a row where a total label sits beside an indicator name for the total row', () => {
    const table = only([tableBlock(['一级指标\t二级指标\t分值\t得分', '预算编制\t目标设置\t96\t90', '合计\t效率性\t4\t3.2'])]);
    expect(table.total).toBeNull();
    expect(table.quality).not.toBe('ok');
  });

  it('reads a total row whose cells a converter shifted from its numbers in order', () => {
    const table = only([tableBlock([SCORING_HEADER, '预算编制\t100\t目标设置\t100\t绩效目标合理性\t100\t\t98', '合计\t\t100\t98'])]);
    expect([table.total?.weight?.raw, table.total?.score?.raw]).toEqual(['100', '98']);
  });
});

describe('one table, several blocks', () => {
  it('finds the indicator header below a budget block in the same table (项目支出绩效自评表)', () => {
    const table = only([
      paragraph('项目支出绩效自评表'),
      tableBlock([
        '项目名称\t^\t城区道路维护\t^\t^\t^\t^\t^',
        '项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
        '^\t年度资金总额\t500\t480\t456\t10\t95.00%\t9.5',
        '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改措施',
        '产出指标\t数量指标\t维护道路长度\t≥50公里\t52公里\t45\t45\t',
        '效益指标\t社会效益指标\t道路通行状况\t明显改善\t明显改善\t45\t43\t',
        '总分\t^\t^\t^\t^\t100\t97.5\t',
      ]),
    ]);
    expect(table.kind).toBe('self-eval');
    expect(table.budget).toMatchObject({ weight: { raw: '10' }, score: { raw: '9.5' } });
    expect(names(table.roots)).toEqual(['产出指标(数量指标(维护道路长度))', '效益指标(社会效益指标(道路通行状况))']);
    expect(table.total?.score?.raw).toBe('97.5');
    expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 0 });
  });

  it('reads a header whose words wrap in narrow columns over two rows ("一级指" / "标")', () => {
    const table = only([
      tableBlock([
        '一级指\t二\t三级指标\t分\t得分\t评分说明',
        '标\t级指标\t\t值\t\t',
        '合计\t\t\t100\t92\t',
        '预算编制\t目标设置\t绩效目标合理性\t40\t38\t本项得分38分',
        '履职效益\t经济效益\t重点工作完成率\t60\t54\t本项得分54分',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置(绩效目标合理性))', '履职效益(经济效益(重点工作完成率))']);
    expect(table.total?.score?.raw).toBe('92');
  });

  it('drops a header row repeated inside the body instead of reading it as an indicator', () => {
    const table = only([
      tableBlock([
        SCORING_HEADER,
        '预算编制\t40\t目标设置\t40\t绩效目标合理性\t40\t\t38',
        SCORING_HEADER,
        '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54',
        '合计\t100\t\t\t\t\t\t92',
      ]),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置(绩效目标合理性))', '履职效益(经济效益(重点工作完成率))']);
    expect(table.reading!.sumsBroken).toBe(0);
    expect(table.quality).toBe('ok');
    expect(table.rowsTotal).toBe(2);
  });

  it('joins a table continued after a 续表 line with its header repeated', () => {
    const table = only([
      tableBlock([SCORING_HEADER, '预算编制\t40\t目标设置\t40\t绩效目标合理性\t40\t\t38'], 1),
      paragraph('续表'),
      tableBlock([SCORING_HEADER, '履职效益\t60\t经济效益\t60\t重点工作完成率\t60\t\t54', '合计\t100\t\t\t\t\t\t92'], 2),
    ]);
    expect(names(table.roots)).toHaveLength(2);
    expect(table.reading!.sumsBroken).toBe(0);
  });

  it('reads a header word wrapped over two header rows ("得" over "分") as one, and joins the page whose header prints it whole', () => {
    const table = only([
      tableBlock(['一级指标\t^\t二级指标\t^\t得', '名称\t分值\t名称\t分值\t分', '预算编制\t40\t目标设置\t40\t38'], 1),
      paragraph('续表'),
      tableBlock(['一级指标\t^\t二级指标\t^\t得分', '名称\t分值\t名称\t分值\t', '履职效益\t60\t经济效益\t60\t54', '合计\t100\t\t\t92'], 2),
    ]);
    expect(names(table.roots)).toEqual(['预算编制(目标设置)', '履职效益(经济效益)']);
    expect(table.total?.score?.raw).toBe('92');
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('joins the next page of a table printed on a finer grid (one cell per logical column)', () => {
    const table = only([
      tableBlock(['一级指标\t二级指标\t^\t分值\t^\t得分', '产出指标\t数量指标\t^\t40\t^\t38'], 1),
      tableBlock(['效益指标\t社会效益指标\t60\t54', '总分\t\t100\t92'], 2),
    ]);
    expect(names(table.roots)).toEqual(['产出指标(数量指标)', '效益指标(社会效益指标)']);
    expect(table.total?.score?.raw).toBe('92');
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('joins the total row printed alone on the next page on a grid of its own', () => {
    const table = only([
      tableBlock(['一级指标\t二级指标\t^\t分值\t^\t得分', '产出指标\t数量指标\t^\t40\t^\t38', '效益指标\t社会效益指标\t^\t60\t^\t54'], 1),
      tableBlock(['总分\t100\t92\t'], 2),
    ]);
    expect([table.total?.weight?.raw, table.total?.score?.raw]).toEqual(['100', '92']);
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('finds the budget values on the next page under a budget header that ended the page before', () => {
    const table = only([
      tableBlock(['项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分'], 1),
      tableBlock([
        '项目资金（万元）\t年度资金总额\t^\t500\t480\t456\t10\t95.00%\t9.5',
        '一级指标\t二级指标\t^\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析',
        '产出指标\t数量指标\t^\t维护道路长度\t≥50公里\t52公里\t90\t88\t',
        '总分\t^\t^\t^\t^\t^\t100\t97.5\t',
      ], 2),
    ]);
    expect(table.budget).toMatchObject({ weight: { raw: '10' }, score: { raw: '9.5' } });
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });

  it('puts back the budget header’s words cut by the page break ("全年执行" | "数") before reading its values', () => {
    const table = only([
      tableBlock(['项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行\t分\t执行\t得分'], 1),
      tableBlock([
        '\t\t^\t\t\t数\t值\t率\t',
        '\t年度资金总额\t^\t500\t480\t456\t10\t95.00%\t9.5',
        '一级指标\t二级指标\t^\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析',
        '产出指标\t数量指标\t^\t维护道路长度\t≥50公里\t52公里\t90\t88\t',
        '总分\t^\t^\t^\t^\t^\t100\t97.5\t',
      ], 2),
    ]);
    expect(table.budget).toMatchObject({ weight: { raw: '10' }, score: { raw: '9.5' }, executed: { raw: '456' } });
  });

  it('counts a self-evaluation form’s 预算执行率 row, printed in a table above, toward the total', () => {
    const table = only([
      tableBlock(['\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分', '年度资金总额\t100\t100\t96.89\t10\t96.89%\t9'], 1),
      tableBlock(['一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分', '产出指标\t数量指标\t培训次数\t4次\t6次\t90\t89', '总分\t\t\t\t\t100\t98'], 2),
    ]);
    expect(table.budget?.score?.raw).toBe('9');
    expect(table.reading).toMatchObject({ confidence: 'high', sumsBroken: 0 });
  });
});

describe('OCR-damaged headers and rows whose figures no reading places', () => {
  const rows = (header: string) => [
    header,
    '产出指标（50分）\t数量指标\t服务企业户数\t2400户\t2439户\t8\t8',
    '\t\t开展培训场次\t100场\t102场\t10\t10',
    '\t\t新增就业人数\t380人\t403人\t7\t7',
    '\t质量指标\t验收合格率\t85%\t96%\t25\t25',
    '满意度指标（50分）\t服务对象满意度指标\t服务对象满意度\t≥90%\t100%\t50\t50',
    '总分\t\t\t\t\t100\t100',
  ];

  it('reads a level heading with one stray glyph after 指标 (a speck or a seal stroke) as that level', () => {
    const table = only([tableBlock(rows('一级指标\t二级指标\t三级指标品\t年度指标值\t实际完成值\t分值\t得分'))]);
    expect(names(table.roots)).toEqual(['产出指标(数量指标(服务企业户数,开展培训场次,新增就业人数),质量指标(验收合格率))', '满意度指标(服务对象满意度指标(服务对象满意度))']);
    expect(table.quality).toBe('ok');
  });

  it('reads a header whose cell carries one stray digit after its words ("实际完成值1": a seal stroke, a footnote mark)', () => {
    const table = only([tableBlock(rows('一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值1\t分值\t得分'))]);
    expect(names(table.roots)).toEqual(['产出指标(数量指标(服务企业户数,开展培训场次,新增就业人数),质量指标(验收合格率))', '满意度指标(服务对象满意度指标(服务对象满意度))']);
    expect(table.quality).toBe('ok');
  });

  it('does not give the leaves the weights of a level whose heading OCR lost ("级指标 | 名称 | 分值")', () => {
    const table = only([
      tableBlock([
        '级指标\t\t二级指标\t\t三级指标\t\t得分',
        '名称\t分值\t名称\t分值\t名称\t分值\t',
        '预算编制情况\t23\t预算编制\t9\t预算编制合理性\t2\t1',
        '\t\t\t\t预算编制规范性\t5\t5',
        '\t\t\t\t预算编制准确性\t2\t2',
        '\t\t目标设置\t14\t目标完整性\t7\t7',
        '\t\t\t\t目标科学性\t7\t7',
      ]),
    ]);
    const weights = (nodes: IndicatorNode[]): string[] => nodes.map((n) => `${n.name}:${n.weight?.raw ?? '-'}${n.children.length ? `(${weights(n.children).join(',')})` : ''}`);
    expect(weights(table.roots)).toEqual(['预算编制:9(预算编制合理性:2,预算编制规范性:5,预算编制准确性:2)', '目标设置:14(目标完整性:7,目标科学性:7)']);
  });

  it('does not verify the sums of a table whose rows carry figures no indicator takes', () => {
    const table = only([tableBlock(rows('一级指标\t二级指标\t某栏\t年度指标值\t实际完成值\t分值\t得分'))]);
    expect(table.rowsRecovered).toBeLessThan(table.rowsTotal);
    expect(table.quality).toBe('partial');
  });
});

describe('a heading row with a score and nothing under it', () => {
  it('is an indicator of its own ("加减分项 |  |  | 1" once OCR lost the dashes of its empty cells)', () => {
    const table = only([
      tableBlock([
        '一级指标\t二级指标\t分值\t评价得分\t得分率',
        '决策\t项目立项\t20\t18\t90.00%',
        '\t绩效目标\t30\t27\t90.00%',
        '产出\t产出数量\t50\t45\t90.00%',
        '加减分项\t\t\t1\t',
        '合计\t\t100\t91\t91.00%',
      ]),
    ]);
    expect(table.roots.map((n) => `${n.name}:${n.score?.raw ?? '-'}`)).toEqual(['决策:-', '产出:-', '加减分项:1']);
    expect(table.reading).toMatchObject({ sumsBroken: 0 });
  });
});

describe('a scanned table whose repeated header OCR read with a character lost', () => {
  const header = (first: string) => `${first}\t二级指标\t三级指标\t分值\t得分`;
  const blocks = (first: string, ocr: boolean): Block[] => {
    const one = tableBlock([header('一级指标'), '产出\t数量\t甲\t40\t38', '\t\t乙\t30\t27'], 1);
    const two = tableBlock([header(first), '效益\t社会\t丙\t30\t30', '合计\t\t\t100\t95'], 2);
    return [{ ...one, ...(ocr ? { ocr: true } : {}) } as Block, { ...two, ...(ocr ? { ocr: true } : {}) } as Block];
  };

  it('continues the table before it ("级指标" for "一级指标")', () => {
    expect(names(only(blocks('级指标', true)).roots)).toEqual(['产出(数量(甲,乙))', '效益(社会(丙))']);
  });

  it('only on a scan, and only for one character', () => {
    expect(understandTables(blocks('级指标', false))).toHaveLength(2);
    expect(understandTables(blocks('指标', true))).toHaveLength(2);
  });
});
