// The compiled CLI in dist/ (written by scripts/build.mjs, npm ci's prepare step) and whether it is
// still the build of the TypeScript sources as they are: every source bundled into it is stamped with
// its size and modification time; one changed or missing file sends bin/jixiao.js back to tsx.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
export const STAMP_NAME = 'build-info.json';

/** [size, mtimeMs] of a file under root, or null when it is gone. */
export function stampOf(relativePath, root = ROOT) {
  try {
    const info = statSync(root + relativePath);
    return [info.size, info.mtimeMs];
  } catch {
    return null;
  }
}

/** True when every stamped source still has the size and modification time it was built from. */
export function stampsHold(stamps, root = ROOT) {
  return Object.entries(stamps).every(([file, stamp]) => {
    const now = stampOf(file, root);
    return now !== null && stamp !== null && now[0] === stamp[0] && now[1] === stamp[1];
  });
}

/** URL of dist/cli.js when it was built from the sources as they are now; null otherwise. */
export function compiledCli(root = ROOT) {
  if (process.env.JIXIAO_FROM_SOURCE) return null;
  let stamps;
  try {
    stamps = JSON.parse(readFileSync(`${root}dist/${STAMP_NAME}`, 'utf8')).sources;
  } catch {
    return null;
  }
  return stamps && stampsHold(stamps, root) ? pathToFileURL(`${root}dist/cli.js`).href : null;
}

/** The CLI's main(): compiled when up to date, else the TypeScript through tsx. */
export async function loadMain(root = ROOT) {
  const compiled = compiledCli(root);
  if (compiled) return (await import(compiled)).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../pipeline/cli.ts')).main;
}
