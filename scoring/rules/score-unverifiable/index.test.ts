import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table, totalClaim } from '../../../test/helpers/report.ts';
import rule from './index.ts';

describe('score/unverifiable', () => {
  it('valid: a cleanly rebuilt table needs no note', () => {
    expect(findingsOf(rule, report({ tables: [table([node(1, 'A', '100', null, [node(3, 'a', '100', '90')])], { score: '90' })], claims: [totalClaim('90')] }))).toEqual([]);
  });

  it('invalid: a scrambled table with a printed total says it could not verify, at info level', () => {
    const t = table([], { weight: '100', score: '94.42' }, { quality: 'unreadable', rowsTotal: 5, rowsRecovered: 0, title: '整体绩效自评指标评分表' });
    const [finding] = findingsOf(rule, report({ tables: [t], claims: [totalClaim('94.42')] }));
    expect(finding).toMatchObject({ severity: 'info', actual: '94.42' });
    expect(finding.message).toContain('5 行中还原 0 行');
  });

  it('invalid: a total claimed with no scoring table at all', () => {
    const [finding] = findingsOf(rule, report({ claims: [totalClaim('100')] }));
    expect(finding).toMatchObject({ severity: 'info', actual: '100' });
    expect(finding.message).toContain('未找到评分表');
  });
});
