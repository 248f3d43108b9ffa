import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../model/index.ts';
import { textItems } from '../../test/helpers/text-claims.ts';
import { collectText } from '../report.ts';
import { extractBreakdowns } from './breakdown.ts';
import { locAt, paragraphs, tableCells, tablesOf } from './segments.ts';

/** Page 1 of eval seed 44's report 17 scanned at 150 dpi, as OCR read it (scripts/record-ocr-text.ts). */
const r44_0017 = JSON.parse(readFileSync(new URL('../../fixtures/ocr-text/r44-0017-p1.json', import.meta.url), 'utf8')) as RawDocument;

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

  it('keeps apart two paragraphs of a page set apart by a wider blank, though OCR lost the full stop between them', () => {
    const found = paragraphs(collectText(r44_0017)).map((p) => p.text);
    const budget = found.find((t) => t.startsWith('2020年年初预算数'));
    expect(budget?.endsWith('预算执行率为89.06%')).toBe(true);
    expect(found).toContain('年初当年财政拨款预算5,236,578.02元，其中：工资福利支出3,158,129.70元，商品和服务支出1,849,192.80元，对个人和家庭的补助219,255.52元。');
    const lists = extractBreakdowns(collectText(r44_0017)).map((c) => c.total.raw);
    expect(lists).toContain('5,236,578.02元');
  });

  it('joins the same two items from a text PDF: its paragraphs are its own, a blank there is no lost full stop', () => {
    const text = collectText({ ...r44_0017, ocrPages: [] });
    expect(paragraphs(text).map((p) => p.text).find((t) => t.startsWith('2020年年初预算数'))).toContain('预算执行率为89.06%年初当年财政拨款预算');
  });

  it('still joins a line wrapped early at the usual leading (a long figure that did not fit)', () => {
    const at = (bbox: [number, number, number, number]) => ({ page: 1, bbox });
    const text = [
      { text: '2022年年初预算数为15,708,028.63元，其中：基本支出2,187,858.65元，项目支出', loc: at([62, 579, 475, 593]), scanned: true },
      { text: '13,520,169.98元。全年预算数为17,032,101.52元，全年执行数为12,542,981.65元，预算执行率为73.64%', loc: at([61, 548, 534, 577]), scanned: true },
      { text: '年初基本支出预算2,187,858.65元，其中：工资福利支出1,592,761.10元，商品和服务支出492,145.67元，对个人和家庭的补助102,951.88元。', loc: at([61, 502, 506, 531]), scanned: true },
    ];
    expect(paragraphs(text).map((p) => p.starts.length)).toEqual([2, 1]);
  });

  it('splits table rows into cleaned cells with their column', () => {
    const cells = tableCells(textItems(['得分\t**136**个\t$\\times 100\\%$']));
    expect(cells.map((c) => [c.text, c.loc.column])).toEqual([['得分', 1], ['136个', 2], ['× 100%', 3]]);
    expect(tablesOf(textItems(['a\tb', 'c\td']))[0].rows).toHaveLength(2);
  });
});
