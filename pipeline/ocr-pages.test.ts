// Scans get time by their page count, a timeout says which pages were read, and OCR pages show in the progress.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageList } from '../extractors/pdf/pages.ts';
import { ocrTimeLimitMs, WorkerPool } from './pool.ts';
import { createProgress } from './progress.ts';

const STUB_WORKER = new URL('../test/helpers/hang-worker.mjs', import.meta.url);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-ocr-pages-'));
  for (const name of ['scan', 'scan-stuck']) writeFileSync(join(dir, `${name}.pdf`), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('per-page OCR time budget', () => {
  it('scales the per-file limit with the pages to read, never below the plain limit', () => {
    expect(ocrTimeLimitMs(120_000, 1)).toBe(120_000);
    expect(ocrTimeLimitMs(120_000, 28)).toBe(420_000);
    expect(pageList([1, 2, 3, 5])).toBe('第1–3、5页');
    expect(pageList([])).toBe('0 页');
  });

  it('lets a 16-page scan run past the plain limit, and a stuck one time out naming the pages read', async () => {
    const seen: string[] = [];
    const pool = new WorkerPool({ size: 1, timeoutMs: 400, script: STUB_WORKER, onOcrPage: (path, p) => seen.push(`${p.done.length}/${p.total}`) });
    try {
      const ok = await pool.check(join(dir, 'scan.pdf'), {});
      expect(ok.status).toBe('ok');
      expect(seen).toEqual(['0/16', '1/16', '2/16']);
      const started = Date.now();
      const stuck = await pool.check(join(dir, 'scan-stuck.pdf'), {});
      expect(Date.now() - started).toBeGreaterThanOrEqual(750); // 16 pages × 400 ms / 8
      expect(stuck.error).toMatchObject({ code: 'timeout', message: expect.stringContaining('共 16 页扫描页，已识别 第1–2页') });
      // The stuck worker was asked to stop after its page rather than terminated; the pool goes on.
      expect((await pool.check(join(dir, 'scan.pdf'), {})).status).toBe('ok');
    } finally {
      await pool.close();
    }
  });

  it('shows the page being read in the progress', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false, columns: 100 }) as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (d) => (text += d));
    let t = 0;
    const progress = createProgress({ total: 1, stream, tty: false, now: () => (t += 20_000) });
    progress.ocrPage?.('/x/报告.scan.pdf', 3, 12);
    expect(text).toContain('报告.scan.pdf：OCR 已识别 3/12 页');
  });
});
