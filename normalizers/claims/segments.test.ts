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

  it('ends a paragraph at a one-line item that stops well short of the right edge, full stop or not (OCR drops small marks)', () => {
    const at = (bbox: [number, number, number, number], page = 1) => ({ page, bbox });
    const text = [
      { text: '全年预算数为0.3647亿元，全年执行数为0.3473亿元，预算执行率', loc: at([62, 578, 537, 608]) },
      { text: '=0.3473/0.3647×100%=95.23%', loc: at([62, 565, 226, 576]) },
      { text: '年初基本支出预算24,227,929.19元，其中：工资福利支出15,941,977.41元，对个人和家庭的补助1,068,887.78元。', loc: at([61, 516, 517, 547]) },
      { text: '国库集中支付结转结余存量资金上年末为0亿元，本年末为0亿元，存量资金变动率=（0÷0-', loc: at([60, 780, 537, 795], 2) },
      { text: '1)×100%=-100%，比上年下降。', loc: at([60, 765, 150, 776], 2) },
    ];
    expect(paragraphs(text).map((p) => p.text)).toEqual([
      '全年预算数为0.3647亿元，全年执行数为0.3473亿元，预算执行率=0.3473/0.3647×100%=95.23%',
      '年初基本支出预算24,227,929.19元，其中：工资福利支出15,941,977.41元，对个人和家庭的补助1,068,887.78元。',
      '国库集中支付结转结余存量资金上年末为0亿元，本年末为0亿元，存量资金变动率=(0÷0-1)×100%=-100%，比上年下降。',
    ]);
  });

  it('splits table rows into cleaned cells with their column', () => {
    const cells = tableCells(textItems(['得分\t**136**个\t$\\times 100\\%$']));
    expect(cells.map((c) => [c.text, c.loc.column])).toEqual([['得分', 1], ['136个', 2], ['× 100%', 3]]);
    expect(tablesOf(textItems(['a\tb', 'c\td']))[0].rows).toHaveLength(2);
  });
});
