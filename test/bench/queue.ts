// The queue part of `npm run bench` (jixiao worker / check --redis), against a private redis-server:
//   1. queue overhead: no-op jobs per second through Redis (BullMQ alone, one process);
//   2. throughput of check --redis with 1, 2 and 4 worker processes against the local runner, same corpus;
//   3. a simulation of 10,000 documents (tiny files, workers that answer with a canned result at once):
//      the coordinator's RSS and Redis's used_memory sampled along the run must stay flat, and the store
//      must hold all 10,000 documents.
//   BENCH_QUEUE_DOCS=300 BENCH_QUEUE_SIM=10000 tune the corpus sizes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { DocumentResult } from '../../model/index.ts';
import { runBatch } from '../../pipeline/run.ts';
import { toolVersionKey } from '../../pipeline/tool-key.ts';
import { redisOptions } from '../../queue/connection.ts';
import { DEFAULT_QUEUE_WINDOW } from '../../queue/cli.ts';
import { createQueueChecker } from '../../queue/coordinator.ts';
import { queueNameFor, type FileJob } from '../../queue/protocol.ts';
import { Store } from '../../store/index.ts';
import { makeCorpus } from '../helpers/corpus.ts';
import { redisUnavailable, startRedis, type TestRedis } from '../helpers/redis-server.ts';

const HERE = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const NOOP_JOBS = 5_000;
const CORPUS_DOCS = Number(process.env.BENCH_QUEUE_DOCS ?? 200);
const SIM_DOCS = Number(process.env.BENCH_QUEUE_SIM ?? 10_000);
/** Flat: the last memory sample may exceed the first (taken after warm-up) by at most this factor. */
const MAX_GROWTH = 1.5;

type Log = (line: string) => void;

export async function benchQueue({ log }: { log: Log }): Promise<void> {
  let unavailable: string | null;
  try {
    unavailable = redisUnavailable();
  } catch (error) {
    unavailable = (error as Error).message;
  }
  if (unavailable) return void log(unavailable);
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-queue-'));
  try {
    await noopThroughput(redis, log);
    await workerThroughput(redis, dir, log);
    await simulation(redis, dir, log);
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- 1. no-op jobs ----------

async function noopThroughput(redis: TestRedis, log: Log): Promise<void> {
  const connection = redisOptions({ redis: redis.url });
  const name = 'bench-noop';
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  await events.waitUntilReady();
  let done = 0;
  const finished = new Promise<void>((resolve) => events.on('completed', () => ++done === NOOP_JOBS && resolve()));
  const worker = new Worker(name, async () => ({ ok: true }), { connection, concurrency: 16, removeOnComplete: { count: 100 } });
  const started = performance.now();
  for (let i = 0; i < NOOP_JOBS; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, NOOP_JOBS - i) }, (_, k) => ({ name: 'noop', data: { i: i + k } })));
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([worker.close(), events.close(), queue.close()]);
  log(`空任务经 Redis 往返：${NOOP_JOBS} 个用时 ${seconds.toFixed(2)} 秒，${Math.round(NOOP_JOBS / seconds)} 个/秒（每个文件的队列开销约 ${((seconds * 1000) / NOOP_JOBS).toFixed(2)} 毫秒）`);
}

// ---------- 2. real checks: local runner vs 1, 2, 4 worker processes ----------

async function workerThroughput(redis: TestRedis, dir: string, log: Log): Promise<void> {
  const folder = join(dir, 'corpus');
  makeCorpus(folder, CORPUS_DOCS, { mixEvery: 10 });
  log(`真实检查 ${CORPUS_DOCS} 个文件（每 10 个混入一份 PDF/DOCX），每个检查进程 --jobs 1：`);
  const local = await timed(() => run(['check', folder, '--jobs', '1', '--db', join(dir, 'local.db'), '-q']));
  log(`  本地 --jobs 1：${local.toFixed(2)} 秒，${(CORPUS_DOCS / local).toFixed(1)} 个/秒（参照）`);
  for (const count of [1, 2, 4]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorkerProcess(redis.url)));
    try {
      const seconds = await timed(() => run(['check', folder, '--redis', redis.url, '--db', join(dir, `queue-${count}.db`), '-q']));
      log(`  ${count} 个 worker 进程：${seconds.toFixed(2)} 秒，${(CORPUS_DOCS / seconds).toFixed(1)} 个/秒，为本地的 ${(local / seconds).toFixed(2)}×`);
    } finally {
      await Promise.all(workers.map(stopProcess));
    }
  }
}

function startWorkerProcess(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', url, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('检查进程已启动')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${text}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function run(args: string[], script = CLI, execArgv: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 || code === 1 ? resolve(out) : reject(new Error(`${args[0]} exited ${code}: ${err}`))));
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

// ---------- 3. 10,000 synthetic documents ----------

interface Sample {
  done: number;
  coordinatorRssMb: number;
  redisUsedMb: number;
}

async function simulation(redis: TestRedis, dir: string, log: Log): Promise<void> {
  const folder = join(dir, 'sim');
  mkdirSync(folder);
  for (let i = 0; i < SIM_DOCS; i++) writeFileSync(join(folder, `${String(i).padStart(5, '0')}.txt`), `模拟报告 ${i}\n`);
  // A canned result of the right size and shape: a real check of a seed copy.
  const canned = join(dir, 'canned.json');
  const sample = makeCorpus(join(dir, 'canned'), 1)[0];
  const [checked] = await runBatch([sample], { workers: false });
  writeFileSync(canned, JSON.stringify(checked.result));
  const workers = [0, 1].map(() => spawn(process.execPath, ['--import', TSX_LOADER, HERE, '--sim-worker', redis.url, canned], { stdio: 'inherit' }));
  try {
    const db = join(dir, 'sim.db');
    const started = performance.now();
    const out = await run(['--sim-coordinator', folder, redis.url, db], HERE, ['--import', TSX_LOADER]);
    const seconds = (performance.now() - started) / 1000;
    const samples = JSON.parse(out.trim().split('\n').at(-1)!) as Sample[];
    log(`模拟 ${SIM_DOCS} 个文件（worker 直接返回现成结果）：${seconds.toFixed(1)} 秒，${Math.round(SIM_DOCS / seconds)} 个/秒`);
    for (const s of samples) log(`  已完成 ${String(s.done).padStart(6)}：协调进程内存 ${s.coordinatorRssMb} MB，Redis 内存 ${s.redisUsedMb} MB`);
    const first = samples[1] ?? samples[0];
    const last = samples.at(-1)!;
    const rss = last.coordinatorRssMb / first.coordinatorRssMb;
    const redisGrowth = last.redisUsedMb / first.redisUsedMb;
    log(`  协调进程内存 末/初 = ${rss.toFixed(2)}×，Redis 内存 末/初 = ${redisGrowth.toFixed(2)}×（上限 ${MAX_GROWTH}×）${rss <= MAX_GROWTH && redisGrowth <= MAX_GROWTH ? '  通过' : '  未通过'}`);
    const store = Store.open(db);
    try {
      const [{ n }] = store.query<{ n: number }>('SELECT COUNT(*) AS n FROM documents');
      const [run] = store.query<{ checked: number; status: string }>('SELECT checked, status FROM runs');
      log(`  结果数据库：${n} 个文件，本次写入 ${run.checked} 个，状态 ${run.status}${n === SIM_DOCS && run.checked === SIM_DOCS ? '  通过' : '  未通过'}`);
    } finally {
      store.close();
    }
  } finally {
    for (const w of workers) w.kill('SIGTERM');
  }
}

/** Child: a worker on the real queue that answers every job with the canned result at once. */
async function simWorker(url: string, cannedPath: string): Promise<void> {
  const canned = JSON.parse(readFileSync(cannedPath, 'utf8')) as DocumentResult;
  const worker = new Worker<FileJob, DocumentResult>(queueNameFor(toolVersionKey()), async (job) => ({ ...canned, file: job.data.path, sha256: job.data.sha256 }), {
    connection: redisOptions({ redis: url }),
    concurrency: 32,
  });
  // Nothing to hand back: leave at once (a graceful close would wait on a Redis that may be gone).
  process.on('SIGTERM', () => process.exit(0));
  await worker.waitUntilReady();
}

/** Child: the real coordinator (runBatch + queue checker + store), sampling its RSS and Redis's memory. */
async function simCoordinator(folder: string, url: string, dbPath: string): Promise<void> {
  const connection = redisOptions({ redis: url });
  const checker = await createQueueChecker({ connection, timeoutMs: 0, log: (t) => process.stderr.write(`${t}\n`) });
  const info = new Queue('bench-info', { connection });
  const client = (await info.client) as unknown as { info(section: string): Promise<string> };
  const samples: Sample[] = [];
  const every = Math.max(1, Math.floor(SIM_DOCS / 10));
  const pending: Array<Promise<void>> = [];
  const store = Store.open(dbPath);
  try {
    await runBatch([folder], {
      checker,
      jobs: DEFAULT_QUEUE_WINDOW,
      store,
      collect: false,
      onDocument: (_doc, done) => {
        if (done % every !== 0) return;
        pending.push(
          client.info('memory').then((text) => {
            const used = Number(/used_memory:(\d+)/.exec(text)?.[1] ?? 0);
            samples.push({ done, coordinatorRssMb: mb(process.memoryUsage().rss), redisUsedMb: mb(used) });
          }),
        );
      },
    });
    await Promise.all(pending);
  } finally {
    store.close();
    await info.close();
  }
  console.log(JSON.stringify(samples.sort((a, b) => a.done - b.done)));
}

const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

if (process.argv[2] === '--sim-worker') await simWorker(process.argv[3], process.argv[4]);
if (process.argv[2] === '--sim-coordinator') {
  await simCoordinator(process.argv[3], process.argv[4], process.argv[5]);
  process.exit(0);
}
