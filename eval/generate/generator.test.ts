// The generator is deterministic, and its truth is true: every injected anomaly is a real inconsistency
// in the rendered report, and clean reports add up (within the rounding a reader allows).
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { generateReport } from './report.ts';
import { toTxt } from './render.ts';
import type { Grid, RenderedReport } from './document.ts';

const SEED = 11;
const N = 80;
const corpus = Array.from({ length: N }, (_, i) => generateReport(SEED, i));

/** Every number printed in the text (thousands separators and full-width digits undone). */
function printedNumbers(text: string): Decimal[] {
  const plain = text.replace(/[０-９．％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/(\d),(?=\d{3})/g, '$1');
  return (plain.match(/-?\d+(\.\d+)?/g) ?? []).map((s) => new Decimal(s));
}

const cellText = (grid: Grid, r: number, c: number) => grid[r][c]?.text ?? '';

/** Reads the scoring table (all its pieces, across a 续表 split or a repeated header): leaf scores and weights, the printed total. */
function scoringSums(report: RenderedReport): { leaves: Decimal; total: Decimal | null; leafWeights: Decimal } {
  let leaves = new Decimal(0);
  let leafWeights = new Decimal(0);
  let total: Decimal | null = null;
  for (const block of report.blocks) {
    if (block.kind !== 'table') continue;
    const grid = block.grid;
    let scoreCol = -1;
    let weightCol = -1;
    for (let r = 0; r < grid.length; r++) {
      const texts = grid[r].map((c) => c?.text ?? '');
      if (texts.includes('得分') && texts.includes('三级指标')) {
        scoreCol = texts.indexOf('得分');
        weightCol = texts.lastIndexOf('分值');
        if (weightCol < texts.indexOf('三级指标')) weightCol = -1;
        continue;
      }
      if (scoreCol < 0) continue;
      const first = grid[r].find((c) => c !== null)?.text ?? '';
      if (first === '名称') continue;
      if (first === '总分' || first === '合计') {
        const scoreCell = grid[r][scoreCol] ?? [...grid[r]].reverse().find((c) => c && /^\d/.test(c.text))!;
        total = new Decimal(scoreCell.text || [...grid[r]].filter((c) => c && /^\d/.test(c.text)).at(-1)!.text);
        continue;
      }
      const score = cellText(grid, r, scoreCol);
      if (!/^-?\d+(\.\d+)?$/.test(score)) continue;
      leaves = leaves.plus(score);
      if (weightCol >= 0 && /^\d/.test(cellText(grid, r, weightCol))) leafWeights = leafWeights.plus(cellText(grid, r, weightCol));
    }
  }
  return { leaves, total, leafWeights };
}

/** The 10-point 预算执行率 score of a self-evaluation form (the 得分 cell of the 年度资金总额 row). */
function budgetScore(report: RenderedReport): Decimal {
  for (const block of report.blocks) {
    if (block.kind !== 'table') continue;
    for (const row of block.grid) {
      const texts = row.filter((c) => c).map((c) => c!.text);
      if (texts.includes('年度资金总额')) return new Decimal(texts[texts.length - 1]);
    }
  }
  return new Decimal(0);
}

/** The data table (项目 | 年初预算数 | 全年预算数 | 全年执行数): per column, 合计 minus the sum of the rows. */
function dataTableGaps(report: RenderedReport): Decimal[] | null {
  for (const block of report.blocks) {
    if (block.kind !== 'table' || block.grid[0][0]?.text !== '项目') continue;
    const number = (t: string) => new Decimal(t.replace(/,/g, ''));
    const rows = block.grid.slice(1).map((row) => row.map((c) => c?.text ?? ''));
    const total = rows.find((r) => r[0] === '合计')!;
    const items = rows.filter((r) => r[0] !== '合计');
    return [1, 2, 3].map((c) => number(total[c]).minus(items.reduce((a, r) => a.plus(number(r[c])), new Decimal(0))).abs());
  }
  return null;
}

describe('generator', () => {
  it('is deterministic: the same seed gives the same reports and truth', () => {
    for (const i of [0, 7, 42]) {
      const again = generateReport(SEED, i);
      expect(toTxt(again.report)).toBe(toTxt(corpus[i].report));
      expect(again.truth).toEqual(corpus[i].truth);
    }
    expect(toTxt(generateReport(SEED + 1, 7).report)).not.toBe(toTxt(corpus[7].report));
  });

  it('mixes kinds and keeps at least a third of the reports clean', () => {
    const kinds = new Set(corpus.map((c) => c.truth.kind));
    expect(kinds.size).toBe(4);
    expect(corpus.filter((c) => c.truth.anomalies.length === 0).length).toBeGreaterThanOrEqual(N / 3);
    for (const c of corpus) expect(c.truth.anomalies.length).toBeLessThanOrEqual(3);
  });

  it('prints the wrong value of every anomaly, and it differs from what the numbers imply', () => {
    for (const { report, truth } of corpus) {
      const text = toTxt(report);
      const numbers = printedNumbers(text);
      for (const a of truth.anomalies) {
        if (a.kind === 'grade-band') {
          expect(text).toContain(`“${a.actual}”`);
          expect(a.expected).not.toBe(a.actual);
          continue;
        }
        expect(numbers.some((x) => x.eq(a.actual)), `${truth.id} ${a.kind} prints ${a.actual}`).toBe(true);
        if (a.kind !== 'unit-wan-yi' && a.expected !== null) expect(new Decimal(a.expected).eq(a.actual), `${truth.id} ${a.kind}`).toBe(false);
      }
    }
  });

  it('makes scoring tables add up in clean reports and not add up when a total anomaly is injected', () => {
    let checked = 0;
    for (const { report, truth } of corpus) {
      if (truth.kind === 'basic-data') continue;
      const sums = scoringSums(report);
      expect(sums.total, truth.id).not.toBeNull();
      const extra = truth.kind === 'third-party' ? new Decimal(0) : budgetScore(report);
      const diff = sums.leaves.plus(extra).minus(sums.total!).abs();
      const totalAnomaly = truth.anomalies.find((a) => a.kind === 'total-mismatch');
      if (totalAnomaly) {
        expect(diff.eq(new Decimal(totalAnomaly.actual).minus(totalAnomaly.expected!).abs()), truth.id).toBe(true);
      } else {
        // Clean totals may be computed before rounding: off by at most a cent.
        expect(diff.lte(0.01), `${truth.id} leaves ${sums.leaves} + ${extra} vs total ${sums.total}`).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(N / 2);
  });

  it('makes leaf weights add up to 100 unless a weight anomaly is injected', () => {
    for (const { report, truth } of corpus) {
      if (truth.kind !== 'third-party' || truth.layout.weightsOn !== 'leaves') continue;
      const attachment = scoringSums(report);
      const weightAnomaly = truth.anomalies.some((a) => a.kind === 'weight-mismatch');
      expect(attachment.leafWeights.eq(100), truth.id).toBe(!weightAnomaly);
    }
  });

  it('makes the data table add up (to the cent) unless a data-total anomaly is injected, and then only in 全年执行数', () => {
    let checked = 0;
    for (const { report, truth } of corpus) {
      const gaps = dataTableGaps(report);
      if (!gaps) continue;
      checked++;
      const anomaly = truth.anomalies.find((a) => a.kind === 'data-total');
      expect(gaps[0].lte(0.01) && gaps[1].lte(0.01), truth.id).toBe(true);
      if (anomaly) expect(gaps[2].eq(new Decimal(anomaly.actual).minus(anomaly.expected!).abs()), truth.id).toBe(true);
      else expect(gaps[2].lte(0.01), truth.id).toBe(true);
    }
    expect(checked).toBeGreaterThan(N / 3);
  });

  it('puts explanation and rubric anomalies in one row: the 评分说明 says one score, the 得分 column another', () => {
    let checked = 0;
    for (const { report, truth } of corpus) {
      for (const a of truth.anomalies.filter((x) => x.kind === 'explanation-mismatch' || x.kind === 'rubric-score')) {
        const row = report.blocks.flatMap((b) => (b.kind === 'table' ? b.grid : [])).map((r) => r.filter((c) => c).map((c) => c!.text))
          .find((r) => r.includes(a.subject) && r.some((t) => t.includes('本项得')));
        expect(row, `${truth.id} ${a.subject}`).toBeDefined();
        const explanation = row!.find((t) => t.includes('本项得'))!;
        expect(row, truth.id).toContain(a.actual);
        if (a.kind === 'explanation-mismatch') {
          expect(explanation, truth.id).toContain(`本项得分${a.expected}分`);
        } else {
          const rate = new Decimal(explanation.match(/结转结余率=[^=]+=([\d.]+)%/)![1]);
          expect(rate.gt(20) && rate.lte(30), `${truth.id} rate ${rate}`).toBe(true);
          expect(explanation, truth.id).toContain(`本项得${a.actual}分`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('keeps the 其中 list of a clean report equal to its total, and one digit off when injected', () => {
    for (const { report, truth } of corpus) {
      const text = toTxt(report);
      const m = text.match(/年初(?:基本支出|当年财政拨款)预算([\d,.]+)元，其中：([^。]+)。/);
      expect(m, truth.id).not.toBeNull();
      const total = new Decimal(m![1].replace(/,/g, ''));
      const parts = (m![2].match(/[\d,]+\.\d{2}/g) ?? []).reduce((a, s) => a.plus(s.replace(/,/g, '')), new Decimal(0));
      const injected = truth.anomalies.some((a) => a.kind === 'breakdown-digit');
      expect(total.minus(parts).abs().toNumber(), truth.id).toBe(injected ? 10_000 : 0);
    }
  });
});


describe('stated-calculation anomalies', () => {
  it('are measured against what the rounding of the printed inputs allows (0.0938/0.1018 亿元: 92.05%–92.24%)', async () => {
    const { ratioRange } = await import('./budget.ts');
    const range = ratioRange(new Decimal(9_380_000), new Decimal(10_180_000), '亿元');
    expect(range.lo.toDecimalPlaces(2).toFixed()).toBe('92.05');
    expect(range.hi.toDecimalPlaces(2).toFixed()).toBe('92.24');
  });
});
