// The effect of a finding on the total and the grade (issue 15: seed 004 showed a green
// "91.16 = 91.16" although its 评分说明 error makes the total 89.16 and the grade 良).
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/index.ts';
import { checkFile } from '../../pipeline/check.ts';
import { DEFAULT_BANDS } from '../../normalizers/claims/totals.ts';
import { findingEffect } from './effect.ts';

const finding = (rule: string, actual: string | null, expected: string | null): Finding => ({
  rule, severity: 'error', message: 'm', actual, expected, evidence: '', subject: null, calculation: null, fingerprint: 'f',
  location: { page: null, table: null, row: null, column: null, line: null },
});

describe('findingEffect', () => {
  it('moves the claimed total by the difference of an indicator score, with the grade by the bands', () => {
    expect(findingEffect(finding('score/explanation-mismatch', '4', '2'), new Decimal('91.16'), DEFAULT_BANDS)).toEqual({
      total: { from: '91.16', to: '89.16' },
      grade: { from: '优', to: '良' },
    });
  });

  it('keeps the precision of the printed figures', () => {
    expect(findingEffect(finding('rubric/score-mismatch', '1.5', '1.14'), new Decimal('91.16'), DEFAULT_BANDS)?.total.to).toBe('90.80');
  });

  it('replaces a wrong total by the recomputed one, and says nothing for findings that do not bear on it', () => {
    expect(findingEffect(finding('score/narrative-total', '100', '98'), new Decimal('100'), DEFAULT_BANDS)?.total).toEqual({ from: '100', to: '98' });
    expect(findingEffect(finding('rate/implicit-mismatch', '121.18', '112.18'), new Decimal('91.16'), DEFAULT_BANDS)).toBeUndefined();
    expect(findingEffect(finding('score/explanation-mismatch', '4', '2'), null, DEFAULT_BANDS)).toBeUndefined();
  });

  it('gives a grade-band finding its grade change at the same total', () => {
    expect(findingEffect(finding('score/grade-band', '优', '良'), new Decimal('88.5'), DEFAULT_BANDS)).toEqual({
      total: { from: '88.5', to: '88.5' },
      grade: { from: '优', to: '良' },
    });
  });
});

describe('seed 004', () => {
  it('its 评分说明 error brings the total from 91.16 to 89.16 and the grade from 优 to 良', async () => {
    const { result } = await checkFile('fixtures/seeds/004_5832cd79950040f3.txt');
    const explanation = result.findings.find((f) => f.rule === 'score/explanation-mismatch');
    expect(explanation?.effect).toEqual({ total: { from: '91.16', to: '89.16' }, grade: { from: '优', to: '良' } });
  });
});
