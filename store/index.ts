// The result store (SQLite via better-sqlite3): documents checked, their findings across runs, and
// reviewers' follow-ups. Each document is written in its own transaction, so a killed run loses at
// most the documents that were in flight; WAL mode keeps readers and the writer apart.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DocumentResult, Finding, FollowUp, FollowUpStatus } from '../model/index.ts';
import { MIGRATIONS, SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

export const DEFAULT_DB_PATH = '.jixiao/jixiao.db';


export interface StoredDocument {
  sha256: string | null;
  result: DocumentResult;
}

export interface ReviewRow {
  id: number;
  file: string;
  rule: string;
  severity: Finding['severity'];
  message: string;
  fingerprint: string;
  followUp: FollowUp;
  resolvedAt: string | null;
}

export interface StoredFinding extends Finding {
  id: number;
  followUp: FollowUp;
}

export interface StoredResult {
  result: DocumentResult;
  findings: StoredFinding[];
}

export interface MarkOptions {
  /** Who made the change (an OS user for the CLI, an account for the web page); null when unknown. */
  who?: string | null;
  /** ISO time of the change; defaults to now. */
  at?: string;
}

export interface FollowUpChange {
  at: string;
  who: string | null;
  /** null for the entry that records a follow-up made before history was kept (schema 1). */
  oldStatus: FollowUpStatus | null;
  newStatus: FollowUpStatus;
  note: string | null;
}

/** Error codes that say nothing lasting about the file: such results are re-checked next run. */
const TRANSIENT_ERRORS = new Set(['timeout', 'internal']);

const now = () => new Date().toISOString();

export class Store {
  readonly path: string;
  private readonly db: Database.Database;

  private constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  static open(path = DEFAULT_DB_PATH): Store {
    return new Store(resolve(path));
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`数据库 ${this.path} 由更新版本的 jixiao 创建（结构版本 ${version}），请升级 jixiao`);
    this.db.transaction(() => {
      this.db.exec(SCHEMA_SQL);
      // A fresh database (version 0) starts at the current schema; an older one steps up.
      if (version > 0) for (let v = version + 1; v <= SCHEMA_VERSION; v++) if (MIGRATIONS[v]) this.db.exec(MIGRATIONS[v]);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---------- runs ----------

  beginRun(toolVersion: string, args: string[], total: number | null = null): number {
    const info = this.db
      .prepare(`INSERT INTO runs (started_at, tool_version, args, status, total) VALUES (?, ?, ?, 'running', ?)`)
      .run(now(), toolVersion, JSON.stringify(args), total);
    return Number(info.lastInsertRowid);
  }

  setRunTotal(runId: number, total: number): void {
    this.db.prepare(`UPDATE runs SET total = ? WHERE id = ?`).run(total, runId);
  }

  finishRun(runId: number, status: 'done' | 'interrupted' | 'failed'): void {
    this.db.prepare(`UPDATE runs SET status = ?, finished_at = ? WHERE id = ?`).run(status, now(), runId);
  }

  // ---------- documents ----------

  /** The stored result of a path when it can be reused as is (same tool key, a lasting outcome). */
  cached(path: string, toolKey: string): StoredDocument | null {
    const row = this.db
      .prepare(`SELECT id, sha256, summary, error_code, tool_version FROM documents WHERE path = ?`)
      .get(resolve(path)) as { id: number; sha256: string | null; summary: string; error_code: string | null; tool_version: string } | undefined;
    if (!row || row.tool_version !== toolKey || row.sha256 === null) return null;
    if (row.error_code && TRANSIENT_ERRORS.has(row.error_code)) return null;
    const { findingEffects, ...summary } = JSON.parse(row.summary) as Omit<DocumentResult, 'findings'> & { findingEffects?: Array<Finding['effect'] | null> };
    return { sha256: row.sha256, result: { ...summary, findings: this.openFindingsOf(row.id, findingEffects ?? []) } };
  }

  /** A reused document was part of this run: its open findings were seen again. */
  markSeen(runId: number, path: string): void {
    const tx = this.db.transaction(() => {
      const doc = this.db.prepare(`SELECT id FROM documents WHERE path = ?`).get(resolve(path)) as { id: number } | undefined;
      if (!doc) return;
      this.db.prepare(`UPDATE documents SET seen_run = ? WHERE id = ?`).run(runId, doc.id);
      this.db.prepare(`UPDATE findings SET last_seen_run = ? WHERE document_id = ? AND resolved_at IS NULL`).run(runId, doc.id);
      this.db.prepare(`UPDATE runs SET reused = reused + 1 WHERE id = ?`).run(runId);
    });
    tx();
  }

  /** Writes one checked document and its findings in a single transaction. */
  saveDocument(runId: number, path: string, toolKey: string, result: DocumentResult): void {
    const tx = this.db.transaction(() => {
      const documentId = this.upsertDocument(runId, resolve(path), toolKey, result);
      // An unreadable file says nothing about whether its findings were fixed: keep them open.
      if (result.status !== 'error') this.replaceFindings(runId, documentId, result.findings);
      this.db.prepare(`UPDATE runs SET checked = checked + 1 WHERE id = ?`).run(runId);
    });
    tx.immediate();
  }

  private upsertDocument(runId: number, path: string, toolKey: string, result: DocumentResult): number {
    const { findings, ...rest } = result;
    // A finding's effect on total and grade (by its position) rides with the summary: no column for it.
    const summary = { ...rest, findingEffects: findings.map((f) => f.effect ?? null) };
    const row = this.db
      .prepare(
        `INSERT INTO documents (path, sha256, tool_version, format, status, error_code, summary, checked_at, checked_run, seen_run)
         VALUES (@path, @sha256, @tool, @format, @status, @code, @summary, @at, @run, @run)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, tool_version = excluded.tool_version,
           format = excluded.format, status = excluded.status, error_code = excluded.error_code,
           summary = excluded.summary, checked_at = excluded.checked_at, checked_run = excluded.checked_run,
           seen_run = excluded.seen_run, checks = documents.checks + 1
         RETURNING id`,
      )
      .get({
        path,
        sha256: result.sha256,
        tool: toolKey,
        format: result.format,
        status: result.status,
        code: result.error?.code ?? null,
        summary: JSON.stringify(summary),
        at: now(),
        run: runId,
      }) as { id: number };
    return row.id;
  }

  private replaceFindings(runId: number, documentId: number, findings: Finding[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO findings (document_id, fingerprint, seq, ord, rule, severity, message, expected, actual, location,
         evidence, subject, calculation, first_seen_run, last_seen_run)
       VALUES (@doc, @fingerprint, @seq, @ord, @rule, @severity, @message, @expected, @actual, @location,
         @evidence, @subject, @calculation, @run, @run)
       ON CONFLICT (document_id, fingerprint, seq) DO UPDATE SET ord = excluded.ord, rule = excluded.rule,
         severity = excluded.severity, message = excluded.message, expected = excluded.expected,
         actual = excluded.actual, location = excluded.location, evidence = excluded.evidence,
         subject = excluded.subject, calculation = excluded.calculation, last_seen_run = excluded.last_seen_run,
         resolved_at = NULL, resolved_run = NULL`,
    );
    const seqOf = new Map<string, number>();
    findings.forEach((f, ord) => {
      const seq = seqOf.get(f.fingerprint) ?? 0;
      seqOf.set(f.fingerprint, seq + 1);
      upsert.run({
        doc: documentId,
        fingerprint: f.fingerprint,
        seq,
        ord,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        expected: f.expected,
        actual: f.actual,
        location: JSON.stringify(f.location),
        evidence: f.evidence,
        subject: f.subject,
        calculation: f.calculation,
        run: runId,
      });
    });
    // Whatever this check no longer reports has been resolved.
    this.db
      .prepare(`UPDATE findings SET resolved_at = ?, resolved_run = ? WHERE document_id = ? AND resolved_at IS NULL AND last_seen_run <> ?`)
      .run(now(), runId, documentId, runId);
  }

  private openFindingsOf(documentId: number, effects: Array<Finding['effect'] | null> = []): Finding[] {
    const rows = this.db
      .prepare(
        `SELECT rule, severity, message, expected, actual, location, evidence, subject, calculation, fingerprint, ord
         FROM findings WHERE document_id = ? AND resolved_at IS NULL ORDER BY ord`,
      )
      .all(documentId) as Array<Omit<Finding, 'location'> & { location: string; ord: number }>;
    return rows.map(({ ord, ...r }) => {
      const effect = effects[ord];
      return { ...r, location: JSON.parse(r.location) as Finding['location'], ...(effect ? { effect } : {}) };
    });
  }

  // ---------- review and follow-ups ----------

  /** Open findings (unresolved, not dismissed); with all, every finding including dismissed and resolved ones. */
  reviewRows(options: { all?: boolean } = {}): ReviewRow[] {
    const rows = this.db
      .prepare(
        `SELECT f.id, d.path AS file, f.rule, f.severity, f.message, f.fingerprint, f.resolved_at AS resolvedAt,
           u.status AS fuStatus, u.note AS fuNote, u.updated_at AS fuAt
         FROM findings f JOIN documents d ON d.id = f.document_id
         LEFT JOIN follow_ups u ON u.fingerprint = f.fingerprint
         ${options.all ? '' : `WHERE f.resolved_at IS NULL AND COALESCE(u.status, 'pending') <> 'dismissed'`}
         ORDER BY d.path, f.ord`,
      )
      .all() as Array<Omit<ReviewRow, 'followUp'> & { fuStatus: FollowUpStatus | null; fuNote: string | null; fuAt: string | null }>;
    return rows.map(({ fuStatus, fuNote, fuAt, ...row }) => ({ ...row, followUp: followUp(fuStatus, fuNote, fuAt) }));
  }

  /**
   * Sets the follow-up of a finding given by its numeric id or its fingerprint; null when none matches.
   * The one setter of follow-ups: every change is appended to follow_up_history in the same
   * transaction (who, when, old → new, note). A call that changes neither status nor note adds nothing.
   */
  mark(
    idOrFingerprint: string,
    status: FollowUpStatus,
    note: string | null = null,
    options: MarkOptions = {},
  ): { fingerprint: string; findings: number } | null {
    const fingerprint = this.resolveFingerprint(idOrFingerprint);
    if (!fingerprint) return null;
    const at = options.at ?? now();
    this.db.transaction(() => {
      const before = this.db.prepare(`SELECT status, note FROM follow_ups WHERE fingerprint = ?`).get(fingerprint) as
        | { status: FollowUpStatus; note: string | null }
        | undefined;
      this.db
        .prepare(
          `INSERT INTO follow_ups (fingerprint, status, note, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (fingerprint) DO UPDATE SET status = excluded.status, note = COALESCE(excluded.note, follow_ups.note),
             updated_at = excluded.updated_at`,
        )
        .run(fingerprint, status, note, at);
      const oldStatus = before?.status ?? 'pending';
      if (oldStatus === status && (note === null || note === before?.note)) return;
      this.db
        .prepare(`INSERT INTO follow_up_history (fingerprint, at, who, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(fingerprint, at, options.who ?? null, oldStatus, status, note);
    }).immediate();
    const count = this.db.prepare(`SELECT COUNT(*) AS n FROM findings WHERE fingerprint = ?`).get(fingerprint) as { n: number };
    return { fingerprint, findings: count.n };
  }

  /** The audit trail of a finding's follow-up, oldest first. */
  followUpHistory(fingerprint: string): FollowUpChange[] {
    return this.db
      .prepare(
        `SELECT at, who, old_status AS oldStatus, new_status AS newStatus, note FROM follow_up_history
         WHERE fingerprint = ? ORDER BY id`,
      )
      .all(fingerprint) as FollowUpChange[];
  }

  private resolveFingerprint(idOrFingerprint: string): string | null {
    const byId = /^\d+$/.test(idOrFingerprint)
      ? (this.db.prepare(`SELECT fingerprint FROM findings WHERE id = ?`).get(Number(idOrFingerprint)) as { fingerprint: string } | undefined)
      : undefined;
    if (byId) return byId.fingerprint;
    const byFingerprint = this.db.prepare(`SELECT fingerprint FROM findings WHERE fingerprint = ? LIMIT 1`).get(idOrFingerprint) as
      | { fingerprint: string }
      | undefined;
    return byFingerprint?.fingerprint ?? null;
  }

  /** A snapshot of every follow-up, for reporters (--xlsx/--csv/--html) to print beside each finding. */
  followUpLookup(): (fingerprint: string) => FollowUp {
    const rows = this.db.prepare(`SELECT fingerprint, status, note, updated_at FROM follow_ups`).all() as Array<{
      fingerprint: string;
      status: FollowUpStatus;
      note: string | null;
      updated_at: string;
    }>;
    const map = new Map(rows.map((r) => [r.fingerprint, followUp(r.status, r.note, r.updated_at)]));
    const pending = followUp(null, null, null);
    return (fingerprint) => map.get(fingerprint) ?? pending;
  }

  // ---------- reading results back (the web page) ----------

  /** The stored result of a path with its open findings, each with its id and follow-up; null when never checked. */
  documentAt(path: string): StoredResult | null {
    const row = this.db.prepare(`SELECT id, summary FROM documents WHERE path = ?`).get(resolve(path)) as
      | { id: number; summary: string }
      | undefined;
    if (!row) return null;
    const summary = JSON.parse(row.summary) as Omit<DocumentResult, 'findings'>;
    const findings = this.storedFindings(`f.document_id = ? AND f.resolved_at IS NULL`, row.id);
    return { result: { ...summary, findings: findings.map(({ id: _id, followUp: _f, ...f }) => f) }, findings };
  }

  /** One finding by its id with the path of its document. */
  findingById(id: number): (StoredFinding & { path: string }) | null {
    return (this.storedFindings(`f.id = ?`, id)[0] as (StoredFinding & { path: string }) | undefined) ?? null;
  }

  private storedFindings(where: string, param: number): Array<StoredFinding & { path: string }> {
    const rows = this.db
      .prepare(
        `SELECT f.id, d.path, f.rule, f.severity, f.message, f.expected, f.actual, f.location, f.evidence, f.subject,
           f.calculation, f.fingerprint, u.status AS fuStatus, u.note AS fuNote, u.updated_at AS fuAt
         FROM findings f JOIN documents d ON d.id = f.document_id LEFT JOIN follow_ups u ON u.fingerprint = f.fingerprint
         WHERE ${where} ORDER BY f.ord`,
      )
      .all(param) as Array<Omit<Finding, 'location'> & { id: number; path: string; location: string; fuStatus: FollowUpStatus | null; fuNote: string | null; fuAt: string | null }>;
    return rows.map(({ fuStatus, fuNote, fuAt, location, ...r }) => ({
      ...r,
      location: JSON.parse(location) as Finding['location'],
      followUp: followUp(fuStatus, fuNote, fuAt),
    }));
  }

  // ---------- maintenance ----------

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  /** Direct read access for tests and diagnostics. */
  query<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }
}

function followUp(status: FollowUpStatus | null, note: string | null, updatedAt: string | null): FollowUp {
  return { status: status ?? 'pending', note, updatedAt };
}
