// The shared validity test every extractor's output must pass (textlint's plugin contract):
// schema-valid, provenance on every block and cell, cells inside their table, pages in range.
import { RawDocumentSchema, type RawDocument } from '../model/index.ts';

export function rawDocumentProblems(doc: RawDocument): string[] {
  const parsed = RawDocumentSchema.safeParse(doc);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const problems: string[] = [];
  const pageOk = (page: number | null | undefined) => page == null || doc.pages === undefined || page <= doc.pages;
  const hasProvenance = (loc: RawDocument['blocks'][number]['loc']) => loc.page != null || loc.line != null || loc.sheet != null;
  let expectedTable = 1;
  doc.blocks.forEach((block, b) => {
    if (!hasProvenance(block.loc)) problems.push(`block ${b}: no page, line or sheet`);
    if (!pageOk(block.loc.page)) problems.push(`block ${b}: page ${block.loc.page} > ${doc.pages}`);
    if (block.kind !== 'table') return;
    if (block.index !== expectedTable++) problems.push(`block ${b}: table index ${block.index}, expected ${expectedTable - 1}`);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!hasProvenance(cell.loc)) problems.push(`table ${block.index} cell ${r + 1},${c + 1}: no provenance`);
        if (cell.loc.table != null && cell.loc.table !== block.index) problems.push(`table ${block.index} cell ${r + 1},${c + 1}: loc.table ${cell.loc.table}`);
        if (cell.loc.row != null && cell.loc.row !== r + 1) problems.push(`table ${block.index} cell ${r + 1},${c + 1}: loc.row ${cell.loc.row}`);
        if (cell.loc.column != null && cell.loc.column !== c + 1) problems.push(`table ${block.index} cell ${r + 1},${c + 1}: loc.column ${cell.loc.column}`);
        if (!pageOk(cell.loc.page)) problems.push(`table ${block.index} cell ${r + 1},${c + 1}: page out of range`);
        if (cell.covered && cell.text !== '') problems.push(`table ${block.index} cell ${r + 1},${c + 1}: covered cell has text`);
      }),
    );
  });
  return problems;
}

export function assertValidRawDocument(doc: RawDocument): void {
  const problems = rawDocumentProblems(doc);
  if (problems.length) throw new Error(`invalid RawDocument:\n${problems.slice(0, 20).join('\n')}`);
}
