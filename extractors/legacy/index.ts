// Legacy binary formats (.doc, .wps → DOCX; .xls, .et → XLSX): converted headless by LibreOffice
// into a private temp dir, then read by the DOCX / XLSX extractor. Each run gets its own
// -env:UserInstallation profile so parallel conversions never share (or lock) a profile, runs in
// its own process group under a timeout, and everything is deleted afterwards.
//
// Which soffice: $JIXIAO_SOFFICE (a path, or "none" to act as if LibreOffice were absent — tests),
// else `soffice` / `libreoffice` on PATH, else the usual install locations.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JixiaoError, type Format, type RawDocument } from '../../model/index.ts';
import type { ExtractInput, ExtractOptions, Extractor } from '../types.ts';

type Legacy = 'doc' | 'wps' | 'et' | 'xls';

const TARGET: Record<Legacy, { ext: 'docx' | 'xlsx'; filter: string; name: string; modern: string }> = {
  doc: { ext: 'docx', filter: 'docx:MS Word 2007 XML', name: 'Word 97-2003 文档（.doc）', modern: '.docx' },
  wps: { ext: 'docx', filter: 'docx:MS Word 2007 XML', name: 'WPS 文字文档（.wps）', modern: '.docx' },
  xls: { ext: 'xlsx', filter: 'xlsx:Calc MS Excel 2007 XML', name: 'Excel 97-2003 工作簿（.xls）', modern: '.xlsx' },
  et: { ext: 'xlsx', filter: 'xlsx:Calc MS Excel 2007 XML', name: 'WPS 表格（.et）', modern: '.xlsx' },
};

/** Milliseconds one conversion may take ($JIXIAO_SOFFICE_TIMEOUT_MS, default two minutes). */
const timeoutMs = () => Number(process.env.JIXIAO_SOFFICE_TIMEOUT_MS) || 120_000;
const KNOWN_LOCATIONS = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

export const extract: Extractor = async (input, options) => {
  const format = input.format as Legacy;
  const target = TARGET[format];
  if (!target) throw new JixiaoError('unsupported-format', `不支持的文件格式（${input.format}）`);
  const soffice = findSoffice();
  if (!soffice) throw needsLibreOffice(format);
  const converted = await withSlot(() => convert(soffice, input.bytes, format, options.signal));
  const next = target.ext === 'docx' ? (await import('../docx/index.ts')).extract : (await import('../xlsx/index.ts')).extract;
  const doc = await next({ ...input, bytes: converted, format: target.ext } satisfies ExtractInput, options satisfies ExtractOptions);
  return {
    ...doc,
    format: format as Format,
    warnings: [`${target.name}已由 LibreOffice 转换为 ${target.modern} 后读取，版式细节可能与原件略有不同`, ...doc.warnings],
  } satisfies RawDocument;
};

export function needsLibreOffice(format: Legacy): JixiaoError {
  const t = TARGET[format];
  return new JixiaoError(
    'needs-libreoffice',
    `无法读取该${t.name}：需要 LibreOffice 进行格式转换，但本机未找到 soffice。请安装 LibreOffice（并确保 soffice 在 PATH 中），或用 Word/WPS/Excel 将文件另存为 ${t.modern} 后重试`,
  );
}

/** The soffice to use, or null when there is none (or JIXIAO_SOFFICE=none). */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.JIXIAO_SOFFICE?.trim();
  if (configured) return configured.toLowerCase() === 'none' ? null : isExecutable(configured) ? configured : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) for (const name of names) if (isExecutable(join(dir, name))) return join(dir, name);
  return KNOWN_LOCATIONS.find(isExecutable) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function convert(soffice: string, bytes: Buffer, format: Legacy, signal?: AbortSignal): Promise<Buffer> {
  const target = TARGET[format];
  const work = await mkdtemp(join(tmpdir(), 'jixiao-lo-'));
  try {
    // Kingsoft's .wps / .et are Word / Excel binary compatible; named so, LibreOffice picks the
    // MS Office import filter instead of the unrelated Microsoft Works (.wps) one.
    const input = join(work, `input.${format === 'wps' ? 'doc' : format === 'et' ? 'xls' : format}`);
    const out = join(work, 'out');
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
      '--headless', '--invisible', '--norestore', '--nolockcheck', '--nodefault', '--nologo',
      '--convert-to', target.filter, '--outdir', out, input,
    ];
    await run(soffice, args, work, signal);
    const produced = (await readdir(out).catch(() => [] as string[])).find((f) => f.endsWith(`.${target.ext}`));
    if (!produced) throw new JixiaoError('corrupt', `LibreOffice 未能转换该${target.name}，文件可能已损坏或已加密`);
    return await readFile(join(out, produced));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs soffice in its own process group; on timeout or abort the whole group is killed. */
function run(cmd: string, args: string[], home: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // HOME inside the temp dir: nothing is read from or written to the user's profile.
    // Proxies pointed at a closed port: best effort against linked images or fields fetching URLs.
    const dead = 'http://127.0.0.1:9';
    const env = { PATH: process.env.PATH ?? '', HOME: home, LANG: 'C.UTF-8', SAL_USE_VCLPLUGIN: 'svp', http_proxy: dead, https_proxy: dead, HTTP_PROXY: dead, HTTPS_PROXY: dead, no_proxy: '' };
    const child = spawn(cmd, args, { cwd: home, env, stdio: 'ignore', detached: process.platform !== 'win32' });
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const kill = () => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const ms = timeoutMs();
    const timer = setTimeout(() => {
      kill();
      finish(new JixiaoError('timeout', `LibreOffice 转换超时（超过 ${ms / 1000} 秒），已跳过该文件`));
    }, ms);
    const onAbort = () => {
      kill();
      finish(new JixiaoError('timeout', 'LibreOffice 转换已取消'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => finish(new JixiaoError('needs-libreoffice', `无法启动 LibreOffice（${cmd}）：${error.message}`)));
    child.on('exit', (code) => finish(code === 0 ? undefined : new JixiaoError('corrupt', `LibreOffice 转换失败（退出码 ${code}），文件可能已损坏或已加密`)));
  });
}

// At most two conversions at once: each soffice takes a few hundred MB.
const MAX_PARALLEL = 2;
let active = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else active--;
  }
}
