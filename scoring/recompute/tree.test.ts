import { describe, expect, it } from 'vitest';
import { table } from '../../test/helpers/report.ts';
import { tableSubject } from './tree.ts';

describe('tableSubject', () => {
  it('names a table by its caption without the numbering, the same whatever the format', () => {
    expect(tableSubject(table([], null, { title: '附件1：整体支出绩效指标核查评分表' }))).toBe('整体支出绩效指标核查评分表');
    expect(tableSubject(table([], null, { title: '表2 评价综合得分表' }))).toBe(tableSubject(table([], null, { title: '表2评价综合得分表' })));
    expect(tableSubject(table([], null, { title: '表2-1评价综合得分表', tableIndex: 7 }))).toBe('评价综合得分表');
  });

  it('falls back to the kind of table when there is no caption', () => {
    expect(tableSubject(table([], null, { kind: 'self-eval', title: null }))).toBe('自评表');
  });
});
