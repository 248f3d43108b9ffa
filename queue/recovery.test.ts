// Failure modes over a real redis-server: a file that kills every worker that takes it, a Redis
// restart in the middle of a run (all queued jobs lost), and Redis gone for good.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../model/index.ts';
import { BatchInterrupted, runBatch } from '../pipeline/run.ts';
import { comparable, copyInputs, exitOf, killAll, launch, waitForFile } from '../test/helpers/processes.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../test/helpers/redis-server.ts';
import { Store } from '../store/index.ts';
import { redisOptions } from './connection.ts';
import { createQueueChecker } from './coordinator.ts';
import { DEFAULT_ATTEMPTS } from './protocol.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = readdirSync(join(ROOT, 'fixtures/seeds')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'fixtures/seeds', f));

const unavailable = redisUnavailable();

describe.skipIf(unavailable !== null)('queue failure modes', () => {
  let redis: TestRedis;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'jixiao-recovery-'));
  });
  afterEach(async () => {
    killAll(children);
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`a file that kills every worker ends as error after ${DEFAULT_ATTEMPTS} attempts; the batch goes on`, async () => {
    const inputs = join(dir, 'inputs');
    copyInputs(inputs, SEEDS.slice(0, 2));
    copyFileSync(SEEDS[2], join(inputs, 'poison.txt'));
    const env = { ...process.env, JIXIAO_TEST_CRASH_MATCH: 'poison' };
    // A supervisor like systemd's Restart=always: a dead worker is replaced.
    let deaths = 0;
    let stopped = false;
    const spawnWorker = () => {
      const w = launch(children, ['worker', '--redis', redis.url, '--jobs', '1', '--stall-seconds', '1'], env);
      w.child.once('exit', (_code, signal) => {
        if (signal === 'SIGKILL' && !stopped) {
          deaths++;
          spawnWorker();
        }
      });
    };
    spawnWorker();
    const out = join(dir, 'out.json');
    const coordinator = launch(children, ['check', inputs, '--redis', redis.url, '--no-db', '--json', out, '-q']);
    const code = await exitOf(coordinator.child, 120_000);
    stopped = true;
    expect(code, coordinator.stderr()).toBeLessThanOrEqual(1);
    const docs = (JSON.parse(readFileSync(out, 'utf8')) as Output).documents;
    expect(docs).toHaveLength(3);
    const poison = docs.find((d) => d.file.endsWith('poison.txt'))!;
    expect(poison.status).toBe('error');
    expect(poison.error?.message).toMatch(/多次中途退出.*3 次/);
    expect(deaths).toBe(DEFAULT_ATTEMPTS);
    expect(docs.filter((d) => d !== poison).every((d) => d.status !== 'error')).toBe(true);
  }, 150_000);

  it('a Redis restart mid-run (queued jobs lost) is survived: every file once, same results as a local run', async () => {
    const inputs = join(dir, 'inputs');
    copyInputs(inputs, SEEDS);
    const local = await runBatch([inputs], { jobs: 2 });
    const mark = join(dir, 'held-by');
    const env = { ...process.env, JIXIAO_TEST_HOLD_MATCH: '002_', JIXIAO_TEST_HOLD_MARK: mark, JIXIAO_TEST_HOLD_MS: '3000' };
    for (let i = 0; i < 2; i++) launch(children, ['worker', '--redis', redis.url, '--jobs', '1', '--stall-seconds', '2'], env);
    const out = join(dir, 'out.json');
    const db = join(dir, 'queue.db');
    const coordinator = launch(children, ['check', inputs, '--redis', redis.url, '--db', db, '--json', out, '-q']);
    await waitForFile(mark, 60_000);
    await redis.stop();
    redis = await startRedis(redis.port);
    const code = await exitOf(coordinator.child, 120_000);
    expect(code, coordinator.stderr()).toBeLessThanOrEqual(1);
    expect(coordinator.stderr()).toMatch(/连接中断[\s\S]*已重新连接/);
    const docs = (JSON.parse(readFileSync(out, 'utf8')) as Output).documents;
    expect(docs.map((d) => d.file).sort()).toEqual(local.map((d) => d.result.file).sort());
    for (const doc of local) expect(comparable(docs.find((d) => d.file === doc.result.file)!)).toEqual(comparable(doc.result));
  }, 150_000);

  it('the coordinator killed mid-run and started again finishes the batch from the store, each file checked once', async () => {
    const inputs = join(dir, 'inputs');
    copyInputs(inputs, SEEDS);
    const mark = join(dir, 'held-by');
    const env = { ...process.env, JIXIAO_TEST_HOLD_MATCH: '003_', JIXIAO_TEST_HOLD_MARK: mark, JIXIAO_TEST_HOLD_MS: '3000' };
    for (let i = 0; i < 2; i++) launch(children, ['worker', '--redis', redis.url, '--jobs', '1', '--stall-seconds', '2'], env);
    const db = join(dir, 'queue.db');
    const out = join(dir, 'out.json');
    const first = launch(children, ['check', inputs, '--redis', redis.url, '--db', db, '-q']);
    await waitForFile(mark, 60_000);
    first.child.kill('SIGKILL');
    await exitOf(first.child, 10_000);
    const second = launch(children, ['check', inputs, '--redis', redis.url, '--db', db, '--json', out, '-q']);
    expect(await exitOf(second.child, 120_000), second.stderr()).toBeLessThanOrEqual(1);
    const docs = (JSON.parse(readFileSync(out, 'utf8')) as Output).documents;
    expect(docs).toHaveLength(SEEDS.length);
    expect(docs.every((d) => d.status !== 'error')).toBe(true);
    const store = Store.open(db);
    try {
      const rows = store.query<{ checks: number }>('SELECT checks FROM documents');
      expect(rows).toHaveLength(SEEDS.length);
      expect(rows.every((r) => r.checks === 1)).toBe(true);
      const runs = store.query<{ status: string; checked: number; reused: number }>('SELECT status, checked, reused FROM runs ORDER BY id');
      expect(runs[1].status).toBe('done');
      expect(runs[0].checked + runs[1].checked).toBe(SEEDS.length);
    } finally {
      store.close();
    }
  }, 150_000);

  it('Redis gone for good: the run stops with a Chinese message instead of waiting forever', async () => {
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    copyInputs(inputs, SEEDS.slice(0, 1));
    const messages: string[] = [];
    const checker = await createQueueChecker({ connection: redisOptions({ redis: redis.url }), timeoutMs: 0, redisDownSeconds: 2, log: (t) => messages.push(t) });
    await redis.stop();
    const started = Date.now();
    await expect(runBatch([inputs], { checker, signal: checker.signal })).rejects.toBeInstanceOf(BatchInterrupted);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(messages.join('\n')).toMatch(/超过 2 秒无法连接.*重新运行同一命令即可继续/);
    redis = await startRedis(redis.port); // for afterEach
  }, 60_000);

  it('an unreachable or password-protected Redis fails at once with a Chinese message', async () => {
    const url = redis.url;
    await redis.stop();
    const connect = (u: string) => createQueueChecker({ connection: redisOptions({ redis: u }), timeoutMs: 0, log: () => {} });
    await expect(connect(url)).rejects.toThrow(/无法连接 Redis .*ECONNREFUSED/);
    redis = await startRedis(redis.port, ['--requirepass', 'pw']);
    await expect(connect(url)).rejects.toThrow(/无法连接 Redis .*NOAUTH/);
    const checker = await connect(url.replace('redis://', 'redis://:pw@'));
    await checker.close();
  }, 60_000);
});
