// The web server's security promises, over real HTTP: sessions, CSRF, same origin, roles, uploads
// that cannot escape the data folder, login rate limit, loopback-only without accounts.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../model/index.ts';
import { Store } from '../store/index.ts';
import { csvTable } from '../store/import.ts';
import { Accounts } from './accounts.ts';
import { openWebDb, startServer, type RunningServer } from './server.ts';
import { Client, waitForBatch } from './testing/client.ts';

const SEED = 'fixtures/seeds/000_a830d013271ff8ad.txt';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('jixiao serve on loopback without accounts (one person’s PC)', () => {
  let root: string;
  let data: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'jixiao-serve-'));
    data = join(root, 'a', 'b', 'data');
    server = await startServer({ port: 0, dataDir: data, run: { workers: false, jobs: 1 } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers every API with 401 without a session', async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.request('/api/batches/1')).status).toBe(401);
    expect((await anonymous.request('/batches/1/export.xlsx')).status).toBe(401);
    expect((await anonymous.request('/findings/1/page.png')).status).toBe(401);
    expect((await anonymous.postForm('/findings/1/mark', { status: 'confirmed' })).status).toBe(401);
    expect((await anonymous.upload([{ path: SEED }], {})).status).toBe(401);
  });

  it('refuses a POST without a CSRF token, and a cross-site POST even with one', async () => {
    const client = new Client(server.url);
    await client.page('/');
    const noToken = await client.upload([{ path: SEED }], {});
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).message).toMatch(/防伪令牌/);
    const wrongToken = await client.upload([{ path: SEED }], { 'x-csrf-token': 'forged' });
    expect(wrongToken.status).toBe(403);
    const crossSite = await client.upload([{ path: SEED }], { 'x-csrf-token': client.token, origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await client.json<Array<unknown>>('/api/batches/1')) as unknown).toMatchObject({ message: '没有这个批次' });
  });

  it('stores an upload named ../../x.pdf inside the data folder, under its hash', async () => {
    const client = new Client(server.url);
    await client.page('/');
    const res = await client.upload([{ path: SEED, name: '../../x.pdf' }]);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const state = await waitForBatch(client, id);
    expect(state.files.map((f) => f.name)).toEqual(['../../x.pdf']);
    for (const escaped of [resolve(data, '../../x.pdf'), resolve(data, '../x.pdf'), resolve(data, 'x.pdf'), resolve(data, 'uploads/../../x.pdf')]) expect(existsSync(escaped)).toBe(false);
    const stored = (await filesUnder(root)).filter((p) => !/\.db(-wal|-shm)?$/.test(p));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(new RegExp(`^${join(data, 'uploads')}/[0-9a-f]{64}\\.pdf$`));
  });

  it('imports a finding list marked offline (CSV export, 状态 and 备注 filled in) through the same importer as jixiao import', async () => {
    const client = new Client(server.url);
    await client.page('/');
    const { id } = (await (await client.upload([{ path: SEED }])).json()) as { id: number };
    await waitForBatch(client, id);
    const table = csvTable(await (await client.request(`/batches/${id}/export.csv`)).text());
    const [header, first] = table;
    first[header.indexOf('状态')] = '已确认';
    first[header.indexOf('备注')] = '已电话核实';
    const csv = [header, first].map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'marked.csv');
    const res = await client.request(`/batches/${id}/import`, { method: 'POST', body: form, headers: { 'x-csrf-token': client.token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ updated: 1, problems: [] });
    const store = Store.open(join(data, 'jixiao.db'));
    expect(store.followUpLookup()(first[header.indexOf('指纹')])).toMatchObject({ status: 'confirmed', note: '已电话核实' });
    store.close();
  });

  it('answers only to a loopback host name (no DNS rebinding)', async () => {
    const status = await new Promise<number>((resolveStatus, reject) => {
      const req = httpRequest(new URL('/', server.url), { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolveStatus(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

const doc: DocumentResult = {
  file: '/x/甲.txt', sha256: 'abc', format: 'txt', status: 'ok', error: null, unit: '甲局', year: 2023, claimedTotal: '100', computedTotal: '98', grade: '优',
  findings: [{ rule: 'score/total-mismatch', severity: 'error', message: '合计不符', expected: '98', actual: '100', location: { page: null, table: 1, row: 2, column: 3, line: null }, evidence: '合计 100', subject: '合计', calculation: null, fingerprint: 'fp1' }],
  notes: [], tables: [],
};

describe('jixiao serve with accounts', () => {
  let data: string;
  let server: RunningServer;
  let findingId: number;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'jixiao-serve-accounts-'));
    const db = openWebDb(data);
    const accounts = new Accounts(db);
    await accounts.add('王核查', 'reviewer', 'reviewer-password');
    await accounts.add('李查看', 'viewer', 'viewer-password');
    db.close();
    const store = Store.open(join(data, 'jixiao.db'));
    store.saveDocument(store.beginRun('t', []), '/x/甲.txt', 't', doc);
    findingId = store.documentAt('/x/甲.txt')!.findings[0].id;
    store.close();
    server = await startServer({ port: 0, dataDir: data, run: { workers: false } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(data, { recursive: true, force: true });
  });

  it('sends a visitor without a session to the login page, and refuses APIs with 401', async () => {
    const anonymous = new Client(server.url);
    const res = await anonymous.request('/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    expect((await anonymous.request('/api/batches/1')).status).toBe(401);
  });

  it('sets the session in an HttpOnly, SameSite=Strict, Secure cookie', async () => {
    const client = new Client(server.url);
    await client.page('/login');
    const res = await client.postForm('/login', { _csrf: client.token, name: '王核查', password: 'reviewer-password' });
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('jixiao_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Secure/);
  });

  it('lets a reviewer mark (recorded as who) and refuses a viewer with 403', async () => {
    const reviewer = new Client(server.url);
    expect((await reviewer.login('王核查', 'reviewer-password')).status).toBe(303);
    await reviewer.page(`/findings/${findingId}`);
    expect((await reviewer.postForm(`/findings/${findingId}/mark`, { _csrf: reviewer.token, status: 'confirmed', note: '属实' })).status).toBe(303);

    const viewer = new Client(server.url);
    expect((await viewer.login('李查看', 'viewer-password')).status).toBe(303);
    const { text } = await viewer.page(`/findings/${findingId}`);
    expect(text).toContain('王核查');
    expect(text).not.toContain(`action="/findings/${findingId}/mark"`);
    const denied = await viewer.postForm(`/findings/${findingId}/mark`, { _csrf: viewer.token, status: 'dismissed', note: '不是问题' });
    expect(denied.status).toBe(403);
    expect((await viewer.upload([{ path: SEED }])).status).toBe(403);

    const store = Store.open(join(data, 'jixiao.db'));
    expect(store.followUpHistory('fp1')).toEqual([expect.objectContaining({ who: '王核查', oldStatus: 'pending', newStatus: 'confirmed', note: '属实' })]);
    store.close();
  });

  it('rate-limits login attempts: after five a minute even the right password waits', async () => {
    const fresh = await startServer({ port: 0, dataDir: data, run: { workers: false } });
    try {
      const client = new Client(fresh.url);
      await client.page('/login');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.postForm('/login', { _csrf: client.token, name: '王核查', password: `wrong-${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const blocked = await client.postForm('/login', { _csrf: client.token, name: '王核查', password: 'reviewer-password' });
      expect(blocked.status).toBe(429);
      expect(await blocked.text()).toMatch(/登录尝试过于频繁/);
    } finally {
      await fresh.close();
    }
  });
});

describe('jixiao serve on a LAN address', () => {
  it('refuses to start without accounts', async () => {
    const data = await mkdtemp(join(tmpdir(), 'jixiao-serve-lan-'));
    await expect(startServer({ port: 0, host: '0.0.0.0', dataDir: data })).rejects.toThrow(/拒绝在 0\.0\.0\.0 上启动.*jixiao user add/);
    await rm(data, { recursive: true, force: true });
  });
});
