import { describe, expect, it } from 'vitest';
import type { ProductFinding } from './adapter.ts';
import type { Truth, TruthAnomaly } from './generate/truth.ts';
import { alarmSet, matchDocument, sameValue } from './match.ts';

const finding = (over: Partial<ProductFinding>): ProductFinding => ({
  rule: 'score/total-mismatch', severity: 'error', message: '合计不符', subject: '合计', expected: null, actual: null, evidence: '合计 100', ...over,
});

const anomaly = (over: Partial<TruthAnomaly>): TruthAnomaly => ({
  kind: 'total-mismatch', subject: '合计', expected: '94.42', actual: '96.42', minSeverity: 'error', where: 'table', ...over,
});

const truth = (anomalies: TruthAnomaly[]): Truth => ({
  id: 't', kind: 'third-party', decoys: [], anomalies, formats: ['txt'],
  layout: { parents: 'merged', totalRow: 'last', weightsOn: 'all', scoreColumn: 'last', split: 'none', landscape: false, moneyUnit: '万元', thousands: false, fullWidth: false, tables: 1 },
});

describe('matchDocument', () => {
  it('finds an anomaly reported by a rule of its family with the same numbers, whatever the wording', () => {
    const m = matchDocument(truth([anomaly({})]), 'txt', [finding({ rule: 'score/narrative-total', expected: '94.42', actual: '96.42', subject: '总分' })]);
    expect(m.anomalies[0].foundBy).toHaveLength(1);
    expect(m.falseFindings).toEqual([]);
  });

  it('misses an anomaly when the numbers differ, the rule is of another family, or the severity is too low', () => {
    const t = truth([anomaly({})]);
    expect(matchDocument(t, 'txt', [finding({ expected: '94.42', actual: '97' })]).anomalies[0].foundBy).toEqual([]);
    expect(matchDocument(t, 'txt', [finding({ rule: 'calc/stated-mismatch', expected: '94.42', actual: '96.42' })]).anomalies[0].foundBy).toEqual([]);
    expect(matchDocument(t, 'txt', [finding({ severity: 'warning', expected: '94.42', actual: '96.42' })]).anomalies[0].foundBy).toEqual([]);
    expect(matchDocument(t, 'txt', []).anomalies[0].foundBy).toEqual([]);
  });

  it('accepts a 万元 amount restated in 元 (3294.33 万元 = 32,943,300 元 against 32,943,305.10)', () => {
    expect(sameValue('32943300', '32943305.1')).toBe(true);
    expect(sameValue('32943300', '32943405.1')).toBe(false);
    expect(sameValue('100', '149')).toBe(false);
  });

  it('accepts a sum mismatch pinned on another level of the tree when it is off by the same amount', () => {
    const t = truth([anomaly({ kind: 'weight-mismatch', subject: '总分', expected: '101', actual: '100' })]);
    const atParent = finding({ rule: 'score/weight-mismatch', subject: '产出指标分值', expected: '51', actual: '50' });
    expect(matchDocument(t, 'txt', [atParent]).anomalies[0].foundBy).toHaveLength(1);
    const otherAmount = finding({ rule: 'score/weight-mismatch', subject: '产出指标分值', expected: '52', actual: '50' });
    expect(matchDocument(t, 'txt', [otherAmount]).anomalies[0].foundBy).toEqual([]);
  });

  it('counts a warning/error that matches nothing as false, and never an info', () => {
    const wrong = finding({ rule: 'score/weight-mismatch', expected: '3', actual: '12', subject: '预算编制' });
    const m = matchDocument(truth([]), 'txt', [wrong, finding({ severity: 'info', expected: '1', actual: '2' })]);
    expect(m.falseFindings).toEqual([wrong]);
  });

  it('does not count a consequence of the anomaly elsewhere as false, nor as found', () => {
    const t = truth([anomaly({ kind: 'subtotal-mismatch', subject: '支出管理', expected: '20', actual: '21', related: [{ expected: '92', actual: '91' }] })]);
    const m = matchDocument(t, 'txt', [finding({ expected: '92', actual: '91' })]);
    expect(m.falseFindings).toEqual([]);
    expect(m.anomalies[0].foundBy).toEqual([]);
  });

  it('accepts the same amount restated in another unit, and grades as words', () => {
    expect(sameValue('31250400', '3125.04')).toBe(true);
    expect(sameValue('0.35', '3500')).toBe(true);
    expect(sameValue('3125.04', '3125.05')).toBe(false);
    expect(sameValue('3488.08', '0.3488')).toBe(true); // 万元 restated in 亿元 to four places
    expect(sameValue('3488.08', '0.3823')).toBe(false);
    expect(sameValue('3.92', '3.9')).toBe(false);
    expect(sameValue('1472.31', '14723108.37')).toBe(true); // 万元 to two places is 元 to the hundred
    expect(sameValue('1472.31', '15120600')).toBe(false);
    const m = matchDocument(truth([anomaly({ kind: 'grade-band', subject: '评价等级', expected: '良', actual: '优', minSeverity: 'warning' })]), 'txt',
      [finding({ rule: 'score/grade-band', severity: 'warning', expected: '良', actual: '优' })]);
    expect(m.anomalies[0].foundBy).toHaveLength(1);
  });

  it('leaves narrative anomalies out of a sheet (XLSX has only the tables)', () => {
    const t = truth([anomaly({}), anomaly({ kind: 'narrative-total', where: 'narrative' })]);
    expect(matchDocument(t, 'xlsx', []).anomalies.map((a) => a.anomaly.kind)).toEqual(['total-mismatch']);
  });
});

describe('alarmSet', () => {
  it('keys warning/error findings by rule, subject and actual, ignoring info and wording', () => {
    const a = alarmSet([finding({ actual: '96.42', message: 'x' }), finding({ severity: 'info', actual: '1' })]);
    const b = alarmSet([finding({ actual: '96.42', message: 'y', expected: '94' })]);
    expect([...a]).toEqual([...b]);
  });
});
