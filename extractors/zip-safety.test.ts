import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeZip } from './zip-writer.ts';
import { assertSafeZip } from './zip-safety.ts';

const small = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `word/part${i}.xml`, data: `<a>${i}</a>` }));

describe('zip safety', () => {
  it('accepts ordinary DOCX and XLSX packages', async () => {
    await assertSafeZip(readFileSync(new URL('../fixtures/docx/invariance.docx', import.meta.url)), 'Word 文件');
    await assertSafeZip(readFileSync(new URL('../fixtures/xlsx/jichu-shuju.xlsx', import.meta.url)), 'Excel 文件');
  });

  it('rejects the zip-bomb fixture by its compression ratio, with a Chinese message', async () => {
    const bomb = readFileSync(new URL('../fixtures/docx/bomb.docx', import.meta.url));
    await expect(assertSafeZip(bomb, 'Word 文件')).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringMatching(/压缩炸弹.*压缩比/) });
  });

  it('rejects too many entries and too many bytes in total', async () => {
    await expect(assertSafeZip(writeZip(small(20)), 'X', { maxEntries: 10 })).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining('个文件') });
    await expect(assertSafeZip(writeZip(small(20)), 'X', { maxTotalBytes: 100 })).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining('解压后共') });
  });

  it('rejects an entry that inflates past the size its header declares', async () => {
    const liar = writeZip([{ name: 'word/document.xml', data: Buffer.alloc(2 * 1024 * 1024, 0x20), declaredSize: 1000 }]);
    await expect(assertSafeZip(liar, 'Word 文件')).rejects.toMatchObject({ code: 'zip-bomb', message: expect.stringContaining('与声明不符') });
  });

  it('catches an ENTITY declaration split across stream chunks and in UTF-16', async () => {
    const padded = `<?xml version="1.0"?>${' '.repeat(65_530)}<!ENTITY x "y"><a/>`;
    await expect(assertSafeZip(writeZip([{ name: 'xl/workbook.xml', data: padded, store: true }]), 'X')).rejects.toMatchObject({ code: 'zip-bomb' });
    const utf16 = Buffer.from('\ufeff<!DOCTYPE a><a/>', 'utf16le');
    await expect(assertSafeZip(writeZip([{ name: 'word/document.xml', data: utf16 }]), 'X')).rejects.toMatchObject({ code: 'zip-bomb' });
  });

  it('reports bytes that are not a zip as corrupt', async () => {
    await expect(assertSafeZip(Buffer.from('not a zip at all'), 'X')).rejects.toMatchObject({ code: 'corrupt' });
  });
});
