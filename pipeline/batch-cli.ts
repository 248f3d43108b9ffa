// Command-line glue for batch runs: the --jobs/--timeout/--db/--force flags, the store, Ctrl-C.
import { availableParallelism } from 'node:os';
import type { FollowUpLookup } from '../model/index.ts';
import { DEFAULT_DB_PATH, Store } from '../store/index.ts';
import { BatchInterrupted, DEFAULT_TIMEOUT_SECONDS, type BatchOptions } from './run.ts';

export const BATCH_FLAGS = {
  jobs: { type: 'string', short: 'j' },
  timeout: { type: 'string' },
  db: { type: 'string' },
  'no-db': { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export const BATCH_USAGE = `  --jobs, -j <N>        同时检查的文件数（默认为 CPU 核数，当前 ${availableParallelism()}）
  --timeout <秒>        单个文件的检查时限（默认 ${DEFAULT_TIMEOUT_SECONDS} 秒，0 为不限）；超时的文件记为错误，批次继续
  --db <文件>           结果数据库（默认 ${DEFAULT_DB_PATH}）；未变化的文件沿用上次结果，中断后重跑即可续查
  --no-db               不使用结果数据库
  --force               忽略上次结果，全部重新检查`;

export interface BatchFlagValues {
  jobs?: string;
  timeout?: string;
  db?: string;
  'no-db'?: boolean;
  force?: boolean;
}

export interface BatchSession {
  options: Pick<BatchOptions, 'jobs' | 'timeoutMs' | 'store' | 'force' | 'runArgs' | 'signal'>;
  store: Store | null;
  /** Follow-up status of findings for reporters (待核实 when there is no store). */
  followUps: FollowUpLookup;
  close(): void;
}

/** Parses the batch flags, opens the store and arms Ctrl-C / SIGTERM to stop the run cleanly. */
export function openBatchSession(values: BatchFlagValues, argv: string[]): BatchSession {
  const jobs = values.jobs === undefined ? undefined : positiveInteger(values.jobs, '--jobs');
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : nonNegativeNumber(values.timeout, '--timeout');
  const store = values['no-db'] ? null : Store.open(values.db ?? DEFAULT_DB_PATH);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\n正在停止：已完成的文件已保存，再按一次 Ctrl-C 立即退出\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    options: { jobs, timeoutMs: timeoutSeconds * 1000, store, force: values.force ?? false, runArgs: argv, signal: controller.signal },
    store,
    followUps: store ? store.followUpLookup() : () => null,
    close() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      store?.close();
    },
  };
}

export function interruptedMessage(error: BatchInterrupted, store: Store | null): string {
  const resume = store ? `结果已保存到 ${store.path}，重新运行同一命令即可从中断处继续。` : '未使用结果数据库（--no-db），重新运行将从头检查。';
  return `已中断：完成 ${error.done}/${error.total} 个文件。${resume}`;
}

export function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} 需要正整数，收到“${text}”`);
  return n;
}

function nonNegativeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} 需要非负数（秒），收到“${text}”`);
  return n;
}
