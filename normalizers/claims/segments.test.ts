import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { locAt, paragraphs, tableCells, tablesOf } from './segments.ts';

describe('segments', () => {
  it('joins a sentence cut by a page break and maps offsets back to lines', () => {
    const [p] = paragraphs(textItems(['2023 年我市共推动新认定创新型及专精特新等优质中小企业 230 家，新增规模以上工', '业企业 56 家。']));
    expect(p.text).toContain('新增规模以上工业企业 56 家');
    expect(locAt(p, p.text.indexOf('56')).line).toBe(2);
  });

  it('keeps headings, list items and finished sentences apart', () => {
    expect(paragraphs(textItems(['一、绩效评价结果', '评价小组经综合评分，得分为 85 分。', '任务 1：新增企业 80 家'])).map((p) => p.loc.line)).toEqual([1, 2, 3]);
  });

  it('splits table rows into cleaned cells with their column', () => {
    const cells = tableCells(textItems(['得分\t**136**个\t$\\times 100\\%$']));
    expect(cells.map((c) => [c.text, c.loc.column])).toEqual([['得分', 1], ['136个', 2], ['× 100%', 3]]);
    expect(tablesOf(textItems(['a\tb', 'c\td']))[0].rows).toHaveLength(2);
  });
});
