// Stage 1: expand the command line into files, read each one with limits, sniff and hash it.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JixiaoError, type Format } from '../model/index.ts';
import { sniffFormat } from '../extractors/index.ts';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export interface InputFile {
  path: string;
  /** Set when the path itself could not be listed (missing, unreadable, loop); the file still gets a result. */
  problem?: JixiaoError;
}

/** Files under the given paths, sorted, each once; folders are walked, symlink loops are cut. */
export async function expandInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      out.push({ path, problem: new JixiaoError('unreadable', `无法读取该路径：${describeFsError(error)}`) });
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(path);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (error) {
        out.push({ path, problem: new JixiaoError('unreadable', `无法读取该文件夹：${describeFsError(error)}`) });
        return;
      }
      for (const name of names) if (!name.startsWith('.')) await visit(join(path, name));
      return;
    }
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.push({ path });
  };
  for (const path of paths) await visit(path);
  return out;
}

export interface IngestedFile {
  path: string;
  bytes: Buffer;
  sha256: string;
  format: Format;
}

export async function ingestFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<IngestedFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new JixiaoError('unreadable', `无法读取文件：${describeFsError(error)}`);
  }
  if (size > maxBytes) {
    throw new JixiaoError('too-large', `文件过大（${(size / 1048576).toFixed(1)} MB），超过 ${(maxBytes / 1048576).toFixed(0)} MB 的上限；请拆分后再检查`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new JixiaoError('unreadable', `无法读取文件：${describeFsError(error)}`);
  }
  if (bytes.length === 0) throw new JixiaoError('empty', '文件为空（0 字节）');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { path, bytes, sha256, format: sniffFormat(bytes, path) };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件或文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'ELOOP') return '符号链接循环';
  return code ?? String(error);
}
