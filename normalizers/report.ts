// Stage 3: RawDocument → Report. Tables become indicator trees, text becomes claims.
import type { Claim, RawDocument, Report, ScoringTable, Table } from '../model/index.ts';
import { extractMeta } from './meta.ts';
import { ocrDoubtOf } from './ocr-doubt.ts';
import { scrambledTableIndices, understandTables } from './tables/index.ts';
import { extractTotalClaims } from './claims/totals.ts';
import { textArithmeticExtractors } from './claims/index.ts';

/** Extra claim extractors register here (normalizers/claims/*): each reads the text, returns claims. */
export type ClaimExtractor = (text: Report['text'], tables: ScoringTable[]) => Claim[];
const claimExtractors: ClaimExtractor[] = [extractTotalClaims, ...textArithmeticExtractors];

export function buildReport(raw: RawDocument, file: string): Report {
  const text = collectText(raw);
  const tables = understandTables(raw.blocks);
  const claims = claimExtractors.flatMap((extract) => extract(text, tables));
  return {
    file,
    format: raw.format,
    meta: extractMeta(text),
    tables,
    claims,
    text,
    ocr: (raw.ocrPages?.length ?? 0) > 0,
    scrambledTables: scrambledTableIndices(raw.blocks, tables),
    ...ocrDoubtOf(raw, tables),
    ...sheetsOf(raw),
  };
}

/** Spreadsheet tables (cells carry loc.sheet) kept whole for rules that read formulas (xlsx/formula-mismatch). */
function sheetsOf(raw: RawDocument): Pick<Report, 'sheets'> {
  const sheets = raw.blocks.filter((b): b is Table => b.kind === 'table' && b.loc.sheet != null);
  return sheets.length ? { sheets } : {};
}

/** Paragraphs, and table rows joined by tabs, each with provenance, in document order. */
export function collectText(raw: RawDocument): Report['text'] {
  const out: Report['text'] = [];
  const scannedPages = new Set(raw.ocrPages ?? []);
  for (const block of raw.blocks) {
    if (block.kind === 'paragraph') out.push({ text: block.text, loc: block.loc, ...(scannedPages.has(block.loc.page ?? 0) ? { scanned: true } : {}) });
    else if (block.kind === 'table')
      for (const row of block.rows) {
        const first = row.find((c) => c.text.trim() !== '') ?? row[0];
        if (first) out.push({ text: row.map((c) => c.text).join('\t'), loc: { ...first.loc, column: null } });
      }
  }
  return out;
}
