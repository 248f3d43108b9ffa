// Command-line glue for the Redis queue: `jixiao worker`, and the --redis flags of `jixiao check`.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { positiveInteger } from '../pipeline/batch-cli.ts';
import type { BatchOptions } from '../pipeline/run.ts';
import { REDIS_FLAGS, REDIS_USAGE, describeRedis, redisOptions, type RedisFlagValues } from './connection.ts';
import { DEFAULT_STALL_SECONDS } from './defaults.ts';
import { DEFAULT_INLINE_MB } from './transport.ts';

/** Files in the queue at once when checking through Redis (should exceed all workers' --jobs together). */
export const DEFAULT_QUEUE_WINDOW = 64;

export const QUEUE_CHECK_FLAGS = {
  ...REDIS_FLAGS,
  'redis-inline-mb': { type: 'string' },
} as const;

export const QUEUE_CHECK_USAGE = `${REDIS_USAGE}
  --redis-inline-mb <MB>  不超过此大小的文件随任务一起传给 worker（默认 ${DEFAULT_INLINE_MB}）；更大的文件由 worker
                        从共享存储的同一路径读取并核对 sha256（见 jixiao worker --shared-dir）
                        使用 --redis 时，--jobs 表示同时排队的文件数（默认 ${DEFAULT_QUEUE_WINDOW}）`;

export const WORKER_USAGE = `  jixiao worker --redis <地址> [--jobs N]         在本机领取并检查 Redis 队列中的文件（多台机器一起检查一批报告）`;

const WORKER_HELP = `用法：jixiao worker --redis redis://主机:6379 [选项]
从 Redis 队列领取 jixiao check --redis 提交的文件，用本机的检查进程检查后交回结果。只领取同一版本 jixiao 提交的文件。

选项：
${REDIS_USAGE}
  --jobs, -j <N>        同时检查的文件数（默认为 CPU 核数，当前 ${availableParallelism()}）
  --shared-dir <文件夹>  允许从这个共享文件夹读取大文件（可多次指定；须与提交机器的挂载路径相同）
  --stall-seconds <秒>  检查进程失联多久后把它手上的文件交给别的进程（默认 ${DEFAULT_STALL_SECONDS}）

按 Ctrl-C 停止：先做完手上的文件；再按一次立即退出（手上的文件由其他进程接手）。`;

export interface QueueCheckValues extends RedisFlagValues {
  'redis-inline-mb'?: string;
}

/** BatchOptions that send runBatch's files through Redis (no-op without --redis). */
export async function queueBatchOptions(
  values: QueueCheckValues,
  base: Pick<BatchOptions, 'rubric' | 'timeoutMs' | 'signal' | 'jobs'>,
  log: (text: string) => void,
): Promise<Partial<BatchOptions>> {
  if (!values.redis) return {};
  if (base.rubric && /\.json$/i.test(base.rubric)) throw new Error('使用 --redis 时 --rubric 只能是内置评分规则编号（评分规则文件不会传给其他机器）');
  const inlineMb = values['redis-inline-mb'] === undefined ? DEFAULT_INLINE_MB : nonNegative(values['redis-inline-mb'], '--redis-inline-mb');
  // BullMQ loads only when a batch goes through Redis.
  const { createQueueChecker } = await import('./coordinator.ts');
  const checker = await createQueueChecker({
    connection: redisOptions(values),
    rubric: base.rubric,
    timeoutMs: base.timeoutMs ?? 0,
    inlineBytes: inlineMb * 1024 * 1024,
    log,
  });
  const signal = base.signal ? AbortSignal.any([base.signal, checker.signal]) : checker.signal;
  return { checker, signal, jobs: base.jobs ?? DEFAULT_QUEUE_WINDOW };
}

export async function workerCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...REDIS_FLAGS,
      jobs: { type: 'string', short: 'j' },
      'shared-dir': { type: 'string', multiple: true },
      'stall-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (console.log(WORKER_HELP), 0);
  const connection = redisOptions(values);
  const jobs = values.jobs === undefined ? availableParallelism() : positiveInteger(values.jobs, '--jobs');
  const stallSeconds = values['stall-seconds'] === undefined ? DEFAULT_STALL_SECONDS : positive(values['stall-seconds'], '--stall-seconds');
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const { startQueueWorker } = await import('./worker.ts');
  const worker = await startQueueWorker({ connection, jobs, sharedDirs: values['shared-dir'] ?? [], stallSeconds, log });
  log(`检查进程已启动：${describeRedis(connection)} 队列 ${worker.queueName}，同时检查 ${jobs} 个文件。按 Ctrl-C 停止。`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) process.exit(130);
      stopping = true;
      log('正在停止：做完手上的文件后退出；再按一次立即退出');
      void worker.close().then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return 0;
}

function positive(text: string, flag: string): number {
  return atLeast(text, flag, Number.MIN_VALUE, '正数');
}

function nonNegative(text: string, flag: string): number {
  return atLeast(text, flag, 0, '非负数');
}

function atLeast(text: string, flag: string, min: number, what: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) throw new Error(`${flag} 需要${what}，收到“${text}”`);
  return n;
}
