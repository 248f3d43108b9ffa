// The batch runner: a p-queue feeding a pool of worker threads (or checkFile in-process). Every
// input path yields exactly one DocumentResult, reported in input order; each result is written to
// the store (one transaction per document) as soon as it is known, so an interrupted run resumes.
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import PQueue from 'p-queue';
import type { DocumentResult } from '../model/index.ts';
import type { OcrPageProgress } from '../extractors/types.ts';
import { pageList } from '../extractors/pdf/pages.ts';
import type { Store } from '../store/index.ts';
import { checkFile, errorResult, type CheckOptions, type CheckedDocument } from './check.ts';
import { hashFile, sniffHead } from './hash.ts';
import { DEFAULT_MAX_BYTES, expandInputs, type InputFile } from './ingest.ts';
import { ocrTimeLimitMs, WorkerPool } from './pool.ts';
import { createProgress, silentProgress, type Progress } from './progress.ts';
import { toolVersionKey } from './tool-key.ts';
import { JixiaoError } from '../model/index.ts';

export const DEFAULT_TIMEOUT_SECONDS = 120;
/** Heap limit per worker thread: a decompression bomb or runaway extractor fails one file, not the run. */
export const DEFAULT_WORKER_MEMORY_MB = 4096;
/** A worker holding more heap than this after a file is replaced (as Jest's workerIdleMemoryLimit). */
export const DEFAULT_RECYCLE_HEAP_MB = 512;
/**
 * ... and after this many files, for memory outside the JS heap (pdf.js, native allocators): a
 * worker's resident memory creeps up by ~15 MB per 100 files even with its heap collected. A fresh
 * thread costs ~0.2 s, about 1% of 100 files' time.
 */
export const DEFAULT_RECYCLE_AFTER_FILES = 100;

export interface DocumentInfo {
  /** The stored result was reused: the file and the tool are unchanged since it was checked. */
  reused: boolean;
}

export interface BatchOptions extends CheckOptions {
  /** Called once per input path, in input order. */
  onDocument?: (doc: CheckedDocument, done: number, total: number, info: DocumentInfo) => void;
  /** Files checked at once; defaults to the number of cores. */
  jobs?: number;
  /** Per-file time limit in milliseconds (0: none); defaults to DEFAULT_TIMEOUT_SECONDS. */
  timeoutMs?: number;
  /** false: check in this thread (no worker threads; a timeout then abandons the file instead of killing it). */
  workers?: boolean;
  /** Heap limit of each worker thread in MB. */
  maxMemoryMb?: number;
  /** The worker's entry module (tests only). */
  workerScript?: URL;
  /** Results are written here and unchanged files are reused from here. */
  store?: Store | null;
  /** Re-check files even when the store holds a result for the same content and tool version. */
  force?: boolean;
  /** Command-line arguments recorded with the run in the store. */
  runArgs?: string[];
  /** A progress display (true: on stderr, bar on a terminal); default none. */
  progress?: boolean | Progress;
  /** Keep the results to return them (default true); false returns [] and keeps memory flat. */
  collect?: boolean;
  /** Checks documents elsewhere (queue/: workers over Redis) instead of this machine's worker threads. */
  checker?: Checker;
}

/** Thrown when options.signal aborts the run; documents already finished are in the store. */
export class BatchInterrupted extends Error {
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`已中断：完成 ${done}/${total} 个文件`);
    this.name = 'BatchInterrupted';
  }
}

export async function runBatch(paths: string[], options: BatchOptions = {}): Promise<CheckedDocument[]> {
  const inputs = await expandInputs(paths);
  const store = options.store ?? null;
  const progress = resolveProgress(options.progress, inputs.length);
  const checker = createChecker(options, progress);
  const emitter = createEmitter(inputs.length, options, progress);
  const queue = new PQueue({ concurrency: jobCount(options) });
  // Hashing the sources costs tens of milliseconds: only when results are stored.
  const toolKey = store ? toolKeyOf(options) : '';
  let fatal: unknown = null;
  const runId = store?.beginRun(toolKey, options.runArgs ?? paths, inputs.length) ?? 0;

  const processOne = async (input: InputFile, index: number) => {
    if (options.signal?.aborted || fatal) return;
    progress.started(input.path);
    const { result, reused } = await resultOf(input, { store, toolKey, force: options.force ?? false, checker, maxBytes: options.maxBytes });
    if (options.signal?.aborted) return;
    if (store) (reused ? store.markSeen(runId, input.path) : store.saveDocument(runId, input.path, toolKey, result));
    emitter.emit(index, result, reused);
  };
  // After a fatal error the files still waiting return at once (processOne checks `fatal`); clearing the
  // queue instead would leave their promises pending and Promise.all below waiting forever.
  const tasks = inputs.map((input, index) =>
    queue.add(() => processOne(input, index)).catch((error: unknown) => {
      fatal ??= error;
    }),
  );
  try {
    await untilDoneOrAborted(Promise.all(tasks), options.signal);
    if (fatal) throw fatal;
    if (options.signal?.aborted) throw new BatchInterrupted(emitter.done(), inputs.length);
    store?.finishRun(runId, 'done');
    return emitter.results();
  } catch (error) {
    queue.clear();
    store?.finishRun(runId, error instanceof BatchInterrupted ? 'interrupted' : 'failed');
    throw error;
  } finally {
    progress.end();
    await checker.close();
  }
}

/** Stored results are reused only under the same key: version + code digest (+ the --rubric chosen). */
export function toolKeyOf(options: Pick<BatchOptions, 'rubric'>): string {
  const key = toolVersionKey();
  return options.rubric ? `${key};rubric=${options.rubric}` : key;
}

function jobCount(options: BatchOptions): number {
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs 必须是正整数（收到 ${jobs}）`);
  return jobs;
}

// ---------- one document ----------

interface ResultContext {
  store: Store | null;
  toolKey: string;
  force: boolean;
  checker: Checker;
  maxBytes?: number;
}

async function resultOf(input: InputFile, ctx: ResultContext): Promise<{ result: DocumentResult; reused: boolean }> {
  if (input.problem) return { result: errorResult(input.path, null, 'unknown', input.problem), reused: false };
  const stored = ctx.store && !ctx.force ? await reusable(input.path, ctx) : null;
  if (stored) return { result: stored, reused: true };
  const result = await ctx.checker.check(input.path);
  if (result.status === 'error' && result.format === 'unknown' && result.sha256 === null) await fillIdentity(result);
  return { result, reused: false };
}

/** The stored result when the file's bytes and the tool are unchanged. */
async function reusable(path: string, ctx: ResultContext): Promise<DocumentResult | null> {
  const stored = ctx.store!.cached(path, ctx.toolKey);
  if (!stored) return null;
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null || size > (ctx.maxBytes ?? DEFAULT_MAX_BYTES)) return null;
  if ((await hashFile(path)) !== stored.sha256) return null;
  return { ...stored.result, file: path };
}

/** A worker that timed out or crashed left no format or hash: recover them cheaply for the output. */
async function fillIdentity(result: DocumentResult): Promise<void> {
  if (result.error?.code !== 'timeout' && result.error?.code !== 'internal') return;
  result.format = await sniffHead(result.file);
  const size = await stat(result.file).then((s) => s.size, () => Infinity);
  if (size <= DEFAULT_MAX_BYTES) result.sha256 = await hashFile(result.file);
}

// ---------- checkers: worker pool or in-process ----------

export interface Checker {
  /** One DocumentResult for the path; never rejects for a problem of the file itself. */
  check(path: string): Promise<DocumentResult>;
  close(): Promise<void>;
}

function createChecker(options: BatchOptions, progress: Progress): Checker {
  if (options.checker) return options.checker;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
  const taskOptions = { rubric: options.rubric, maxBytes: options.maxBytes };
  const onOcrPage = (path: string, pages: OcrPageProgress) => progress.ocrPage?.(path, pages.done.length, pages.total);
  if (options.workers === false) return inProcessChecker(options, timeoutMs, onOcrPage);
  const pool = new WorkerPool({ size: jobCount(options), timeoutMs, maxMemoryMb: options.maxMemoryMb ?? DEFAULT_WORKER_MEMORY_MB, script: options.workerScript, recycleHeapMb: DEFAULT_RECYCLE_HEAP_MB, recycleAfterFiles: DEFAULT_RECYCLE_AFTER_FILES, onOcrPage });
  return { check: (path) => pool.check(path, taskOptions), close: () => pool.close() };
}

function inProcessChecker(options: CheckOptions, timeoutMs: number, onPages: (path: string, pages: OcrPageProgress) => void): Checker {
  return {
    async check(path) {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const started = Date.now();
      let pages: OcrPageProgress | null = null;
      let expire: (limitMs: number) => void = () => {};
      const expired = new Promise<DocumentResult>((resolve) => {
        expire = (limitMs) => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            controller.abort();
            const ocr = pages ? `；共 ${pages.total} 页扫描页，已识别 ${pageList(pages.done)}` : '';
            const error = new JixiaoError('timeout', `检查超时：超过 ${limitMs / 1000} 秒仍未完成，已放弃该文件${ocr}（可用 --timeout 调整时限）`);
            resolve(errorResult(path, null, 'unknown', error));
          }, Math.max(0, started + limitMs - Date.now()));
        };
        if (timeoutMs > 0) expire(timeoutMs);
      });
      const onOcrPage = (p: OcrPageProgress) => {
        if (!pages && timeoutMs > 0) expire(ocrTimeLimitMs(timeoutMs, p.total));
        pages = p;
        onPages(path, p);
        options.onOcrPage?.(p);
      };
      try {
        const checked = checkFile(path, { ...options, signal: controller.signal, onOcrPage }).then((d) => d.result);
        return await Promise.race([checked, expired]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {},
  };
}

// ---------- in-order delivery ----------

interface Emitter {
  emit(index: number, result: DocumentResult, reused: boolean): void;
  done(): number;
  results(): CheckedDocument[];
}

/** Hands results to onDocument in input order; keeps only those finished ahead of a slower one. */
function createEmitter(total: number, options: BatchOptions, progress: Progress): Emitter {
  const collect = options.collect ?? true;
  const out: CheckedDocument[] = [];
  const ahead = new Map<number, { doc: CheckedDocument; reused: boolean }>();
  let next = 0;
  let finished = 0;
  return {
    emit(index, result, reused) {
      finished++;
      progress.finished(result, reused);
      ahead.set(index, { doc: { result, report: null }, reused });
      for (let item = ahead.get(next); item; item = ahead.get(next)) {
        ahead.delete(next);
        next++;
        if (collect) out.push(item.doc);
        const current = item;
        if (options.onDocument) progress.print(() => options.onDocument!(current.doc, next, total, { reused: current.reused }));
      }
    },
    done: () => finished,
    results: () => out,
  };
}

function resolveProgress(option: BatchOptions['progress'], total: number): Progress {
  if (!option) return silentProgress;
  return option === true ? createProgress({ total }) : option;
}

function untilDoneOrAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      reject,
    );
  });
}
