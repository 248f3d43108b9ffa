// Child processes of the jixiao CLI for the queue tests (coordinator and workers).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DocumentResult } from '../../model/index.ts';

const CLI = new URL('../../bin/jixiao.js', import.meta.url).pathname;

export interface Launched {
  child: ChildProcess;
  stderr(): string;
}

/** Starts `jixiao <args>`; the child is added to `children` so the test can kill what is left. */
export function launch(children: ChildProcess[], args: string[], env: NodeJS.ProcessEnv = process.env): Launched {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  children.push(child);
  return { child, stderr: () => stderr };
}

export function killAll(children: ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export function copyInputs(folder: string, files: string[]): void {
  mkdirSync(folder, { recursive: true });
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`missing fixture ${file}`);
    copyFileSync(file, join(folder, basename(file)));
  }
}

/** What must match between a local and a queued run (path-free). */
export function comparable(d: DocumentResult) {
  return { status: d.status, format: d.format, sha256: d.sha256, error: d.error, grade: d.grade, claimedTotal: d.claimedTotal, computedTotal: d.computedTotal, findings: d.findings, notes: d.notes, tables: d.tables };
}

export async function waitForFile(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text) return text;
    }
    await sleep(50);
  }
  throw new Error(`${path} did not appear`);
}

export function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process did not finish within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
