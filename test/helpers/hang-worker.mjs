// A stand-in batch worker for runner tests: paths containing "hang" spin forever, "crash" exits the
// thread, anything else answers at once with a minimal ok result (its note names the thread).
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (task) => {
  if (task.type === 'shutdown') process.exit(0);
  if (task.path.includes('hang')) for (;;);
  if (task.path.includes('crash')) process.exit(3);
  parentPort.postMessage({
    type: 'done',
    id: task.id,
    result: {
      file: task.path, sha256: null, format: 'txt', status: 'ok', error: null, unit: null, year: null,
      claimedTotal: null, computedTotal: null, grade: null, findings: [], notes: [`thread ${threadId}`], tables: [],
    },
  });
});
parentPort.postMessage({ type: 'ready' });
