// A rubric indicator defined by a formula: its row, its inputs (评分说明 first, then the report's text),
// its printed score, and the recomputation.
import { Decimal } from 'decimal.js';
import type { Report } from '../../../model/index.ts';
import { cleanText } from '../../../numbers/text.ts';
import type { IndicatorSpec, Rubric } from '../../rubrics/schema.ts';
import { compute, type FigureFormula } from '../formulas/index.ts';
import { entriesFor, findSubstitution, resolveFigures, type SearchEntry } from './figures.ts';
import { findNode, type Outcome } from './outcome.ts';
import { deductionScore, explainedScore, rowScore, type Deductions } from './scores.ts';

export function evaluateIndicator(report: Report, rubric: Rubric, indicator: IndicatorSpec, corpus: SearchEntry[], deductions: Deductions): Outcome {
  const node = findNode(report, indicator);
  const rubricWeight = indicator.weight === null ? null : new Decimal(indicator.weight);
  const weight = node?.weight?.value ?? rubricWeight ?? new Decimal(0);
  const base = {
    rubric,
    indicator,
    node,
    subject: indicator.names[0],
    weight,
    evidence: node?.evidence ?? '',
    loc: node?.loc ?? {},
  };
  const row = node ? null : rowScore(report, indicator, rubricWeight);
  const printed = node?.score
    ? { quantity: node.score, source: 'table' as const, evidence: node.evidence, loc: node.loc }
    : row ?? deductionScore(indicator, rubricWeight, deductions.items, deductions.complete);
  if (rubricWeight && node?.weight && !node.weight.value.eq(rubricWeight))
    return { ...base, computation: null, printed, explained: null, skipped: `表中分值${node.weight.value.toFixed()}分与评分标准的${rubricWeight.toFixed()}分不同（可能按规定调整了分值），未按评分标准复算` };
  const rowEntry: SearchEntry[] = row ? [{ text: cleanText(row.evidence), loc: row.loc, origin: 'explanation' }] : [];
  const entries = [...rowEntry, ...entriesFor(node, corpus)];
  const computation = compute(indicator.formula as FigureFormula, formulaContext(indicator, weight, entries));
  const evidenceEntry = computation.stated?.entry ?? computation.inputs[0]?.entry;
  const ownRow = printed?.source === 'row' ? printed : null;
  return {
    ...base,
    evidence: base.evidence || ownRow?.evidence || evidenceEntry?.text.slice(0, 300) || printed?.evidence || '',
    loc: node?.loc ?? ownRow?.loc ?? evidenceEntry?.loc ?? printed?.loc ?? {},
    computation,
    printed,
    explained: explainedScore(node, computation),
  };
}

function formulaContext(indicator: IndicatorSpec, weight: Decimal, entries: SearchEntry[]) {
  const formula = indicator.formula;
  const substitutions = formula && 'substitutions' in formula ? formula.substitutions ?? [] : [];
  return {
    indicator,
    weight,
    resolve: (ids: string[]) => resolveFigures(ids, indicator.figures, entries),
    enumerate: (item: string, notDone: string) => enumerateItems(entries, item, notDone),
    substitution: () => (substitutions.length ? findSubstitution(substitutions, [...indicator.names, ...indicator.aliases], indicator.figures, entries) : null),
  };
}

/** Numbered items ("项目 3 …完成情况：…"), first occurrence of each number, and whether marked not done. */
function enumerateItems(entries: SearchEntry[], item: string, notDone: string): { number: string; notDone: boolean }[] {
  const seen = new Map<string, boolean>();
  const notDoneRe = new RegExp(notDone);
  for (const entry of entries) {
    const matches = [...entry.text.matchAll(new RegExp(item, 'g'))];
    matches.forEach((m, i) => {
      const number = m[1];
      if (!number || seen.has(number)) return;
      const start = (m.index ?? 0) + m[0].length;
      const end = Math.min(matches[i + 1]?.index ?? entry.text.length, start + 300);
      seen.set(number, notDoneRe.test(entry.text.slice(start, end)));
    });
  }
  return [...seen].map(([number, nd]) => ({ number, notDone: nd }));
}
