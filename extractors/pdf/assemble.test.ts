import { describe, expect, it } from 'vitest';
import type { Block, Table } from '../../model/index.ts';
import { assemble } from './assemble.ts';
import { removeFurniture } from './furniture.ts';
import type { PageLayout } from './page.ts';
import type { PageCell, PageTable } from './tables.ts';
import type { TextLine } from './text.ts';

const LEFT = 60;
const RIGHT = 540;

/** A line of CJK text at 12 pt; `full` runs to the right edge, otherwise it stops where its text does. */
function line(text: string, y: number, opts: { size?: number; x0?: number; full?: boolean } = {}): TextLine {
  const size = opts.size ?? 12;
  const x0 = opts.x0 ?? LEFT;
  const x1 = opts.full ? RIGHT : x0 + [...text].length * size;
  return { text, x0, x1, y, size, runs: [{ text, x0, x1, y, size }] };
}

function tablePart(page: number, top: number, rows: string[][], xs = [LEFT, 200, RIGHT]): PageTable {
  const ys = rows.map((_, r) => top - 20 * r).concat(top - 20 * rows.length);
  const cells: PageCell[] = rows.flatMap((row, r) =>
    row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text, page, bbox: [xs[c], ys[r + 1], xs[c + 1], ys[r]] as PageCell['bbox'], lastX1: xs[c] + 30, lastSize: 10, right: xs[c + 1] - 2, firstUnitWidth: 10 })),
  );
  return { page, xs, ys, nRows: rows.length, nCols: xs.length - 1, cells, bbox: [xs[0], ys[ys.length - 1], xs[xs.length - 1], ys[0]] };
}

const page = (n: number, lines: TextLine[], tables: PageTable[] = []): PageLayout => ({ page: n, view: [0, 0, 595, 842], lines, tables, ruledTables: tables, looseLines: lines, textless: false, hasImages: false });
const summary = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? `T${b.index}:${(b as Table).rows.map((r) => r.map((c) => c.text).join('|')).join('/')}` : `${b.loc.page}:${b.kind === 'paragraph' ? b.text : ''}`));

describe('assemble', () => {
  it('splits paragraphs at first-line indents and joins one that runs onto the next page', () => {
    const pages = [
      page(1, [
        line('一、部门概况', 780, { size: 16 }),
        line('　　第一段第一行', 750, { x0: LEFT + 24, full: true }),
        line('第一段结束。', 732),
        line('　　第二段跨页', 114, { x0: LEFT + 24, full: true }),
        line('继续写到页尾', 96, { full: true }),
      ]),
      page(2, [line('在下一页结束。', 780), line('　　第三段。', 762, { x0: LEFT + 24 })]),
    ];
    expect(summary(assemble(pages))).toEqual(['1:一、部门概况', '1:　　第一段第一行第一段结束。', '1:　　第二段跨页继续写到页尾在下一页结束。', '2:　　第三段。']);
  });

  it('joins a table continued on the next page even with a footnote under its first part', () => {
    const pages = [
      page(1, [line('正文第一行', 780, { full: true }), line('正文结束。', 762), line('¹ 评价结果分为四个等级', 80, { size: 9 })], [tablePart(1, 700, [['一级指标', '分值'], ['预算编制', '20']])]),
      page(2, [line('表后正文', 600, { full: true }), line('表后结束。', 582)], [tablePart(2, 780, [['一级指标', '分值'], ['预算执行', '40']])]),
    ];
    const blocks = assemble(pages);
    expect(summary(blocks)).toEqual(['1:正文第一行正文结束。', 'T1:一级指标|分值/预算编制|20/预算执行|40', '1:¹ 评价结果分为四个等级', '2:表后正文表后结束。']);
    expect((blocks[1] as Table).pages).toEqual([1, 2]);
  });

  it('joins a table continued under a 续表 caption', () => {
    const pages = [
      page(1, [line('正文第一行', 780, { full: true }), line('正文结束。', 762)], [tablePart(1, 700, [['一级指标', '分值'], ['预算编制', '20']])]),
      page(2, [line('续表1', 800, { x0: 280 }), line('表后正文', 600, { full: true }), line('表后结束。', 582)], [tablePart(2, 780, [['一级指标', '分值'], ['预算执行', '40']])]),
    ];
    expect(summary(assemble(pages))).toEqual(['1:正文第一行正文结束。', 'T1:一级指标|分值/预算编制|20/预算执行|40', '2:续表1', '2:表后正文表后结束。']);
  });

  it('joins a header left alone at the foot of a page, drawn on fewer rules, to the body on the next page', () => {
    const pages = [
      page(1, [line('续表', 120, { x0: 280 })], [tablePart(1, 100, [['指标及分值']], [LEFT, RIGHT])]),
      page(2, [], [tablePart(2, 780, [['预算执行', '40'], ['预算监督', '20']])]),
    ];
    const blocks = assemble(pages);
    expect(summary(blocks)).toEqual(['1:续表', 'T1:指标及分值|/预算执行|40/预算监督|20']);
    expect((blocks[1] as Table).rows[0][0].colSpan).toBe(2);
  });

  it('removes running headers and page numbers before assembling', () => {
    const header = () => line('2023年某局部门整体支出绩效自评报告', 810, { x0: 150 });
    const footer = (n: number) => line(`- ${n} -`, 40, { x0: 290 });
    const pages = [1, 2, 3].map((n) => page(n, [header(), line(`第${n}页正文`, 700, { full: true }), line('结束。', 682), footer(n)]));
    expect(removeFurniture(pages)).toBe(6);
    expect(summary(assemble(pages))).toEqual(['1:第1页正文结束。', '2:第2页正文结束。', '3:第3页正文结束。']);
  });
});
