// The store's tables. Bump SCHEMA_VERSION and add a migration step when a table changes.
export const SCHEMA_VERSION = 1;

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
`;
