// A batch worker thread: receives paths, runs checkFile, posts back the small DocumentResult.
// The Report (the large object) never leaves the thread.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { OcrPageProgress, OcrService } from '../extractors/types.ts';
import { checkFile, type CheckOptions } from './check.ts';
import { lazyOcrService } from './ocr-service.ts';

export interface WorkerTask {
  type: 'check';
  id: number;
  path: string;
  options: Pick<CheckOptions, 'rubric' | 'maxBytes'>;
}

/** Asks the worker to abandon a task that overran its time limit (it stops between two OCR pages). */
export interface WorkerAbort {
  type: 'abort';
  id: number;
}

/** Asks the worker to release its resources (OCR engine) and exit. */
export interface WorkerShutdown {
  type: 'shutdown';
}

export type WorkerReply =
  | { type: 'ready' }
  | ({ type: 'pages'; id: number } & OcrPageProgress)
  | { type: 'done'; id: number; result: Awaited<ReturnType<typeof checkFile>>['result']; /** This thread's V8 heap in use, MB. */ heapMb?: number };

if (!parentPort) throw new Error('pipeline/worker.ts must run in a worker thread');
const port = parentPort;
let ocr: OcrService | undefined;

/**
 * V8 lets a thread's heap saw-tooth up to several hundred MB before collecting; with a thread per
 * core the peaks add up and grow with batch length. A full collection once the heap passes this
 * (a few per hundred files, tens of milliseconds each) keeps memory flat however long the batch.
 */
const COLLECT_ABOVE_MB = 160;
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMb = () => getHeapStatistics().used_heap_size / 1048576;

const running = new Map<number, AbortController>();

port.on('message', async (task: WorkerTask | WorkerAbort | WorkerShutdown) => {
  if (task.type === 'shutdown') {
    await ocr?.terminate().catch(() => {});
    process.exit(0); // in a worker thread this ends the thread only
  }
  if (task.type === 'abort') return running.get(task.id)?.abort();
  ocr ??= lazyOcrService();
  const onOcrPage = (pages: OcrPageProgress) => port.postMessage({ type: 'pages', id: task.id, ...pages } satisfies WorkerReply);
  const controller = new AbortController();
  running.set(task.id, controller);
  const { result } = await checkFile(task.path, { ...task.options, ocr, onOcrPage, signal: controller.signal }).finally(() => running.delete(task.id));
  if (heapMb() > COLLECT_ABOVE_MB) collectGarbage();
  port.postMessage({ type: 'done', id: task.id, result, heapMb: heapMb() } satisfies WorkerReply);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
