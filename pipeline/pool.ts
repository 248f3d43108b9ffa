// A fixed-size pool of worker threads running checkFile. A worker that overruns the per-file time
// limit, crashes or runs out of memory is terminated and replaced; its file gets an error result.
import { Worker } from 'node:worker_threads';
import { JixiaoError, type DocumentResult } from '../model/index.ts';
import type { OcrPageProgress } from '../extractors/types.ts';
import { pageList } from '../extractors/pdf/pages.ts';
import { errorResult, type CheckOptions } from './check.ts';
import { COMPILED } from './compiled.ts';
import type { WorkerAbort, WorkerReply, WorkerShutdown, WorkerTask } from './worker.ts';

/** The bundle's own worker entry when running compiled, else the bootstrap that loads the TypeScript through tsx. */
const BOOTSTRAP = COMPILED ? new URL('../dist/worker.js', import.meta.url) : new URL('./worker.mjs', import.meta.url);
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_GRACE_MS = 3_000;
/** How long a timed-out OCR worker may take to finish the page it is reading before it is terminated (a loaded machine reads a page in minutes). */
const OCR_ABORT_GRACE_MS = 600_000;

export interface PoolOptions {
  size: number;
  /** Per-file time limit in milliseconds; 0 disables it. */
  timeoutMs: number;
  /** Old-generation heap limit of each worker, in MB. */
  maxMemoryMb?: number;
  /** The worker's entry module (tests substitute their own). */
  script?: URL;
  /** A worker whose heap in use exceeds this after a file (MB) is retired and replaced, keeping memory flat. */
  recycleHeapMb?: number;
  /** A worker is also replaced after this many files (native memory the heap figure does not show). */
  recycleAfterFiles?: number;
  /** Page-level OCR progress of a file being checked. */
  onOcrPage?: (path: string, pages: OcrPageProgress) => void;
}

/** Share of the per-file limit each scanned page may take: a long scan gets pages × limit / 8. */
const PAGES_PER_LIMIT = 8;

/** The per-file limit for a file with `pages` pages to read by OCR: never below the plain limit. */
export function ocrTimeLimitMs(timeoutMs: number, pages: number): number {
  return Math.max(timeoutMs, Math.ceil((pages * timeoutMs) / PAGES_PER_LIMIT));
}

interface Slot {
  worker: Worker;
  /** Files this worker has checked. */
  files: number;
  /** Settles the task in flight when the worker dies. */
  onDeath: ((error: Error) => void) | null;
}

export class WorkerPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: Array<{ resolve: (slot: Slot) => void; reject: (error: Error) => void }> = [];
  private readonly all = new Set<Slot>();
  private starting = 0;
  /** Retired workers still exiting: their replacements start once they are gone, so memory does not double up. */
  private readonly exiting = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Checks one file in a worker; never rejects except when the pool itself cannot start a worker. */
  async check(path: string, options: Pick<CheckOptions, 'rubric' | 'maxBytes'>, timeoutMs = this.options.timeoutMs): Promise<DocumentResult> {
    const slot = await this.acquire();
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    let heapMb = 0;
    const started = Date.now();
    const { onOcrPage } = this.options;
    let pages: OcrPageProgress | null = null;
    try {
      const result = await new Promise<DocumentResult>((resolve, reject) => {
        const arm = (limitMs: number) => {
          clearTimeout(timer);
          timer = setTimeout(() => reject(timeoutError(limitMs, pages)), Math.max(0, started + limitMs - Date.now()));
        };
        slot.onDeath = reject;
        slot.worker.on('message', function onMessage(reply: WorkerReply) {
          if (reply.type === 'pages' && reply.id === id) {
            // The first report names the pages to read: the limit grows with them.
            if (!pages && timeoutMs > 0) arm(ocrTimeLimitMs(timeoutMs, reply.total));
            pages = { done: reply.done, total: reply.total };
            onOcrPage?.(path, pages);
          }
          if (reply.type !== 'done' || reply.id !== id) return;
          slot.worker.off('message', onMessage);
          heapMb = reply.heapMb ?? 0;
          resolve(reply.result);
        });
        if (timeoutMs > 0) arm(timeoutMs);
        slot.worker.postMessage({ type: 'check', id, path, options } satisfies WorkerTask);
      });
      slot.onDeath = null;
      if (this.worn(slot, heapMb)) this.retire(slot);
      else this.release(slot);
      return result;
    } catch (error) {
      slot.onDeath = null;
      // A worker inside an OCR inference must not be terminated (onnxruntime aborts the process): it
      // is asked to stop after the page it is reading, then shut down.
      if (pages && error instanceof JixiaoError && error.code === 'timeout') this.stopAfterPage(slot, id);
      else this.discard(slot);
      return errorResult(path, null, 'unknown', error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.all];
    const idle = new Set(this.idle);
    this.all.clear();
    this.idle.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('worker pool is closed'));
    // Tasks in flight settle now (as errors) instead of waiting for their time limit.
    for (const slot of slots) if (!idle.has(slot)) slot.onDeath?.(new Error('worker pool is closed'));
    await Promise.all(slots.map((s) => (idle.has(s) ? shutDown(s.worker) : s.worker.terminate())));
  }

  private async acquire(): Promise<Slot> {
    if (this.closed) throw new Error('worker pool is closed');
    const free = this.idle.pop();
    if (free) return free;
    if (this.all.size + this.starting < this.options.size) return this.spawn();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    if (this.closed || !this.all.has(slot)) return;
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else this.idle.push(slot);
  }

  /** Terminates a worker that timed out or died, and hands a fresh one to whoever waits. */
  private discard(slot: Slot): void {
    this.all.delete(slot);
    void slot.worker.terminate();
    this.refill();
  }

  /** Asks a worker to abandon task `id` between two OCR pages, then shuts it down; terminates it only past OCR_ABORT_GRACE_MS. */
  private stopAfterPage(slot: Slot, id: number): void {
    this.all.delete(slot);
    const { worker } = slot;
    const timer = setTimeout(() => void worker.terminate(), OCR_ABORT_GRACE_MS);
    worker.on('message', function onMessage(reply: WorkerReply) {
      if (reply.type !== 'done' || reply.id !== id) return;
      worker.off('message', onMessage);
      clearTimeout(timer);
      void shutDown(worker);
    });
    worker.once('exit', () => clearTimeout(timer));
    worker.postMessage({ type: 'abort', id } satisfies WorkerAbort);
    this.refill();
  }

  private worn(slot: Slot, heapMb: number): boolean {
    slot.files++;
    const { recycleHeapMb, recycleAfterFiles } = this.options;
    return Boolean((recycleHeapMb && heapMb > recycleHeapMb) || (recycleAfterFiles && slot.files >= recycleAfterFiles));
  }

  /** Lets a healthy but bloated worker exit cleanly; a fresh one is started when needed. */
  private retire(slot: Slot): void {
    this.all.delete(slot);
    const exited = shutDown(slot.worker);
    this.exiting.add(exited);
    void exited.then(() => this.exiting.delete(exited));
    this.refill();
  }

  private refill(): void {
    if (this.closed || this.waiting.length === 0) return;
    const next = this.waiting.shift()!;
    this.spawn().then(next.resolve, next.reject);
  }

  private async spawn(): Promise<Slot> {
    this.starting++;
    try {
      await Promise.all(this.exiting);
      if (this.closed) throw new Error('worker pool is closed');
      const worker = new Worker(this.options.script ?? BOOTSTRAP, {
        execArgv: [],
        resourceLimits: this.options.maxMemoryMb ? { maxOldGenerationSizeMb: this.options.maxMemoryMb } : undefined,
      });
      await waitReady(worker);
      const slot: Slot = { worker, files: 0, onDeath: null };
      const die = (error: Error) => {
        if (!this.all.has(slot)) return;
        if (slot.onDeath) return slot.onDeath(crashError(error));
        this.all.delete(slot);
        const at = this.idle.indexOf(slot);
        if (at >= 0) this.idle.splice(at, 1);
        this.refill();
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
      this.all.add(slot);
      return slot;
    } finally {
      this.starting--;
    }
  }
}

function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => fail(error);
    const onExit = (code: number) => fail(new Error(`exit code ${code}`));
    const onMessage = (reply: WorkerReply) => {
      if (reply.type !== 'ready') return fail(new Error(`unexpected message ${reply.type}`));
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => fail(new Error('启动超时')), STARTUP_TIMEOUT_MS);
    // Remove only our own listeners: Worker keeps internal ones (removeAllListeners breaks messaging).
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
    };
    const fail = (error: Error) => {
      cleanup();
      void worker.terminate();
      reject(new Error(`无法启动检查进程：${error.message}`));
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.on('message', onMessage);
  });
}

/** Lets an idle worker stop its OCR engine and exit; terminates it if it does not within the grace time. */
function shutDown(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), SHUTDOWN_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'shutdown' } satisfies WorkerShutdown);
  });
}

function timeoutError(timeoutMs: number, pages: OcrPageProgress | null = null): JixiaoError {
  const ocr = pages ? `；共 ${pages.total} 页扫描页，已识别 ${pageList(pages.done)}` : '';
  return new JixiaoError('timeout', `检查超时：超过 ${formatSeconds(timeoutMs)} 秒仍未完成，已中止该文件${ocr}（可用 --timeout 调整时限）`);
}

function crashError(error: Error): JixiaoError {
  const oom = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`);
  return new JixiaoError('internal', oom ? '检查该文件时内存不足，已中止该文件' : `检查该文件时处理进程意外退出：${error.message}`);
}

function formatSeconds(ms: number): string {
  return String(Math.round((ms / 1000) * 10) / 10);
}
