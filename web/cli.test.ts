import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from './accounts.ts';
import { userCommand } from './cli.ts';
import { openWebDb } from './server.ts';

describe('jixiao user', () => {
  let data: string;
  const lines: string[] = [];
  const write = (t: string) => void lines.push(t);
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'jixiao-user-'));
  });
  afterAll(() => rm(data, { recursive: true, force: true }));

  it('adds an account whose password is stored only as an scrypt hash, lists and removes it', async () => {
    expect(await userCommand(['add', '王核查', '--role', 'reviewer', '--data', data], write, async () => '一个足够长的密码')).toBe(0);
    expect(lines.pop()).toMatch(/已创建账户 王核查（核查人员：可上传、标记）/);
    const db = openWebDb(data);
    const raw = db.prepare(`SELECT * FROM users`).all() as Array<Record<string, unknown>>;
    expect(JSON.stringify(raw)).not.toContain('一个足够长的密码');
    const accounts = new Accounts(db);
    expect(await accounts.verify('王核查', '一个足够长的密码')).toEqual({ name: '王核查', role: 'reviewer' });
    expect(await accounts.verify('王核查', '错误的密码错误的密码')).toBeNull();
    db.close();
    await userCommand(['list', '--data', data], write);
    expect(lines.pop()).toBe('王核查\t核查人员');
    await userCommand(['remove', '王核查', '--data', data], write);
    await userCommand(['list', '--data', data], write);
    expect(lines.pop()).toBe('还没有账户。');
  });

  it('explains a missing role, a short password and an unknown account in Chinese', async () => {
    await expect(userCommand(['add', '甲', '--data', data], write, async () => '一个足够长的密码')).rejects.toThrow(/--role reviewer/);
    await expect(userCommand(['add', '甲', '--role', 'viewer', '--data', data], write, async () => 'short')).rejects.toThrow(/密码至少 8 个字符/);
    await expect(userCommand(['remove', '乙', '--data', data], write)).rejects.toThrow(/没有名为“乙”的账户/);
  });
});
