// A stand-in batch worker for runner tests: paths containing "hang" spin forever, "crash" exits the
// thread, "scan" reports 16 pages to read by OCR and two read, then answers after 600 ms ("scan-stuck":
// until asked to abort, then it answers), anything else answers at once with a minimal ok result (its
// notes name the thread, when it started and when it answered). STUB_SLOW_EXIT=<ms> makes it take that
// long to exit when shut down.
import { parentPort, threadId } from 'node:worker_threads';

const started = Date.now();
const stuck = new Map();

parentPort.on('message', (task) => {
  if (task.type === 'shutdown') return void setTimeout(() => process.exit(0), Number(process.env.STUB_SLOW_EXIT ?? 0));
  if (task.type === 'abort') return stuck.has(task.id) && answer(stuck.get(task.id), ['aborted']);
  if (task.path.includes('hang')) for (;;);
  if (task.path.includes('crash')) process.exit(3);
  if (task.path.includes('scan')) {
    for (const done of [[], [1], [1, 2]]) parentPort.postMessage({ type: 'pages', id: task.id, done, total: 16 });
    if (task.path.includes('stuck')) return void stuck.set(task.id, task);
    setTimeout(() => answer(task), 600);
    return;
  }
  answer(task);
});

function answer(task, notes = [`thread ${threadId}`, `started ${started}`, `answered ${Date.now()}`]) {
  parentPort.postMessage({
    type: 'done',
    id: task.id,
    result: {
      file: task.path, sha256: null, format: 'txt', status: 'ok', error: null, unit: null, year: null,
      claimedTotal: null, computedTotal: null, grade: null, findings: [], notes, tables: [],
    },
  });
}
parentPort.postMessage({ type: 'ready' });
