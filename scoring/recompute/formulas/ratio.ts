// ratio: numerator / denominator × 100%, trying each definition of the denominator the rubric lists.
import { Decimal } from 'decimal.js';
import { div, judge, scale, sum, type Interval } from '../../../numbers/interval.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { HUNDRED, missingOf, pct, type Computation, type Impl } from './computation.ts';

interface RatioTry {
  figures: FoundFigure[];
  value: Interval | null;
  text: string;
}

function ratioTry(num: FoundFigure[], den: FoundFigure[]): RatioTry {
  const n = sum(num.map((f) => f.interval));
  const d = sum(den.map((f) => f.interval));
  const q = div(n, d);
  const value = q ? scale(q, HUNDRED) : null;
  const term = (fs: FoundFigure[]) => (fs.length > 1 ? `(${fs.map((f) => f.shown).join(' + ')})` : fs[0].shown);
  const text = `${term(num)} / ${term(den)} × 100% = ${value ? pct(value) : '无法计算（分母为0）'}`;
  return { figures: [...num, ...den], value, text };
}

export const ratio: Impl<'ratio'> = (formula, ctx) => {
  const sub = ctx.substitution();
  const tries: RatioTry[] = [];
  const missing = new Set<string>();
  for (const alternative of formula.denominators) {
    const ids = [...formula.numerator, ...alternative];
    const found = sub && ids.every((id) => sub.has(id)) ? new Map(ids.map((id) => [id, sub.get(id) ?? null])) : ctx.resolve(ids);
    const lacking = missingOf(ctx, found);
    if (lacking.length) {
      lacking.forEach((l) => missing.add(l));
      continue;
    }
    const get = (id: string) => found.get(id) as FoundFigure;
    tries.push(ratioTry(formula.numerator.map(get), alternative.map(get)));
  }
  const stated = formula.stated ? sub?.get(formula.stated) ?? ctx.resolve([formula.stated]).get(formula.stated) ?? undefined : undefined;
  return fromTries(tries, [...missing], stated, formula.denominators.length);
};

/** Picks the definition the report's stated value agrees with, else the first one found. */
function fromTries(tries: RatioTry[], missing: string[], stated: FoundFigure | undefined, definitions: number): Computation {
  const usable = tries.filter((t) => t.value !== null);
  if (usable.length === 0) {
    if (stated) return fromStated(stated);
    return { missing: tries.length ? ['（分母为0，比率无法计算）'] : missing, inputs: tries.flatMap((t) => t.figures), readings: [] };
  }
  const agreeing = stated ? usable.find((t) => judge(stated.quantity, t.value as Interval) !== 'mismatch') : undefined;
  const chosen = agreeing ?? usable[0];
  const verdict = stated ? judge(stated.quantity, chosen.value as Interval) : undefined;
  // A stated rate that no definition reproduces is reported on its own (rubric/rate-mismatch); the
  // score may follow either the stated rate or any definition, so all of them are allowed.
  const scoringValue = stated && !agreeing ? hull([...usable.map((t) => t.value as Interval), stated.interval]) : undefined;
  return {
    scoringValue,
    scattered: new Set([...chosen.figures, ...(stated ? [stated] : [])].map((f) => f.entry.text)).size > 1,
    missing: [],
    inputs: [...chosen.figures, ...(stated ? [stated] : [])],
    value: chosen.value as Interval,
    valueText: chosen.text,
    stated,
    statedVerdict: verdict,
    basisUncertain: !agreeing && definitions > 1,
    readings: [],
  };
}

/** The inputs are not printed but the rate is: score the rate as the report states it. */
export function fromStated(stated: FoundFigure): Computation {
  return { missing: [], inputs: [stated], value: stated.interval, valueText: `${stated.shown}（报告所写的比率；未找到按评分标准口径复算所需的数据）`, stated, readings: [] };
}

export const hull = (items: Interval[]): Interval => ({ lo: Decimal.min(...items.map((i) => i.lo)), hi: Decimal.max(...items.map((i) => i.hi)) });
