// PDF with a text layer → RawDocument: paragraphs and ruled tables, each with its page; running
// headers/footers dropped; tables and paragraphs cut by page breaks joined. Pages without text are
// reported, and handed to OCR when an OCR service is given (extractors/ocr/pdf-pages.ts).
import type { Block, RawDocument } from '../../model/index.ts';
import { JixiaoError } from '../../model/index.ts';
import type { ExtractOptions, Extractor, OcrService } from '../types.ts';
import { removeFurniture } from './furniture.ts';
import { measureColumn } from './paragraphs.ts';
import { joinScannedTables } from './ocr-join.ts';
import { pageList } from './pages.ts';
import { readTabLayout } from './tabbed.ts';
import { assemble } from './assemble.ts';
import { readPage, type PageLayout } from './page.ts';
import { loadPdfjs, openPdf, toJixiaoError, type PdfDocument, type PdfPage } from './pdfjs.ts';

export const extract: Extractor = async ({ bytes }, options) => {
  const doc = await openPdf(bytes);
  try {
    return await extractDocument(doc, options, bytes);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
};

async function extractDocument(doc: PdfDocument, options: ExtractOptions, bytes: Uint8Array): Promise<RawDocument> {
  if (doc.numPages === 0) throw new JixiaoError('empty', 'PDF 文件没有任何页面');
  const pdfjs = await loadPdfjs();
  const warnings: string[] = [];
  const layouts: PageLayout[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    if (options.signal?.aborted) throw new JixiaoError('timeout', 'PDF 读取已取消或超时');
    const page = await getPage(doc, n);
    try {
      layouts.push(await readPage(page, n, pdfjs.OPS));
    } catch (error) {
      throw toJixiaoError(error);
    } finally {
      page.cleanup();
    }
  }
  if (!hasEof(bytes)) warnings.push('PDF 文件结尾不完整（缺少 %%EOF），内容可能缺失');
  removeFurniture(layouts);
  readTabLayout(layouts, measureColumn(layouts));
  const textless = layouts.filter((l) => l.textless);
  const ocr = await ocrPages(doc, textless, options, warnings);
  if (textless.length === layouts.length && !textless.some((l) => l.hasImages)) warnings.push('PDF 中没有任何文字');
  const blocks = mergeOcrBlocks(assemble(layouts), ocr.blocks);
  const out: RawDocument = { format: 'pdf', pages: doc.numPages, blocks, warnings };
  if (ocr.pages.length) out.ocrPages = ocr.pages;
  return out;
}

async function getPage(doc: PdfDocument, n: number): Promise<PdfPage> {
  try {
    return await doc.getPage(n);
  } catch (error) {
    throw toJixiaoError(error);
  }
}

/** The last kilobyte of a complete PDF holds %%EOF. */
function hasEof(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF');
}

// ---------- OCR hook ----------

interface OcrResult {
  pages: number[];
  blocks: Map<number, Block[]>;
}

type OcrPdfPage = (pdfPage: PdfPage, pageNumber: number, ocr: OcrService) => Promise<Block[]>;

/**
 * Warns about pages without text, once per outcome for all such pages ("第1–3、5页…", not one note per
 * page); recognises them when an OCR service and the OCR module exist.
 */
async function ocrPages(doc: PdfDocument, textless: PageLayout[], { ocr, onOcrPage, signal }: ExtractOptions, warnings: string[]): Promise<OcrResult> {
  const result: OcrResult = { pages: [], blocks: new Map() };
  const scanned = textless.filter((l) => l.hasImages);
  if (!scanned.length) return result;
  const ocrPdfPage = ocr ? await loadOcrHook() : null;
  const notRead: number[] = [];
  const failed: number[] = [];
  if (ocr && ocrPdfPage) onOcrPage?.({ done: [], total: scanned.length });
  for (const layout of scanned) {
    if (!ocr || !ocrPdfPage) {
      notRead.push(layout.page);
      continue;
    }
    if (signal?.aborted) throw new JixiaoError('timeout', `OCR 识别超时：共 ${scanned.length} 页扫描页，已识别 ${pageList(result.pages)}，其余未识别`);
    const page = await doc.getPage(layout.page);
    try {
      result.blocks.set(layout.page, await ocrPdfPage(page, layout.page, ocr));
      result.pages.push(layout.page);
    } catch {
      failed.push(layout.page);
    } finally {
      page.cleanup();
    }
    onOcrPage?.({ done: [...result.pages], total: scanned.length });
  }
  if (notRead.length) warnings.push(`${pageList(notRead)}没有文字层，可能是扫描件`);
  if (result.pages.length) warnings.push(`${pageList(result.pages)}没有文字层，可能是扫描件，已用 OCR 识别，文字和数字请对照原件核实`);
  if (failed.length) warnings.push(`${pageList(failed)}没有文字层，可能是扫描件；OCR 识别失败，未能读取${failed.length > 1 ? '这些页' : '该页'}`);
  return result;
}

export { pageList };

async function loadOcrHook(): Promise<OcrPdfPage | null> {
  try {
    // A literal specifier, so the build bundles it as a chunk loaded only for a page without text.
    const mod = (await import('../ocr/pdf-pages.ts')) as { ocrPdfPage?: OcrPdfPage };
    return typeof mod.ocrPdfPage === 'function' ? mod.ocrPdfPage : null;
  } catch {
    return null; // extractors/ocr not available: the pages keep their warning
  }
}

function withPageLoc(block: Block, page: number): Block {
  if (block.kind !== 'table') return { ...block, loc: { ...block.loc, page: block.loc.page ?? page } };
  const rows = block.rows.map((row) => row.map((cell) => ({ ...cell, loc: { ...cell.loc, page: cell.loc.page ?? page } })));
  return { ...block, rows, ocr: true, loc: { ...block.loc, page: block.loc.page ?? page } };
}

/** Puts OCR blocks at their page's place, joins scanned tables across page breaks and renumbers every table in document order. */
function mergeOcrBlocks(blocks: Block[], ocrBlocks: Map<number, Block[]>): Block[] {
  if (!ocrBlocks.size) return blocks;
  const pageOf = (b: Block) => b.loc.page ?? 0;
  const all = [...blocks];
  for (const [page, extra] of [...ocrBlocks].sort((a, b) => a[0] - b[0])) {
    const at = all.findIndex((b) => pageOf(b) > page);
    const withPage = extra.map((b) => withPageLoc(b, page));
    all.splice(at < 0 ? all.length : at, 0, ...withPage);
  }
  let index = 0;
  return joinScannedTables(all).map((b) => {
    if (b.kind !== 'table') return b;
    index++;
    const rows = b.rows.map((row) => row.map((cell) => ({ ...cell, loc: { ...cell.loc, table: index } })));
    return { ...b, index, rows, loc: { ...b.loc, table: index } };
  });
}
