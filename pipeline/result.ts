// Report + findings → the DocumentResult of the output contract.
import type { DocumentResult, IndicatorNode, Loc, RawDocument, Report } from '../model/index.ts';
import type { ScoredReport } from '../scoring/engine.ts';
import { tableCaptions } from '../normalizers/tables/captions.ts';

export function toDocumentResult(report: Report, scored: ScoredReport, source: { sha256: string | null; raw: RawDocument }): DocumentResult {
  const { findings, totals } = scored;
  const degraded = report.tables.some((t) => t.quality !== 'ok') || source.raw.warnings.length > 0;
  return {
    file: report.file,
    sha256: source.sha256,
    format: report.format,
    status: degraded || scored.notAReport ? 'partial' : 'ok',
    error: null,
    unit: report.meta.unit,
    year: report.meta.year,
    claimedTotal: totals.claimed?.toFixed() ?? null,
    computedTotal: totals.computed?.toFixed() ?? null,
    grade: totals.grade,
    findings,
    tableCaptions: tableCaptions(source.raw),
    notes: [...source.raw.warnings, ...report.tables.flatMap((t) => t.notes), ...scored.notes],
    tables: report.tables.map((t) => ({
      kind: t.kind,
      table: t.tableIndex,
      quality: t.quality,
      indicators: flatten(t.roots).map((n) => ({
        id: n.id,
        level: n.level,
        name: n.name,
        weight: n.weight?.value.toFixed() ?? null,
        score: n.score?.value.toFixed() ?? null,
        location: outputLocation(n.loc),
      })),
    })),
  };
}

export function flatten(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

export function outputLocation(loc: Loc) {
  return { page: loc.page ?? null, table: loc.table ?? null, row: loc.row ?? null, column: loc.column ?? null, line: loc.line ?? null };
}
