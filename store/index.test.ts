import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentResult, Finding } from '../model/index.ts';
import { Store } from './index.ts';

const finding = (fingerprint: string, message = `问题 ${fingerprint}`): Finding => ({
  rule: 'score/total-mismatch',
  severity: 'error',
  message,
  expected: '94.42',
  actual: '100',
  location: { page: 1, table: 1, row: 2, column: 3, line: null },
  evidence: '合计 100',
  subject: '合计',
  calculation: null,
  fingerprint,
});

const result = (file: string, findings: Finding[], status: DocumentResult['status'] = 'ok'): DocumentResult => ({
  file,
  sha256: 'abc',
  format: 'txt',
  status,
  error: status === 'error' ? { code: 'corrupt', message: '文件已损坏' } : null,
  unit: '某局',
  year: 2022,
  claimedTotal: '100',
  computedTotal: '94.42',
  grade: '优',
  findings,
  notes: [],
  tables: [],
});

describe('Store', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
    store = Store.open(join(dir, 'sub', 'j.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode and round-trips a document with its findings', () => {
    expect(store.query<{ journal_mode: string }>('PRAGMA journal_mode')[0].journal_mode).toBe('wal');
    const run = store.beginRun('0.1.0', ['check', 'a.txt']);
    store.saveDocument(run, '/x/a.txt', '0.1.0', result('/x/a.txt', [finding('f1'), finding('f2'), finding('f1')]));
    const cached = store.cached('/x/a.txt', '0.1.0');
    expect(cached?.sha256).toBe('abc');
    expect(cached?.result.findings.map((f) => f.fingerprint)).toEqual(['f1', 'f2', 'f1']);
    expect(cached?.result.findings[0].location).toEqual({ page: 1, table: 1, row: 2, column: 3, line: null });
    expect(cached?.result.unit).toBe('某局');
    expect(store.cached('/x/a.txt', '0.2.0')).toBeNull();
    expect(store.integrityCheck()).toBe('ok');
  });

  it('keeps each finding\'s effect on total and grade, and its cell\'s bbox, for a reused result', () => {
    const run = store.beginRun('v', []);
    const effect = { total: { from: '91.16', to: '89.16' }, grade: { from: '优' as const, to: '良' as const } };
    const withGeometry = { ...finding('f2'), effect, location: { ...finding('f2').location, bbox: [1, 2, 3, 4] as [number, number, number, number] } };
    store.saveDocument(run, '/x/e.txt', 'v', result('/x/e.txt', [finding('f1'), withGeometry]));
    const [plain, marked] = store.cached('/x/e.txt', 'v')!.result.findings;
    expect(plain.effect).toBeUndefined();
    expect(marked.effect).toEqual(effect);
    expect(marked.location.bbox).toEqual([1, 2, 3, 4]);
    expect(store.cached('/x/e.txt', 'v')!.result).not.toHaveProperty('findingEffects');
  });

  it('resolves a finding that disappears on re-check and reopens it when it returns', () => {
    const r1 = store.beginRun('0.1.0', []);
    store.saveDocument(r1, '/x/a.txt', 'v', result('/x/a.txt', [finding('f1'), finding('f2')]));
    const r2 = store.beginRun('0.1.0', []);
    store.saveDocument(r2, '/x/a.txt', 'v', result('/x/a.txt', [finding('f2')]));
    const rows = store.query<{ fingerprint: string; resolved_run: number | null; first_seen_run: number; last_seen_run: number }>(
      'SELECT fingerprint, resolved_run, first_seen_run, last_seen_run FROM findings ORDER BY fingerprint',
    );
    expect(rows).toEqual([
      { fingerprint: 'f1', resolved_run: r2, first_seen_run: r1, last_seen_run: r1 },
      { fingerprint: 'f2', resolved_run: null, first_seen_run: r1, last_seen_run: r2 },
    ]);
    expect(store.cached('/x/a.txt', 'v')?.result.findings.map((f) => f.fingerprint)).toEqual(['f2']);
    const r3 = store.beginRun('0.1.0', []);
    store.saveDocument(r3, '/x/a.txt', 'v', result('/x/a.txt', [finding('f1'), finding('f2')]));
    expect(store.query('SELECT fingerprint FROM findings WHERE resolved_at IS NOT NULL')).toEqual([]);
  });

  it('keeps findings open when the re-check could not read the file', () => {
    const r1 = store.beginRun('0.1.0', []);
    store.saveDocument(r1, '/x/a.txt', 'v', result('/x/a.txt', [finding('f1')]));
    store.saveDocument(store.beginRun('0.1.0', []), '/x/a.txt', 'v', result('/x/a.txt', [], 'error'));
    expect(store.reviewRows().map((r) => r.fingerprint)).toEqual(['f1']);
  });

  it('does not reuse transient failures (timeout) so the next run retries them', () => {
    const run = store.beginRun('0.1.0', []);
    const timedOut = { ...result('/x/t.pdf', [], 'error'), error: { code: 'timeout' as const, message: '检查超时' } };
    store.saveDocument(run, '/x/t.pdf', 'v', timedOut);
    expect(store.cached('/x/t.pdf', 'v')).toBeNull();
  });

  it('follow-ups survive re-runs and are found by numeric id or fingerprint', () => {
    const r1 = store.beginRun('0.1.0', []);
    store.saveDocument(r1, '/x/a.txt', 'v', result('/x/a.txt', [finding('f1'), finding('f2')]));
    const [first] = store.reviewRows();
    expect(first.followUp.status).toBe('pending');
    expect(store.mark(String(first.id), 'dismissed', '四舍五入造成')).toEqual({ fingerprint: 'f1', findings: 1 });
    expect(store.mark('f2', 'confirmed')).toEqual({ fingerprint: 'f2', findings: 1 });
    expect(store.mark('999', 'confirmed')).toBeNull();
    store.saveDocument(store.beginRun('0.1.0', []), '/x/a.txt', 'v', result('/x/a.txt', [finding('f1'), finding('f2')]));
    const lookup = store.followUpLookup();
    expect(lookup('f1')).toMatchObject({ status: 'dismissed', note: '四舍五入造成' });
    expect(lookup('f2').status).toBe('confirmed');
    expect(lookup('unknown').status).toBe('pending');
    expect(store.reviewRows().map((r) => [r.fingerprint, r.followUp.status])).toEqual([['f2', 'confirmed']]);
    expect(store.reviewRows({ all: true }).map((r) => r.followUp.status)).toEqual(['dismissed', 'confirmed']);
  });

  it('counts a path once however often it is saved', () => {
    const run = store.beginRun('0.1.0', []);
    store.saveDocument(run, '/x/a.txt', 'v', result('/x/a.txt', []));
    store.saveDocument(run, '/x/b.txt', 'v', result('/x/b.txt', []));
    store.saveDocument(store.beginRun('0.1.0', []), '/x/a.txt', 'v', result('/x/a.txt', []));
    expect(store.query('SELECT path, checks FROM documents ORDER BY path')).toEqual([
      { path: '/x/a.txt', checks: 2 },
      { path: '/x/b.txt', checks: 1 },
    ]);
  });

  it('keeps every follow-up change in its history (who, when, old → new, note), not the repeats', () => {
    store.saveDocument(store.beginRun('0.1.0', []), '/x/a.txt', 'v', result('/x/a.txt', [finding('f1')]));
    store.mark('f1', 'confirmed', '核对原表属实', { who: '张三', at: '2026-01-01T00:00:00.000Z' });
    store.mark('f1', 'confirmed', null, { who: '张三' });
    store.mark('f1', 'dismissed', '四舍五入', { who: '李四', at: '2026-01-02T00:00:00.000Z' });
    store.mark('f1', 'pending');
    expect(store.followUpHistory('f1')).toEqual([
      { at: '2026-01-01T00:00:00.000Z', who: '张三', oldStatus: 'pending', newStatus: 'confirmed', note: '核对原表属实' },
      { at: '2026-01-02T00:00:00.000Z', who: '李四', oldStatus: 'confirmed', newStatus: 'dismissed', note: '四舍五入' },
      expect.objectContaining({ who: null, oldStatus: 'dismissed', newStatus: 'pending', note: null }),
    ]);
  });

  it('reads a document back with finding ids and follow-ups', () => {
    store.saveDocument(store.beginRun('0.1.0', []), '/x/a.txt', 'v', result('/x/a.txt', [finding('f1'), finding('f2')]));
    store.mark('f2', 'confirmed', '属实');
    const stored = store.documentAt('/x/a.txt')!;
    expect(stored.result.findings.map((f) => f.fingerprint)).toEqual(['f1', 'f2']);
    expect(stored.findings.map((f) => f.followUp.status)).toEqual(['pending', 'confirmed']);
    expect(store.findingById(stored.findings[1].id)).toMatchObject({ path: '/x/a.txt', fingerprint: 'f2', followUp: { note: '属实' } });
    expect(store.documentAt('/x/none.txt')).toBeNull();
  });

  it('migrates a schema-1 database: existing marks get a first history entry, nothing is lost', () => {
    const path = join(dir, 'v1.db');
    store.close();
    const old = new Database(path);
    old.exec(`CREATE TABLE follow_ups (fingerprint TEXT PRIMARY KEY, status TEXT NOT NULL, note TEXT, updated_at TEXT NOT NULL);
      INSERT INTO follow_ups VALUES ('f9', 'dismissed', '旧备注', '2025-05-05T00:00:00.000Z');`);
    old.pragma('user_version = 1');
    old.close();
    store = Store.open(path);
    expect(store.followUpLookup()('f9')).toMatchObject({ status: 'dismissed', note: '旧备注' });
    expect(store.followUpHistory('f9')).toEqual([{ at: '2025-05-05T00:00:00.000Z', who: null, oldStatus: null, newStatus: 'dismissed', note: '旧备注' }]);
    expect(store.query('PRAGMA user_version')).toEqual([{ user_version: 2 }]);
  });
});
