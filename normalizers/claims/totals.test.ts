import { describe, expect, it } from 'vitest';
import { extractTotalClaims, parseGradeBands } from './totals.ts';

const bandsOf = (text: string) => parseGradeBands(text)?.map((b) => `${b.grade}${b.min ? (b.minInclusive ? '≥' : '>') + b.min : ''}${b.max ? (b.maxInclusive ? '≤' : '<') + b.max : ''}`);

describe('grade bands printed in a report', () => {
  it('reads bracketed ranges', () => {
    expect(bandsOf('评价等级：优[90 分~100 分)，良[80 分~90 分)，中[60 分~80 分)，差(60 分以下)')).toEqual(['优≥90<100', '良≥80<90', '中≥60<80', '差<60']);
  });

  it('reads worded ranges: 及以上, （含）至, 以下', () => {
    expect(bandsOf('评价结果分为四个等级：优（90分及以上）、良（80分（含）至90分）、中（60分（含）至80分）、差（60分以下）。')).toEqual(['优≥90', '良≥80<90', '中≥60<80', '差<60']);
  });

  it('needs at least three bands and the word 等级', () => {
    expect(parseGradeBands('优（90分及以上）、良（80分（含）至90分）')).toBeNull();
    expect(parseGradeBands('优（90分及以上）、良（80分（含）至90分）、中（60分（含）至80分）')).toBeNull();
  });
});

describe('total and grade claims', () => {
  const claims = (sentence: string) => extractTotalClaims([{ text: sentence, loc: { line: 1 } }]).map((c) => c.kind);

  it('reads a project self-evaluation’s total and grade', () => {
    expect(claims('经自评，某局2020年度基层服务专项项目绩效自评得分为98.87分，自评等级为“良”。')).toEqual(['total', 'grade']);
  });

  it('ignores one indicator’s score', () => {
    expect(claims('本项自评得分为3分。')).toEqual([]);
  });
});
