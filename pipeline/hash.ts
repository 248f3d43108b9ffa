// Streaming file helpers for the batch runner (bounded memory whatever the file size).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Format } from '../model/index.ts';
import { sniffFormat } from '../extractors/index.ts';

/** sha256 of a file, streamed; null when it cannot be read. */
export async function hashFile(path: string): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** The format of a file from its first 64 KiB (for results the worker could not produce). */
export async function sniffHead(path: string): Promise<Format> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return bytesRead ? sniffFormat(buffer.subarray(0, bytesRead), path) : 'unknown';
    } finally {
      await handle.close();
    }
  } catch {
    return 'unknown';
  }
}
