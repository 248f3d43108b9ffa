import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../model/index.ts';
import { findingsOf, gradeClaim, report, totalClaim } from '../../../test/helpers/report.ts';
import rule from './index.ts';

const bands: Claim = {
  kind: 'grade-bands',
  loc: { line: 9 },
  evidence: '优[85 分~100 分]',
  bands: [
    { grade: '优', min: new Decimal(85), minInclusive: true, max: new Decimal(100), maxInclusive: true },
    { grade: '良', min: new Decimal(75), minInclusive: true, max: new Decimal(85), maxInclusive: false },
    { grade: '中', min: new Decimal(60), minInclusive: true, max: new Decimal(75), maxInclusive: false },
    { grade: '差', min: null, minInclusive: false, max: new Decimal(60), maxInclusive: false },
  ],
};

describe('score/grade-band', () => {
  it('valid: 91.16 is 优 and 85 is 良 under the default bands', () => {
    expect(findingsOf(rule, report({ claims: [totalClaim('91.16', 'x'), gradeClaim('优', 'x')] }))).toEqual([]);
    expect(findingsOf(rule, report({ claims: [totalClaim('85', 'y'), gradeClaim('良', 'y')] }))).toEqual([]);
  });

  it('valid: the report’s own bands win (88 is 优 when 优 starts at 85)', () => {
    expect(findingsOf(rule, report({ claims: [bands, totalClaim('88', 'z'), gradeClaim('优', 'z')] }))).toEqual([]);
  });

  it('invalid: 优 for 88.5 under the default bands is a warning', () => {
    const [finding] = findingsOf(rule, report({ claims: [totalClaim('88.5', 'w'), gradeClaim('优', 'w')] }));
    expect(finding).toMatchObject({ severity: 'warning', expected: '良', actual: '优' });
  });

  it('invalid: 良 for 90 under printed bands is an error', () => {
    const [finding] = findingsOf(rule, report({ claims: [bands, totalClaim('90', 'v'), gradeClaim('良', 'v')] }));
    expect(finding).toMatchObject({ severity: 'error', expected: '优', actual: '良' });
  });
});
