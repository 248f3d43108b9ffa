// A private redis-server for tests: a free port on 127.0.0.1, a temp dir, no persistence; killed after.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Why the Redis tests cannot run here, or null. Absent redis-server is an error for root (pretest installs it). */
export function redisUnavailable(): string | null {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    if (process.getuid?.() === 0) throw new Error('redis-server 未安装：npm test 的 pretest（scripts/ensure-system-packages.sh）应已安装它');
    return '跳过 Redis 队列测试：没有 redis-server（sudo apt-get install -y redis-server）';
  }
}

/** A fresh, empty redis-server; on `port` when given (a restart of the same address). */
export async function startRedis(port?: number, extraArgs: string[] = []): Promise<TestRedis> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    try {
      // Any reply (PONG, or NOAUTH when a password is set) means it is up.
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('redis-server did not start');
}
