// The command line as a script sees it (issue 15): Chinese help and errors, outputs checked before the
// run, exit codes that say whether every file was checked and whether an open error remains.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema } from '../model/index.ts';
import { translateParseError } from './cli-args.ts';
import { parseArgs } from 'node:util';

const exec = promisify(execFile);
const SEED_004 = 'fixtures/seeds/004_5832cd79950040f3.txt';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function jixiao(...args: string[]): Promise<Run> {
  return exec(process.execPath, ['bin/jixiao.js', ...args], { timeout: 120_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jixiao-cli-'));
});

describe('help and version', () => {
  it('answers --help, help, check --help and --version in Chinese with exit 0', async () => {
    const top = await jixiao('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/jixiao import/);
    expect(top.stdout).toMatch(/退出码：0 所有文件都已检查/);
    expect((await jixiao('help')).stdout).toBe(top.stdout);
    const check = await jixiao('check', '--help');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^用法：jixiao check/);
    expect(check.stdout).toMatch(/--info/);
    expect((await jixiao('help', 'mark')).stdout).toMatch(/已确认（confirmed）.*已排除（dismissed）.*待核实（pending/s);
    const version = await jixiao('--version');
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^jixiao \d+\.\d+\.\d+\n$/) });
  });
});

describe('argument errors (exit 2, in Chinese, before any file is checked)', () => {
  it('translates node:util parseArgs errors', () => {
    const error = (args: string[], options = {}) => {
      try {
        parseArgs({ args, options, allowPositionals: false, strict: true });
      } catch (e) {
        return translateParseError(e);
      }
      return null;
    };
    expect(error(['--bogus'])).toBe('未知选项 --bogus');
    expect(error(['--json'], { json: { type: 'string' } })).toBe('选项 --json 缺少参数值');
    expect(error(['x'])).toBe('多余的参数“x”');
  });

  it('refuses an unknown option, an unwritable output and an unknown rubric with exit 2', async () => {
    const unknown = await jixiao('check', SEED_004, '--no-db', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^参数错误：未知选项 --bogus（用 jixiao check --help 查看用法）/);

    const readOnly = join(dir, 'readonly');
    await mkdir(readOnly);
    await chmod(readOnly, 0o500);
    for (const [flag, path, why] of [
      ['--xlsx', join(dir, 'no-such-folder', 'a.xlsx'), /文件夹 .* 不存在/],
      ['--html', dir, /是一个文件夹/],
      ['--json', join(dir, 'no-such-folder', 'a.json'), /不存在/],
      ...(process.getuid?.() === 0 ? [] : [['--csv', join(readOnly, 'a.csv'), /没有写权限/] as const]),
    ] as const) {
      const run = await jixiao('check', SEED_004, '--no-db', flag, path);
      expect(run.code, flag).toBe(2);
      expect(run.stderr, flag).toMatch(why);
      expect(run.stdout, `${flag}: nothing was checked`).not.toMatch(/■/);
    }

    const rubric = await jixiao('check', SEED_004, '--no-db', '--rubric', 'nosuch');
    expect(rubric.code).toBe(2);
    expect(rubric.stderr).toMatch(/找不到评分规则“nosuch”；可用的有：.*zhanjiang-whole-2022/);
  });
});

describe('exit codes', () => {
  it('is 1 when a file could not be checked, saying how many, even with no finding at all', async () => {
    const empty = join(dir, 'empty.txt');
    const noise = join(dir, 'noise.bin');
    await writeFile(empty, '');
    await writeFile(noise, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    for (const inputs of [[join(dir, 'missing.pdf')], [empty], [empty, noise]]) {
      const run = await jixiao('check', ...inputs, '--no-db', '-q');
      expect(run.code, inputs.join(' ')).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`已检查 0 个，${inputs.length} 个无法检查`));
    }
    const emptyFolder = join(dir, 'nothing');
    await mkdir(emptyFolder);
    expect((await jixiao('check', emptyFolder, '--no-db', '-q')).code).toBe(1);
  });

  it('counts open errors: dismissed ones no longer make it 1, confirmed ones do', async () => {
    const db = join(dir, 'marks.db');
    const first = await jixiao('check', SEED_004, '--db', db, '-q', '--json', join(dir, 'o.json'));
    expect(first.code).toBe(1);
    const errors = OutputSchema.parse(JSON.parse(await readFile(join(dir, 'o.json'), 'utf8')))
      .documents[0].findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) expect((await jixiao('mark', f.fingerprint, '已排除', '--db', db)).code).toBe(0);
    const dismissed = await jixiao('check', SEED_004, '--db', db, '-q', '--json', join(dir, 'd.json'));
    expect(dismissed.code).toBe(0);
    const marked = OutputSchema.parse(JSON.parse(await readFile(join(dir, 'd.json'), 'utf8'))).documents[0].findings;
    expect(marked.filter((f) => f.severity === 'error').map((f) => f.followUp?.status)).toEqual(errors.map(() => 'dismissed'));
    expect(dismissed.stdout).toMatch(/未排除的错误 0 项.*已排除 \d+ 项不计/);
    expect((await jixiao('mark', errors[0].fingerprint, 'confirmed', '--db', db)).code).toBe(0);
    const confirmed = await jixiao('check', SEED_004, '--db', db);
    expect(confirmed.code).toBe(1);
    expect(confirmed.stdout).toMatch(/\[错误·已确认\]/);
    expect(confirmed.stdout).toMatch(/\[错误·已排除\]/);
  });

  it('accepts the Chinese status words in mark and refuses others in Chinese', async () => {
    const run = await jixiao('mark', '1', '也许', '--db', join(dir, 'marks.db'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/已确认\|已排除\|待核实/);
  });
});
