// Word rows may skip grid columns before their first cell (<w:gridBefore w:val="n"/>) or after
// their last (<w:gridAfter/>), common in hand-drawn Chinese government tables. mammoth ignores both,
// so such a row's cells slide left, and a vertical merge in it continues the wrong column. Before
// mammoth runs, each skipped run becomes an empty placeholder cell spanning those grid columns; the
// package is repacked only when word/document.xml actually uses gridBefore/gridAfter.
import yauzl, { type ZipFile } from 'yauzl';
import { writeZip, type ZipPart } from '../zip-writer.ts';
import { nextEntry } from '../zip-safety.ts';

const DOCUMENT = 'word/document.xml';
const TR_PR = /<w:trPr(?:\s[^>]*)?>([\s\S]*?)<\/w:trPr>/g;
const placeholder = (span: number) => `<w:tc><w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr><w:p/></w:tc>`;

/** The DOCX with gridBefore/gridAfter turned into placeholder cells (the same bytes when there are none). */
export async function padSkippedGridColumns(bytes: Buffer): Promise<Buffer> {
  const [only] = await readParts(bytes, DOCUMENT);
  if (!only || !/<w:grid(?:Before|After)\b/.test(only.data.toString('utf8'))) return bytes;
  const parts = await readParts(bytes);
  const doc = parts.find((p) => p.name === DOCUMENT)!;
  doc.data = Buffer.from(padRows(doc.data.toString('utf8')), 'utf8');
  return writeZip(parts.map((p) => ({ ...p, store: !/\.(xml|rels)$/i.test(p.name) })));
}

/** Inserts the placeholder cells into the XML of a document body. */
export function padRows(xml: string): string {
  const inserts: { at: number; text: string }[] = [];
  for (const m of xml.matchAll(TR_PR)) {
    const before = skipped(m[1], 'gridBefore');
    const after = skipped(m[1], 'gridAfter');
    const end = m.index! + m[0].length;
    if (before) inserts.push({ at: end, text: placeholder(before) });
    if (after) {
      const rowEnd = closingTr(xml, end);
      if (rowEnd !== -1) inserts.push({ at: rowEnd, text: placeholder(after) });
    }
  }
  let out = xml;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

function skipped(trPr: string, tag: 'gridBefore' | 'gridAfter'): number {
  const m = new RegExp(`<w:${tag}\\s+w:val="(\\d+)"`).exec(trPr);
  const n = m ? Number(m[1]) : 0;
  return n > 0 && n < 1000 ? n : 0;
}

/** Index of the </w:tr> that closes the row open at `from`, skipping rows of nested tables. */
function closingTr(xml: string, from: number): number {
  const tag = /<w:tr[\s>]|<\/w:tr>/g;
  tag.lastIndex = from;
  let depth = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[0] !== '</w:tr>') depth++;
    else if (depth === 0) return m.index;
    else depth--;
  }
  return -1;
}

/** The entries of the (already size-checked) package, in order; only the one named, if given. */
async function readParts(bytes: Buffer, only?: string): Promise<ZipPart[]> {
  const zip: ZipFile = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: false });
  try {
    const parts: ZipPart[] = [];
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (entry.fileName.endsWith('/') || (only && entry.fileName !== only)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
    }
    return parts;
  } finally {
    zip.close();
  }
}
