// What the coordinator and the workers agree on: the queue's name, the job's data and id.
// The queue is named after the tool version key (version + code digest), so a worker of another
// version listens on another queue and never takes this batch's files; each job also carries the key
// and a worker refuses a job whose key is not its own.
import { createHash } from 'node:crypto';

/** Tries per file: a worker that dies mid-file (stall) or a failure of the worker itself count alike. */
export const DEFAULT_ATTEMPTS = 3;

export interface FileJob {
  /** toolVersionKey() of the coordinator. */
  toolKey: string;
  /** The path on the coordinator: the name the result carries; read by a worker only on shared storage. */
  path: string;
  sha256: string;
  size: number;
  /** The file's bytes (base64) when at most the inline limit; otherwise the worker reads `path` from shared storage. */
  bytes?: string;
  rubric?: string;
  maxBytes?: number;
  /** Per-file time limit of the coordinator's --timeout (0: none). */
  timeoutMs: number;
}

/** BullMQ job ids and queue names may not contain ':' (Redis key separators). */
export function queueNameFor(toolKey: string): string {
  return `jixiao-${toolKey.replace(/[^A-Za-z0-9.+_-]/g, '_')}`;
}

/**
 * One job per (content, tool version, rubric): a retried or re-enqueued file is the same job, and BullMQ
 * lets only the worker holding its lock complete it, so it can never yield a second result.
 */
export function jobIdFor(sha256: string, rubric: string | undefined): string {
  // Prefixed: BullMQ refuses an id that reads as an integer.
  if (!rubric) return `doc-${sha256}`;
  return `doc-${sha256}-${createHash('sha256').update(rubric).digest('hex').slice(0, 12)}`;
}

/** Why a worker of version `ownKey` must not check this job; null when it may. */
export function refusal(job: Partial<FileJob>, ownKey: string): string | null {
  if (job.toolKey !== ownKey) {
    return `版本不一致，拒绝检查：该文件由 jixiao ${job.toolKey ?? '（未知版本）'} 提交，本检查进程为 ${ownKey}；请在各机器上安装同一版本`;
  }
  if (typeof job.path !== 'string' || typeof job.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(job.sha256)) return '任务内容不完整（缺少文件路径或 sha256），拒绝检查';
  return null;
}
