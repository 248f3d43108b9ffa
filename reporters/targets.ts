// Which indicator a finding points at: finding.location (table, row) against indicator.location
// (table, row). Several indicators can share a printed row (a merged 一级/二级/三级 row); the one
// named by finding.subject wins, otherwise the deepest level.
import type { DocumentResult, Finding } from '../model/index.ts';

type TableEntry = DocumentResult['tables'][number];
type Indicator = TableEntry['indicators'][number];

/** Position of an indicator: index into doc.tables, then into that table's indicators. */
export interface IndicatorRef {
  table: number;
  indicator: number;
}

export interface Targets {
  /** finding index → the indicator it points at. */
  byFinding: Map<number, IndicatorRef>;
  /** refKey(indicator) → indexes of the findings pointing at it. */
  byIndicator: Map<string, number[]>;
}

export const refKey = (ref: IndicatorRef) => `${ref.table}/${ref.indicator}`;

export function findingTargets(doc: DocumentResult): Targets {
  const rows = indicatorsByRow(doc.tables);
  const targets: Targets = { byFinding: new Map(), byIndicator: new Map() };
  doc.findings.forEach((finding, index) => {
    const { table, row } = finding.location;
    const candidates = table && row ? rows.get(`${table}:${row}`) : undefined;
    if (!candidates) return;
    const ref = pick(candidates, finding, doc.tables);
    targets.byFinding.set(index, ref);
    const key = refKey(ref);
    targets.byIndicator.set(key, [...(targets.byIndicator.get(key) ?? []), index]);
  });
  return targets;
}

function indicatorsByRow(tables: TableEntry[]): Map<string, IndicatorRef[]> {
  const rows = new Map<string, IndicatorRef[]>();
  tables.forEach((t, table) =>
    t.indicators.forEach((ind, indicator) => {
      if (!ind.location.row) return;
      const key = `${ind.location.table ?? t.table}:${ind.location.row}`;
      rows.set(key, [...(rows.get(key) ?? []), { table, indicator }]);
    }),
  );
  return rows;
}

function pick(candidates: IndicatorRef[], finding: Finding, tables: TableEntry[]): IndicatorRef {
  const of = (ref: IndicatorRef): Indicator => tables[ref.table].indicators[ref.indicator];
  const subject = finding.subject?.trim();
  if (subject) {
    const exact = candidates.find((c) => of(c).name.trim() === subject);
    if (exact) return exact;
    const partial = candidates.filter((c) => of(c).name && (subject.includes(of(c).name) || of(c).name.includes(subject)));
    if (partial.length) return partial.reduce((a, b) => (of(b).name.length > of(a).name.length ? b : a));
  }
  return candidates.reduce((a, b) => (of(b).level >= of(a).level ? b : a));
}
