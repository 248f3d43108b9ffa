// npm test step: fails when an import runs from a lower stage to a higher one (see scripts/layers.ts).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLayers } from './layers.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const violations = checkLayers(root);
for (const v of violations) console.error(`${v.file} → ${v.imports}: ${v.reason}`);
if (violations.length) {
  console.error(`check-layers: ${violations.length} import(s) run against the stage order`);
  process.exit(1);
}
console.log('check-layers: no import runs against the stage order');
