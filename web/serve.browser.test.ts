// The web page in a real browser (Debian's Chromium via playwright-core): upload the seeds and a PDF,
// watch the batch finish, open a finding and its page, mark it, reload, export, a second session;
// hostile report text stays inert. Screenshots for the README go to docs/img/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../reporters/testing/browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { userInfo } from 'node:os';

/** README screenshots: rewritten with UPDATE_SCREENSHOTS=1, otherwise kept out of the tree in test-artifacts/. */
const SCREENSHOTS = resolve(process.env.UPDATE_SCREENSHOTS ? 'docs/img' : 'test-artifacts');
const SEEDS = ['000_a830d013271ff8ad', '001_b5c7f2bc730aefd0', '002_a7e83db0c5c6f6a9', '003_4e052ca5c436ec0e', '004_5832cd79950040f3'].map((s) => resolve(`fixtures/seeds/${s}.txt`));
const PDF = resolve('fixtures/seeds-office/003_4e052ca5c436ec0e.pdf');
const PDF_NAME = '003_4e052ca5c436ec0e.pdf';

let data: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
/** Console errors, among them Content-Security-Policy violations (an inline style or script the policy blocks). */
const consoleErrors: string[] = [];

beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), 'jixiao-web-'));
  server = await startServer({ port: 0, dataDir: data, run: { workers: false, jobs: 2 } });
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
  page = await browser.context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(data, { recursive: true, force: true });
});

async function uploadAndWait(files: string[]): Promise<string> {
  await page.goto(server.url);
  await page.locator('#files').setInputFiles(files);
  await expect.poll(() => page.locator('#chosen').textContent()).toBe(`已选择 ${files.length} 个文件`);
  await page.getByRole('button', { name: '开始检查' }).click();
  await page.waitForURL(/\/batches\/\d+$/);
  // The page polls the server and redraws itself; the batch status is the server's, so it survives a
  // reload. The page may be reloading itself at that moment (a file just finished): then load it again.
  const url = page.url();
  await page.goto(url).catch(() => page.goto(url));
  await page.locator('#batch-status[data-status="done"]').waitFor({ timeout: 180_000 });
  return page.url();
}

describe('jixiao serve in Chromium', () => {
  let batchUrl: string;
  let findingUrl: string;

  it('uploads the seeds and a PDF, shows each file’s progress and the batch finishing', async () => {
    batchUrl = await uploadAndWait([...SEEDS, PDF]);
    const rows = page.locator('table.docs tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    const states = await page.locator('table.docs .file-status').allTextContents();
    expect(states.every((s) => /已检查|部分检查|无法读取/.test(s))).toBe(true);
    expect(await page.locator('table.docs td.name').allTextContents()).toEqual([...SEEDS.map((s) => s.split('/').pop()), PDF_NAME]);
    await page.screenshot({ path: join(SCREENSHOTS, 'web-batch.png'), fullPage: true });
  });

  it('filters the findings and opens one with its original PDF page shown', async () => {
    await page.getByRole('link', { name: PDF_NAME }).click();
    await page.locator('select[name="severity"]').selectOption('error');
    await page.getByRole('button', { name: '筛选' }).click();
    const badges = await page.locator('table.findings .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['错误']));
    expect(new Set(await page.locator('table.findings tbody td:nth-child(3)').allTextContents())).toEqual(new Set([PDF_NAME]));
    await page.screenshot({ path: join(SCREENSHOTS, 'web-findings.png'), fullPage: true });
    await page.locator('table.findings tbody tr a').first().click();
    findingUrl = page.url();
    const image = page.locator('img.page-image');
    // The server renders the page with pdf.js on first request: give it time.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 60_000 }).toBeGreaterThan(500);
    // The finding's sentence was found on its page: boxed in the image, said in the caption.
    expect(await page.locator('figure.page figcaption').textContent()).toMatch(/原文第 4 页，问题原文已用红框标出/);
    expect(await image.getAttribute('class')).toContain('located');
    expect(await page.locator('dl.facts').textContent()).toContain('计算过程');
  });

  it('marks the finding with a note; after a reload the mark and its audit entry are there', async () => {
    await page.getByLabel('已确认').check();
    await page.getByLabel('备注').fill('已与单位电话核实，报告算式有误');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(findingUrl);
    await page.reload();
    expect(await page.locator('#follow-up').textContent()).toBe('已确认');
    const history = page.locator('table.history tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.locator('td').allTextContents()).toEqual([expect.any(String), userInfo().username, '待核实 → 已确认', '已与单位电话核实，报告算式有误']);
    await page.screenshot({ path: join(SCREENSHOTS, 'web-finding.png'), fullPage: true });
  });

  it('a second browser session sees the first one’s mark', async () => {
    const second = await launchChromium();
    try {
      const other = await second.context.newPage();
      await other.goto(findingUrl);
      expect(await other.locator('#follow-up').textContent()).toBe('已确认');
      expect(await other.locator('table.history').textContent()).toContain('已与单位电话核实，报告算式有误');
    } finally {
      await second.close();
    }
  });

  it('exports the batch as the CLI’s Excel, with the mark in it', async () => {
    await page.goto(batchUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel' }).click()]);
    const file = join(data, 'export.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rowsOf = (sheet: ExcelJS.Worksheet) => {
      const texts = (row: ExcelJS.Row) => Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text);
      const header = texts(sheet.getRow(1));
      const rows: Array<Record<string, string>> = [];
      sheet.eachRow((row, n) => {
        if (n > 1) rows.push(Object.fromEntries(texts(row).map((text, i) => [header[i], text])));
      });
      return rows;
    };
    const [summary, findings] = workbook.worksheets.map(rowsOf);
    expect(summary.map((r) => r['文件'])).toEqual([...SEEDS.map((s) => s.split('/').pop()), PDF_NAME]);
    // Marks are kept per finding fingerprint: the same finding in the TXT and PDF of report 003 shares it.
    const confirmed = findings.filter((r) => r['状态'] === '已确认');
    expect(confirmed.map((r) => r['文件'])).toContain(PDF_NAME);
    expect(new Set(confirmed.map((r) => r['规则'])).size).toBe(1);
    expect(findings.filter((r) => r['状态'] === '待核实').length).toBe(findings.length - confirmed.length);
  });

  it('fits 1366×768 and a 4K screen without sideways scrolling', async () => {
    for (const size of [{ width: 1366, height: 768 }, { width: 3840, height: 2160 }]) {
      await page.setViewportSize(size);
      for (const url of [batchUrl, findingUrl, `${batchUrl}/findings`]) {
        await page.goto(url);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${url} at ${size.width}`).toBe(true);
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('made no request outside the server (works offline) and broke none of its own security policy', () => {
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe('hostile report text in the browser', () => {
  it('shows <script> and an onerror image from a report and its file name as text, never as markup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-hostile-'));
    const file = join(dir, '<img src=x onerror=window.__pwned=3>.txt');
    await writeFile(
      file,
      '湛江市某局2023年度部门整体支出绩效自评报告\n一、基本情况\n<script>window.__pwned=1</script>预算执行率 = 80 / 100 × 100% = 90%。<img src=x onerror="window.__pwned=2">\n',
    );
    await uploadAndWait([file]);
    expect(await page.locator('table.docs td.name').textContent()).toBe('<img src=x onerror=window.__pwned=3>.txt');
    await page.locator('table.docs td.name a').click();
    await page.locator('table.findings a', { hasText: '80 / 100' }).click();
    expect(await page.locator('pre.evidence').textContent()).toContain('<script>window.__pwned=1</script>');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).src))).toEqual([`${server.url}assets/app.js`]);
    expect(await page.locator('main img').count()).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});
