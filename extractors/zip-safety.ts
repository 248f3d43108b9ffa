// Guards an OOXML package (DOCX/XLSX) before mammoth or exceljs unzip it with JSZip, which trusts
// whatever the archive says. Two passes with yauzl:
//   1. the central directory: entry count, declared total size, and compression ratios under caps;
//   2. every entry streamed once: yauzl checks the real inflated size against the declared one (a zip
//      that lies about its sizes is rejected), and XML parts are scanned for DOCTYPE / ENTITY
//      declarations (XXE, billion laughs) — OOXML never needs them.
// The whole check runs under a deadline so a pathological archive cannot hang the batch.
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { JixiaoError } from '../model/index.ts';

export interface ZipLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to. */
  maxTotalBytes: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Most bytes one XML part may inflate to (mammoth and exceljs parse XML synchronously). */
  maxXmlEntryBytes: number;
  /** Ratio (inflated / compressed) above which a large entry is a bomb. */
  maxRatio: number;
  /** Entries smaller than this are never judged by ratio (tiny files compress absurdly well). */
  ratioFloorBytes: number;
  /** Milliseconds the whole check may take. */
  timeoutMs: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxXmlEntryBytes: 128 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 4 * 1024 * 1024,
  timeoutMs: 30_000,
};

const XML_PART = /\.(xml|rels|vml)$/i;
/** Checked on latin1 text with NULs removed, so UTF-16 parts are caught too. */
const DTD = /<!\s*(doctype|entity)/i;

/** Resolves when the archive is within limits; throws JixiaoError('zip-bomb' | 'corrupt' | 'timeout') otherwise. */
export async function assertSafeZip(bytes: Buffer, label: string, limits: Partial<ZipLimits> = {}): Promise<void> {
  const caps = { ...DEFAULT_ZIP_LIMITS, ...limits };
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw new JixiaoError('corrupt', `${label}已损坏，无法作为压缩包打开：${(error as Error).message}`);
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JixiaoError('timeout', `${label}检查超时（超过 ${caps.timeoutMs / 1000} 秒），已跳过`)), caps.timeoutMs);
  });
  try {
    await Promise.race([inspect(zip, label, caps), deadline]);
  } finally {
    clearTimeout(timer);
    zip.close();
  }
}

async function inspect(zip: ZipFile, label: string, caps: ZipLimits): Promise<void> {
  if (zip.entryCount > caps.maxEntries) throw bomb(label, `包含 ${zip.entryCount} 个文件，超过上限 ${caps.maxEntries}`);
  const entries = await readDirectory(zip, label);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    judgeEntry(entry, label, caps);
  }
  if (total > caps.maxTotalBytes) throw bomb(label, `解压后共 ${mib(total)}，超过上限 ${mib(caps.maxTotalBytes)}`);
  for (const entry of entries) await streamEntry(zip, entry, label);
}

function judgeEntry(entry: Entry, label: string, caps: ZipLimits): void {
  if (entry.isEncrypted()) throw new JixiaoError('encrypted', `${label}已加密，请先解除密码保护后再检查`);
  if (entry.uncompressedSize > caps.maxEntryBytes) throw bomb(label, `其中 ${entry.fileName} 解压后 ${mib(entry.uncompressedSize)}，超过上限`);
  if (XML_PART.test(entry.fileName) && entry.uncompressedSize > caps.maxXmlEntryBytes)
    throw bomb(label, `其中 ${entry.fileName} 解压后 ${mib(entry.uncompressedSize)}，超过 XML 部件上限 ${mib(caps.maxXmlEntryBytes)}`);
  if (entry.uncompressedSize < caps.ratioFloorBytes) return;
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (ratio > caps.maxRatio) throw bomb(label, `其中 ${entry.fileName} 压缩比达 ${Math.round(ratio)}:1`);
}

function readDirectory(zip: ZipFile, label: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(new JixiaoError('corrupt', `${label}的压缩包目录已损坏：${error.message}`)));
    zip.readEntry();
  });
}

/** Inflates one entry to nowhere; yauzl fails the stream when it inflates past its declared size. */
async function streamEntry(zip: ZipFile, entry: Entry, label: string): Promise<void> {
  if (entry.fileName.endsWith('/')) return;
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw new JixiaoError('corrupt', `${label}中的 ${entry.fileName} 无法解压：${(error as Error).message}`);
  }
  const scan = XML_PART.test(entry.fileName);
  let tail = '';
  try {
    for await (const chunk of stream) {
      if (!scan) continue;
      const text = tail + (chunk as Buffer).toString('latin1').replace(/\0/g, '');
      if (DTD.test(text)) {
        stream.destroy();
        throw new JixiaoError('zip-bomb', `${label}中的 ${entry.fileName} 含有 DOCTYPE/ENTITY 声明（可能是 XML 实体炸弹或外部实体攻击），已拒绝读取`);
      }
      tail = text.slice(-16);
    }
  } catch (error) {
    if (error instanceof JixiaoError) throw error;
    const message = (error as Error).message;
    if (/too many bytes|too few bytes|size/i.test(message)) throw bomb(label, `其中 ${entry.fileName} 实际解压大小与声明不符`);
    throw new JixiaoError('corrupt', `${label}中的 ${entry.fileName} 解压失败：${message}`);
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function bomb(label: string, why: string): JixiaoError {
  return new JixiaoError('zip-bomb', `${label}疑似压缩炸弹（${why}），为保护系统已拒绝读取；如确为正常文件，请另存为较小的文件后重试`);
}

/** The next entry of a zip opened with lazyEntries, or null at the end. */
export function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
