// Module hooks for batch workers, registered after tsx so they run first: ready-made ES modules from
// node_modules (.mjs) are loaded as they are instead of going through tsx's transform. pdf.js alone
// costs ~380 MB of memory per thread when transformed, ~55 MB when not.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.includes('/node_modules/') && url.endsWith('.mjs')) {
    return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  }
  return nextLoad(url, context);
}
