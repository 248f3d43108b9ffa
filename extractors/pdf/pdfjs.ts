// pdf.js in Node: the legacy build, the worker run in-process (fake worker), cMaps and standard
// fonts from the installed package, no eval, no console noise. Errors become Chinese JixiaoErrors.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JixiaoError } from '../../model/index.ts';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let loaded: Promise<PdfjsModule> | null = null;

/** Loads pdf.js once per process, with its worker handler registered on the main thread. */
export function loadPdfjs(): Promise<PdfjsModule> {
  loaded ??= keepingNativeBuiltins(async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const global = globalThis as { pdfjsWorker?: unknown };
    // The fake worker looks here first; without it pdf.js would import GlobalWorkerOptions.workerSrc.
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    global.pdfjsWorker ??= await import(workerModule);
    return pdfjs;
  });
  return loaded;
}

/**
 * The legacy build bundles core-js, which replaces Array.prototype.push (V8 fails one of its edge
 * cases) and JSON.parse/JSON.stringify (for proposals Node 20 lacks) for the whole thread with
 * JavaScript versions 4× slower, slowing every stage after it. pdf.js needs none of what they add;
 * the functions it only adds (Promise.withResolvers, Map.prototype.getOrInsertComputed…) stay.
 */
async function keepingNativeBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const natives = ([[Array.prototype, 'push'], [JSON, 'parse'], [JSON, 'stringify']] as const).map(([owner, key]) => ({ owner, key, descriptor: Object.getOwnPropertyDescriptor(owner, key)! }));
  try {
    return await load();
  } finally {
    for (const { owner, key, descriptor } of natives) Object.defineProperty(owner, key, descriptor);
  }
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Directory URLs with a trailing slash, as pdf.js requires; Node reads them as plain file paths. */
function packageDirUrl(sub: string): string {
  return join(packageDir, sub) + '/';
}

export const PDFJS_RESOURCES = {
  cMapUrl: packageDirUrl('cmaps'),
  standardFontDataUrl: packageDirUrl('standard_fonts'),
  /** For messages and tests. */
  cMapFileUrl: pathToFileURL(join(packageDir, 'cmaps') + '/').href,
};

/** Opens a PDF from bytes; maps pdf.js failures to 'encrypted' / 'corrupt'. */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await loadPdfjs();
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    cMapUrl: PDFJS_RESOURCES.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: PDFJS_RESOURCES.standardFontDataUrl,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  // No onPassword handler: pdf.js then rejects with a PasswordException instead of prompting.
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw toJixiaoError(error);
  }
}

export function toJixiaoError(error: unknown): JixiaoError {
  if (error instanceof JixiaoError) return error;
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new JixiaoError('encrypted', 'PDF 已加密，需要密码才能打开');
  }
  return new JixiaoError('corrupt', `PDF 文件已损坏或不完整，无法读取（${describe(name, message)}）`);
}

function describe(name: string, message: string): string {
  if (name === 'InvalidPDFException') return '不是有效的 PDF 结构';
  if (/xref/i.test(message)) return '交叉引用表损坏';
  if (/stream|decode|inflate|flate/i.test(message)) return '数据流无法解码';
  return '文件结构无法解析';
}
