// End to end over a real redis-server: a coordinator and three workers as separate processes; one
// worker is SIGKILLed in the middle of a file. Every file must come back exactly once, with the same
// result as a local run, and the store must hold one check per file.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../model/index.ts';
import { runBatch } from '../pipeline/run.ts';
import { Store } from '../store/index.ts';
import { comparable, copyInputs, exitOf, killAll, launch, waitForFile } from '../test/helpers/processes.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../test/helpers/redis-server.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = readdirSync(join(ROOT, 'fixtures/seeds')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'fixtures/seeds', f));
const OTHER_FORMATS = ['fixtures/pdf/synthetic-report.pdf', 'fixtures/docx/synthetic-report.docx', 'fixtures/xlsx/jichu-shuju.xlsx', 'fixtures/pdf/bad-truncated.pdf', 'fixtures/text/gbk-report.gbk.txt'].map((p) => join(ROOT, p));
/** The file a worker is killed in the middle of. */
const HELD = 'synthetic-report.pdf';

const unavailable = redisUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable !== null)('check --redis with three worker processes', () => {
  let redis: TestRedis;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'jixiao-queue-'));
  });
  afterAll(async () => {
    killAll(children);
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hands a killed worker\'s file to another worker; every file once, same findings as a local run', async () => {
    const inputs = join(dir, 'inputs');
    copyInputs(inputs, [...SEEDS, ...OTHER_FORMATS]);
    const local = await runBatch([inputs], { jobs: 2 });

    const mark = join(dir, 'held-by');
    const env = { ...process.env, JIXIAO_TEST_HOLD_MATCH: HELD, JIXIAO_TEST_HOLD_MARK: mark, JIXIAO_TEST_HOLD_MS: '120000' };
    const workers = [0, 1, 2].map(() => launch(children, ['worker', '--redis', redis.url, '--jobs', '1', '--stall-seconds', '2'], env));
    const db = join(dir, 'queue.db');
    const out = join(dir, 'out.json');
    const coordinator = launch(children, ['check', inputs, '--redis', redis.url, '--db', db, '--json', out, '-q'], process.env);

    const holder = Number(await waitForFile(mark, 60_000));
    const victim = workers.find((w) => w.child.pid === holder);
    expect(victim, 'the job was held by one of the three workers').toBeDefined();
    victim!.child.kill('SIGKILL');

    const code = await exitOf(coordinator.child, 90_000);
    expect(code, coordinator.stderr()).toBeLessThanOrEqual(1);
    const remote = JSON.parse(readFileSync(out, 'utf8')) as Output;

    const files = remote.documents.map((d) => d.file).sort();
    expect(files).toEqual(local.map((d) => d.result.file).sort());
    expect(new Set(files).size).toBe(files.length);
    for (const doc of local) {
      const twin = remote.documents.find((d) => d.file === doc.result.file)!;
      expect(comparable(twin), basename(doc.result.file)).toEqual(comparable(doc.result));
    }
    const held = remote.documents.find((d) => d.file.endsWith(HELD))!;
    expect(held.status).not.toBe('error');

    const store = Store.open(db);
    try {
      const rows = store.query<{ path: string; checks: number }>('SELECT path, checks FROM documents');
      expect(rows.map((r) => r.path).sort()).toEqual(files);
      expect(rows.every((r) => r.checks === 1)).toBe(true);
      const [run] = store.query<{ status: string; checked: number }>('SELECT status, checked FROM runs');
      expect(run).toEqual({ status: 'done', checked: files.length });
    } finally {
      store.close();
    }
    for (const w of workers) if (w !== victim) w.child.kill('SIGTERM');
  }, 180_000);
});
