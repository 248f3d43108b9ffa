import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf } from '../extractors/pdf/pdfjs.ts';
import { unifyIdeographs } from '../extractors/pdf/text.ts';
import { locateText, PageImages } from './page-image.ts';

const PDF = resolve('fixtures/seeds-office/003_4e052ca5c436ec0e.pdf');
/** The evidence of the divide-by-zero finding on page 4, as the normalizer wrote it (not as printed). */
const EVIDENCE = '国库集中支付结转结余存量资金效率性 = (当年年末存量资金规模 ÷ 上一年度年末存量资金规模 - 1) × 100% = (0 / 0 - 1) × 100% = -100% 。';

describe('page images', () => {
  let data: string;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'jixiao-pages-'));
  });
  afterAll(() => rm(data, { recursive: true, force: true }));

  it('boxes the line where the longest unique stretch of the evidence is printed', async () => {
    const doc = await openPdf(await readFile(PDF));
    const page = await doc.getPage(4);
    const [, , width, height] = page.view;
    const boxes = await locateText(page, EVIDENCE);
    const items = (await page.getTextContent()).items as Array<{ str: string; transform: number[] }>;
    // The printed line starts at the item holding the 国 of 国库集中 (pdf.js cuts lines into short items).
    const starts: number[] = [];
    const text = items.map((i) => (starts.push(starts.length ? starts[starts.length - 1] + items[starts.length - 1].str.length : 0), unifyIdeographs(i.str))).join('');
    const at = text.indexOf('国库集中');
    const first = items[starts.findLastIndex((start) => start <= at)];
    const [x0, y0, x1, y1] = boxes[0];
    expect(boxes).toHaveLength(1);
    expect(x0).toBeCloseTo(first.transform[4], 0);
    expect(y0).toBeLessThan(first.transform[5]);
    expect(y1).toBeGreaterThan(first.transform[5]);
    expect(x1).toBeGreaterThan(x0 + 100);
    expect(x1).toBeLessThanOrEqual(width);
    expect(y1).toBeLessThanOrEqual(height);
    expect(await locateText(page, '这句话不在这一页上出现过')).toEqual([]);
    // Printed twice on the page (two regulation titles): no box rather than a guess.
    expect(text.split('湛江市工业和信息化局').length - 1).toBeGreaterThanOrEqual(2);
    expect(await locateText(page, '湛江市工业和信息化局')).toEqual([]);
    await doc.destroy();
  });

  it('renders the page as a PNG, with the box drawn, and says null for a page that does not exist', async () => {
    const images = new PageImages(data);
    const boxes = (await images.locate(PDF, 4, EVIDENCE))!;
    const plain = (await images.png(PDF, 4))!;
    const boxed = (await images.png(PDF, 4, boxes))!;
    expect(plain.subarray(1, 4).toString()).toBe('PNG');
    expect(boxed.equals(plain)).toBe(false);
    expect(await images.png(PDF, 99)).toBeNull();
    expect(await images.locate(PDF, 99, EVIDENCE)).toBeNull();
  });
});
