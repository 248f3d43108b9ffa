// The HTML report in a real browser (Debian's Chromium via playwright-core): click through, sort,
// search, highlighted cells, inert hostile text, no network. Screenshots go to test-artifacts/.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema, type Output } from '../model/index.ts';
import { renderPageImages } from '../pipeline/page-images.ts';
import { runBatch } from '../pipeline/run.ts';
import { TOOL } from '../pipeline/version.ts';
import { findingId, indicatorId, renderHtml } from './html.ts';
import { launchChromium, type Browser } from './testing/browser.ts';
import { sampleOutput } from './testing/sample-output.ts';

const ARTIFACTS = resolve('test-artifacts');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'jixiao-html-'));
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Writes the report, opens it, and records every request the page makes that is not the file itself. */
async function open(output: Output, name: string): Promise<{ page: Page; requests: string[] }> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, renderHtml(output));
  const page = await browser.context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, requests };
}

/** The most severe badge in a highlighted row decides its colour. */
async function worstOf(row: ReturnType<Page['locator']>): Promise<string> {
  const badges = await row.locator('a.badge').evaluateAll((as) => as.map((a) => a.className));
  return ['error', 'warning', 'info'].find((s) => badges.some((c) => c.includes(`sev-${s}`)))!;
}

const overviewFiles = (page: Page) => page.locator('.overview tbody tr td:first-child').allTextContents();

describe('HTML report of a real check run (fixtures/seeds + an empty file)', () => {
  let output: Output;
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    const empty = join(dir, '空文件.txt');
    await writeFile(empty, '');
    const checked = await runBatch(['fixtures/seeds', empty], { workers: false });
    output = OutputSchema.parse({ tool: TOOL, documents: checked.map((d) => d.result) });
    ({ page, requests } = await open(output, 'seeds'));
  });

  it('lists every document and sorts by number of errors when the header is clicked', async () => {
    expect(await overviewFiles(page)).toEqual(output.documents.map((d) => d.file));
    await page.getByRole('button', { name: '错误' }).click();
    const header = page.locator('.overview th', { has: page.getByRole('button', { name: '错误' }) });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const errors = (await page.locator('.overview tbody td.n-error').allTextContents()).map(Number);
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
    expect(errors).toHaveLength(output.documents.length);
    await page.getByRole('button', { name: '错误' }).click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: '错误' }).click();
    expect((await page.locator('.overview tbody td.n-error').allTextContents()).map(Number)).toEqual(errors);
  });

  it('clicks through to a document and shows its totals, or why it could not be read', async () => {
    const target = output.documents.findIndex((d) => d.status !== 'error');
    await page.locator(`.overview a[href="#doc-${target + 1}"]`).click();
    expect(new URL(page.url()).hash).toBe(`#doc-${target + 1}`);
    const section = page.locator(`#doc-${target + 1}`);
    await expect.poll(() => section.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
    expect(await section.locator('.meta').textContent()).toContain(output.documents[target].unit ?? '未识别');
    expect(await section.locator('.score .label').first().textContent()).toBe('报告总分');
    const failed = output.documents.length - 1;
    expect(output.documents[failed].status).toBe('error');
    expect(await page.locator(`#doc-${failed + 1} .error-box`).textContent()).toContain(output.documents[failed].error!.message);
  });

  it('highlights, for every finding on an indicator row, that row, with a link back to the finding', async () => {
    let checked = 0;
    for (const [d, doc] of output.documents.entries()) {
      const rows = new Set(doc.tables.flatMap((t) => t.indicators.map((i) => `${i.location.table ?? t.table}:${i.location.row}`)));
      for (const [f, finding] of doc.findings.entries()) {
        if (!rows.has(`${finding.location.table}:${finding.location.row}`)) continue;
        const href = await page.locator(`#${findingId(d, f)} a.to-cell`).getAttribute('href');
        const row = page.locator(`tr[id="${href!.slice(1)}"]`);
        expect(await row.getAttribute('class')).toBe(`hl hl-${await worstOf(row)}`);
        expect(await row.locator('td').nth(3).textContent()).toBe(`第${finding.location.row}行`);
        expect(await row.locator(`a[href="#${findingId(d, f)}"]`).count()).toBe(1);
        checked++;
      }
    }
    // The seeds do have findings on scoring-table rows (e.g. seed 004's 评分说明 vs 得分).
    expect(checked).toBeGreaterThan(0);
    expect(await page.locator('tr.hl').count()).toBeLessThanOrEqual(checked);
  });

  it('follows a finding to its highlighted row in the indicator table', async () => {
    // Info findings are folded: the first link a reviewer sees is one of an error or a warning.
    const link = page.locator('a.to-cell:visible').first();
    const target = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    expect(new URL(page.url()).hash).toBe(`#${target}`);
    const row = page.locator(`[id="${target}"]`);
    expect(await row.getAttribute('class')).toMatch(/^hl hl-(error|warning|info)$/);
    await expect.poll(() => row.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(400);
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-seeds-row.png') });
  });

  it('filters findings with the search box', async () => {
    const count = page.locator('#search-count');
    const total = output.documents.reduce((n, d) => n + d.findings.length, 0);
    expect(await count.textContent()).toBe(`共 ${total} 项问题`);
    await page.locator('#search').fill('不会出现在任何报告里的词');
    expect(await count.textContent()).toBe(`显示 0 / ${total} 项问题`);
    expect(await page.locator('.doc:not([hidden])').count()).toBe(0);
    const rule = output.documents.flatMap((d) => d.findings)[0].rule;
    await page.locator('#search').fill(rule);
    const visible = await page.locator('.finding:not([hidden]) code').allTextContents();
    expect(visible.length).toBeGreaterThanOrEqual(output.documents.flatMap((d) => d.findings).filter((f) => f.rule === rule).length);
    expect(await page.locator('.finding:not([hidden])').evaluateAll((cards, term) => cards.every((c) => c.textContent!.includes(term)), rule)).toBe(true);
    await page.locator('#search').fill('');
    expect(await page.locator('.doc:not([hidden])').count()).toBe(output.documents.length);
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-seeds.png'), fullPage: false });
    expect(requests).toEqual([]);
  });
});

describe('HTML report of a hand-built output', () => {
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    ({ page, requests } = await open(sampleOutput(), 'sample'));
  });

  it('renders hostile report text inert and as text', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const evidence = page.locator(`#${findingId(0, 2)} .evidence`);
    expect(await evidence.textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('.evidence img, .evidence script').count()).toBe(0);
    expect(requests).toEqual([]);
  });

  it('links a finding to its highlighted indicator row and back', async () => {
    await page.locator('.overview a[href="#doc-1"]').click();
    const row = page.locator(`#${indicatorId(0, { table: 0, indicator: 3 })}`);
    expect(await row.getAttribute('class')).toBe('hl hl-warning');
    expect(await row.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgb(255, 244, 214)');
    await page.locator(`#${findingId(0, 1)} a.to-cell`).click();
    expect(new URL(page.url()).hash).toBe(`#${indicatorId(0, { table: 0, indicator: 3 })}`);
    await expect.poll(() => row.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(400);
    await row.locator('a.badge').click();
    expect(new URL(page.url()).hash).toBe(`#${findingId(0, 1)}`);
  });

  it('folds info findings, and opens the fold when a link leads to one', async () => {
    const info = page.locator(`#${findingId(0, 2)}`);
    await page.goto(pathToFileURL(join(dir, 'sample.html')).href);
    expect(await info.isVisible()).toBe(false);
    expect(await page.locator('.finding.sev-error').first().isVisible()).toBe(true);
    await page.goto(`${pathToFileURL(join(dir, 'sample.html')).href}#${findingId(0, 2)}`);
    await expect.poll(() => info.isVisible()).toBe(true);
  });

  it('indents indicator names by level', async () => {
    const pad = (name: string) =>
      page.locator('.tree td.name', { hasText: new RegExp(`^${name}$`) }).evaluate((td) => parseFloat(getComputedStyle(td).paddingLeft));
    const [one, two, three] = [await pad('过程'), await pad('预算执行率'), await pad('支出完成率')];
    expect(one).toBeLessThan(two);
    expect(two).toBeLessThan(three);
  });

  it('search keeps matching findings only, and the document they belong to', async () => {
    await page.locator('#search').fill('预算执行率');
    expect(await page.locator('#search-count').textContent()).toBe('显示 1 / 3 项问题');
    expect(await page.locator('.finding:not([hidden])').evaluateAll((els) => els.map((e) => e.id))).toEqual([findingId(0, 1)]);
    expect(await page.locator('.sev-group[data-severity="error"]').isHidden()).toBe(true);
    expect(await page.locator('#doc-2').isHidden()).toBe(true);
    expect(await page.locator('.overview tr[data-doc="doc-2"]').getAttribute('class')).toBe('no-match');
    await page.locator('#search').fill('');
    expect(await page.locator('.finding:not([hidden])').count()).toBe(3);
    await page.locator('#doc-1').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-sample.png'), fullPage: true });
  });
});

describe('HTML report of a PDF: from a finding to its page', () => {
  let page: Page;
  let output: Output;
  let html: string;

  beforeAll(async () => {
    const checked = await runBatch(['fixtures/pdf/seed004-report.pdf'], { workers: false });
    output = OutputSchema.parse({ tool: TOOL, documents: checked.map((d) => d.result) });
    html = join(dir, 'pdf.html');
    await writeFile(html, renderHtml(output, { pageImages: await renderPageImages(output), linkBase: dir }));
    page = await browser.context.newPage();
    await page.goto(pathToFileURL(html).href);
  }, 120_000);

  it('clicking a finding shows its page with the cell outlined in red, and links to the PDF at that page', async () => {
    const index = output.documents[0].findings.findIndex((f) => f.rule === 'score/explanation-mismatch');
    const finding = output.documents[0].findings[index];
    const card = page.locator(`#${findingId(0, index)}`);
    const image = card.locator('details.page-image img');
    expect(await image.isVisible()).toBe(false);
    await card.locator('details.page-image summary').click();
    await expect.poll(() => image.isVisible()).toBe(true);
    // Red pixels of the outline, counted on the image itself (a data: URI, so the canvas is not tainted).
    const red = await image.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 80 && data[i + 2] < 80) n += 1;
      return n;
    });
    expect(red).toBeGreaterThan(500);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-page-image.png') });

    const href = (await card.locator('a.original').getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`#page=${finding.location.page}$`));
    expect(existsSync(resolve(dir, decodeURIComponent(href.split('#')[0])))).toBe(true);
  });
});
