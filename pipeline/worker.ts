// A batch worker thread: receives paths, runs checkFile, posts back the small DocumentResult.
// The Report (the large object) never leaves the thread.
import { parentPort } from 'node:worker_threads';
import type { OcrService } from '../extractors/types.ts';
import { checkFile, type CheckOptions } from './check.ts';
import { lazyOcrService } from './ocr-service.ts';

export interface WorkerTask {
  type: 'check';
  id: number;
  path: string;
  options: Pick<CheckOptions, 'rubric' | 'maxBytes'>;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: Awaited<ReturnType<typeof checkFile>>['result'] };

if (!parentPort) throw new Error('pipeline/worker.ts must run in a worker thread');
const port = parentPort;
let ocr: OcrService | undefined;

port.on('message', async (task: WorkerTask) => {
  ocr ??= lazyOcrService();
  const { result } = await checkFile(task.path, { ...task.options, ocr });
  port.postMessage({ type: 'done', id: task.id, result } satisfies WorkerReply);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
