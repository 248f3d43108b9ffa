// count-ratio: done / total × points per part, counting numbered items when the totals are not printed.
import { Decimal } from 'decimal.js';
import { add, exact, show } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { labelOf, missingOf, pts, type FormulaContext, type Impl } from './computation.ts';

export const countRatio: Impl<'count-ratio'> = (formula, ctx) => {
  let lastCounts: { total: Decimal; points: Decimal } | undefined;
  const missing: string[] = [];
  const inputs: FoundFigure[] = [];
  let score = exact(0);
  const texts: string[] = [];
  for (const part of formula.parts) {
    const points = part.points !== undefined ? new Decimal(part.points) : ctx.weight;
    const counts = partCounts(part, formula.enumerate, ctx);
    if ('missing' in counts) {
      missing.push(...counts.missing);
      continue;
    }
    inputs.push(...counts.figures);
    if (counts.total.isZero()) {
      missing.push(`${labelOf(ctx, part.total)}（为0）`);
      continue;
    }
    score = add(score, exact(counts.done.div(counts.total).times(points)));
    lastCounts = { total: counts.total, points };
    texts.push(`${counts.done.toFixed()}/${counts.total.toFixed()} × ${points.toFixed()}${counts.note}`);
  }
  if (missing.length) return { missing, inputs, readings: [] };
  const text = `${texts.join(' + ')} = ${show(score.lo, 4)} ≈ ${pts(score.lo)}`;
  return { missing: [], inputs, readings: [{ label: null, scores: [score], text }], ...(formula.parts.length === 1 ? { countBasis: lastCounts } : {}) };
};

type Counts = { done: Decimal; total: Decimal; figures: FoundFigure[]; note: string } | { missing: string[] };

function partCounts(
  part: { done: string; total: string },
  enumerate: { item: string; notDone: string } | undefined,
  ctx: FormulaContext,
): Counts {
  const found = ctx.resolve([part.done, part.total]);
  const done = found.get(part.done) ?? null;
  const total = found.get(part.total) ?? null;
  if (done && total) return { done: done.value, total: total.value, figures: [done, total], note: '' };
  if (!enumerate) return { missing: missingOf(ctx, found) };
  const items = ctx.enumerate(enumerate.item, enumerate.notDone);
  if (items.length === 0 || (total && !total.value.eq(items.length))) return { missing: missingOf(ctx, found) };
  const notDone = items.filter((i) => i.notDone);
  const note = `（逐项清点：共${items.length}项，其中${notDone.map((i) => `第${i.number}项`).join('、') || '无'}注明未完成）`;
  return { done: new Decimal(items.length - notDone.length), total: new Decimal(items.length), figures: total ? [total] : [], note };
}
