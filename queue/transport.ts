// How a file travels from the coordinator to a worker. Up to the inline limit its bytes ride in the job
// (nothing to mount, works across the internet); a larger file is read by the worker from shared
// storage at the same path, only under a folder the worker was started with (--shared-dir), and only if
// its sha256 equals the one the coordinator hashed. Either way the worker checks a private copy.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { JixiaoError } from '../model/index.ts';
import { hashFile } from '../pipeline/hash.ts';

/** Default largest file sent inside the job (its bytes stay in Redis only while the job is queued). */
export const DEFAULT_INLINE_MB = 16;

export interface PackedFile {
  sha256: string;
  size: number;
  bytes?: string;
}

/** Reads (≤ inline limit) or hashes (larger) a file on the coordinator; null when it cannot be read. */
export async function packFile(path: string, size: number, inlineBytes: number): Promise<PackedFile | null> {
  try {
    if (size <= inlineBytes) {
      const bytes = await readFile(path);
      return { sha256: sha256Of(bytes), size: bytes.length, bytes: bytes.toString('base64') };
    }
    const sha256 = await hashFile(path);
    return sha256 ? { sha256, size } : null;
  } catch {
    return null;
  }
}

/** Writes the job's file into dir (a private temp folder) and returns the copy's path. */
export async function materialize(job: { path: string; sha256: string; bytes?: string }, dir: string, sharedDirs: string[]): Promise<string> {
  const copy = join(dir, basename(job.path) || 'document');
  if (job.bytes !== undefined) {
    const bytes = Buffer.from(job.bytes, 'base64');
    if (sha256Of(bytes) !== job.sha256) throw new JixiaoError('internal', '任务中的文件内容与其 sha256 不符（传输中损坏），已拒绝');
    await writeFile(copy, bytes);
    return copy;
  }
  const source = await sharedSource(job.path, sharedDirs);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(source), tap, createWriteStream(copy));
  if (hash.digest('hex') !== job.sha256) {
    throw new JixiaoError('internal', `共享存储上的 ${job.path} 与提交时的内容不同（sha256 不符），可能已被修改或挂载的不是同一份文件`);
  }
  return copy;
}

/** The real path of a shared file, refused unless it lies under one of the worker's --shared-dir folders. */
async function sharedSource(path: string, sharedDirs: string[]): Promise<string> {
  if (sharedDirs.length === 0) {
    throw new JixiaoError('internal', `文件大于随任务传送的上限，须从共享存储读取，但本检查进程未用 --shared-dir 指定共享文件夹：${path}`);
  }
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isFile()) throw new Error('不是普通文件');
  } catch (error) {
    throw new JixiaoError('internal', `在共享存储上找不到 ${path}（${(error as Error).message}）；请确认各机器把共享文件夹挂载在同一路径`);
  }
  const roots = await Promise.all(sharedDirs.map((d) => realpath(d).catch(() => null)));
  if (!roots.some((root) => root && (real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)))) {
    throw new JixiaoError('internal', `拒绝读取 ${path}：不在本检查进程的 --shared-dir 共享文件夹内`);
  }
  return real;
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
