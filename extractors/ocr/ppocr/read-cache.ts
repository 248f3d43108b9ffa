// Development only: PP-OCR page reads kept on disk by the page image's content, so the evaluation can
// measure changes to what is built from a read (paragraphs, typed and borderless tables, joins across
// pages) on scans without OCR again. On when JIXIAO_OCR_READ_CACHE names a folder; never in a release run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanGrey } from '../scan.ts';
import { toInputOf, type PpPageRead } from './page.ts';

type StoredRead = Omit<PpPageRead, 'toInput'>;

export function readCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.JIXIAO_OCR_READ_CACHE?.trim() || null;
}

/** The page's read from `dir` when kept there; else `read()`, kept. */
export async function cachedRead(dir: string, grey: ScanGrey, page: { page: number; dpi: number }, read: () => Promise<PpPageRead>): Promise<PpPageRead> {
  const hash = createHash('sha256').update(`${grey.width}x${grey.height}@${page.dpi}:`).update(grey.data);
  if (grey.rulesView) hash.update(grey.rulesView.data);
  const file = join(dir, `${hash.digest('hex')}.json`);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredRead;
    return { ...stored, opts: { ...stored.opts, page: page.page }, toInput: toInputOf(stored.turn) };
  }
  const fresh = await read();
  mkdirSync(dir, { recursive: true });
  const { toInput: _toInput, ...stored } = fresh;
  writeFileSync(`${file}.tmp`, JSON.stringify(stored));
  renameSync(`${file}.tmp`, file);
  return fresh;
}
