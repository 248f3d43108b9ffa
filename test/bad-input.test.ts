// Bad input: whatever lands in the input folder, the batch finishes, every file is reported exactly
// once with a status (and a Chinese message when it could not be read), and the exit code is 0 or 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema, type DocumentResult } from '../model/index.ts';
import { blankPagesPdf, textPdf } from './helpers/pdf-writer.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/jixiao.js');
const BOMB = join(ROOT, 'fixtures/docx/bomb.docx');
const IS_ROOT = process.getuid?.() === 0;
const HAS_QPDF = spawnSync('qpdf', ['--version']).status === 0;
const CHINESE = /[\u4e00-\u9fff]/;

let dir: string;
let input: string;
let documents: DocumentResult[];
let exitCode: number | null;
let stderr: string;

/** A deterministic byte soup (no PDF header, plenty of NULs). */
function randomBytes(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const NOVEL = `第一章　山雨欲来\n\n${'暮色四合，远处的山峦渐渐隐没在雾气之中。老张推开木门，望着院子里那棵老槐树，想起了许多年前的往事。'.repeat(40)}\n\n第二章　故人\n\n${'他在镇上的茶馆里坐了一下午，听说书人讲三国，直到掌灯时分才慢慢走回家去。'.repeat(40)}\n`;

function writeCorpus(): void {
  const p = (name: string) => join(input, name);
  writeFileSync(p('empty.txt'), '');
  writeFileSync(p('random.pdf'), randomBytes(4096));
  const report = textPdf(['Performance evaluation 2022', 'Total score 94.42', ...Array.from({ length: 40 }, (_, i) => `Line ${i} value ${i * 3}.5`)]);
  writeFileSync(p('truncated.pdf'), report.subarray(0, Math.floor(report.length / 2)));
  writeFileSync(p('plain.pdf'), report);
  if (HAS_QPDF) execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', p('plain.pdf'), p('encrypted.pdf')]);
  writeFileSync(p('blank-2000.pdf'), blankPagesPdf(2000));
  writeFileSync(p('huge.pdf'), '');
  truncateSync(p('huge.pdf'), 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing on disk
  copyFileSync(BOMB, p('bomb.docx'));
  writeFileSync(p('novel.txt'), NOVEL);
  const seed = readFileSync(join(ROOT, 'fixtures/seeds/003_4e052ca5c436ec0e.txt'));
  writeFileSync(p('dup-a.txt'), seed);
  writeFileSync(p('dup-b.txt'), seed);
  writeFileSync(p('locked.txt'), seed);
  chmodSync(p('locked.txt'), 0o000);
  mkdirSync(p('sub'));
  writeFileSync(p('sub/inner.txt'), NOVEL);
  symlinkSync(input, p('sub/loop')); // directory loop back to the top
  symlinkSync(p('self-b'), p('self-a')); // file symlinks pointing at each other
  symlinkSync(p('self-a'), p('self-b'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-bad-'));
  input = join(dir, 'input');
  mkdirSync(input);
  writeCorpus();
  const json = join(dir, 'out.json');
  const run = spawnSync(process.execPath, [BIN, 'check', input, '--no-db', '-q', '--timeout', '30', '--json', json], { cwd: dir, encoding: 'utf8' });
  exitCode = run.status;
  stderr = run.stderr;
  documents = existsSync(json) ? OutputSchema.parse(JSON.parse(readFileSync(json, 'utf8'))).documents : [];
}, 120_000);

afterAll(() => {
  try {
    chmodSync(join(input, 'locked.txt'), 0o644);
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
});

const doc = (name: string) => {
  const matches = documents.filter((d) => d.file === join(input, name));
  expect(matches, `${name} appears once`).toHaveLength(1);
  return matches[0];
};

/** Holds whether or not the format's extractor exists yet: a status, and a Chinese reason when unreadable. */
function expectReported(d: DocumentResult): void {
  expect(['ok', 'partial', 'error']).toContain(d.status);
  if (d.status === 'error') {
    expect(d.error?.message).toMatch(CHINESE);
    expect(d.error?.code).not.toBe('internal');
  }
}

describe('a batch of bad input', () => {
  it('has its committed fixtures (a missing one fails, it is not skipped)', () => {
    expect(existsSync(BOMB), BOMB).toBe(true);
  });

  it('finishes with exit code 0 or 1 and reports every file exactly once', () => {
    expect(stderr).not.toMatch(/运行失败/);
    expect([0, 1]).toContain(exitCode);
    const expected = ['blank-2000.pdf', 'dup-a.txt', 'dup-b.txt', 'empty.txt', 'huge.pdf', 'locked.txt', 'novel.txt', 'plain.pdf', 'random.pdf', 'self-a', 'self-b', 'sub/inner.txt', 'truncated.pdf'];
    if (HAS_QPDF) expected.push('encrypted.pdf');
    expected.push('bomb.docx');
    expect(documents.map((d) => d.file).sort()).toEqual(expected.map((n) => join(input, n)).sort());
    for (const d of documents) expectReported(d);
  });

  it('0-byte file: empty', () => {
    expect(doc('empty.txt').error).toEqual({ code: 'empty', message: '文件为空（0 字节）' });
  });

  it('random bytes named .pdf: unreadable with a reason, not a crash', () => {
    const d = doc('random.pdf');
    expect(d.status).toBe('error');
    expect(['unsupported-format', 'corrupt']).toContain(d.error?.code);
  });

  it('truncated PDF: read what is there or say it is damaged', () => {
    const d = doc('truncated.pdf');
    expectReported(d);
    if (d.status === 'error') expect(d.error?.code).toBe('corrupt');
  });

  it.skipIf(!HAS_QPDF)('password-protected PDF: encrypted', () => {
    const d = doc('encrypted.pdf');
    expect(d.status).toBe('error');
    expect(d.error?.code).toBe('encrypted');
  });

  it('2,000 blank pages: finishes within the time limit and says there is no text', () => {
    const d = doc('blank-2000.pdf');
    expect(d.error?.code).not.toBe('timeout');
    expectReported(d);
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect([...d.notes, ...d.findings.map((f) => f.message), d.error?.message ?? ''].join('\n')).toMatch(CHINESE);
  });

  it('200 MB file: too-large without reading it', () => {
    const d = doc('huge.pdf');
    expect(d.error?.code).toBe('too-large');
    expect(d.error?.message).toMatch(/文件过大（200\.0 MB）/);
    expect(d.sha256).toBeNull();
  });

  it('zip-bomb .docx: refused, the run survives', () => {
    const d = doc('bomb.docx');
    expect(d.status).toBe('error');
    expect(['zip-bomb', 'corrupt']).toContain(d.error?.code);
  });

  it('a novel is not a report: a status and no findings, no crash', () => {
    for (const name of ['novel.txt', 'sub/inner.txt']) {
      const d = doc(name);
      expectReported(d);
      expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
      if (d.status === 'error') expect(d.error?.code).toBe('not-a-report');
    }
  });

  it('duplicate content under two names: both reported, same hash', () => {
    const a = doc('dup-a.txt');
    const b = doc('dup-b.txt');
    expect(a.sha256).toBe(b.sha256);
    expect(a.status).toBe(b.status);
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
  });

  it('unreadable permissions: listed with a status (root reads it anyway)', () => {
    const d = doc('locked.txt');
    if (IS_ROOT) expect(d.status).toBe(doc('dup-a.txt').status);
    else expect(d.error).toEqual({ code: 'unreadable', message: '无法读取文件：没有读取权限' });
  });

  it('symlink loops: the directory loop is cut, the file loop is reported', () => {
    expect(documents.filter((d) => d.file.includes('/loop/'))).toEqual([]);
    for (const name of ['self-a', 'self-b']) expect(doc(name).error).toEqual({ code: 'unreadable', message: '无法读取该路径：符号链接循环' });
  });
});
