// Uploaded files land under <data>/uploads/ named by their SHA-256: the name the browser sends is
// kept as display text only and never becomes part of a path (a name like ../../x.pdf cannot
// escape). The one thing taken from it is a known extension, which breaks ties the bytes cannot
// (TXT vs. unknown, DOC vs. WPS). A ZIP that is not an Office file is unpacked into its entries,
// each stored the same way, within the same caps as the Office-package guard.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { sniffFormat } from '../extractors/index.ts';
import { zipHead } from '../extractors/magic.ts';
import { assertSafeZip, nextEntry } from '../extractors/zip-safety.ts';
import { DEFAULT_MAX_BYTES } from '../pipeline/ingest.ts';

export interface UploadLimits {
  /** Most bytes one file may have (the checker's own limit). */
  maxFileBytes: number;
  /** Most files one batch may hold, ZIP entries included. */
  maxFiles: number;
  /** Most bytes one batch may upload, all files together (as sent, ZIPs packed). */
  maxBatchBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxFileBytes: DEFAULT_MAX_BYTES, maxFiles: 1000, maxBatchBytes: 2 * 1024 ** 3 };

const KNOWN_EXTENSIONS = new Set(['.txt', '.pdf', '.docx', '.xlsx', '.doc', '.wps', '.et', '.xls', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.zip']);

export interface StoredUpload {
  /** The client's name, for display only. */
  name: string;
  /** Absolute path under <data>/uploads. */
  path: string;
}

/** A limit was exceeded: HTTP 413 with a Chinese message. */
export class UploadTooLarge extends Error {
  readonly statusCode = 413;
}

/** What is left of one batch's byte allowance while its files stream in. */
export interface UploadBudget {
  bytes: number;
}

export class Uploads {
  readonly dir: string;
  private readonly tmp: string;

  constructor(dataDir: string, readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {
    this.dir = join(dataDir, 'uploads');
    this.tmp = join(dataDir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await rm(this.tmp, { recursive: true, force: true });
    await mkdir(this.tmp, { recursive: true });
  }

  /** Streams one uploaded file to disk by its hash; a ZIP of reports yields its entries. */
  async save(name: string, stream: Readable & { truncated?: boolean }, budget: UploadBudget = { bytes: this.limits.maxBatchBytes }): Promise<StoredUpload[]> {
    const temp = join(this.tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) stream.destroy(new UploadTooLarge(`本批上传的文件合计超过 ${Math.round(this.limits.maxBatchBytes / 1048576)} MB 的上限`));
    });
    try {
      await pipeline(stream, createWriteStream(temp, { flags: 'wx' }));
      if (stream.truncated) throw new UploadTooLarge(`文件“${name}”超过 ${Math.round(this.limits.maxFileBytes / 1048576)} MB 的上限`);
      if (await isArchiveOfReports(temp, name)) return await this.unpack(name, await readFile(temp));
      return [{ name, path: await this.keep(temp, hash.digest('hex'), name) }];
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async keep(temp: string, sha256: string, name: string): Promise<string> {
    const path = join(this.dir, sha256 + safeExtension(name));
    await rename(temp, path);
    return path;
  }

  private async unpack(zipName: string, bytes: Buffer): Promise<StoredUpload[]> {
    await assertSafeZip(bytes, `压缩包“${zipName}”`, { maxEntries: this.limits.maxFiles * 4, maxEntryBytes: this.limits.maxFileBytes });
    const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
    const out: StoredUpload[] = [];
    try {
      for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
        if (entry.fileName.endsWith('/') || entry.fileName.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')) continue;
        if (out.length >= this.limits.maxFiles) throw new UploadTooLarge(`压缩包“${zipName}”中的文件超过 ${this.limits.maxFiles} 个的上限`);
        const name = `${zipName}/${entry.fileName}`;
        const temp = join(this.tmp, randomBytes(12).toString('hex'));
        const data = await zip.openReadStreamPromise(entry);
        await pipeline(data, createWriteStream(temp, { flags: 'wx' }));
        const sha256 = createHash('sha256').update(await readFile(temp)).digest('hex');
        out.push({ name, path: await this.keep(temp, sha256, entry.fileName) });
      }
    } finally {
      zip.close();
    }
    return out;
  }
}

/** The name's extension when it is one the checker knows, else none. */
export function safeExtension(name: string): string {
  const ext = extname(name).toLowerCase();
  return KNOWN_EXTENSIONS.has(ext) ? ext : '';
}

/** A ZIP the checker would not read as a document (DOCX/XLSX are ZIPs too). */
async function isArchiveOfReports(path: string, name: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    return zipHead(bytes) !== null && sniffFormat(bytes, name) === 'unknown';
  } finally {
    await handle.close();
  }
}
