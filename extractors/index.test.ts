import { describe, expect, it } from 'vitest';
import { FormatSchema } from '../model/index.ts';
import { FORMAT_LABEL, extractorFor, sniffFormat } from './index.ts';

const zip = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.from(part)]);

describe('the format registry', () => {
  it('sniffs each format from its bytes, the extension breaking only the ties the bytes cannot', () => {
    expect(sniffFormat(Buffer.from('junk%PDF-1.7'), 'a.txt')).toBe('pdf');
    expect(sniffFormat(zip('word/document.xml'), 'a.xlsx')).toBe('docx');
    expect(sniffFormat(zip('xl/workbook.xml'), 'a.docx')).toBe('xlsx');
    expect(sniffFormat(zip('other'), 'a.docx')).toBe('docx');
    expect(sniffFormat(zip('other'), 'a.xlsx')).toBe('xlsx');
    expect(sniffFormat(zip('other'), 'a.zip')).toBe('unknown');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect([sniffFormat(ole, 'a.doc'), sniffFormat(ole, 'a.WPS'), sniffFormat(ole, 'a.et'), sniffFormat(ole, 'a.xls'), sniffFormat(ole, 'a')]).toEqual(['doc', 'wps', 'et', 'xls', 'doc']);
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]), 'a.txt')).toBe('image');
    expect(sniffFormat(Buffer.from('评分表 合计 100 分\n'), 'a.bin')).toBe('txt');
    expect(sniffFormat(Buffer.from([1, 2, 0, 4]), 'a.txt')).toBe('unknown');
  });

  it('has a reader, an extractor and a Chinese label for every format of the model', async () => {
    for (const format of FormatSchema.options) {
      expect(FORMAT_LABEL[format], format).toBeTruthy();
      if (format === 'unknown') await expect(extractorFor(format)).rejects.toThrow('不支持');
      else expect(typeof (await extractorFor(format))).toBe('function');
    }
  });
});
