// The PDF extractor on the fixtures of fixtures/pdf (regenerate them with
// `npx tsx fixtures/pdf/make-fixtures.ts`; the expected structure comes from the same source model).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellPositions } from '../../fixtures/pdf/gen/render.ts';
import { seed004 } from '../../fixtures/pdf/gen/seed004.ts';
import { synthetic } from '../../fixtures/pdf/gen/synthetic.ts';
import { JixiaoError, type Block, type RawDocument, type Table } from '../../model/index.ts';
import type { OcrService } from '../types.ts';
import { assertValidRawDocument } from '../validate.ts';
import { extract, pageList } from './index.ts';
import { loadPdfjs, openPdf } from './pdfjs.ts';

const dir = join(import.meta.dirname, '../../fixtures/pdf');
const bytesOf = (name: string) => readFileSync(join(dir, name));
const run = (name: string, options = {}) => extract({ path: name, bytes: bytesOf(name), format: 'pdf' }, options);

const tables = (doc: RawDocument) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (doc: RawDocument) => doc.blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph');
const squash = (s: string) => s.replace(/\s+/g, '');

/** pdf.js's own text of each page, whitespace removed: to check which page a cell says it is on. */
async function pageTexts(name: string): Promise<string[]> {
  const doc = await openPdf(bytesOf(name));
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push(squash(content.items.map((i) => ('str' in i ? i.str : '')).join('')));
  }
  await doc.destroy();
  return out;
}

/** Every source cell with a span has the same span, text and place in the extracted table. */
function expectSpans(table: Table, source: Parameters<typeof cellPositions>[0]): number {
  let checked = 0;
  for (const { row, col, cell } of cellPositions(source)) {
    if ((cell.rowSpan ?? 1) === 1 && (cell.colSpan ?? 1) === 1) continue;
    const got = table.rows[row]?.[col];
    expect(got, `cell ${row + 1},${col + 1}`).toBeDefined();
    expect({ text: squash(got.text), rowSpan: got.rowSpan ?? 1, colSpan: got.colSpan ?? 1 }).toEqual({ text: squash(cell.text), rowSpan: cell.rowSpan ?? 1, colSpan: cell.colSpan ?? 1 });
    for (let r = row; r < row + (cell.rowSpan ?? 1); r++)
      for (let c = col; c < col + (cell.colSpan ?? 1); c++) if (r !== row || c !== col) expect(table.rows[r][c].covered).toBe(true);
    checked++;
  }
  return checked;
}

describe('seed 004 report (20 pages, 评分表 over 12 pages)', () => {
  const name = 'seed004-report.pdf';
  const source = seed004(readFileSync(join(import.meta.dirname, '../../fixtures/seeds/004_5832cd79950040f3.txt'), 'utf8'));
  const sourceTable = source.blocks.at(-1);
  let doc: RawDocument;
  let scoring: Table;
  beforeAll(async () => {
    doc = await run(name);
    scoring = tables(doc).find((t) => t.rows[0][0].text === '评价指标')!;
  });

  it('is a valid RawDocument with every block on a page', () => {
    assertValidRawDocument(doc);
    expect(doc.pages).toBe(20);
    for (const block of doc.blocks) expect(block.loc.page).toBeGreaterThanOrEqual(1);
    const pages = doc.blocks.map((b) => b.loc.page!);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('joins the multi-page 评分表 into one table: one header, same rows as the source, merged cells as spans', () => {
    if (sourceTable?.kind !== 'table') throw new Error('source has no scoring table');
    expect(tables(doc).filter((t) => t.rows[0][0].text === '评价指标')).toHaveLength(1);
    expect(scoring.pages!.length).toBeGreaterThanOrEqual(3);
    expect(scoring.rows).toHaveLength(sourceTable.rows.length);
    expect(scoring.rows.every((row) => row.length === 10)).toBe(true);
    expect(scoring.rows.flat().filter((c) => c.text === '评价指标')).toHaveLength(1);
    // 一级/二级 cells whose rowSpan runs over page breaks come back whole.
    expect(expectSpans(scoring, sourceTable.rows)).toBeGreaterThan(20);
    const first = scoring.rows[4][0];
    expect(first).toMatchObject({ text: '预算编制情况', rowSpan: 5 });
    expect(new Set(scoring.rows.slice(4, 9).map((row) => row[5].loc.page)).size).toBeGreaterThan(1);
  });

  it('gives every cell the page it is printed on', async () => {
    const texts = await pageTexts(name);
    const cells = scoring.rows.flat().filter((c) => !c.covered && c.text.trim() !== '');
    for (const cell of cells) expect(texts[cell.loc.page! - 1], `${cell.text.slice(0, 20)} on page ${cell.loc.page}`).toContain(squash(cell.text).slice(0, 8));
    // Consecutive pages, including a page that only holds the rest of a cut row.
    const pages = scoring.pages!;
    expect(pages).toEqual(pages.map((_, i) => pages[0] + i));
    for (const cell of scoring.rows.flat()) expect(pages).toContain(cell.loc.page);
    expect(scoring.rows.flat().every((c) => c.loc.table === scoring.index)).toBe(true);
  });

  it('keeps rows the page break cut in one piece', () => {
    const row = scoring.rows.find((r) => r[4].text === '预算编制准确性')!;
    expect(row[8].text).toMatch(/本项得2分。$/);
    expect(scoring.rows.some((r) => r.slice(0, 6).every((c) => c.text === '') && r.slice(6).some((c) => c.text !== ''))).toBe(false);
  });

  it('drops the running header and the page numbers, and joins a paragraph cut by a page break', () => {
    const texts = paragraphs(doc).map((p) => p.text);
    expect(texts.filter((t) => t === source.runningHeader)).toHaveLength(1); // the title on page 1 only
    expect(texts.some((t) => /^-\s*\d+\s*-$/.test(t))).toBe(false);
    const sourceTexts = source.blocks.flatMap((b) => (b.kind === 'table' ? [] : [squash(b.text)]));
    const split = paragraphs(doc).filter((p) => !sourceTexts.includes(squash(p.text)));
    expect(split.map((p) => p.text)).toEqual([]);
  });
});

describe('synthetic report (table without repeated header across a page break)', () => {
  it('reads paragraphs and the scoring table with its spans', async () => {
    const doc = await run('synthetic-report.pdf');
    assertValidRawDocument(doc);
    const source = synthetic();
    const sourceTable = source.blocks.at(-1);
    if (sourceTable?.kind !== 'table') throw new Error('source has no table');
    const table = tables(doc).find((t) => t.rows[0][0].text === '一级指标')!;
    expect(table.pages!.length).toBeGreaterThanOrEqual(2);
    expect(table.rows).toHaveLength(sourceTable.rows.length);
    expect(expectSpans(table, sourceTable.rows)).toBeGreaterThan(10);
    expect(paragraphs(doc).some((p) => p.heading === 1 && p.text === source.title)).toBe(true);
    expect(paragraphs(doc).map((p) => p.text)).toContain('2023年年初支出预算数520.00万元，其中：基本支出312.40万元，项目支出207.60万元。全年支出决算数486.12万元，支出完成率=486.12/520.00×100%=98.64%。');
  });

  it('finds the table that has no ruling lines by its column alignment', async () => {
    const doc = await run('synthetic-report.pdf');
    const source = synthetic().blocks.find((b) => b.kind === 'table' && b.borderless);
    if (source?.kind !== 'table') throw new Error('source has no borderless table');
    const [first] = tables(doc);
    expect(first.rows.map((r) => r.map((c) => c.text))).toEqual(source.rows.map((r) => r.map((c) => c.text)));
    expect(first.loc.page).toBe(1);
  });

  it('reads a PDF encrypted with an owner password only', async () => {
    const [plain, locked] = await Promise.all([run('synthetic-report.pdf'), run('encrypted-owner-only.pdf')]);
    expect(locked.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual(plain.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')));
  });
});

describe('non-embedded STSong-Light (Type0, UniGB-UCS2-H)', () => {
  it('reads the Chinese text and the table ruled with thin rectangles', async () => {
    const doc = await run('stsong-nonembedded.pdf');
    assertValidRawDocument(doc);
    expect(paragraphs(doc)[0].text).toBe('宋体字未嵌入的报告：预算执行率98.64%');
    const [table] = tables(doc);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([['指标', '分值', '得分'], ['预算执行率', '4', '3.5']]);
  });

  it('reads a page drawn sideways under /Rotate 90 in its displayed orientation', async () => {
    const [upright, rotated] = await Promise.all([run('stsong-nonembedded.pdf'), run('stsong-rotated.pdf')]);
    assertValidRawDocument(rotated);
    const content = (doc: RawDocument) => doc.blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.map((c) => c.text)) : b.kind === 'paragraph' ? b.text : b.note));
    expect(content(rotated)).toEqual(content(upright));
    const [x0, y0, x1, y1] = tables(rotated)[0].loc.bbox!;
    expect(x1 - x0).toBeCloseTo(300, 0); // table width along the displayed (landscape) page
    expect(y0).toBeGreaterThan(0);
    expect(y1).toBeLessThan(595);
  });

  it('loses that text without the cMaps, which is why they are passed', async () => {
    const pdfjs = await loadPdfjs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytesOf('stsong-nonembedded.pdf')), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(text).not.toContain('宋体');
    await doc.destroy();
  });
});

describe('pages without a text layer', () => {
  it('says it once for all such pages, not once per page', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'jixiao-scan3-')), 'three-scans.pdf');
    const page = join('fixtures/pdf', 'scanned-page.pdf');
    // qpdf (a Debian package the tests install) joins three copies of the scanned page.
    execFileSync('qpdf', ['--empty', '--pages', page, page, page, '--', out]);
    const doc = await extract({ path: out, bytes: readFileSync(out), format: 'pdf' }, {});
    expect(doc.warnings.filter((w) => w.includes('没有文字层'))).toEqual(['第1–3页没有文字层，可能是扫描件']);
  });

  it('names pages as runs: 第1–3、5页', () => {
    expect(pageList([1, 2, 3, 5])).toBe('第1–3、5页');
    expect(pageList([4])).toBe('第4页');
  });

  it('warns in Chinese when no OCR service is given', async () => {
    const doc = await run('scanned-page.pdf');
    assertValidRawDocument(doc);
    expect(doc.warnings).toContain('第1页没有文字层，可能是扫描件');
    expect(doc.ocrPages).toBeUndefined();
  });

  it('hands the page to extractors/ocr when an OCR service is given', async () => {
    const seen: number[] = [];
    const ocr: OcrService = {
      recognize: async (image) => {
        seen.push(image.page ?? 0);
        return [{ kind: 'paragraph', text: '识别出的文字', loc: { page: image.page, bbox: [10, 10, 200, 40] }, ocrConfidence: 90 }];
      },
      terminate: async () => undefined,
    };
    const doc = await run('scanned-page.pdf', { ocr });
    assertValidRawDocument(doc);
    expect(seen).toEqual([1]);
    expect(doc.ocrPages).toEqual([1]);
    expect(paragraphs(doc).map((p) => [p.text, p.loc.page])).toEqual([['识别出的文字', 1]]);
  });
});

describe('broken PDFs', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['bad-encrypted-user.pdf', 'encrypted', /PDF 已加密，需要密码才能打开/],
    ['bad-truncated.pdf', 'corrupt', /PDF 文件已损坏或不完整/],
    ['bad-random-bytes.pdf', 'corrupt', /PDF 文件已损坏或不完整/],
    ['bad-zero-pages.pdf', 'empty', /没有任何页面/],
  ];
  it.each(cases)('%s → %s', async (name, code, message) => {
    const error = await run(name).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(JixiaoError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
