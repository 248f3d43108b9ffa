// Tables named as the report names them (issue 15: "表5, 表9" where the report says 附件2, 表2-1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractorFor } from '../../extractors/index.ts';
import { tableCaptions } from './captions.ts';

async function captionsOf(path: string, text?: string) {
  const extract = await extractorFor('txt');
  const bytes = text === undefined ? readFileSync(path) : Buffer.from(text);
  const raw = await extract({ path, bytes, format: 'txt' }, {});
  return new Map(tableCaptions(raw).map((c) => [c.table, c.label]));
}

describe('tableCaptions', () => {
  it('takes the numbering of the caption above a table, else a short title ending in 表', async () => {
    const names = await captionsOf('t.txt', [
      '表 2-1 评价综合得分表', '指标\t分值\t得分', '决策\t20\t18', '',
      '说明文字。', '',
      '附件２', '项目支出绩效自评表', '指标\t分值\t得分', '产出\t50\t50', '',
      '整体绩效自评指标评分表', '指标\t分值\t得分', '效益\t30\t29', '',
      '这一段正文很长，不是标题，也没有编号，表格前面只有它。', '指标\t分值\t得分', '满意度\t10\t9', '',
    ].join('\n'));
    expect([...names.values()]).toEqual(['表2-1', '附件2', '整体绩效自评指标评分表']);
    expect(names.size).toBe(3);
  });

  it('names the seeds\' tables as printed: 004 表2-1 and 附件1 in parts, 001 附件2', async () => {
    const seed004 = await captionsOf('fixtures/seeds/004_5832cd79950040f3.txt');
    expect(seed004.get(3)).toBe('表2-1');
    expect(seed004.get(12)).toBe('附件1·第8段');
    const seed001 = await captionsOf('fixtures/seeds/001_b5c7f2bc730aefd0.txt');
    expect(seed001.get(3)).toBe('附件2');
    expect(seed001.get(10)).toBe('附件5');
  });
});
