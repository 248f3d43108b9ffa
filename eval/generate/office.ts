// Real-tool renderings: HTML → DOCX and DOCX → PDF with LibreOffice (batched, private profile),
// scanned PDF (pdftoppm → ImageMagick noise and rotation → img2pdf) and XLSX sheets (exceljs).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Grid } from './document.ts';

const run = promisify(execFile);
const BATCH = 40;

/** Converts many files with one soffice process per batch; outputs land in outDir as <name>.<ext>. */
export async function sofficeConvert(files: string[], target: string, outDir: string): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-eval-lo-'));
  try {
    for (let i = 0; i < files.length; i += BATCH) {
      await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', target, '--outdir', outDir, ...files.slice(i, i + BATCH)], { timeout: 600_000 });
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A scanner's copy of a PDF: grey 150 dpi pages, slightly rotated, with noise, as JPEG in a PDF. */
export async function scanPdf(pdf: string, out: string, seed: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-eval-scan-'));
  try {
    await run('pdftoppm', ['-r', '150', '-gray', '-png', pdf, join(work, 'page')]);
    const pages = readdirSync(work).filter((f) => f.endsWith('.png')).sort();
    const jpegs: string[] = [];
    for (const [k, page] of pages.entries()) {
      const angle = (((seed * 7 + k * 13) % 21) - 10) / 10; // −1.0° … +1.0°
      const jpeg = join(work, page.replace(/\.png$/, '.jpg'));
      await run('/usr/bin/convert', [join(work, page), '-seed', String(seed + k), '-background', 'white', '-rotate', String(angle),
        '-attenuate', '0.4', '+noise', 'Gaussian', '-colorspace', 'Gray', '-quality', '55', '-strip', jpeg]);
      jpegs.push(jpeg);
    }
    await run('img2pdf', ['--nodate', '--imgsize', '150dpi', '-o', out, ...jpegs]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * An office's copy of a PDF: colour pages at 100 dpi with a red round seal (公章) stamped over the
 * middle of every page, where the tables stand, and a second one over the right-hand figure columns
 * of every other page; slight noise, JPEG. The seal is drawn as fixtures/scanned/make-stamped.sh does.
 */
export async function stampedScanPdf(pdf: string, out: string, seed: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-eval-stamp-'));
  try {
    await run('pdftoppm', ['-r', '100', '-png', pdf, join(work, 'page')]);
    const seal = join(work, 'seal.png');
    await run('/usr/bin/convert', ['-size', '170x170', 'xc:none', '-fill', 'none', '-stroke', '#d81e1e', '-strokewidth', '6', '-draw', 'circle 85,85 85,6',
      '-fill', '#d81e1e', '-stroke', 'none', '-draw', 'polygon 85,48 94,74 121,74 99,90 107,116 85,100 63,116 71,90 49,74 76,74',
      '-channel', 'A', '-evaluate', 'multiply', '0.85', '+channel', seal]);
    const pages = readdirSync(work).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const jpegs: string[] = [];
    for (const [k, page] of pages.entries()) {
      const { stdout } = await run('/usr/bin/identify', ['-format', '%w %h', join(work, page)]);
      const [width, height] = stdout.trim().split(' ').map(Number);
      const spot = (fx: number, fy: number) => `+${Math.round(width * fx - 85)}+${Math.round(height * fy - 85)}`;
      const jitter = ((seed * 11 + k * 7) % 11) / 100; // 0 … 0.10 of the page
      const seals = [spot(0.45 + jitter, 0.35 + jitter), ...(k % 2 === 0 ? [spot(0.72, 0.6 - jitter)] : [])];
      const jpeg = join(work, page.replace(/\.png$/, '.jpg'));
      await run('/usr/bin/convert', [join(work, page), ...seals.flatMap((g) => [seal, '-geometry', g, '-compose', 'Multiply', '-composite']),
        '-seed', String(seed + k), '-attenuate', '0.3', '+noise', 'Gaussian', '-quality', '75', '-strip', jpeg]);
      jpegs.push(jpeg);
    }
    await run('img2pdf', ['--nodate', '--imgsize', '100dpi', '-o', out, ...jpegs]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** One sheet per table; merged regions become real merges, plain numbers become numeric cells. */
export async function writeXlsx(tables: { name: string; grid: Grid }[], out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const { name, grid } of tables) {
    const sheet = workbook.addWorksheet(name);
    grid.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!cell) return;
        const target = sheet.getCell(r + 1, c + 1);
        if (NUMBER.test(cell.text)) {
          target.value = Number(cell.text);
          const decimals = cell.text.split('.')[1]?.length ?? 0;
          target.numFmt = decimals ? `0.${'0'.repeat(decimals)}` : '0';
        } else target.value = cell.text;
        if (cell.rowspan > 1 || cell.colspan > 1) sheet.mergeCells(r + 1, c + 1, r + cell.rowspan, c + cell.colspan);
      });
    });
  }
  await workbook.xlsx.writeFile(out);
}

/** Moves <dir>/<name>.<ext> files produced by soffice next to where the corpus expects them. */
export function moveOutput(fromDir: string, ext: string, toDir: string): void {
  for (const f of readdirSync(fromDir).filter((f) => f.endsWith(`.${ext}`))) renameSync(join(fromDir, f), join(toDir, basename(f)));
}
