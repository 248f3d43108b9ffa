import { describe, expect, it } from 'vitest';
import { findingsOf, node, report, table, totalClaim } from '../../../test/helpers/report.ts';
import rule from './index.ts';

describe('doc/not-a-report', () => {
  it('valid: a report with a scoring table, with a total, or that speaks of 绩效 is a report', () => {
    expect(findingsOf(rule, report({ tables: [table([node(1, 'A', '100', '90')])] }))).toEqual([]);
    expect(findingsOf(rule, report({ claims: [totalClaim('100')] }))).toEqual([]);
    expect(findingsOf(rule, report({ text: ['2022年度部门整体支出绩效自评报告'] }))).toEqual([]);
  });

  it('invalid: a novel, or a price list, is not a performance evaluation report', () => {
    for (const text of [['从前有座山，山里有座庙。'], ['品名,单价（元）,数量', '白菜,2.5,100']]) {
      const [finding] = findingsOf(rule, report({ text }));
      expect(finding).toMatchObject({ severity: 'info', subject: '文件类型' });
      expect(finding.message).toMatch(/^不是绩效评价报告/);
    }
  });
});
