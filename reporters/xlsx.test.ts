import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FINDING_COLUMNS, SUMMARY_COLUMNS } from './labels.ts';
import { HOSTILE_EVIDENCE, sampleOutput } from './testing/sample-output.ts';
import { FINDINGS_SHEET, RANKING_SHEET, SEVERITY_FILL, SUMMARY_SHEET, renderXlsx } from './xlsx.ts';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => sheet.getRow(row).getCell(i + 1).value);

/** The cell of a finding row under the given header of 问题清单. */
const findingCell = (sheet: ExcelJS.Worksheet, row: number, header: string) => {
  const col = FINDING_COLUMNS.findIndex((c) => c.header === header);
  if (col < 0) throw new Error(`no column ${header}`);
  return sheet.getRow(row).getCell(col + 1);
};

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('renderXlsx', async () => {
  // Both shapes a lookup may return: a bare status, or the store's FollowUp object.
  const followUp = (status: 'confirmed' | 'dismissed', note: string | null = null) => ({ status, note, updatedAt: null });
  const statusOf = (fp: string) => (fp === 'fp-rate' ? followUp('confirmed', '已与单位核实') : fp === 'fp-hostile' ? followUp('dismissed') : null);
  const workbook = await readBack(await renderXlsx(sampleOutput(), { statusOf }));
  const summary = workbook.getWorksheet(SUMMARY_SHEET)!;
  const findings = workbook.getWorksheet(FINDINGS_SHEET)!;

  it('has the three sheets in order with Chinese headers', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, FINDINGS_SHEET, RANKING_SHEET]);
    expect(rowValues(summary, 1, 12)).toEqual(['文件', '单位', '年度', '格式', '状态', '报告总分', '复算总分', '等级', '错误数', '警告数', '提示数', '错误信息']);
    expect(rowValues(findings, 1, FINDING_COLUMNS.length)).toEqual([
      '编号', '指纹', '文件', '单位', '年度', '严重程度', '规则', '指标', '问题说明', '报告值', '复算值', '另一处所印的值', '若属实：总分与等级',
      '页', '表', '行', '列', '文本行', '原文', '复算过程', '状态', '备注', '规则说明', '规则依据', '规则文档',
    ]);
    expect(summary.getRow(1).font?.bold).toBe(true);
  });

  it('writes one summary row per document, numbers as numbers, and the failed file with its message', () => {
    expect(summary.rowCount).toBe(3);
    expect(rowValues(summary, 2, 11).slice(1)).toEqual(['湛江市金融工作局', 2022, 'PDF', '部分检查', 100, 94.42, '优', 1, 1, 1]);
    expect(summary.getCell('L2').value).toBeNull();
    expect(rowValues(summary, 3, 12).slice(1)).toEqual([
      null, null, 'PDF', '无法读取', null, null, null, 0, 0, 0, '文件已加密，无法读取（encrypted）',
    ]);
    expect(fillOf(summary.getCell('I2'))).toBe(SEVERITY_FILL.error);
    expect(fillOf(summary.getCell('I3'))).toBeUndefined();
  });

  it('writes one finding row per finding, errors first, every column filled from the finding', () => {
    expect(findings.rowCount).toBe(4);
    const row = rowValues(findings, 2, FINDING_COLUMNS.length);
    expect(row.slice(0, 22)).toEqual([
      '1-1', 'fp-total', expect.objectContaining({ result: 'reports/2022-金融工作局.pdf' }), '湛江市金融工作局', 2022,
      '错误', 'score/total-mismatch', '合计', '评分表合计为100分，但各项得分相加为94.42分', 100, 94.42, null, '总分 100 → 94.42，等级不变（优）', 12, 1, 9, 4, null,
      '合计\t100\t100', '20 + 17.5 + 30 + 26.92 = 94.42', '待核实', null,
    ]);
    // The rule's description, basis and README, so a reviewer can judge the rule itself
    const [description, basis, readme] = row.slice(22);
    expect(description).toContain('合计');
    expect(basis).toContain('舍入区间');
    expect(readme).toMatch(/^file:.*\/scoring\/rules\/score-total-mismatch\/README\.md$/);
    expect(findingCell(findings, 3, '严重程度').value).toBe('警告');
    expect(findingCell(findings, 3, '状态').value).toBe('已确认');
    expect(findingCell(findings, 3, '备注').value).toBe('已与单位核实');
    expect(findingCell(findings, 4, '状态').value).toBe('已排除');
    expect(findingCell(findings, 4, '原文').value).toBe(HOSTILE_EVIDENCE);
    expect(findingCell(findings, 4, '指标').value).toBe('=HYPERLINK("http://evil")');
    expect(findingCell(findings, 4, '指标').type).toBe(ExcelJS.ValueType.String);
  });

  it('colours the severity cell', () => {
    expect(fillOf(findingCell(findings, 2, '严重程度'))).toBe(SEVERITY_FILL.error);
    expect(fillOf(findingCell(findings, 3, '严重程度'))).toBe(SEVERITY_FILL.warning);
    expect(fillOf(findingCell(findings, 4, '严重程度'))).toBe(SEVERITY_FILL.info);
  });

  it('links each finding row to its document row on 汇总, and each 汇总 row to the report file', () => {
    const cell = findingCell(findings, 2, '文件').value as ExcelJS.CellFormulaValue;
    expect(cell.formula).toBe(`HYPERLINK("#'汇总'!A2","reports/2022-金融工作局.pdf")`);
    expect(cell.result).toBe('reports/2022-金融工作局.pdf');
    const file = summary.getCell('A2').value as ExcelJS.CellFormulaValue;
    expect(file.formula).toBe(`HYPERLINK("reports/2022-金融工作局.pdf","reports/2022-金融工作局.pdf")`);
  });

  it('offers the status as a drop-down list on every finding row', () => {
    for (const row of [2, 3, 4]) {
      expect(findingCell(findings, row, '状态').dataValidation).toMatchObject({ type: 'list', formulae: ['"待核实,已确认,已排除"'] });
    }
  });

  it('ranks units by open errors on 单位排名 (a dismissed error does not count)', () => {
    const ranking = workbook.getWorksheet(RANKING_SHEET)!;
    expect(rowValues(ranking, 1, 7)).toEqual(['单位', '文件数', '未排除的错误', '其中已确认', '警告', '无法检查的文件', '需发整改通知']);
    expect(rowValues(ranking, 2, 7)).toEqual(['湛江市金融工作局', 1, 1, 0, 1, 0, '是']);
  });

  it('writes file paths relative to the folder of the workbook', async () => {
    const output = sampleOutput();
    output.documents[0].file = '/data/reports/2022-金融工作局.pdf';
    const back = await readBack(await renderXlsx(output, { linkBase: '/data/out' }));
    expect(findingCell(back.getWorksheet(FINDINGS_SHEET)!, 2, '文件').result).toBe('../reports/2022-金融工作局.pdf');
  });

  it('freezes the header row and puts an autofilter over the data', () => {
    for (const sheet of [summary, findings]) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    }
    expect(findings.autoFilter).toBe('A1:Y4');
    expect(findings.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(summary.autoFilter).toBe('A1:L3');
  });

  it('sizes columns to their content, counting CJK characters double, and wraps long text', () => {
    expect(summary.getColumn(1).width).toBe('reports/2022-'.length + 2 * '金融工作局'.length + '.pdf'.length + 2);
    const column = (header: string) => findings.getColumn(FINDING_COLUMNS.findIndex((c) => c.header === header) + 1);
    expect(column('严重程度').width).toBe(2 * '严重程度'.length + 3 + 2);
    expect(column('页').width).toBe(2 + 3 + 2);
    expect(column('原文').width).toBeLessThanOrEqual(50);
    expect(findingCell(findings, 4, '原文').alignment?.wrapText).toBe(true);
  });

  it('strips characters XML cannot hold instead of writing a corrupt file', async () => {
    const output = sampleOutput();
    output.documents[0].findings[0].evidence = 'a\u0001b\u0008c\uFFFFd';
    const back = await readBack(await renderXlsx(output));
    expect(findingCell(back.getWorksheet(FINDINGS_SHEET)!, 2, '原文').value).toBe('abcd');
  });

  it('writes just the headers for an empty batch', async () => {
    const back = await readBack(await renderXlsx({ tool: { name: 'jixiao', version: '0.1.0' }, documents: [] }));
    expect(back.getWorksheet(FINDINGS_SHEET)!.rowCount).toBe(1);
    expect(back.getWorksheet(SUMMARY_SHEET)!.getCell('A1').value).toBe(SUMMARY_COLUMNS[0].header);
  });
});
