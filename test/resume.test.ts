// Nothing lost: a run killed with SIGKILL (or stopped with Ctrl-C) resumes where it stopped, every
// document ends up checked exactly once, and the store stays intact.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputSchema } from '../model/index.ts';
import { makeCorpus } from './helpers/corpus.ts';

const BIN = new URL('../bin/jixiao.js', import.meta.url).pathname;
const N = 100;

let dir: string;
let corpus: string;
let paths: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-resume-'));
  corpus = join(dir, 'corpus');
  paths = makeCorpus(corpus, N, { mixEvery: 25 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (db: string, json: string) =>
  spawn(process.execPath, [BIN, 'check', corpus, '--db', db, '--jobs', '1', '-q', '--json', json], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/** Polls the store (WAL lets us read while the CLI writes) until at least n documents are committed. */
async function waitForDocuments(db: string, n: number, child: ChildProcess): Promise<void> {
  let alive = true;
  child.once('exit', () => (alive = false));
  while (alive) {
    try {
      const conn = new Database(db, { readonly: true, fileMustExist: true });
      const count = (conn.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
      conn.close();
      if (count >= n) return;
    } catch {
      // not created yet
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error('the run ended before it could be interrupted');
}

function storeState(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      integrity: conn.pragma('integrity_check', { simple: true }),
      docs: conn.prepare('SELECT path, checks, status FROM documents ORDER BY path').all() as Array<{ path: string; checks: number; status: string }>,
      runs: conn.prepare('SELECT status, checked, reused FROM runs ORDER BY id').all() as Array<{ status: string; checked: number; reused: number }>,
    };
  } finally {
    conn.close();
  }
}

function assertComplete(db: string, json: string) {
  const state = storeState(db);
  expect(state.integrity).toBe('ok');
  expect(state.docs.map((d) => d.path)).toEqual(paths);
  expect(state.docs.filter((d) => d.checks !== 1)).toEqual([]);
  const output = OutputSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
  expect(output.documents.map((d) => d.file).sort()).toEqual(paths);
  expect(output.documents.every((d) => ['ok', 'partial', 'error'].includes(d.status))).toBe(true);
  return state;
}

describe('interrupted runs resume without losing or repeating a document', () => {
  it('resumes after SIGKILL', async () => {
    const db = join(dir, 'kill.db');
    const first = check(db, join(dir, 'first.json'));
    await waitForDocuments(db, N / 2, first);
    first.kill('SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    const atKill = storeState(db);
    expect(atKill.integrity).toBe('ok');
    expect(atKill.docs.length).toBeGreaterThanOrEqual(N / 2);
    expect(atKill.docs.length).toBeLessThan(N);
    expect(atKill.runs).toEqual([expect.objectContaining({ status: 'running' })]);

    const json = join(dir, 'second.json');
    const second = await exited(check(db, json));
    expect([0, 1]).toContain(second.code);
    const state = assertComplete(db, json);
    expect(state.runs[1]).toEqual({ status: 'done', checked: N - atKill.docs.length, reused: atKill.docs.length });
  });

  it('stops cleanly on SIGINT (Ctrl-C) with exit code 130 and resumes', async () => {
    const db = join(dir, 'int.db');
    const first = check(db, join(dir, 'int1.json'));
    let stderr = '';
    first.stderr!.on('data', (chunk) => (stderr += chunk));
    await waitForDocuments(db, 20, first);
    first.kill('SIGINT');
    expect((await exited(first)).code).toBe(130);
    expect(stderr).toMatch(/已中断：完成 \d+\/100 个文件。结果已保存到/);
    expect(storeState(db).runs).toEqual([expect.objectContaining({ status: 'interrupted' })]);

    const json = join(dir, 'int2.json');
    expect([0, 1]).toContain((await exited(check(db, json))).code);
    assertComplete(db, json);
  });
});
