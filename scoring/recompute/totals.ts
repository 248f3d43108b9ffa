// The document-level figures the output contract reports: the claimed total, the total recomputed
// from the scoring table's items, and the grade the report gives itself.
import { Decimal } from 'decimal.js';
import { tableScoreSum } from './tree.ts';
import type { Grade, Report } from '../../model/index.ts';

export interface TotalsSummary {
  claimed: Decimal | null;
  computed: Decimal | null;
  grade: Grade | null;
}

export function summarizeTotals(report: Report): TotalsSummary {
  // The first cleanly rebuilt detailed table is the one the total is recomputed from.
  const main = report.tables.find((t) => t.kind !== 'summary' && t.quality === 'ok')
    ?? report.tables.find((t) => t.quality !== 'unreadable');
  const totalClaim = report.claims.find((c) => c.kind === 'total');
  const gradeClaim = report.claims.find((c) => c.kind === 'grade');
  // What the report claims: its prose verdict first, else the printed total row.
  const claimed = (totalClaim?.kind === 'total' ? totalClaim.value.value : null) ?? main?.total?.score?.value ?? null;
  const sum = main && main.quality === 'ok' ? tableScoreSum(main) : null;
  const computed = sum && sum.parts.length && !sum.missing.length ? sum.value : null;
  return { claimed, computed, grade: gradeClaim?.kind === 'grade' ? gradeClaim.grade : null };
}

/** Sum of the leaf scores (the level that actually carries scores), bonus rows included. */
export function sumScores(nodes: Report['tables'][number]['roots']): Decimal | null {
  let sum = new Decimal(0);
  for (const node of nodes) {
    const part = node.children.length ? sumScores(node.children) : node.score?.value ?? null;
    if (part === null) return null;
    sum = sum.plus(part);
  }
  return sum;
}
