// `jixiao worker`: takes files from the Redis queue of its own tool version and checks each one in the
// same worker-thread pool as a local run (same time limit, heap limit and recycling), returning the
// DocumentResult. A worker killed mid-file stops renewing its job's lock; another worker's stalled-job
// check hands the file on after the stall time, at most DEFAULT_ATTEMPTS times in all.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { DocumentResult } from '../model/index.ts';
import { errorResult } from '../pipeline/check.ts';
import { WorkerPool } from '../pipeline/pool.ts';
import { DEFAULT_RECYCLE_AFTER_FILES, DEFAULT_RECYCLE_HEAP_MB, DEFAULT_TIMEOUT_SECONDS, DEFAULT_WORKER_MEMORY_MB } from '../pipeline/run.ts';
import { toolVersionKey } from '../pipeline/tool-key.ts';
import { DEFAULT_ATTEMPTS, queueNameFor, refusal, type FileJob } from './protocol.ts';
import { materialize } from './transport.ts';
import { DEFAULT_STALL_SECONDS } from './defaults.ts';

export { DEFAULT_STALL_SECONDS };

export interface QueueWorkerOptions {
  connection: RedisOptions;
  /** Files checked at once (worker threads). */
  jobs: number;
  /** Folders on shared storage this worker may read large files from. */
  sharedDirs?: string[];
  /** A job whose worker stopped renewing its lock this long is handed to another worker. */
  stallSeconds?: number;
  maxMemoryMb?: number;
  /** Tests only: pretend to be another version. */
  toolKey?: string;
  log?: (text: string) => void;
}

export interface QueueWorker {
  readonly queueName: string;
  /** Finishes the files in hand, then stops (force: abandon them; other workers take them over). */
  close(force?: boolean): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const toolKey = options.toolKey ?? toolVersionKey();
  const queueName = queueNameFor(toolKey);
  const log = options.log ?? (() => {});
  const pool = new WorkerPool({
    size: options.jobs,
    timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB,
    recycleHeapMb: DEFAULT_RECYCLE_HEAP_MB,
    recycleAfterFiles: DEFAULT_RECYCLE_AFTER_FILES,
  });
  const stallMs = (options.stallSeconds ?? DEFAULT_STALL_SECONDS) * 1000;
  const worker = new Worker<FileJob, DocumentResult>(queueName, (job) => checkJob(job, { toolKey, pool, sharedDirs: options.sharedDirs ?? [] }), {
    connection: options.connection,
    concurrency: options.jobs,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    maxStalledCount: DEFAULT_ATTEMPTS - 1,
    autorun: false,
  });
  worker.on('error', (error) => log(`队列连接出错：${error.message}（将自动重试）`));
  worker.on('failed', (job, error) => job && log(`未能检查 ${job.data.path}：${error.message}`));
  await worker.waitUntilReady();
  void worker.run();
  return {
    queueName,
    async close(force = false) {
      await worker.close(force);
      await pool.close();
    },
  };
}

interface JobContext {
  toolKey: string;
  pool: WorkerPool;
  sharedDirs: string[];
}

async function checkJob(job: Job<FileJob, DocumentResult>, ctx: JobContext): Promise<DocumentResult> {
  const refused = refusal(job.data, ctx.toolKey);
  if (refused) throw new UnrecoverableError(refused);
  await holdForTest(job.data.path);
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-worker-'));
  try {
    let copy: string;
    try {
      copy = await materialize(job.data, dir, ctx.sharedDirs);
    } catch (error) {
      // Another worker may have the shared folder mounted: let BullMQ retry elsewhere.
      if (job.data.bytes === undefined) throw error;
      return errorResult(job.data.path, job.data.sha256, 'unknown', error);
    }
    const result = await ctx.pool.check(copy, { rubric: job.data.rubric, maxBytes: job.data.maxBytes }, job.data.timeoutMs);
    return renamed(result, copy, job.data.path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The result as if the coordinator's path had been checked (messages may quote the path). */
function renamed(result: DocumentResult, copy: string, original: string): DocumentResult {
  const json = JSON.stringify({ ...result, file: original });
  return JSON.parse(json.split(JSON.stringify(copy).slice(1, -1)).join(JSON.stringify(original).slice(1, -1))) as DocumentResult;
}

/**
 * Test-only hooks (queue/*.test.ts), inert unless their environment variables are set:
 * - JIXIAO_TEST_CRASH_MATCH: a worker taking a file whose path contains it kills its own process
 *   (a file that kills every worker);
 * - JIXIAO_TEST_HOLD_MATCH: the first worker taking such a file writes its pid to JIXIAO_TEST_HOLD_MARK
 *   and holds the job for JIXIAO_TEST_HOLD_MS, so the test can SIGKILL it in the middle of a file.
 */
async function holdForTest(path: string): Promise<void> {
  const crash = process.env.JIXIAO_TEST_CRASH_MATCH;
  if (crash && path.includes(crash)) process.kill(process.pid, 'SIGKILL');
  const match = process.env.JIXIAO_TEST_HOLD_MATCH;
  const mark = process.env.JIXIAO_TEST_HOLD_MARK;
  if (!match || !mark || !path.includes(match) || existsSync(mark)) return;
  await writeFile(mark, String(process.pid), { flag: 'wx' }).then(
    () => sleep(Number(process.env.JIXIAO_TEST_HOLD_MS ?? 60_000)),
    () => {},
  );
}
