// Builds (or reuses) a corpus on disk: per report <id>.txt/.docx/.pdf/.scan.pdf/.typedscan.pdf/.xlsx and <id>.truth.json,
// plus manifest.json. A cache directory is reused while the generator's source is unchanged.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateReport } from './report.ts';
import { toHtml, toTxt } from './render.ts';
import { moveOutput, scanPdf, sofficeConvert, stampedScanPdf, writeXlsx } from './office.ts';
import type { Truth } from './truth.ts';

/**
 * typed: the TXT opened in LibreOffice and saved as PDF (tab-separated rows printed as wrapped text);
 * scan: 150 dpi grey with noise and rotation; stamp: 100 dpi colour with red seals over the tables;
 * typedscan: the typed PDF scanned like scan (tables typed with tabs, read back from OCR).
 */
export const FORMATS = ['txt', 'docx', 'pdf', 'typed', 'scan', 'stamp', 'typedscan', 'xlsx'] as const;
export type CorpusFormat = (typeof FORMATS)[number];

export const EXTENSION: Record<CorpusFormat, string> = { txt: '.txt', docx: '.docx', pdf: '.pdf', typed: '.typed.pdf', scan: '.scan.pdf', stamp: '.stamp.pdf', typedscan: '.typedscan.pdf', xlsx: '.xlsx' };

export interface CorpusOptions {
  seed: number;
  n: number;
  formats: CorpusFormat[];
  /** How many reports (the first short ones) also get a scanned copy. */
  scanN: number;
  /** How many third-party reports (several pages, tables across page breaks) also get one; none by default, OCR is slow. */
  longScanN?: number;
  dir: string;
  log?: (line: string) => void;
}

export interface CorpusEntry {
  truth: Truth;
  /** Absolute paths by format, for the formats this report has. */
  files: Partial<Record<CorpusFormat, string>>;
}

const GENERATOR_DIR = new URL('.', import.meta.url).pathname;

/** A hash of the generator's own source: a changed generator invalidates cached corpora. */
export function generatorHash(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(GENERATOR_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) hash.update(f).update(readFileSync(join(GENERATOR_DIR, f)));
  return hash.digest('hex').slice(0, 16);
}

/** Kinds that have a sheet of their own (a 基础数据表 or a self-evaluation form). */
const HAS_SHEET = new Set(['basic-data', 'project-self', 'district-self']);

export async function ensureCorpus(options: CorpusOptions): Promise<CorpusEntry[]> {
  const { dir, seed, n } = options;
  const log = options.log ?? (() => {});
  const hash = generatorHash();
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath) && JSON.parse(readFileSync(manifestPath, 'utf8')).generator !== hash) rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });

  const entries: CorpusEntry[] = [];
  let scansLeft = options.scanN;
  let longScansLeft = options.longScanN ?? 0;
  const htmlToConvert: string[] = [];
  const docxToConvert: string[] = [];
  const txtToPrint: string[] = [];
  for (let i = 0; i < n; i++) {
    const { report, truth } = generateReport(seed, i);
    const base = join(dir, truth.id);
    // Scanned copies go to the first scanN short reports (the self-evaluation forms and data sheets)
    // and the first longScanN third-party reports: OCR is slow. Typed scans only go to short reports.
    const wants = (f: CorpusFormat) => options.formats.includes(f);
    const long = truth.kind === 'third-party';
    const officeWanted = wants('scan') || wants('stamp');
    const scanned = (officeWanted || (wants('typedscan') && !long)) && (long ? longScansLeft : scansLeft) > 0;
    if (scanned && long) longScansLeft--;
    else if (scanned) scansLeft--;
    const officeScanned = scanned && officeWanted;
    const typedScanned = scanned && !long && wants('typedscan');
    const files: CorpusEntry['files'] = {};
    if (wants('txt') || wants('typed') || typedScanned) writeIfChanged(`${base}.txt`, toTxt(report));
    if (wants('txt')) files.txt = `${base}.txt`;
    if (wants('typed') || typedScanned) {
      if (!existsSync(`${base}${EXTENSION.typed}`)) txtToPrint.push(`${base}.txt`);
      if (wants('typed')) files.typed = `${base}${EXTENSION.typed}`;
    }
    if (typedScanned) files.typedscan = `${base}${EXTENSION.typedscan}`;
    const needDocx = wants('docx') || wants('pdf') || officeScanned;
    if (needDocx) {
      const html = join(dir, 'src', `${truth.id}.html`);
      writeIfChanged(html, toHtml(report));
      if (!existsSync(`${base}.docx`)) htmlToConvert.push(html);
      if (wants('docx')) files.docx = `${base}.docx`;
    }
    if (wants('pdf') || officeScanned) {
      if (!existsSync(`${base}.pdf`)) docxToConvert.push(`${base}.docx`);
      if (wants('pdf')) files.pdf = `${base}.pdf`;
    }
    if (officeScanned && wants('scan')) files.scan = `${base}.scan.pdf`;
    if (officeScanned && wants('stamp')) files.stamp = `${base}.stamp.pdf`;
    if (wants('xlsx') && HAS_SHEET.has(truth.kind)) {
      files.xlsx = `${base}.xlsx`;
      if (!existsSync(files.xlsx)) {
        const tables = report.blocks.flatMap((b) => (b.kind === 'table' ? [b.grid] : [])).map((grid, k) => ({ name: `表${k + 1}`, grid }));
        await writeXlsx(tables, files.xlsx);
      }
    }
    truth.formats = Object.keys(files);
    writeIfChanged(`${base}.truth.json`, `${JSON.stringify(truth, null, 2)}\n`);
    entries.push({ truth, files });
  }
  if (htmlToConvert.length) {
    log(`LibreOffice: ${htmlToConvert.length} HTML → DOCX`);
    await sofficeConvert(htmlToConvert, 'docx:MS Word 2007 XML', join(dir, 'src'));
    moveOutput(join(dir, 'src'), 'docx', dir);
  }
  if (docxToConvert.length) {
    log(`LibreOffice: ${docxToConvert.length} DOCX → PDF`);
    await sofficeConvert(docxToConvert, 'pdf:writer_pdf_Export', dir);
  }
  if (txtToPrint.length) {
    log(`LibreOffice: ${txtToPrint.length} TXT → PDF`);
    const typedDir = join(dir, 'src', 'typed');
    mkdirSync(typedDir, { recursive: true });
    await sofficeConvert(txtToPrint, 'pdf:writer_pdf_Export', typedDir);
    for (const txt of txtToPrint) renameSync(join(typedDir, `${basename(txt, '.txt')}.pdf`), txt.replace(/\.txt$/, EXTENSION.typed));
  }
  for (const [i, entry] of entries.entries()) {
    const scan = entry.files.scan;
    if (scan && !existsSync(scan)) {
      log(`scan ${entry.truth.id}`);
      await scanPdf(scan.replace(/\.scan\.pdf$/, '.pdf'), scan, seed * 1000 + i);
    }
    const stamp = entry.files.stamp;
    if (stamp && !existsSync(stamp)) {
      log(`stamp ${entry.truth.id}`);
      await stampedScanPdf(stamp.replace(/\.stamp\.pdf$/, '.pdf'), stamp, seed * 1000 + i);
    }
    const typedScan = entry.files.typedscan;
    if (typedScan && !existsSync(typedScan)) {
      log(`typed scan ${entry.truth.id}`);
      await scanPdf(typedScan.replace(/\.typedscan\.pdf$/, EXTENSION.typed), typedScan, seed * 1000 + i);
    }
  }
  writeFileSync(manifestPath, `${JSON.stringify({ generator: hash, seed, n, formats: options.formats, scanN: options.scanN }, null, 2)}\n`);
  return entries;
}

function writeIfChanged(path: string, content: string): string {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== content) writeFileSync(path, content);
  return path;
}

/** Reads a corpus that is already on disk (the committed sample) without regenerating anything. */
export function readCorpus(dir: string): CorpusEntry[] {
  const truths = readdirSync(dir).filter((f) => f.endsWith('.truth.json')).sort();
  return truths.map((f) => {
    const truth = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Truth;
    const files: CorpusEntry['files'] = {};
    for (const format of FORMATS) {
      const path = join(dir, `${truth.id}${EXTENSION[format]}`);
      if (existsSync(path)) files[format] = path;
    }
    return { truth, files };
  });
}
