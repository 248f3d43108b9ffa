// One batch is never checked by two versions: the queue is named after the tool key, and a worker
// refuses a job that carries another key.
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptions } from './connection.ts';
import { jobIdFor, queueNameFor, refusal, type FileJob } from './protocol.ts';
import { startQueueWorker } from './worker.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../test/helpers/redis-server.ts';

const SHA = 'a'.repeat(64);
const job = (toolKey: string): FileJob => ({ toolKey, path: '/data/报告.txt', sha256: SHA, size: 3, bytes: Buffer.from('abc').toString('base64'), timeoutMs: 0 });

describe('version refusal (pure)', () => {
  it('accepts only its own tool key, with a Chinese reason otherwise', () => {
    expect(refusal(job('0.1.0+aaa'), '0.1.0+aaa')).toBeNull();
    expect(refusal(job('0.1.0+aaa'), '0.1.0+bbb')).toMatch(/版本不一致.*0\.1\.0\+aaa.*0\.1\.0\+bbb/);
    expect(refusal({ ...job('k'), sha256: 'xyz' }, 'k')).toMatch(/不完整/);
  });

  it('names queues and jobs by version, content and rubric', () => {
    expect(queueNameFor('0.1.0+aaa')).not.toBe(queueNameFor('0.1.0+bbb'));
    expect(queueNameFor('0.1.0+aaa;x:y')).not.toContain(':');
    expect(jobIdFor(SHA, undefined)).toBe(jobIdFor(SHA, undefined));
    expect(jobIdFor(SHA, 'rubric-a')).not.toBe(jobIdFor(SHA, 'rubric-b'));
    expect(jobIdFor(SHA, undefined)).not.toBe(jobIdFor(SHA, 'rubric-a'));
  });
});

const unavailable = redisUnavailable();

describe.skipIf(unavailable !== null)('version refusal (real Redis)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a worker of version B leaves version A\'s jobs alone and fails a job of A slipped into its own queue', async () => {
    const connection = redisOptions({ redis: redis.url });
    const worker = await startQueueWorker({ connection, jobs: 1, toolKey: 'B', stallSeconds: 5 });
    const queueA = new Queue<FileJob>(queueNameFor('A'), { connection });
    const queueB = new Queue<FileJob>(queueNameFor('B'), { connection });
    const eventsB = new QueueEvents(queueNameFor('B'), { connection });
    try {
      await eventsB.waitUntilReady();
      await queueA.add('check', job('A'), { jobId: 'doc-a' });
      const slipped = await queueB.add('check', job('A'), { jobId: 'doc-b', attempts: 3 });
      await expect(slipped.waitUntilFinished(eventsB, 20_000)).rejects.toThrow(/版本不一致/);
      // Refused once, not retried: the refusal is final.
      expect((await queueB.getJob('doc-b'))!.attemptsMade).toBe(1);
      expect(await (await queueA.getJob('doc-a'))!.getState()).toBe('waiting');
    } finally {
      await worker.close(true);
      await Promise.all([queueA.close(), queueB.close(), eventsB.close()]);
    }
  }, 60_000);
});
