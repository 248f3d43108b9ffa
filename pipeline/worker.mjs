// Bootstrap of a batch worker thread: workers do not inherit the parent's tsx loader, so register it
// here (resolved from this file, whatever the working directory) and then load the TypeScript worker.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// Runs before tsx's hooks: node_modules .mjs files skip the TypeScript transform (see worker-hooks.mjs).
registerHooks('./worker-hooks.mjs', import.meta.url);
await import('./worker.ts');
