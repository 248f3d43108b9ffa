import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, RawDocument, Table } from '../../model/index.ts';
import { assertValidRawDocument } from '../validate.ts';
import { denseGrid } from './grid.ts';
import { parseHtml } from './html.ts';
import { docxHtmlToRawDocument, extract } from './index.ts';
import { padRows } from './pad-grid.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/docx/${name}`, import.meta.url));
const read = (name: string) => extract({ path: name, bytes: fixture(name), format: 'docx' }, {});
const tables = (doc: RawDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.text));
const paragraphs = (doc: RawDocument) => doc.blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph');

describe('docx extractor: LibreOffice-made DOCX (vMerge restart/continue, gridSpan)', async () => {
  const doc = await read('invariance.docx');

  it('passes the shared validity test', () => assertValidRawDocument(doc));

  it('keeps paragraphs in order, with headings, and numbers blocks as lines', () => {
    const ps = paragraphs(doc);
    expect(ps[0]).toMatchObject({ text: '2022 年湛江市投资促进局部门整体支出绩效自评核查报告', heading: 1, loc: { line: 1 } });
    expect(ps.find((p) => p.text === '二、评价结论')?.heading).toBe(2);
    expect(doc.blocks.map((b) => b.loc.line)).toEqual(doc.blocks.map((_, i) => i + 1));
  });

  it('expands vertical merges into a dense grid with covered positions', () => {
    const [summary] = tables(doc);
    expect(summary.rows).toHaveLength(14);
    expect(summary.rows.every((r) => r.length === 5)).toBe(true);
    expect(summary.rows[3][0]).toMatchObject({ text: '预算执行情况', rowSpan: 4, loc: { table: 1, row: 4, column: 1 } });
    for (const r of [4, 5, 6]) expect(summary.rows[r][0]).toMatchObject({ text: '', covered: true, loc: { row: r + 1, column: 1 } });
    expect(summary.rows[4][1].text).toBe('支出管理');
  });

  it('expands a multi-level header (colspan and rowspan) without shifting data columns', () => {
    const scoring = tables(doc)[1];
    expect(scoring.rows[0][0]).toMatchObject({ text: '评价指标', colSpan: 6 });
    expect(scoring.rows[0][6]).toMatchObject({ text: '评分说明', rowSpan: 3 });
    expect(scoring.rows[1][6].covered).toBe(true);
    expect(texts(scoring)[2]).toEqual(['名称', '分值', '名称', '分值', '名称', '分值', '', '']);
    expect(texts(scoring)[4]).toEqual(['', '', '', '', '预算编制准确性', '9', '财政拨款收入预决算差异率偏高，扣0.5分，本项得分8.5分。', '8.5']);
  });
});

describe('docx extractor: hand-made Word XML (bare <w:vMerge/>, footnote, image, nested table)', async () => {
  const doc = await read('bare-vmerge.docx');

  it('passes the shared validity test', () => assertValidRawDocument(doc));

  it('reads Word’s bare <w:vMerge/> as a continuation', () => {
    const [outer] = tables(doc);
    expect(outer.rows[1][0]).toMatchObject({ text: '预算执行情况', rowSpan: 3 });
    expect(outer.rows[1][1]).toMatchObject({ text: '支出管理', rowSpan: 2 });
    expect(outer.rows[3][0].covered).toBe(true);
    expect(texts(outer)[3]).toEqual(['', '资产管理', '固定资产利用率', '3', '3', '≥95%得3分']);
    expect(outer.rows[4][0]).toMatchObject({ text: '合计', colSpan: 3 });
  });

  it('takes a nested table out of its cell into its own table block right after the outer one', () => {
    const [outer, inner] = tables(doc);
    expect(outer.rows[2][5].text).toBe('结转结余率分档计分：');
    expect(inner).toMatchObject({ index: 2, loc: { table: 2, line: outer.loc.line! + 1 } });
    expect(texts(inner)).toEqual([['区间', '得分'], ['≤10%', '3'], ['≤20%', '2']]);
    expect(doc.warnings.join()).toContain('嵌套');
  });

  it('notes images and turns footnotes into superscript marks and end paragraphs', () => {
    expect(doc.blocks.find((b) => b.kind === 'image')).toMatchObject({ note: '图片：单位公章' });
    const ps = paragraphs(doc).map((p) => p.text);
    expect(ps).toContain('下表分值¹合计为 10 分。');
    expect(ps.at(-1)).toBe('¹ 分值按湛江市整体支出评分标准设定。');
    expect(paragraphs(doc)[0]).toMatchObject({ heading: 1 });
  });
});

describe('docx extractor: rows that skip grid columns (gridBefore / gridAfter)', async () => {
  const doc = await read('grid-before.docx');
  it('keeps cells in their grid columns, and a merge continued after gridBefore in its own column', () => {
    assertValidRawDocument(doc);
    const [outer, inner] = tables(doc);
    expect(texts(outer)).toEqual([['序号', '指标', '得分'], ['', '', '2.5'], ['3', '固定资产利用率', ''], ['4', '', '1']]);
    expect(outer.rows[0][0].rowSpan).toBeUndefined();
    expect(outer.rows[0][1].rowSpan).toBe(2);
    expect(outer.rows[1][1].covered).toBe(true);
    expect(texts(inner)).toEqual([['内表', '']]);
  });

  it('pads only the row that skips, not rows of tables nested in it', () => {
    const xml = '<w:tr><w:trPr><w:gridAfter w:val="2"/></w:trPr><w:tc><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:tc></w:tr>';
    expect(padRows(xml)).toBe('<w:tr><w:trPr><w:gridAfter w:val="2"/></w:trPr><w:tc><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr>');
  });
});

describe('docx extractor: LibreOffice nested table and footnote', async () => {
  const doc = await read('nested-footnote.docx');
  it('passes the shared validity test and keeps nested table, footnote and image', () => {
    assertValidRawDocument(doc);
    expect(tables(doc).map(texts)).toEqual([
      [['指标', '评分标准', '得分'], ['结转结余率', '结转结余率分档计分：', '3']],
      [['区间', '得分'], ['≤10%', '3'], ['≤20%', '2']],
    ]);
    expect(paragraphs(doc).map((p) => p.text)).toContain('评价结果分为四个等级¹，详见下表。');
    expect(paragraphs(doc).at(-1)?.text).toMatch(/^¹ 优\[90 分~100 分\)/);
    expect(doc.blocks.some((b) => b.kind === 'image')).toBe(true);
  });
});

describe('docx extractor: hostile packages', () => {
  it('rejects a zip bomb before mammoth inflates it', async () => {
    await expect(read('bomb.docx')).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining('压缩炸弹') });
  });
  it('rejects DOCTYPE / ENTITY declarations (XXE)', async () => {
    await expect(read('xxe.docx')).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining('DOCTYPE') });
  });
  it('reports a file that is not a zip as corrupt', async () => {
    await expect(extract({ path: 'x.docx', bytes: Buffer.from('PK\u0003\u0004 not really'), format: 'docx' }, {})).rejects.toMatchObject({ code: 'corrupt' });
  });
});

describe('mammoth HTML → blocks', () => {
  it('decodes entities, keeps < > & as text, and drops markup it does not know', () => {
    const doc = docxHtmlToRawDocument('<p>a &lt; b &amp;&amp; c &gt; d&#x4E00;</p><!-- x --><p>e<br />f</p>');
    expect(paragraphs(doc).map((p) => p.text)).toEqual(['a < b && c > d一', 'e\nf']);
  });

  it('collapses tabs and space runs so cell text never carries a tab', () => {
    const doc = docxHtmlToRawDocument('<table><tr><td><p>a\t\tb</p><p>c   d</p></td></tr></table>');
    expect(tables(doc)[0].rows[0][0].text).toBe('a b\nc d');
  });

  it('treats an HTML parse of unbalanced close tags tolerantly', () => {
    expect(parseHtml('<p>x</b></p>').children).toHaveLength(1);
  });

  it('pads ragged rows and clamps rowspans that run past the table', () => {
    const grid = denseGrid([[{ text: 'a', rowSpan: 5, colSpan: 1 }, { text: 'b', rowSpan: 1, colSpan: 2 }], [{ text: 'c', rowSpan: 1, colSpan: 1 }]], { line: 1, table: 1 });
    expect(grid.map((r) => r.map((c) => (c.covered ? '·' : c.text)))).toEqual([['a', 'b', '·'], ['·', 'c', '']]);
    expect(grid[0][0].rowSpan).toBe(2);
  });
});
