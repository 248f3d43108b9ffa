// The store's tables. Bump SCHEMA_VERSION and add a migration step when a table changes.
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  tool_version TEXT NOT NULL,
  args TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
  total INTEGER,
  checked INTEGER NOT NULL DEFAULT 0,
  reused INTEGER NOT NULL DEFAULT 0
);

-- One row per file path (absolute). summary is the DocumentResult JSON without its findings.
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT,
  tool_version TEXT NOT NULL,
  format TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'error')),
  error_code TEXT,
  summary TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  checked_run INTEGER NOT NULL REFERENCES runs(id),
  seen_run INTEGER NOT NULL REFERENCES runs(id),
  checks INTEGER NOT NULL DEFAULT 1
);

-- seq tells apart findings of one document that share a fingerprint (same rule and values, other place).
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message TEXT NOT NULL,
  expected TEXT,
  actual TEXT,
  location TEXT NOT NULL,
  evidence TEXT NOT NULL,
  subject TEXT,
  calculation TEXT,
  first_seen_run INTEGER NOT NULL REFERENCES runs(id),
  last_seen_run INTEGER NOT NULL REFERENCES runs(id),
  resolved_at TEXT,
  resolved_run INTEGER REFERENCES runs(id),
  UNIQUE (document_id, fingerprint, seq)
);
CREATE INDEX IF NOT EXISTS findings_fingerprint ON findings (fingerprint);
CREATE INDEX IF NOT EXISTS findings_open ON findings (resolved_at, document_id);

-- A reviewer's verdict on a finding; keyed by fingerprint so it survives re-runs.
CREATE TABLE IF NOT EXISTS follow_ups (
  fingerprint TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'dismissed')),
  note TEXT,
  updated_at TEXT NOT NULL
);

-- Every change of a follow-up (schema 2): who, when, old → new status, the note given with it.
CREATE TABLE IF NOT EXISTS follow_up_history (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT,
  old_status TEXT CHECK (old_status IN ('pending', 'confirmed', 'dismissed')),
  new_status TEXT NOT NULL CHECK (new_status IN ('pending', 'confirmed', 'dismissed')),
  note TEXT
);
CREATE INDEX IF NOT EXISTS follow_up_history_fingerprint ON follow_up_history (fingerprint, id);
`;

/**
 * Steps from one schema version to the next, applied in order inside one transaction. Version 1 → 2
 * only adds follow_up_history (created by SCHEMA_SQL): marks made before it have no recorded past, so
 * each existing follow-up gets one entry (who unknown) saying what it was when history began.
 */
export const MIGRATIONS: Record<number, string> = {
  2: `INSERT INTO follow_up_history (fingerprint, at, who, old_status, new_status, note)
      SELECT fingerprint, updated_at, NULL, NULL, status, note FROM follow_ups`,
};
