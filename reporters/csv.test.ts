import { describe, expect, it } from 'vitest';
import { BOM, csvText, quoteField, renderCsv } from './csv.ts';
import { FINDING_COLUMNS } from './labels.ts';
import { HOSTILE_EVIDENCE, sampleOutput } from './testing/sample-output.ts';
import { csvTable } from '../store/import.ts';

/** Read back with the RFC 4180 reader of `jixiao import` (a reader, not the writer's own splitting). */
function parseCsv(text: string): string[][] {
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  return csvTable(text);
}

describe('renderCsv', () => {
  const text = renderCsv(sampleOutput(), { statusOf: (fp) => (fp === 'fp-rate' ? { status: 'confirmed' as const, note: null, updatedAt: null } : undefined) });
  const rows = parseCsv(text.slice(1));

  it('starts with a UTF-8 BOM and the Chinese headers of the Excel sheet', () => {
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rows[0]).toEqual(FINDING_COLUMNS.map((c) => c.header));
    expect(rows[0].slice(0, 3)).toEqual(['编号', '指纹', '文件']);
  });

  const col = (header: string) => FINDING_COLUMNS.findIndex((c) => c.header === header);

  it('writes one row per finding with every column', () => {
    expect(rows).toHaveLength(4);
    expect(rows[1].slice(0, 22)).toEqual([
      '1-1', 'fp-total', 'reports/2022-金融工作局.pdf', '湛江市金融工作局', '2022', '错误', 'score/total-mismatch', '合计',
      '评分表合计为100分，但各项得分相加为94.42分', '100', '94.42', '', '总分 100 → 94.42，等级不变（优）', '12', '1', '9', '4', '',
      '合计\t100\t100', '20 + 17.5 + 30 + 26.92 = 94.42', '待核实', '',
    ]);
    expect(rows[2][col('状态')]).toBe('已确认');
  });

  it('quotes newlines, quotes and commas in evidence (RFC 4180) and reads back intact', () => {
    expect(text).toContain(`"${HOSTILE_EVIDENCE.replace(/"/g, '""')}"`);
    expect(rows[3][col('原文')]).toBe(HOSTILE_EVIDENCE);
  });

  it('defuses text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(rows[3][col('指标')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(csvText('-2.5')).toBe('-2.5');
    expect(csvText('+1')).toBe('+1');
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText(null)).toBe('');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('plain')).toBe('plain');
  });
});

describe('复算值', () => {
  it('is never a number printed elsewhere: figure conflicts put it under 另一处所印的值', () => {
    const output = sampleOutput();
    const [first] = output.documents[0].findings;
    output.documents[0].findings = [{ ...first, rule: 'figure/conflict', actual: '0.08', expected: '0.00104', fingerprint: 'fp-figure' }, first];
    const rows = parseCsv(renderCsv(output).slice(1));
    const col = (header: string) => rows[0].indexOf(header);
    expect([rows[1][col('复算值')], rows[1][col('另一处所印的值')]]).toEqual(['', '0.00104']);
    expect([rows[2][col('复算值')], rows[2][col('另一处所印的值')]]).toEqual(['94.42', '']);
  });
});
