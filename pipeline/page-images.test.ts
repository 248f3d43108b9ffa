// Page images for the HTML report: the page a finding points at, its cell outlined in red, for a
// text PDF, and for a picture of a page (bboxes in its pixels); bounded in number.
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { DocumentResult, Finding, Output } from '../model/index.ts';
import { pageImageKey } from '../reporters/labels.ts';
import { renderPageImages } from './page-images.ts';

const finding = (page: number, bbox?: [number, number, number, number], severity: Finding['severity'] = 'error'): Finding => ({
  rule: 'score/total-mismatch', severity, message: 'm', expected: '1', actual: '2', evidence: '', subject: null, calculation: null, fingerprint: 'f',
  location: { page, table: null, row: null, column: null, line: null, ...(bbox ? { bbox } : {}) },
});

const doc = (file: string, format: DocumentResult['format'], findings: Finding[]): DocumentResult => ({
  file, format, findings, sha256: null, status: 'ok', error: null, unit: null, year: null, claimedTotal: null, computedTotal: null, grade: null, notes: [], tables: [],
});

const output = (...documents: DocumentResult[]): Output => ({ tool: { name: 'jixiao', version: '0' }, documents });

/** Red pixels of the outline inside and outside a pixel rectangle of the decoded JPEG. */
async function redPixels(uri: string, inside?: { x0: number; y0: number; x1: number; y1: number }) {
  const image = await loadImage(Buffer.from(uri.split(',')[1], 'base64'));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let total = 0;
  let within = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (!(data[i] > 180 && data[i + 1] < 80 && data[i + 2] < 80)) continue;
    total += 1;
    const x = (i / 4) % image.width;
    const y = Math.floor(i / 4 / image.width);
    if (inside && x >= inside.x0 && x <= inside.x1 && y >= inside.y0 && y <= inside.y1) within += 1;
  }
  return { total, within, width: image.width };
}

describe('renderPageImages', () => {
  it('renders the PDF page of a finding with its cell outlined, and no outline without a bbox', async () => {
    const images = await renderPageImages(output(doc('fixtures/pdf/seed004-report.pdf', 'pdf', [finding(14, [530.8, 305.14, 567, 551.14]), finding(5)])));
    const outlined = await redPixels(images.get(pageImageKey(0, 0))!);
    expect(outlined.total).toBeGreaterThan(500);
    expect(images.get(pageImageKey(0, 1))).toMatch(/^data:image\/jpeg;base64,/);
    expect((await redPixels(images.get(pageImageKey(0, 1))!)).total).toBeLessThan(20);
  });

  it('draws on a picture of a page where OCR put the cell (pixel bboxes), scaled down', async () => {
    const images = await renderPageImages(output(doc('fixtures/scanned/scoring-table.png', 'image', [finding(1, [800, 1000, 1000, 1100])])));
    const scale = 1000 / 1654;
    const red = await redPixels(images.get(pageImageKey(0, 0))!, { x0: 800 * scale - 8, y0: 1000 * scale - 8, x1: 1000 * scale + 8, y1: 1100 * scale + 8 });
    expect(red.width).toBe(1000);
    expect(red.total).toBeGreaterThan(300);
    expect(red.within / red.total).toBeGreaterThan(0.95);
  });

  it('leaves out info findings and other formats, and stops at the cap, errors first', async () => {
    const many = Array.from({ length: 5 }, (_, i) => finding(1 + i, undefined, i === 4 ? 'error' : 'warning'));
    const images = await renderPageImages(
      output(doc('fixtures/pdf/seed004-report.pdf', 'pdf', [...many, finding(6, undefined, 'info')]), doc('fixtures/seeds/004_5832cd79950040f3.txt', 'txt', [finding(1)])),
      2,
    );
    expect([...images.keys()].sort()).toEqual([pageImageKey(0, 0), pageImageKey(0, 4)]);
  });
});
