// "Proven before it accuses" on scans: a finding keeps its severity only when the document read at
// both extremes of every doubtful OCR digit (normalizers/ocr-doubt.ts ocrReadings) raises it too.
import { describe, expect, it } from 'vitest';
import { extract } from '../extractors/txt/index.ts';
import type { RawDocument, Table } from '../model/index.ts';
import { differsByOneDigit, ocrConfusionReadings, ocrReadings } from '../normalizers/ocr-doubt.ts';
import { alternativeReadings } from '../pipeline/check.ts';
import { buildReport } from '../normalizers/report.ts';
import { scoreReport } from '../scoring/engine.ts';

const TEXT = [
  '某单位2023年度部门整体支出绩效自评报告',
  '表1 绩效评价指标评分表',
  '一级指标\t二级指标\t分值\t得分',
  '决策\t项目立项\t20\t18',
  '过程\t资金管理\t30\t27',
  '产出\t产出数量\t50\t45',
  '合计\t\t100\t94',
  '本年度全年预算数130.25万元，全年执行数128.75万元。',
].join('\n');

/** The text document as if it had been scanned, with the given cells read with low confidence. */
async function scanned(low: Array<{ row: number; col: number; span: [number, number] } | { paragraph: string; span: [number, number] }>, text = TEXT): Promise<RawDocument> {
  const raw = await extract({ path: 'x.txt', bytes: Buffer.from(text), format: 'txt' }, {});
  const table = raw.blocks.find((b): b is Table => b.kind === 'table')!;
  for (const spot of low) {
    if ('row' in spot) table.rows[spot.row][spot.col].ocrLowSpans = [spot.span];
    else for (const b of raw.blocks) if (b.kind === 'paragraph' && b.text.includes(spot.paragraph)) b.ocrLowSpans = [spot.span];
  }
  return { ...raw, ocrPages: [1] };
}

const findings = (raw: RawDocument) => scoreReport(buildReport(raw, 'x'), {}, alternativeReadings(raw, 'x')).findings;

describe('OCR findings proven before they accuse', () => {
  it('keeps the error when the doubtful digit is one the finding does not rest on', async () => {
    const raw = await scanned([{ paragraph: '128.75', span: [23, 24] }]); // 128.75's second digit
    expect(ocrReadings(raw)).toHaveLength(2);
    expect(findings(raw).filter((f) => f.rule === 'score/total-mismatch').map((f) => f.severity)).toEqual(['error']);
  });

  it('lowers it to "OCR 未能确认" when the sum rests on the doubtful digit, in a leaf or in the total', async () => {
    for (const cell of [{ row: 2, col: 3, span: [1, 2] as [number, number] }, { row: 4, col: 3, span: [0, 1] as [number, number] }]) {
      const [f] = findings(await scanned([cell])).filter((x) => x.rule === 'score/total-mismatch');
      expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('OCR 未能确认') });
    }
  });

  it('has nothing to prove on a scan without doubt, or on a text document', async () => {
    expect(ocrReadings(await scanned([]))).toEqual([]);
    const raw = await scanned([{ row: 4, col: 3, span: [0, 1] }]);
    expect(ocrReadings({ ...raw, ocrPages: undefined })).toEqual([]);
  });
});

describe('doubtful figures their table\'s own sums vouch for', () => {
  const tablesOf = (raw: RawDocument) => buildReport(raw, 'x').tables;

  it('a weight read with doubt is proven when the weights it sums with hold exactly as read', async () => {
    const raw = await scanned([{ row: 2, col: 2, span: [0, 2] }]); // 资金管理's weight 30: 20 + 30 + 50 = 100
    expect(ocrReadings(raw)).toHaveLength(2);
    expect(ocrReadings(raw, tablesOf(raw))).toEqual([]);
    expect(buildReport(raw, 'x').ocrDoubt).toEqual({ tables: [], passages: [] });
  });

  it('the total\'s weight too', async () => {
    const raw = await scanned([{ row: 4, col: 2, span: [0, 3] }]);
    expect(ocrReadings(raw, tablesOf(raw))).toEqual([]);
  });

  it('not a weight in a sum that does not hold, nor two doubtful terms of one sum', async () => {
    // 产出's children give 25 + 20 = 45 against its 50; 过程's give 15 + 15 = 30.
    const text = [
      '某单位2023年度部门整体支出绩效自评报告',
      '表1 绩效评价指标评分表',
      '一级指标\t分值\t二级指标\t分值\t得分',
      '决策\t20\t项目立项\t10\t9',
      '\t\t绩效目标\t10\t9',
      '过程\t30\t资金管理\t15\t14',
      '\t\t组织实施\t15\t15',
      '产出\t50\t产出数量\t25\t24',
      '\t\t产出质量\t20\t20',
      '合计\t100\t\t\t91',
    ].join('\n');
    const holding = await scanned([{ row: 4, col: 3, span: [0, 2] }], text);
    expect(ocrReadings(holding, tablesOf(holding))).toEqual([]);
    const broken = await scanned([{ row: 6, col: 3, span: [0, 2] }], text);
    expect(ocrReadings(broken, tablesOf(broken))).toHaveLength(2);
    expect(buildReport(broken, 'x').ocrDoubt?.tables).toEqual([1]);
    const two = await scanned([{ row: 1, col: 2, span: [0, 2] }, { row: 2, col: 2, span: [0, 2] }]);
    expect(ocrReadings(two, tablesOf(two))).toHaveLength(2);
  });
});

/** A text document as if scanned with full confidence: only the known PP-OCR confusions can doubt it. */
async function scannedText(...lines: string[]): Promise<RawDocument> {
  const text = ['某单位2023年度部门整体支出绩效自评报告', ...lines].join('\n');
  const raw = await extract({ path: 'x.txt', bytes: Buffer.from(text), format: 'txt' }, {});
  return { ...raw, ocrPages: [1] };
}

const alarmsOf = (raw: RawDocument) => findings(raw).filter((f) => f.rule === 'calc/stated-mismatch');

describe('known PP-OCR confusions a finding must survive', () => {
  it('does not accuse a formula that holds once "9%" is read "%"', async () => {
    const raw = await scannedText('存量资金上年末为40.15万元，本年末为58.39万元，存量资金变动率=(58.39÷40.15-1)×1009%=45.43%。');
    const [f] = alarmsOf(raw);
    expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('“9%”可能是“%”的误识') });
    expect(alarmsOf({ ...raw, ocrPages: undefined }).map((x) => x.severity)).toEqual(['error']);
  });

  it('does not accuse a result that holds with the minus OCR loses', async () => {
    const [f] = alarmsOf(await scannedText('存量资金上年末为58.39万元，本年末为40.15万元，存量资金变动率=(40.15÷58.39-1)×100%=31.24%。'));
    expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('负号') });
  });

  it('keeps the error that every reading of the figures still gives', async () => {
    const raw = await scannedText('全年预算数130.25万元，全年执行数128.75万元，预算执行率=128.75÷130.25×100%=89%。');
    expect(ocrConfusionReadings(raw).map((r) => r.note)).toEqual(['“9%”可能是“%”的误识']);
    expect(alarmsOf(raw)).toMatchObject([{ severity: 'error', message: expect.not.stringContaining('负号') }]);
  });

  it('supposes "9%" read for "%" only where the figure it makes keeps the report\'s decimals', async () => {
    const twoDecimals = ['政府采购执行率89.91%，资产利用率95.20%，结转结余率3.45%。', '预算执行率=20691711.99/22817116.23×100%=90.79%。'];
    const raw = await scannedText(...twoDecimals);
    expect(ocrConfusionReadings(raw)).toEqual([]);
    expect(alarmsOf(raw).map((f) => f.severity)).toEqual(['error']);
    const oneDecimal = await scannedText('政府采购执行率89.9%，资产利用率95.2%，结转结余率3.4%。', twoDecimals[1]);
    expect(ocrConfusionReadings(oneDecimal).map((r) => r.note)).toEqual(['“9%”可能是“%”的误识']);
    expect(alarmsOf(oneDecimal).map((f) => f.severity)).toEqual(['info']);
    const mixed = await scannedText('政府采购执行率89.91%，资产利用率95.2%，结转结余率3.45%。', twoDecimals[1]);
    expect(ocrConfusionReadings(mixed)).toHaveLength(1);
    const whole = await scannedText(twoDecimals[0], '预算执行率=863.47/863.47×100%=1009%。');
    expect(alarmsOf(whole)).toMatchObject([{ severity: 'info', message: expect.stringContaining('“9%”可能是“%”的误识') }]);
  });

  it('supposes a lost minus only where the formula subtracts: a ratio of amounts cannot be negative', async () => {
    const ratio = await scannedText('全年预算数130.25万元，全年执行数128.75万元，预算执行率=128.75÷130.25×100%=97.85%。');
    const change = await scannedText('存量资金上年末为58.39万元，本年末为40.15万元，存量资金变动率=(40.15÷58.39-1)×100%=31.24%。');
    expect(ocrConfusionReadings(ratio)).toEqual([]);
    expect(ocrConfusionReadings(change).map((r) => r.note)).toEqual(['算式结果可能丢了负号']);
  });
});

describe('figures that differ by one digit OCR left out', () => {
  const lines = ['表1 绩效评价指标评分表', '一级指标\t二级指标\t分值\t得分', '决策\t项目立项\t20\t18.41', '过程\t资金管理\t30\t30', '产出\t产出数量\t50\t50', '合计\t\t100\t98.4', '经自评，该单位自评得分为98.41分。'];
  const totals = (raw: RawDocument) => findings(raw).filter((f) => f.rule === 'score/narrative-total');

  it('do not accuse on a scan ("98.41" in the text, "98.4" in the table), and do in a text file', async () => {
    const raw = await scannedText(...lines);
    expect(totals(raw)).toMatchObject([{ severity: 'info', message: expect.stringContaining('可能是 OCR 漏读') }]);
    expect(totals({ ...raw, ocrPages: undefined }).map((f) => f.severity)).toEqual(['error']);
  });

  it('are told apart from figures that differ otherwise', () => {
    expect(differsByOneDigit('98.99', '98.9')).toBe(true);
    expect(differsByOneDigit('98.4', '98.41')).toBe(true);
    expect(differsByOneDigit('17538699.03', '17548699.03')).toBe(false);
    expect(differsByOneDigit('96.4', '98.4')).toBe(false);
    expect(differsByOneDigit('94', '94.1')).toBe(false);
  });
});

describe('a finding that holds in a confusion reading with other figures', () => {
  it('keeps its severity and tells the figures of that reading ("=100%" where the page may print "=-100%")', async () => {
    const raw = await scannedText('国库集中支付结转结余存量资金上年末为0元，本年末为0元，存量资金变动率=(0÷0-1)×100%=100%。');
    const [f] = findings(raw).filter((x) => x.rule === 'calc/divide-by-zero');
    expect(f).toMatchObject({ severity: 'error', actual: '100', message: expect.stringContaining('那样读所涉数字为-100') });
  });
});
