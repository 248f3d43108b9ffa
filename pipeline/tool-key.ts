// What "the same tool" means for reusing stored results: the package version plus a digest of the
// code and data that shape a result (numbers, model, extractors, normalizers, rules, rubrics, pipeline), so a
// changed rule re-checks every file even before the version number moves.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL } from './version.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SOURCE_DIRS = ['numbers', 'model', 'extractors', 'normalizers', 'scoring', 'pipeline'];
const SOURCE_FILE = /\.(ts|mjs|js|json)$/;
const SKIPPED = /\.test\.ts$|(^|\/)(test-support|node_modules)(\/|$)/;

let cached: string | null = null;

/** "0.1.0+3f2a9c1d": version and code digest; computed once per process. */
export function toolVersionKey(): string {
  return (cached ??= `${TOOL.version}+${codeDigest()}`);
}

function codeDigest(): string {
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) for (const file of listFiles(join(ROOT, dir))) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (SKIPPED.test(path)) return [];
      if (e.isDirectory()) return listFiles(path);
      return SOURCE_FILE.test(e.name) ? [path] : [];
    });
}
