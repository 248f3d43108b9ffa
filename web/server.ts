// `jixiao serve`: the reviewer's web page (fastify). Same engine (runBatch) and same result store as
// the CLI; web.db in the data folder holds accounts, sessions and the batches started here.
//
// Security model: loopback by default. With no account the server only listens on loopback and
// every page visit gets a session for the OS user (one person's PC); with accounts everyone logs in.
// Sessions are random tokens in HttpOnly SameSite=Strict cookies; every POST needs the same origin
// and a CSRF token (double submit, @fastify/csrf-protection); viewers cannot change anything.
import { mkdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, relative, resolve } from 'node:path';
import Database from 'better-sqlite3';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FollowUpStatusSchema, JixiaoError, OutputSchema, type FollowUpStatus, type Output } from '../model/index.ts';
import { expandInputs } from '../pipeline/ingest.ts';
import { TOOL } from '../pipeline/version.ts';
import { renderCsv } from '../reporters/csv.ts';
import { renderHtml } from '../reporters/html.ts';
import { renderXlsx } from '../reporters/xlsx.ts';
import { Store } from '../store/index.ts';
import { importSheet } from '../store/import-cli.ts';
import { readMarkSheetBytes } from '../store/import.ts';
import { Accounts, type User } from './accounts.ts';
import { BatchBook, BatchRunner, type RunOptions } from './batches.ts';
import { PageImages } from './page-image.ts';
import * as pages from './pages.ts';
import { DEFAULT_UPLOAD_LIMITS, Uploads, type UploadLimits } from './uploads.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.jixiao';
const SESSION_COOKIE = 'jixiao_session';
const LOGIN_ATTEMPTS_PER_MINUTE = 5;

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Data folder: uploads, page images, web.db, and (unless db is given) the result store jixiao.db. */
  dataDir?: string;
  /** The result store; default <dataDir>/jixiao.db (the CLI's default store when dataDir is .jixiao). */
  db?: string;
  run?: RunOptions;
  limits?: UploadLimits;
  tls?: { key: Buffer; cert: Buffer };
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  runner: BatchRunner;
  resumed: number[];
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function dataPaths(dataDir = DEFAULT_DATA_DIR) {
  const dir = resolve(dataDir);
  return { dir, webDb: join(dir, 'web.db'), store: join(dir, 'jixiao.db') };
}

/** web.db of a data folder (accounts, sessions, batches), created when missing. */
export function openWebDb(dataDir = DEFAULT_DATA_DIR): Database.Database {
  const { dir, webDb } = dataPaths(dataDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(webDb);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

const ASSETS: Record<string, { type: string; body: string }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8') },
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/app.js', import.meta.url), 'utf8') },
};

const EXPORTS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: renderXlsx },
  csv: { type: 'text/csv; charset=utf-8', render: renderCsv },
  html: { type: 'text/html; charset=utf-8', render: renderHtml },
} as const;

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const paths = dataPaths(options.dataDir);
  const webDb = openWebDb(paths.dir);
  const accounts = new Accounts(webDb);
  if (!isLoopback(host) && accounts.count() === 0) {
    webDb.close();
    throw new Error(`拒绝在 ${host} 上启动：局域网地址必须先创建账户。请运行 jixiao user add <用户名> --role reviewer --data ${paths.dir}`);
  }
  const store = Store.open(options.db ?? paths.store);
  const book = new BatchBook(webDb);
  const uploads = new Uploads(paths.dir, options.limits ?? DEFAULT_UPLOAD_LIMITS);
  await uploads.init();
  const images = new PageImages(paths.dir);
  const runner = new BatchRunner(book, store, options.run ?? {});
  const localMode = accounts.count() === 0;
  const osUser = currentOsUser();

  const app = Fastify({ logger: false, ...(options.tls ? { https: options.tls } : {}) }) as unknown as FastifyInstance;
  const secureCookies = Boolean(options.tls) || isLoopback(host);
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: secureCookies, path: '/' };
  await app.register(cookie);
  await app.register(csrf, { cookieOpts: cookieOptions, cookieKey: 'jixiao_csrf' });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { preservePath: true, limits: { fileSize: uploads.limits.maxFileBytes, files: uploads.limits.maxFiles, fields: 10, parts: uploads.limits.maxFiles + 10 } });
  await app.register(rateLimit, { global: false });
  app.decorateRequest('user', null);

  const ctx = (request: FastifyRequest, reply: FastifyReply): pages.PageContext => ({ user: request.user, csrf: reply.generateCsrf(), accounts: !localMode });
  const sendPage = (reply: FastifyReply, markup: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(markup);
  const deny = (request: FastifyRequest, reply: FastifyReply, code: number, message: string) =>
    wantsHtml(request) ? sendPage(reply, pages.messagePage(ctx(request, reply), '无法完成', message), code) : reply.code(code).send({ message });

  // ---------- who is asking ----------
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('content-security-policy', "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    // A page on loopback answers only to a loopback name (defeats DNS rebinding from a web site).
    if (isLoopback(host) && !isLoopback(hostnameOf(request.headers.host))) return reply.code(421).send({ message: '请用 127.0.0.1 或 localhost 访问' });
    request.user = accounts.session(request.cookies[SESSION_COOKIE]);
    const path = request.url.split('?')[0];
    if (request.user || path.startsWith('/assets/') || path === '/login' || path === '/favicon.ico') return;
    if (localMode && request.method === 'GET' && isPageRequest(path)) {
      request.user = { name: osUser, role: 'reviewer' };
      reply.setCookie(SESSION_COOKIE, accounts.openSession(request.user), cookieOptions);
      return;
    }
    if (request.method === 'GET' && isPageRequest(path)) return reply.redirect('/login', 303);
    return reply.code(401).send({ message: '请先登录' });
  });

  // ---------- every change: same origin + CSRF token ----------
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') return done();
    if (!sameOrigin(request)) return void reply.code(403).send({ message: '拒绝来自其他网站的请求' });
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const code = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message = chineseError(error);
    return deny(request, reply, code, message);
  });

  const reviewerOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user?.role !== 'reviewer') return deny(request, reply, 403, '只有核查人员可以上传或标记；您的账户是查看人员');
  };

  // ---------- assets and login ----------
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.code(404).send({ message: '没有这个文件' });
    return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body);
  });

  // No icon: answer the browser's automatic request without an error.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/login', async (request, reply) => {
    if (localMode) return reply.redirect('/', 303);
    return sendPage(reply, pages.loginPage(ctx(request, reply), null));
  });

  app.post<{ Body: { name?: string; password?: string } }>(
    '/login',
    { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute', errorResponseBuilder: () => ({ statusCode: 429, message: '登录尝试过于频繁，请一分钟后再试' }) } } },
    async (request, reply) => {
      const user = await accounts.verify(String(request.body?.name ?? ''), String(request.body?.password ?? ''));
      if (!user) return sendPage(reply, pages.loginPage(ctx(request, reply), '用户名或密码不正确'), 401);
      reply.setCookie(SESSION_COOKIE, accounts.openSession(user), cookieOptions);
      return reply.redirect('/', 303);
    },
  );

  app.post('/logout', async (request, reply) => {
    accounts.closeSession(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(localMode ? '/' : '/login', 303);
  });

  // ---------- batches ----------
  app.get('/', async (request, reply) =>
    sendPage(reply, pages.homePage(ctx(request, reply), book.list(), { maxFiles: uploads.limits.maxFiles, maxFileMb: Math.round(uploads.limits.maxFileBytes / 1048576) })),
  );

  app.post('/batches', { preHandler: reviewerOnly }, async (request, reply) => {
    const stored = [];
    const budget = { bytes: uploads.limits.maxBatchBytes };
    try {
      for await (const part of request.files()) stored.push(...(await uploads.save(part.filename || '未命名文件', part.file, budget)));
    } catch (error) {
      // A file that is not readable as a ZIP of reports, or a limit: the reviewer's mistake, said in Chinese.
      if (error instanceof JixiaoError) return reply.code(400).send({ message: error.message });
      throw error;
    }
    if (stored.length === 0) return reply.code(400).send({ message: '没有收到文件' });
    if (stored.length > uploads.limits.maxFiles) return reply.code(413).send({ message: `一批最多 ${uploads.limits.maxFiles} 个文件` });
    const id = book.create(request.user!.name, `上传 ${stored.length} 个文件`, stored);
    runner.enqueue(id);
    return reply.code(201).send({ id, url: `/batches/${id}` });
  });

  app.post<{ Body: { folder?: string } }>('/batches/folder', { preHandler: reviewerOnly }, async (request, reply) => {
    const folder = resolve(String(request.body?.folder ?? '').trim() || '.');
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) return deny(request, reply, 400, `服务器上没有这个文件夹：${folder}`);
    const inputs = await expandInputs([folder]);
    if (inputs.length === 0) return deny(request, reply, 400, `文件夹中没有文件：${folder}`);
    if (inputs.length > uploads.limits.maxFiles) return deny(request, reply, 413, `文件夹中有 ${inputs.length} 个文件，超过一批 ${uploads.limits.maxFiles} 个的上限`);
    const id = book.create(request.user!.name, `服务器文件夹 ${folder}`, inputs.map((i) => ({ name: relative(folder, i.path), path: i.path })));
    runner.enqueue(id);
    return reply.redirect(`/batches/${id}`, 303);
  });

  const batchOr404 = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const batch = book.get(Number(request.params.id));
    if (!batch) void deny(request, reply, 404, '没有这个批次');
    return batch;
  };

  const documentsOf = (batchId: number): pages.DocumentView[] =>
    book.files(batchId).map((file) => {
      const stored = file.status === 'done' ? store.documentAt(file.path) : null;
      return {
        file,
        result: stored?.result ?? null,
        stored,
        followUps: pages.countBy(stored?.findings.map((f) => f.followUp.status) ?? [], ['pending', 'confirmed', 'dismissed'] as const),
      };
    });

  app.get<{ Params: { id: string } }>('/batches/:id', async (request, reply) => {
    const batch = batchOr404(request, reply);
    if (!batch) return reply;
    return sendPage(reply, pages.batchPage(ctx(request, reply), batch, documentsOf(batch.id)));
  });

  app.get<{ Params: { id: string } }>('/api/batches/:id', async (request, reply) => {
    const batch = book.get(Number(request.params.id));
    if (!batch) return reply.code(404).send({ message: '没有这个批次' });
    const files = book.files(batch.id).map(({ ord, name, status, outcome, findings }) => ({ ord, name, status, outcome, findings }));
    return reply.header('cache-control', 'no-store').send({ id: batch.id, status: batch.status, error: batch.error, files });
  });

  app.get<{ Params: { id: string }; Querystring: pages.FindingFilters }>('/batches/:id/findings', async (request, reply) => {
    const batch = batchOr404(request, reply);
    if (!batch) return reply;
    const all = documentsOf(batch.id).flatMap((d) =>
      (d.stored?.findings ?? []).map((finding) => ({ finding, fileName: d.file.name, fileOrd: d.file.ord, unit: d.result?.unit ?? null, year: d.result?.year ?? null })),
    );
    const rows = all.filter((r) => matches(r, request.query));
    return sendPage(reply, pages.findingsPage(ctx(request, reply), batch, rows, all, request.query));
  });

  app.get<{ Params: { id: string; kind: string } }>('/batches/:id/export.:kind', async (request, reply) => {
    const kind = request.params.kind as keyof typeof EXPORTS;
    const batch = book.get(Number(request.params.id));
    if (!batch || !(kind in EXPORTS)) return reply.code(404).send({ message: '没有这个批次或导出格式' });
    const output: Output = OutputSchema.parse({
      tool: TOOL,
      documents: documentsOf(batch.id).flatMap((d) => (d.result ? [{ ...d.result, file: d.file.name }] : [])),
    });
    const body = await EXPORTS[kind].render(output, { statusOf: store.followUpLookup() });
    return reply
      .type(EXPORTS[kind].type)
      .header('content-disposition', `attachment; filename="jixiao-batch-${batch.id}.${kind}"`)
      .send(typeof body === 'string' ? body : Buffer.from(body));
  });

  // A finding list marked offline (the XLSX/CSV export, 状态 and 备注 filled in): the same importer as
  // `jixiao import`, through Store#mark, so the audit trail records the marks as this reviewer's.
  app.post<{ Params: { id: string } }>('/batches/:id/import', { preHandler: reviewerOnly }, async (request, reply) => {
    const file = await request.file();
    if (!file) return reply.code(400).send({ message: '请选择要导入的问题清单（jixiao 导出的 .xlsx 或 .csv）' });
    let sheet;
    try {
      sheet = await readMarkSheetBytes(await file.toBuffer());
    } catch (error) {
      return reply.code(400).send({ message: `无法读取该文件：${(error as Error).message}（应为 jixiao 导出的问题清单）` });
    }
    const summary = importSheet(store, sheet, request.user!.name);
    return reply.code(summary.problems.length ? 422 : 200).send(summary);
  });

  // ---------- findings ----------
  /** Where a finding's original text is on its PDF page ([] when it cannot be placed). */
  const boxesOf = async (finding: { path: string; location: { page: number | null }; evidence: string }) =>
    finding.location.page && finding.evidence ? ((await images.locate(finding.path, finding.location.page, finding.evidence).catch(() => null)) ?? []) : [];

  app.get<{ Params: { id: string }; Querystring: { batch?: string } }>('/findings/:id', async (request, reply) => {
    const finding = store.findingById(Number(request.params.id));
    if (!finding) return deny(request, reply, 404, '没有这个问题（可能已在重新检查后消失）');
    const batchId = request.query.batch ? Number(request.query.batch) : null;
    const file = book.fileAt(finding.path, batchId);
    const format = store.documentAt(finding.path)?.result.format ?? 'unknown';
    const located = format === 'pdf' && (await boxesOf(finding)).length > 0;
    return sendPage(
      reply,
      pages.findingPage(ctx(request, reply), { finding, fileName: file?.name ?? '（未知文件）', batchId: file?.batchId ?? batchId, format, located, history: store.followUpHistory(finding.fingerprint) }),
    );
  });

  app.get<{ Params: { id: string } }>('/findings/:id/page.png', async (request, reply) => {
    const finding = store.findingById(Number(request.params.id));
    if (!finding?.location.page || store.documentAt(finding.path)?.result.format !== 'pdf') return reply.code(404).send({ message: '没有页面图像' });
    const png = await images.png(finding.path, finding.location.page, await boxesOf(finding));
    if (!png) return reply.code(404).send({ message: '没有页面图像' });
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
  });

  app.post<{ Params: { id: string }; Body: { status?: string; note?: string; batch?: string } }>('/findings/:id/mark', { preHandler: reviewerOnly }, async (request, reply) => {
    const status = FollowUpStatusSchema.safeParse(request.body?.status);
    if (!status.success) return deny(request, reply, 400, '请选择跟进状态：已确认、已排除或待核实');
    const note = String(request.body?.note ?? '').trim().slice(0, 2000) || null;
    const marked = store.mark(request.params.id, status.data as FollowUpStatus, note, { who: request.user!.name });
    if (!marked) return deny(request, reply, 404, '没有这个问题');
    const batch = request.body?.batch && /^\d+$/.test(request.body.batch) ? `?batch=${request.body.batch}` : '';
    return reply.redirect(`/findings/${request.params.id}${batch}`, 303);
  });

  const resumed = runner.resumeUnfinished();
  const url = await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  return {
    url: displayUrl(url, host),
    app,
    runner,
    resumed,
    async close() {
      await runner.stop();
      await app.close();
      store.close();
      webDb.close();
    },
  };
}

// ---------- helpers ----------

function currentOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '本机用户';
  }
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  if (hostHeader.startsWith('[')) return hostHeader.slice(1, hostHeader.indexOf(']'));
  return hostHeader.replace(/:\d+$/, '');
}

/** Pages a browser navigates to (HTML); everything else is an API that answers 401 without a session. */
function isPageRequest(path: string): boolean {
  return !path.startsWith('/api/') && !/\/export\.\w+$/.test(path) && !path.endsWith('.png');
}

function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return isPageRequest(path) && !(request.headers['content-type'] ?? '').startsWith('multipart/') && (request.headers.accept ?? '').includes('text/html');
}

/** The Origin (or, without one, Sec-Fetch-Site) of a POST must be this server itself. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin) {
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function matches(row: pages.FindingRowView, q: pages.FindingFilters): boolean {
  const f = row.finding;
  if (q.severity && f.severity !== q.severity) return false;
  if (q.rule && f.rule !== q.rule) return false;
  if (q.status && f.followUp.status !== q.status) return false;
  if (q.unit && row.unit !== q.unit) return false;
  if (q.year && String(row.year) !== q.year) return false;
  if (q.file && String(row.fileOrd) !== q.file) return false;
  const text = q.q?.trim();
  if (text && ![f.message, f.evidence, f.subject ?? '', f.calculation ?? '', row.fileName, f.followUp.note ?? ''].some((s) => s.includes(text))) return false;
  return true;
}

function chineseError(error: Error & { code?: string; statusCode?: number }): string {
  switch (error.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return '请求缺少有效的防伪令牌（CSRF），请刷新页面后重试';
    case 'FST_REQ_FILE_TOO_LARGE':
      return '有文件超过大小上限';
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return '一次上传的文件过多';
    default:
      return error.statusCode && error.statusCode < 500 ? error.message : `服务器出错：${error.message}`;
  }
}

function displayUrl(listened: string, host: string): string {
  const port = new URL(listened).port;
  const protocol = new URL(listened).protocol;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${protocol}//${shown}:${port}/`;
}
