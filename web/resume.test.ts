// A server killed (SIGKILL) in the middle of a batch: the next start resumes the batch from the
// store and finishes it with every file reported exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Store } from '../store/index.ts';
import { startServer } from './server.ts';
import { Client, waitForBatch, type BatchState } from './testing/client.ts';

const FILES = [
  ...['000_a830d013271ff8ad', '001_b5c7f2bc730aefd0', '002_a7e83db0c5c6f6a9', '003_4e052ca5c436ec0e', '004_5832cd79950040f3'].map((s) => resolve(`fixtures/seeds/${s}.txt`)),
  resolve('fixtures/seeds-office/003_4e052ca5c436ec0e.pdf'),
  resolve('fixtures/seeds-office/003_4e052ca5c436ec0e.docx'),
  resolve('fixtures/seeds-office/004_5832cd79950040f3.docx'),
];

let child: ChildProcess | undefined;
let data: string | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  if (data) await rm(data, { recursive: true, force: true });
});

function serveInChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['bin/jixiao.js', 'serve', '--port', '0', '--data', dataDir, '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /网页已启动：(\S+)/.exec(out)?.[1];
      if (url) resolveUrl({ child: proc, url });
    });
    proc.on('exit', (code) => reject(new Error(`jixiao serve exited with ${code}: ${out}`)));
  });
}

it('finishes a batch after the server was killed mid-batch, each file reported once', async () => {
  data = await mkdtemp(join(tmpdir(), 'jixiao-resume-'));
  const first = await serveInChild(data);
  child = first.child;
  const client = new Client(first.url);
  await client.page('/');
  const res = await client.upload(FILES.map((path) => ({ path })));
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: number };

  // Kill as soon as some but not all files are done.
  let state: BatchState;
  for (;;) {
    state = await client.json<BatchState>(`/api/batches/${id}`);
    const done = state.files.filter((f) => f.status === 'done').length;
    if (done >= 1) {
      child.kill('SIGKILL');
      expect(done).toBeLessThan(FILES.length);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => child!.once('exit', r));
  const doneBeforeKill = state.files.filter((f) => f.status === 'done').length;

  const second = await startServer({ port: 0, dataDir: data, run: { workers: false, jobs: 1 } });
  try {
    expect(second.resumed).toEqual([id]);
    const again = new Client(second.url);
    await again.page('/');
    const finished = await waitForBatch(again, id);
    expect(finished.status).toBe('done');
    expect(finished.files).toHaveLength(FILES.length);
    expect(finished.files.every((f) => f.status === 'done' && f.outcome !== null)).toBe(true);
    const store = Store.open(join(data, 'jixiao.db'));
    // Two runs of the batch: the killed one (left 'running') and the resumed one, which reused what
    // the first had finished and checked the rest: each file once.
    const runs = store.query<{ status: string; checked: number; reused: number }>(`SELECT status, checked, reused FROM runs ORDER BY id`);
    expect(runs.map((r) => r.status)).toEqual(['running', 'done']);
    expect(runs[1].checked + runs[1].reused).toBe(FILES.length);
    expect(runs[1].reused).toBeGreaterThanOrEqual(doneBeforeKill);
    expect(store.query(`SELECT COUNT(*) AS n FROM documents`)).toEqual([{ n: FILES.length }]);
    store.close();
  } finally {
    await second.close();
  }
});
