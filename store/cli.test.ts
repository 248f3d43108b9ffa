import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult, Finding } from '../model/index.ts';
import { markCommand, reviewCommand } from './cli.ts';
import { Store } from './index.ts';

const finding = (fingerprint: string, message: string): Finding => ({
  rule: 'score/total-mismatch',
  severity: 'error',
  message,
  expected: '94.42',
  actual: '100',
  location: { page: null, table: 1, row: 9, column: 4, line: null },
  evidence: '合计 100',
  subject: '合计',
  calculation: null,
  fingerprint,
});

const doc = (file: string, findings: Finding[]): DocumentResult => ({
  file, sha256: 'x', format: 'txt', status: 'ok', error: null, unit: null, year: null,
  claimedTotal: null, computedTotal: null, grade: null, findings, notes: [], tables: [],
});

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-review-'));
  db = join(dir, 'j.db');
  const store = Store.open(db);
  const run = store.beginRun('v', []);
  store.saveDocument(run, join(dir, '2022-金融工作局.txt'), 'v', doc('a', [finding('aaa111', '评分表合计为100分，但各项得分相加为94.42分'), finding('bbb222', '等级“优”与得分88.5不符')]));
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => {
  const lines: string[] = [];
  return { lines, write: (t: string) => lines.push(t) };
};

describe('jixiao review / mark', () => {
  it('lists open findings in a Chinese table with their follow-up status', async () => {
    const out = capture();
    expect(await reviewCommand(['--db', db], out.write)).toBe(0);
    const table = out.lines[0].split('\n');
    expect(table[0]).toMatch(/^编号\s+文件\s+规则\s+严重程度\s+问题\s+跟进状态$/);
    expect(table[2]).toMatch(/^1\s+.*2022-金融工作局\.txt\s+score\/total-mismatch\s+错误\s+评分表合计为100分.*待核实$/);
    expect(out.lines.at(-1)).toMatch(/共 2 项/);
  });

  it('marks by numeric id or fingerprint, with a note; dismissed ones leave the default list', async () => {
    const out = capture();
    expect(await markCommand(['1', 'confirmed', '--note', '已与单位核实', '--db', db], out.write)).toBe(0);
    expect(out.lines[0]).toBe('已将问题 1（指纹 aaa111，涉及 1 处）标记为“已确认”，备注：已与单位核实');
    expect(await markCommand(['bbb222', 'dismissed', '--db', db], out.write)).toBe(0);
    const review = capture();
    await reviewCommand(['--db', db], review.write);
    expect(review.lines[0]).toMatch(/已确认：已与单位核实/);
    expect(review.lines[0]).not.toMatch(/已排除/);
    const all = capture();
    await reviewCommand(['--db', db, '--all'], all.write);
    expect(all.lines[0]).toMatch(/已排除/);
    const store = Store.open(db);
    expect(store.followUpHistory('aaa111')).toEqual([
      expect.objectContaining({ who: userInfo().username, oldStatus: 'pending', newStatus: 'confirmed', note: '已与单位核实' }),
    ]);
    store.close();
  });

  it('explains bad arguments and a missing database in Chinese', async () => {
    await expect(markCommand(['1', 'maybe', '--db', db])).rejects.toThrow(/用法：jixiao mark/);
    await expect(markCommand(['42', 'confirmed', '--db', db])).rejects.toThrow(/找不到编号或指纹为“42”的问题/);
    await expect(reviewCommand(['--db', join(dir, 'none.db')])).rejects.toThrow(/找不到结果数据库/);
  });
});
