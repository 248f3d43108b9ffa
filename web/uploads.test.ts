import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeZip } from '../extractors/zip-writer.ts';
import { safeExtension, Uploads } from './uploads.ts';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('Uploads', () => {
  let data: string;
  let uploads: Uploads;
  beforeEach(async () => {
    data = await mkdtemp(join(tmpdir(), 'jixiao-uploads-'));
    uploads = new Uploads(data, { maxFileBytes: 1024 * 1024, maxFiles: 3, maxBatchBytes: 4096 });
    await uploads.init();
  });
  afterEach(() => rm(data, { recursive: true, force: true }));

  it('stores a file by its content hash whatever the client calls it', async () => {
    const [saved] = await uploads.save('../../x.pdf', Readable.from([Buffer.from('%PDF-1.4 not really')]));
    expect(saved).toEqual({ name: '../../x.pdf', path: join(data, 'uploads', `${sha('%PDF-1.4 not really')}.pdf`) });
    expect(await readdir(dirname(dirname(data)))).not.toContain('x.pdf');
    expect(await readdir(join(data, 'tmp'))).toEqual([]);
  });

  it('keeps only a known extension from the name', () => {
    expect(safeExtension('报告.PDF')).toBe('.pdf');
    expect(safeExtension('a.txt/../../etc')).toBe('');
    expect(safeExtension('evil.sh')).toBe('');
    expect(safeExtension('x.pdf\u0000.sh')).toBe('');
  });

  it('unpacks a ZIP of reports into its entries, each stored by hash, skipping folders and dot files', async () => {
    const zip = writeZip([
      { name: '甲局/报告一.txt', data: '第一份' },
      { name: '甲局/', data: '' },
      { name: '__MACOSX/._报告一.txt', data: 'junk' },
      { name: '乙局/报告二.txt', data: '第二份' },
    ]);
    const saved = await uploads.save('批量.zip', Readable.from([zip]));
    expect(saved).toEqual([
      { name: '批量.zip/甲局/报告一.txt', path: join(data, 'uploads', `${sha('第一份')}.txt`) },
      { name: '批量.zip/乙局/报告二.txt', path: join(data, 'uploads', `${sha('第二份')}.txt`) },
    ]);
    expect(await readFile(saved[1].path, 'utf8')).toBe('第二份');
  });

  it('refuses a ZIP whose entry names climb out of the archive, writing nothing', async () => {
    const zip = writeZip([{ name: 'a.txt', data: 'a' }, { name: '../../逃逸.txt', data: 'b' }]);
    await expect(uploads.save('坏.zip', Readable.from([zip]))).rejects.toThrow(/压缩包“坏.zip”.*损坏/);
    expect(await readdir(join(data, 'uploads'))).toEqual([]);
  });

  it('stops a batch whose files together pass the byte allowance', async () => {
    const budget = { bytes: 4096 };
    await uploads.save('a.txt', Readable.from([Buffer.alloc(3000, 'a')]), budget);
    await expect(uploads.save('b.txt', Readable.from([Buffer.alloc(3000, 'b')]), budget)).rejects.toThrow(/合计超过/);
    expect(await readdir(join(data, 'uploads'))).toHaveLength(1);
    expect(await readdir(join(data, 'tmp'))).toEqual([]);
  });

  it('refuses a ZIP with more entries than a batch may hold', async () => {
    const zip = writeZip(['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.txt`, data: n })));
    await expect(uploads.save('多.zip', Readable.from([zip]))).rejects.toThrow(/超过 3 个的上限/);
  });
});
