// A stand-in batch worker for runner tests: paths containing "hang" spin forever, "crash" exits the
// thread, anything else answers at once with a minimal ok result (its notes name the thread, when it
// started and when it answered). STUB_SLOW_EXIT=<ms> makes it take that long to exit when shut down.
import { parentPort, threadId } from 'node:worker_threads';

const started = Date.now();

parentPort.on('message', (task) => {
  if (task.type === 'shutdown') return void setTimeout(() => process.exit(0), Number(process.env.STUB_SLOW_EXIT ?? 0));
  if (task.path.includes('hang')) for (;;);
  if (task.path.includes('crash')) process.exit(3);
  parentPort.postMessage({
    type: 'done',
    id: task.id,
    result: {
      file: task.path, sha256: null, format: 'txt', status: 'ok', error: null, unit: null, year: null,
      claimedTotal: null, computedTotal: null, grade: null, findings: [], notes: [`thread ${threadId}`, `started ${started}`, `answered ${Date.now()}`], tables: [],
    },
  });
});
parentPort.postMessage({ type: 'ready' });
