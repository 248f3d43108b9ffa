// Accounts and sessions of the web page, kept in the data folder's web.db. Passwords are hashed with
// scrypt (memory-hard, node:crypto); a session cookie carries a random token of which only the
// SHA-256 is stored, so a copy of web.db does not open sessions.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type Database from 'better-sqlite3';

export type Role = 'reviewer' | 'viewer';
export const ROLES: readonly Role[] = ['reviewer', 'viewer'];
export const ROLE_LABEL: Record<Role, string> = { reviewer: '核查人员', viewer: '查看人员' };

/** OWASP's recommended minimum for scrypt (N = 2^17, r = 8, p = 1): 128 MiB and a few tenths of a second per hash. */
const SCRYPT: ScryptOptions = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_BYTES = 32;
export const SESSION_HOURS = 12;

export interface User {
  name: string;
  role: Role;
}

export const ACCOUNT_SQL = `
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'viewer')),
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_sha256 TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'viewer')),
  expires_at TEXT NOT NULL
);
`;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class Accounts {
  constructor(private readonly db: Database.Database) {
    db.exec(ACCOUNT_SQL);
  }

  count(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM users`).get() as { n: number }).n;
  }

  list(): User[] {
    return this.db.prepare(`SELECT name, role FROM users ORDER BY name`).all() as User[];
  }

  /** Adds or replaces an account (a new password ends the user's sessions). */
  async add(name: string, role: Role, password: string): Promise<void> {
    if (!/^[\p{L}\p{N}_.@-]{1,64}$/u.test(name)) throw new Error(`用户名“${name}”不合适：只能用字母、数字、汉字和 _ . @ -，最长 64 个字符`);
    if (!ROLES.includes(role)) throw new Error(`角色只能是 reviewer（核查人员）或 viewer（查看人员），收到“${role}”`);
    if ([...password].length < 8) throw new Error('密码至少 8 个字符');
    const salt = randomBytes(16);
    const hash = await derive(password, salt);
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO users (name, role, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)
                  ON CONFLICT (name) DO UPDATE SET role = excluded.role, salt = excluded.salt, hash = excluded.hash`)
        .run(name, role, salt, hash, new Date().toISOString());
      this.db.prepare(`DELETE FROM sessions WHERE name = ?`).run(name);
    })();
  }

  remove(name: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare(`DELETE FROM sessions WHERE name = ?`).run(name);
      return this.db.prepare(`DELETE FROM users WHERE name = ?`).run(name).changes > 0;
    })();
  }

  /** The account when the password is right; the hash is computed even for an unknown name (no timing hint). */
  async verify(name: string, password: string): Promise<User | null> {
    const row = this.db.prepare(`SELECT name, role, salt, hash FROM users WHERE name = ?`).get(name) as
      | { name: string; role: Role; salt: Buffer; hash: Buffer }
      | undefined;
    const key = await derive(password, row?.salt ?? Buffer.alloc(16));
    if (!row || !timingSafeEqual(key, row.hash)) return null;
    return { name: row.name, role: row.role };
  }

  /** A new session for the user; returns the token for the cookie. */
  openSession(user: User): string {
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
    this.db.prepare(`DELETE FROM sessions WHERE expires_at < ?`).run(new Date().toISOString());
    this.db.prepare(`INSERT INTO sessions (token_sha256, name, role, expires_at) VALUES (?, ?, ?, ?)`).run(sha256(token), user.name, user.role, expires);
    return token;
  }

  session(token: string | undefined): User | null {
    if (!token) return null;
    const row = this.db.prepare(`SELECT name, role, expires_at FROM sessions WHERE token_sha256 = ?`).get(sha256(token)) as
      | { name: string; role: Role; expires_at: string }
      | undefined;
    if (!row || row.expires_at < new Date().toISOString()) return null;
    return { name: row.name, role: row.role };
  }

  closeSession(token: string | undefined): void {
    if (token) this.db.prepare(`DELETE FROM sessions WHERE token_sha256 = ?`).run(sha256(token));
  }
}
