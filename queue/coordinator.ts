// The coordinator's side of `jixiao check --redis`: a Checker for runBatch that enqueues each file
// and waits for a worker's DocumentResult, so the store, progress, resume and outputs stay those of a
// local run. Results arrive through BullMQ's event stream; a sweep every few seconds also reads the
// jobs themselves (an event can be trimmed away) and re-enqueues jobs Redis lost in a restart.
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { DocumentResultSchema, JixiaoError, type DocumentResult } from '../model/index.ts';
import { checkFile, errorResult } from '../pipeline/check.ts';
import { sniffHead } from '../pipeline/hash.ts';
import { DEFAULT_MAX_BYTES } from '../pipeline/ingest.ts';
import type { Checker } from '../pipeline/run.ts';
import { toolVersionKey } from '../pipeline/tool-key.ts';
import { describeRedis } from './connection.ts';
import { DEFAULT_ATTEMPTS, jobIdFor, queueNameFor, type FileJob } from './protocol.ts';
import { DEFAULT_INLINE_MB, packFile } from './transport.ts';

const SWEEP_MS = 3_000;
const CLOSE_GRACE_MS = 5_000;
const NO_WORKER_WARNING_MS = 15_000;
/** Redis unreachable for longer than this stops the run (re-running the command resumes it). */
export const DEFAULT_REDIS_DOWN_SECONDS = 120;
/** Finished jobs are deleted once read; this only bounds what a coordinator that died leaves behind. */
const KEEP_FINISHED_SECONDS = 24 * 3600;

export interface QueueCheckerOptions {
  connection: RedisOptions;
  rubric?: string;
  maxBytes?: number;
  timeoutMs: number;
  /** Files up to this size travel inside the job; larger ones are read from shared storage. */
  inlineBytes?: number;
  attempts?: number;
  redisDownSeconds?: number;
  /** Tests only: pretend to be another version. */
  toolKey?: string;
  /** Messages for the user (Chinese), e.g. a lost Redis connection. */
  log: (text: string) => void;
}

export interface QueueChecker extends Checker {
  /** Aborts when Redis stays unreachable: the batch stops like a Ctrl-C, results so far are in the store. */
  readonly signal: AbortSignal;
  readonly queueName: string;
}

interface Waiter {
  /** The job without its bytes (re-read from disk if Redis loses the job). */
  job: FileJob;
  promise: Promise<DocumentResult>;
  resolve: (result: DocumentResult) => void;
}

export async function createQueueChecker(options: QueueCheckerOptions): Promise<QueueChecker> {
  const toolKey = options.toolKey ?? toolVersionKey();
  const queueName = queueNameFor(toolKey);
  const inlineBytes = options.inlineBytes ?? DEFAULT_INLINE_MB * 1024 * 1024;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  await probeRedis(options.connection);
  // Events carry whole results: keep the stream short (a missed event is caught by the sweep).
  const queue = new Queue<FileJob, DocumentResult>(queueName, { connection: options.connection, streams: { events: { maxLen: 500 } } });
  const events = new QueueEvents(queueName, { connection: options.connection });
  const waiting = new Map<string, Waiter>();
  const stopper = new AbortController();
  const address = describeRedis(options.connection);
  let lastProgress = Date.now();
  let warnedNoWorker = false;
  let closed = false;

  const client = await queue.client;
  await events.waitUntilReady();
  watchConnection(client, address, options.redisDownSeconds ?? DEFAULT_REDIS_DOWN_SECONDS, options.log, stopper, {
    closed: () => closed,
    back: () => void sweep(),
  });

  const settle = (jobId: string, reply: unknown) => {
    const waiter = waiting.get(jobId);
    if (!waiter) return;
    waiting.delete(jobId);
    lastProgress = Date.now();
    waiter.resolve(validResult(reply, waiter.job));
    // Read once: delete the job so Redis holds only the files in flight.
    void queue.remove(jobId).catch(() => {});
  };
  events.on('completed', ({ jobId, returnvalue }) => settle(jobId, returnvalue));
  events.on('failed', async ({ jobId }) => {
    const waiter = waiting.get(jobId);
    // Only a final failure ends the file; a failed attempt with retries left stays in the queue.
    const job = waiter ? await queue.getJob(jobId).catch(() => undefined) : undefined;
    if (job && outcomeOf(job) === 'failed') settle(jobId, await failedResult(waiter!.job, job.failedReason, attempts));
  });

  /** Puts the job in the queue unless it is already there; reads it when it already finished. */
  const enqueue = async (jobId: string, data: FileJob) => {
    const existing = await queue.getJob(jobId);
    const outcome = existing ? outcomeOf(existing) : 'missing';
    // A failure left by an earlier (killed) coordinator is retried by this run, not reported again.
    if (outcome === 'failed') await existing!.remove();
    else if (outcome === 'completed') return settle(jobId, existing!.returnvalue);
    else if (outcome === 'pending') return;
    await queue.add('check', data, {
      jobId,
      attempts,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: KEEP_FINISHED_SECONDS },
      removeOnFail: { age: KEEP_FINISHED_SECONDS },
    });
  };

  let sweeping = false;
  const sweep = async () => {
    if (closed || sweeping) return;
    sweeping = true;
    try {
      await sweepOnce();
    } finally {
      sweeping = false;
    }
  };
  const sweepOnce = async () => {
    for (const [jobId, waiter] of waiting) {
      const job = await queue.getJob(jobId).catch(() => null);
      if (job === null) continue; // Redis unreachable: try again next sweep
      if (job === undefined) {
        // Not (or no longer) in Redis: lost with a Redis restart, or removed by another coordinator.
        await repack(waiter.job, inlineBytes)
          .then((data) => enqueue(jobId, data))
          .catch((error: unknown) => settle(jobId, errorResult(waiter.job.path, waiter.job.sha256, 'unknown', enqueueError(error, address))));
        continue;
      }
      const outcome = outcomeOf(job);
      if (outcome === 'completed') settle(jobId, job.returnvalue);
      else if (outcome === 'failed') settle(jobId, await failedResult(waiter.job, job.failedReason, attempts));
    }
    if (!warnedNoWorker && waiting.size > 0 && Date.now() - lastProgress > NO_WORKER_WARNING_MS) {
      const workers = await queue.getWorkersCount().catch(() => -1);
      if (workers === 0) {
        warnedNoWorker = true;
        options.log(`提示：队列 ${queueName}（${address}）上还没有在线的检查进程。请在各机器上运行同一版本的 jixiao worker --redis …；版本不同的检查进程不会领取本批文件。`);
      }
    }
  };
  const timer = setInterval(() => void sweep(), SWEEP_MS);

  return {
    signal: stopper.signal,
    queueName,
    async check(path) {
      const size = await stat(path).then((s) => (s.isFile() ? s.size : null), () => null);
      // Unreadable, not a file, or over the size limit: the local pipeline states why, without reading it.
      if (size === null || size > maxBytes) return (await checkFile(path, { maxBytes })).result;
      const packed = await packFile(path, size, inlineBytes);
      if (!packed) return (await checkFile(path, { maxBytes })).result;
      const jobId = jobIdFor(packed.sha256, options.rubric);
      let waiter = waiting.get(jobId);
      if (!waiter) {
        const { bytes, ...job } = { toolKey, path, ...packed, rubric: options.rubric, maxBytes, timeoutMs: options.timeoutMs } satisfies FileJob;
        let resolve!: (r: DocumentResult) => void;
        const promise = new Promise<DocumentResult>((r) => (resolve = r));
        waiter = { job, promise, resolve };
        waiting.set(jobId, waiter);
        await enqueue(jobId, { ...job, bytes }).catch((error: unknown) => settle(jobId, errorResult(path, packed.sha256, 'unknown', enqueueError(error, address))));
      }
      const result = await waiter.promise;
      return { ...result, file: path };
    },
    async close() {
      closed = true;
      clearInterval(timer);
      // A graceful close waits for Redis: after giving up on it (or if it hangs), just drop the sockets.
      const graceful = Promise.allSettled([events.close(), queue.close()]);
      if (!stopper.signal.aborted) await Promise.race([graceful, sleep(CLOSE_GRACE_MS)]);
      const clients = await Promise.race([Promise.all([queue.client, events.client]), sleep(100).then(() => [])]).catch(() => []);
      for (const c of clients) (c as unknown as { disconnect(): void }).disconnect();
    },
  };
}

/** Fails fast with a clear message when Redis cannot be reached (BullMQ itself would retry forever). */
async function probeRedis(connection: RedisOptions): Promise<void> {
  const probe = new Redis({ ...connection, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 10_000 });
  let cause: Error | null = null;
  probe.on('error', (error: Error) => (cause ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (cause ?? (error as Error)).message;
    throw new Error(`无法连接 Redis ${describeRedis(connection)}：${reason}（请检查地址、端口、密码、TLS 设置和防火墙）`);
  } finally {
    probe.disconnect();
  }
}

function watchConnection(
  client: { on(event: 'close' | 'ready', listener: () => void): unknown },
  address: string,
  downSeconds: number,
  log: (text: string) => void,
  stopper: AbortController,
  on: { closed: () => boolean; back: () => void },
): void {
  let downSince: number | null = null;
  let giveUp: NodeJS.Timeout | undefined;
  client.on('close', () => {
    if (downSince !== null || stopper.signal.aborted || on.closed()) return;
    downSince = Date.now();
    log(`与 Redis ${address} 的连接中断，正在重连（最多等待 ${downSeconds} 秒）……`);
    giveUp = setTimeout(() => {
      log(`Redis ${address} 超过 ${downSeconds} 秒无法连接，停止本次检查。已完成的文件已保存；Redis 恢复后重新运行同一命令即可继续。`);
      stopper.abort();
    }, downSeconds * 1000);
    giveUp.unref();
  });
  client.on('ready', () => {
    if (downSince === null) return;
    downSince = null;
    clearTimeout(giveUp);
    log(`已重新连接 Redis ${address}；Redis 重启时丢失的文件会重新排队。`);
    on.back();
  });
}

/**
 * Where a job stands, from one read of its hash (reading the state separately races with a worker
 * finishing it between the two reads). finishedOn is set only when it leaves for good.
 */
function outcomeOf(job: { finishedOn?: number; returnvalue: unknown; failedReason?: string }): 'completed' | 'failed' | 'pending' {
  if (!job.finishedOn) return 'pending';
  return job.returnvalue != null ? 'completed' : 'failed';
}

/** A worker's reply checked against the output contract: a broken or foreign reply fails that file only. */
function validResult(reply: unknown, job: FileJob): DocumentResult {
  const parsed = DocumentResultSchema.safeParse(reply);
  if (parsed.success) return parsed.data as DocumentResult;
  return errorResult(job.path, job.sha256, 'unknown', new JixiaoError('internal', `检查进程交回的结果不完整，已放弃该文件：${parsed.error.issues[0]?.message ?? ''}`));
}

/** The job's data again, bytes re-read from disk; the file must not have changed since it was hashed. */
async function repack(job: FileJob, inlineBytes: number): Promise<FileJob> {
  const packed = await packFile(job.path, job.size, inlineBytes);
  if (!packed || packed.sha256 !== job.sha256) throw new Error(`${job.path} changed during the run`);
  return { ...job, bytes: packed.bytes };
}

/** A job that failed every attempt becomes the file's error result (the batch goes on). */
async function failedResult(job: FileJob, reason: string | undefined, attempts: number): Promise<DocumentResult> {
  const stalled = /stalled/i.test(reason ?? '');
  const message = stalled
    ? `检查该文件的进程多次中途退出（进程被终止或机器宕机），已尝试 ${attempts} 次仍未完成，已放弃该文件`
    : `检查进程未能完成该文件：${reason ?? '原因不明'}`;
  return errorResult(job.path, job.sha256, await sniffHead(job.path), new JixiaoError('internal', message));
}

function enqueueError(error: unknown, address: string): JixiaoError {
  return new JixiaoError('internal', `无法把该文件放入 Redis ${address} 的队列：${error instanceof Error ? error.message : String(error)}`);
}
