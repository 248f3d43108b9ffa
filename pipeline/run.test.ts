import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema } from '../model/index.ts';
import { Store } from '../store/index.ts';
import { createProgress } from './progress.ts';
import { BatchInterrupted, runBatch, toolKeyOf } from './run.ts';
import { TOOL } from './version.ts';

const SEED = 'fixtures/seeds/003_4e052ca5c436ec0e.txt';
const STUB_WORKER = new URL('../test/helpers/hang-worker.mjs', import.meta.url);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-run-'));
  mkdirSync(join(dir, 'docs'));
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, 'docs', `r${i}.txt`), `湛江市某局${i}\n\n本单位自评得分为${90 + i}分，等级为优。\n`);
  // Files the stub worker reacts to by name (they must exist: missing paths never reach a worker).
  for (const name of ['a', 'b', 'c', 'hang', 'hang-1', 'hang-2', 'crash']) writeFileSync(join(dir, `${name}.txt`), '文本\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runBatch', () => {
  it('stops with the error when the checker itself fails, without waiting forever on the files still queued', async () => {
    let calls = 0;
    const failing = {
      check: async () => {
        calls++;
        throw new Error('检查进程失联');
      },
      close: async () => {},
    };
    await expect(runBatch([join(dir, 'docs')], { jobs: 1, checker: failing })).rejects.toThrow('检查进程失联');
    expect(calls).toBeLessThanOrEqual(2); // the one in flight when the first failed may still run; the other four do not
  });

  it('checks in worker threads and returns every path once, in input order', async () => {
    const seen: string[] = [];
    const docs = await runBatch([join(dir, 'docs'), SEED, join(dir, 'missing.txt')], {
      jobs: 2,
      onDocument: (doc, done, total) => {
        seen.push(doc.result.file);
        expect(done).toBe(seen.length);
        expect(total).toBe(8);
      },
    });
    const files = docs.map((d) => d.result.file);
    expect(files).toEqual([...Array.from({ length: 6 }, (_, i) => join(dir, 'docs', `r${i}.txt`)), SEED, join(dir, 'missing.txt')]);
    expect(seen).toEqual(files);
    expect(docs[6].result.status).not.toBe('error');
    expect(docs[7].result.error?.code).toBe('unreadable');
    expect(docs.every((d) => d.report === null)).toBe(true);
    expect(() => OutputSchema.parse({ tool: TOOL, documents: docs.map((d) => d.result) })).not.toThrow();
  });

  it('gives the same results in-process as in workers', async () => {
    const inWorkers = await runBatch([SEED], { jobs: 1 });
    const inProcess = await runBatch([SEED], { workers: false });
    expect(inProcess.map((d) => d.result)).toEqual(inWorkers.map((d) => d.result));
  });

  it('terminates a worker that overruns the time limit, records a timeout and goes on', async () => {
    const paths = ['a.txt', 'hang-1.txt', 'b.txt', 'crash.txt', 'hang-2.txt', 'c.txt'].map((n) => join(dir, n));
    const docs = await runBatch(paths, { jobs: 2, timeoutMs: 300, workerScript: STUB_WORKER });
    expect(docs.map((d) => d.result.file)).toEqual(paths);
    const byName = (n: string) => docs.find((d) => d.result.file.endsWith(n))!.result;
    expect(byName('hang-1.txt').error?.code).toBe('timeout');
    expect(byName('hang-1.txt').error?.message).toMatch(/检查超时/);
    expect(byName('hang-2.txt').error?.code).toBe('timeout');
    expect(byName('crash.txt').error).toMatchObject({ code: 'internal', message: expect.stringMatching(/意外退出/) });
    for (const n of ['a.txt', 'b.txt', 'c.txt']) expect(byName(n).status).toBe('ok');
  });

  it('replaces a worker after its share of files (recycling) without losing any', async () => {
    const { WorkerPool } = await import('./pool.ts');
    const pool = new WorkerPool({ size: 1, timeoutMs: 0, script: STUB_WORKER, recycleAfterFiles: 2 });
    const results = [];
    for (const n of ['a', 'b', 'c', 'a', 'b']) results.push(await pool.check(join(dir, `${n}.txt`), {}));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const threads = results.map((r) => r.notes[0]);
    expect(new Set(threads).size).toBe(3);
    expect(threads[0]).toBe(threads[1]);
    expect(threads[1]).not.toBe(threads[2]);
  });

  it('starts a recycled worker\'s replacement only once it has exited, so two never hold memory at once', async () => {
    const { WorkerPool } = await import('./pool.ts');
    process.env.STUB_SLOW_EXIT = '400';
    try {
      const pool = new WorkerPool({ size: 1, timeoutMs: 0, script: STUB_WORKER, recycleAfterFiles: 1 });
      const first = await pool.check(join(dir, 'a.txt'), {});
      const second = await pool.check(join(dir, 'b.txt'), {});
      await pool.close();
      const time = (r: typeof first, what: string) => Number(r.notes.find((n) => n.startsWith(what))!.split(' ')[1]);
      expect(second.notes[0]).not.toBe(first.notes[0]);
      expect(time(second, 'started') - time(first, 'answered')).toBeGreaterThanOrEqual(350);
    } finally {
      delete process.env.STUB_SLOW_EXIT;
    }
  });

  it('stops on abort with BatchInterrupted, keeping finished documents in the store', async () => {
    const store = Store.open(join(dir, 'abort.db'));
    const controller = new AbortController();
    const paths = ['a.txt', 'b.txt', 'hang.txt', 'c.txt'].map((n) => join(dir, n));
    const run = runBatch(paths, {
      jobs: 1,
      timeoutMs: 0,
      store,
      workerScript: STUB_WORKER,
      signal: controller.signal,
      onDocument: (_doc, done) => {
        if (done === 2) setTimeout(() => controller.abort(), 50);
      },
    });
    await expect(run).rejects.toBeInstanceOf(BatchInterrupted);
    expect(store.query('SELECT status FROM runs')).toEqual([{ status: 'interrupted' }]);
    expect(store.query<{ n: number }>('SELECT COUNT(*) AS n FROM documents')[0].n).toBe(2);
    store.close();
  });

  it('reuses unchanged files from the store and re-checks changed ones', async () => {
    const store = Store.open(join(dir, 'reuse.db'));
    const file = join(dir, 'docs', 'r0.txt');
    const reused: boolean[] = [];
    const onDocument = (_d: unknown, _n: number, _t: number, info: { reused: boolean }) => reused.push(info.reused);
    await runBatch([file], { store, onDocument });
    const [again] = await runBatch([file], { store, onDocument });
    writeFileSync(file, '湛江市某局\n\n本单位自评得分为80分，等级为良。\n');
    await runBatch([file], { store, onDocument });
    await runBatch([file], { store, onDocument, force: true });
    expect(reused).toEqual([false, true, false, false]);
    expect(again.result.file).toBe(file);
    expect(store.query('SELECT checks FROM documents')).toEqual([{ checks: 3 }]);
    store.close();
  });
});

describe('toolKeyOf', () => {
  it('is the version plus a digest of the code, and names the rubric when one is forced', () => {
    expect(toolKeyOf({})).toMatch(new RegExp(`^${TOOL.version.replace(/\./g, '\\.')}\\+[0-9a-f]{12}$`));
    expect(toolKeyOf({ rubric: 'zhanjiang-2022' })).toBe(`${toolKeyOf({})};rubric=zhanjiang-2022`);
  });
});

describe('progress', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (s: string) => chunks.push(s), columns: 100 } as unknown as NodeJS.WriteStream };
  };
  const doc = (file: string, findings = 0) => ({ file, findings: Array(findings).fill({}) }) as never;

  it('draws a bar with counts, findings, current file and ETA on a terminal', () => {
    let t = 0;
    const { chunks, stream } = sink();
    const p = createProgress({ total: 4, stream, tty: true, now: () => (t += 1000) });
    p.started('a/甲.pdf');
    p.finished(doc('a/甲.pdf', 3), false);
    p.end();
    const text = chunks.join('');
    expect(text).toMatch(/已完成 1\/4 个文件，发现问题 3 项，预计剩余 \d+:\d\d/);
    expect(text).toContain('甲.pdf');
    expect(text).toContain('\r');
  });

  it('writes plain lines when not a terminal', () => {
    const { chunks, stream } = sink();
    const p = createProgress({ total: 2, stream, tty: false });
    p.finished(doc('a.txt'), false);
    p.finished(doc('b.txt', 1), true);
    expect(chunks).toEqual(['已完成 1/2 个文件，发现问题 0 项，预计剩余 0:00（最近：a.txt）\n', '已完成 2/2 个文件，发现问题 1 项（最近：b.txt（未变化，沿用上次结果））\n']);
  });
});
