import { describe, expect, it } from 'vitest';
import { extract, parseTextBlocks } from './index.ts';

const read = (text: string) => extract({ path: 'a.txt', bytes: Buffer.from(text), format: 'txt' }, {});

describe('text extractor', () => {
  it('reads tab-separated lines as a table and other lines as paragraphs', () => {
    const blocks = parseTextBlocks('评价结论\n\n一级指标\t分值\n预算编制\t20\n');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
  });

  it('refuses a JSON data file (such as a golden file beside the reports) as not a report', async () => {
    await expect(read('{"file": "000.txt", "findings": []}')).rejects.toMatchObject({ code: 'not-a-report' });
    await expect(read('[1, 2]')).rejects.toMatchObject({ code: 'not-a-report' });
    await expect(read('{ 评价结论：总分 90 分')).resolves.toMatchObject({ format: 'txt' });
  });
});
