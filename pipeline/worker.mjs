// Bootstrap of a batch worker thread: workers do not inherit the parent's tsx loader, so register it
// here (resolved from this file, whatever the working directory) and then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
