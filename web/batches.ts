// Batches started from the web page: which files belong to a batch (with the names the reviewer
// saw), each file's progress, and one background runner that checks batches one after another on
// the CLI's runBatch and the same result store. Progress is written to web.db as it happens, so a
// reloaded page shows it and a restarted server resumes every unfinished batch (runBatch reuses the
// documents the store already holds, so each file is reported once).
import type Database from 'better-sqlite3';
import type { DocumentResult } from '../model/index.ts';
import { runBatch, type BatchOptions } from '../pipeline/run.ts';
import type { Progress } from '../pipeline/progress.ts';
import type { Store } from '../store/index.ts';
import { queueBatchOptions, type QueueCheckValues } from '../queue/cli.ts';

export type BatchStatus = 'queued' | 'running' | 'done' | 'failed';
export type FileStatus = 'queued' | 'running' | 'done';

export interface Batch {
  id: number;
  createdAt: string;
  createdBy: string;
  source: string;
  status: BatchStatus;
  finishedAt: string | null;
  error: string | null;
}

export interface BatchFile {
  ord: number;
  /** What the reviewer called it (upload name or path under the named folder): display only, never a path. */
  name: string;
  /** Where the checker reads it: under the data folder (uploads) or in the named server folder. */
  path: string;
  status: FileStatus;
  /** The document's outcome once done: ok / partial / error. */
  outcome: DocumentResult['status'] | null;
  findings: number | null;
}

const BATCH_SQL = `
CREATE TABLE IF NOT EXISTS batches (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  finished_at TEXT,
  error TEXT
);
CREATE TABLE IF NOT EXISTS batch_files (
  batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done')),
  outcome TEXT,
  findings INTEGER,
  PRIMARY KEY (batch_id, ord),
  UNIQUE (batch_id, path)
);
`;

export class BatchBook {
  constructor(private readonly db: Database.Database) {
    db.exec(BATCH_SQL);
  }

  /** A new queued batch; files sharing a path (same content uploaded twice) are one entry with both names. */
  create(createdBy: string, source: string, files: Array<{ name: string; path: string }>): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db.prepare(`INSERT INTO batches (created_at, created_by, source, status) VALUES (?, ?, ?, 'queued')`).run(new Date().toISOString(), createdBy, source)
          .lastInsertRowid,
      );
      const byPath = new Map<string, string[]>();
      for (const f of files) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.name]);
      const insert = this.db.prepare(`INSERT INTO batch_files (batch_id, ord, name, path, status) VALUES (?, ?, ?, ?, 'queued')`);
      [...byPath].forEach(([path, names], ord) => insert.run(id, ord, names.join('；'), path));
      return id;
    })();
  }

  list(): Array<Batch & { files: number; done: number }> {
    return (
      this.db
        .prepare(
          `SELECT b.*, (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id) AS files,
             (SELECT COUNT(*) FROM batch_files f WHERE f.batch_id = b.id AND f.status = 'done') AS done
           FROM batches b ORDER BY b.id DESC`,
        )
        .all() as Array<BatchRow & { files: number; done: number }>
    ).map((r) => ({ ...toBatch(r), files: r.files, done: r.done }));
  }

  get(id: number): Batch | null {
    const row = this.db.prepare(`SELECT * FROM batches WHERE id = ?`).get(id) as BatchRow | undefined;
    return row ? toBatch(row) : null;
  }

  files(id: number): BatchFile[] {
    return this.db.prepare(`SELECT ord, name, path, status, outcome, findings FROM batch_files WHERE batch_id = ? ORDER BY ord`).all(id) as BatchFile[];
  }

  /** The entry of a path, in the given batch when it holds it, else in the latest batch that does. */
  fileAt(path: string, batchId: number | null): { batchId: number; name: string } | null {
    const row = this.db
      .prepare(`SELECT batch_id AS batchId, name FROM batch_files WHERE path = ? ORDER BY batch_id = ? DESC, batch_id DESC LIMIT 1`)
      .get(path, batchId ?? -1) as { batchId: number; name: string } | undefined;
    return row ?? null;
  }

  unfinished(): number[] {
    return (this.db.prepare(`SELECT id FROM batches WHERE status IN ('queued', 'running') ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id);
  }

  setStatus(id: number, status: BatchStatus, error: string | null = null): void {
    const finished = status === 'done' || status === 'failed' ? new Date().toISOString() : null;
    this.db.prepare(`UPDATE batches SET status = ?, finished_at = ?, error = ? WHERE id = ?`).run(status, finished, error, id);
  }

  fileStarted(id: number, path: string): void {
    this.db.prepare(`UPDATE batch_files SET status = 'running' WHERE batch_id = ? AND path = ? AND status <> 'done'`).run(id, path);
  }

  fileFinished(id: number, path: string, result: DocumentResult): void {
    this.db
      .prepare(`UPDATE batch_files SET status = 'done', outcome = ?, findings = ? WHERE batch_id = ? AND path = ?`)
      .run(result.status, result.findings.length, id, path);
  }

  /** Files left 'running' by a server that stopped go back to the queue. */
  requeueRunning(id: number): void {
    this.db.prepare(`UPDATE batch_files SET status = 'queued' WHERE batch_id = ? AND status = 'running'`).run(id);
  }
}

interface BatchRow {
  id: number;
  created_at: string;
  created_by: string;
  source: string;
  status: BatchStatus;
  finished_at: string | null;
  error: string | null;
}

function toBatch(r: BatchRow): Batch {
  return { id: r.id, createdAt: r.created_at, createdBy: r.created_by, source: r.source, status: r.status, finishedAt: r.finished_at, error: r.error };
}

export type RunOptions = Pick<BatchOptions, 'jobs' | 'timeoutMs' | 'workers' | 'rubric'> & {
  /** `jixiao serve --redis …`: batches are checked by `jixiao worker` processes through Redis. */
  queue?: QueueCheckValues;
};

/** Checks queued batches one at a time in the background; stop() interrupts the current one (it resumes next start). */
export class BatchRunner {
  private readonly queue: number[] = [];
  private running: Promise<void> | null = null;
  private readonly controller = new AbortController();

  constructor(
    private readonly book: BatchBook,
    private readonly store: Store,
    private readonly options: RunOptions,
  ) {}

  /** Queues the unfinished batches of an earlier server (stopped or killed mid-batch). */
  resumeUnfinished(): number[] {
    const ids = this.book.unfinished();
    for (const id of ids) {
      this.book.requeueRunning(id);
      this.enqueue(id);
    }
    return ids;
  }

  enqueue(id: number): void {
    this.queue.push(id);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /** Resolves when every queued batch is finished (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined && !this.controller.signal.aborted; id = this.queue.shift()) await this.runOne(id);
  }

  private async runOne(id: number): Promise<void> {
    const paths = this.book.files(id).map((f) => f.path);
    this.book.setStatus(id, 'running');
    const book = this.book;
    const progress: Progress = {
      started: (path) => book.fileStarted(id, path),
      finished: (result) => book.fileFinished(id, result.file, result),
      print: (write) => write(),
      end() {},
    };
    try {
      const { queue, ...options } = this.options;
      const signal = this.controller.signal;
      const remote = queue ? await queueBatchOptions(queue, { ...options, signal }, (text) => process.stderr.write(`${text}\n`)) : {};
      await runBatch(paths, { ...options, store: this.store, progress, collect: false, runArgs: ['serve', `batch=${id}`], signal, ...remote });
      this.book.setStatus(id, 'done');
    } catch (error) {
      // Interrupted by stop(): the batch stays 'running' and the next server resumes it.
      if (this.controller.signal.aborted) return;
      this.book.setStatus(id, 'failed', error instanceof Error ? error.message : String(error));
    }
  }
}
