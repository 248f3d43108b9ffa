// The 预算执行率 row of a self-evaluation form, recomputed from the row's own figures.
import { Decimal } from 'decimal.js';
import type { Report } from '../../../model/index.ts';
import type { IndicatorSpec, Rubric } from '../../rubrics/schema.ts';
import { compute, type FigureFormula } from '../formulas/index.ts';
import { toFigure, type FoundFigure, type SearchEntry } from './figures.ts';
import type { Outcome } from './outcome.ts';

export function evaluateBudgetRows(report: Report, rubric: Rubric, indicator: IndicatorSpec): Outcome[] {
  const out: Outcome[] = [];
  for (const table of report.tables) {
    const row = table.budget;
    if (!row) continue;
    const entry: SearchEntry = { text: row.evidence, loc: row.loc, origin: 'budget-row' };
    const figures = new Map<string, FoundFigure | null>();
    for (const [id, spec] of Object.entries(indicator.figures)) {
      const q = spec.budgetRow ? row[spec.budgetRow] : null;
      figures.set(id, q ? toFigure(id, spec, q, entry, 0) : null);
    }
    const weight = row.weight?.value ?? new Decimal(indicator.weight ?? 0);
    const ctx = {
      indicator,
      weight,
      resolve: (ids: string[]) => new Map(ids.map((id) => [id, figures.get(id) ?? null])),
      enumerate: () => [],
      substitution: () => null,
    };
    const computation = compute(indicator.formula as FigureFormula, ctx);
    const printed = row.score ? { quantity: row.score, source: 'budget-row' as const, evidence: row.evidence, loc: row.loc } : null;
    out.push({
      rubric,
      indicator,
      node: null,
      subject: `表${table.tableIndex}预算执行率`,
      weight,
      computation,
      printed,
      explained: null,
      evidence: row.evidence,
      loc: row.loc,
    });
  }
  return out;
}
