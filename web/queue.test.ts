// `jixiao serve --redis`: a batch uploaded on the page is checked by a `jixiao worker` process through a
// real redis-server, and the page sees the same results as a local run.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../pipeline/run.ts';
import { killAll, launch } from '../test/helpers/processes.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../test/helpers/redis-server.ts';
import { startServer, type RunningServer } from './server.ts';
import { Client, waitForBatch } from './testing/client.ts';

const SEEDS = ['000_a830d013271ff8ad', '003_4e052ca5c436ec0e'].map((s) => `fixtures/seeds/${s}.txt`);

const unavailable = redisUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable !== null)('jixiao serve --redis', () => {
  let redis: TestRedis;
  let data: string;
  let server: RunningServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    data = await mkdtemp(join(tmpdir(), 'jixiao-serve-redis-'));
    server = await startServer({ port: 0, dataDir: data, run: { jobs: 4, queue: { redis: redis.url } } });
  });
  afterAll(async () => {
    await server?.close();
    killAll(children);
    await redis?.stop();
    await rm(data, { recursive: true, force: true });
  });

  it('checks an uploaded batch on a worker process (nothing happens until one runs) and shows what a local run finds', async () => {
    const client = new Client(server.url);
    await client.page('/');
    const { id } = (await (await client.upload(SEEDS.map((path) => ({ path })))).json()) as { id: number };
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await client.json<{ files: Array<{ status: string }> }>(`/api/batches/${id}`)).files.map((f) => f.status)).not.toContain('done');
    launch(children, ['worker', '--redis', redis.url, '--jobs', '1']);
    const state = await waitForBatch(client, id, 170_000);
    expect(state.status).toBe('done');
    const local = await runBatch(SEEDS, { jobs: 1 });
    expect(state.files.map((f) => f.findings)).toEqual(local.map((d) => d.result.findings.length));
  }, 180_000);
});
