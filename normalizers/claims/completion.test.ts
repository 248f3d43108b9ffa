import { describe, expect, it } from 'vitest';
import { textItems } from '../../test/helpers/text-claims.ts';
import { extractCompletions } from './completion.ts';

const count = (...lines: string[]) => extractCompletions(textItems(lines)).length;

describe('extractCompletions', () => {
  it('finds claims that every target was met', () => {
    expect(count('截至 2023 年底，各项绩效目标都已完成，完成率为 100%。')).toBe(1);
    expect(count('年度工作任务均已完成。')).toBe(1);
  });

  it('ignores single indicators, partial and negated statements', () => {
    expect(count('我市14个签约项目全部完成投放合计47.61亿元。')).toBe(0);
    expect(count('今年入库省级上市后备企业4家，完成率100%。')).toBe(0);
    expect(count('部分目标未能全部完成。')).toBe(0);
  });
});
