// The named formulas a rubric may use. Each turns the figures found in the report into the value the
// rubric scores (a rate, a count ratio) and the score(s) the rubric allows for it, with rounding
// intervals: a value printed to two decimals stands for an interval, and every band that interval
// touches is an allowed score. Where the rubric's wording can be read two ways ("每增加5%(含)扣减0.5分"),
// each reading yields its own scores and the caller decides what a mismatch means.
import { Decimal } from 'decimal.js';
import type { Band, Formula, FormulaName, IndicatorSpec, Scoring } from '../rubrics/schema.ts';
import type { FoundFigure } from './rubric-figures.ts';
import { add, div, exact, judge, mul, scale, show, sum, sub, type Interval, type Verdict } from '../../numbers/interval.ts';

export interface Reading {
  /** Chinese description of the reading, when the wording allows several. */
  label: string | null;
  scores: Interval[];
  /** "0.04% ≤ 10% → 3分". */
  text: string;
  /** The value falls (partly) outside every band the rubric defines. */
  uncovered?: boolean;
}

export interface Computation {
  /** Chinese labels of the figures that could not be found. */
  missing: string[];
  inputs: FoundFigure[];
  /** The measured value (in % for rates), when the formula has one. */
  value?: Interval;
  /** "0.39万元 / (874.97万元 + 10.4万元) = 0.04%". */
  valueText?: string;
  /** What the score is judged on when it differs from `value` (the stated rate disagrees with it). */
  scoringValue?: Interval;
  /** The value as the report prints it, and how it compares with the recomputation. */
  stated?: FoundFigure;
  statedVerdict?: Verdict | 'undefined';
  /** More than one definition of the inputs was tried and they disagree (口径不明). */
  basisUncertain?: boolean;
  /** The inputs and the stated value were not found in one sentence or row of the report. */
  scattered?: boolean;
  readings: Reading[];
  /** Part of the weight is scored by this formula, the rest is qualitative (预算编制准确性 3 of 5). */
  part?: { points: Decimal; remainder: Decimal };
  /** A special case of the rubric applied ("上年度为0，本年度继续为0"). */
  special?: string;
  /** The inputs, named, when no value text shows them ("市委督查得分96.15分、政府督查得分100.5分"). */
  inputsText?: string;
  /** Single-part count ratios: the count and points, to tell whether a printed score is attainable at all. */
  countBasis?: { total: Decimal; points: Decimal };
}

export interface FormulaContext {
  indicator: IndicatorSpec;
  weight: Decimal;
  /** Resolves figures, preferring one sentence / row that holds them all. */
  resolve(ids: string[]): Map<string, FoundFigure | null>;
  /** Numbered list items ("项目 3 …完成情况：…") with whether each is marked not done. */
  enumerate(item: string, notDone: string): { number: string; notDone: boolean }[];
  /** A worked substitution printed after the indicator's name, if the rubric describes one. */
  substitution(): Map<string, FoundFigure> | null;
}

type Impl<N extends FormulaName> = (formula: Extract<Formula, { name: N }>, ctx: FormulaContext) => Computation;

const HUNDRED = new Decimal(100);
const pct = (v: Interval) => `${show(mid(v))}%`;
const mid = (v: Interval) => v.lo.plus(v.hi).div(2);
const pts = (v: Decimal.Value) => `${show(new Decimal(v))}分`;
const labelOf = (ctx: FormulaContext, id: string) => ctx.indicator.figures[id]?.label ?? id;

function missingOf(ctx: FormulaContext, found: Map<string, FoundFigure | null>): string[] {
  return [...found].filter(([, f]) => f === null).map(([id]) => labelOf(ctx, id));
}

const present = (found: Map<string, FoundFigure | null>) => [...found.values()].filter((f): f is FoundFigure => f !== null);

// ---------- ratio ----------

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

const ratio: Impl<'ratio'> = (formula, ctx) => {
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
function fromStated(stated: FoundFigure): Computation {
  return { missing: [], inputs: [stated], value: stated.interval, valueText: `${stated.shown}（报告所述，未列出计算数据）`, stated, readings: [] };
}

const hull = (items: Interval[]): Interval => ({ lo: Decimal.min(...items.map((i) => i.lo)), hi: Decimal.max(...items.map((i) => i.hi)) });

// ---------- change-rate ----------

const changeRate: Impl<'change-rate'> = (formula, ctx) => {
  const sub = ctx.substitution();
  const ids = [formula.current, formula.previous];
  const found = sub && ids.every((id) => sub.has(id)) ? new Map(ids.map((id) => [id, sub.get(id) ?? null])) : ctx.resolve(ids);
  const stated = formula.stated ? sub?.get(formula.stated) ?? ctx.resolve([formula.stated]).get(formula.stated) ?? undefined : undefined;
  const missing = missingOf(ctx, found);
  if (missing.length) return stated ? fromStated(stated) : { missing, inputs: present(found), readings: [] };
  const current = found.get(formula.current) as FoundFigure;
  const previous = found.get(formula.previous) as FoundFigure;
  const inputs = [current, previous, ...(stated ? [stated] : [])];
  if (previous.value.isZero()) {
    if (current.value.isZero() && formula.bothZeroPoints !== undefined) {
      const special = `上年末与本年末均为0（${previous.shown}、${current.shown}），按评分标准“上年度为0的，本年度继续为0的”得${pts(formula.bothZeroPoints)}`;
      return { missing: [], inputs, stated, statedVerdict: stated ? 'undefined' : undefined, special, readings: [{ label: null, scores: [exact(formula.bothZeroPoints)], text: special }] };
    }
    return { missing: [`（上年末为0、本年末为${current.shown}，变动率无法按公式计算）`], inputs, stated, statedVerdict: stated ? 'undefined' : undefined, readings: [] };
  }
  const q = div(current.interval, previous.interval);
  if (!q) return { missing: ['（上年末数接近0，变动率无法计算）'], inputs, readings: [] };
  const value = scale(sub1(q), HUNDRED);
  const valueText = `(${current.shown} ÷ ${previous.shown} − 1) × 100% = ${pct(value)}`;
  const scattered = new Set(inputs.map((f) => f.entry.text)).size > 1;
  const verdict = stated ? judge(stated.quantity, value) : undefined;
  const scoringValue = stated && verdict === 'mismatch' ? hull([value, stated.interval]) : undefined;
  return { missing: [], inputs, value, valueText, scattered, scoringValue, stated, statedVerdict: stated ? judge(stated.quantity, value) : undefined, readings: [] };
};

const sub1 = (q: Interval): Interval => sub(q, exact(1));

// ---------- average-scores ----------

const averageScores: Impl<'average-scores'> = (formula, ctx) => {
  const found = ctx.resolve(formula.figures);
  const missing = missingOf(ctx, found);
  if (missing.length) return { missing, inputs: present(found), readings: [] };
  const figures = formula.figures.map((id) => found.get(id) as FoundFigure);
  const k = new Decimal(formula.scale);
  const named = figures.map((f) => `${f.spec.label}${f.quantity.value.toFixed(f.quantity.decimals)}分`).join('、');
  const reading = (cap: boolean): Reading => {
    const parts = figures.map((f) => (cap && f.value.gt(k) ? exact(k) : f.interval));
    const mean = scale(sum(parts.map((p) => scale(p, new Decimal(1).div(k)))), new Decimal(1).div(figures.length));
    const score = scale(mean, ctx.weight);
    const terms = figures.map((f) => `${cap && f.value.gt(k) ? k.toFixed() : f.quantity.value.toFixed(f.quantity.decimals)}/${k.toFixed()}`).join(' + ');
    const text = `(${terms}) / ${figures.length} × ${ctx.weight.toFixed()} = ${show(mid(score), 4)} ≈ ${pts(mid(score))}`;
    return { label: cap ? `超过${k.toFixed()}分的督查得分按${k.toFixed()}分计` : `按原始得分计算`, scores: [score], text };
  };
  // A score above the scale ("政府督查得分100.5") may or may not be capped: the rubric does not say.
  const readings = figures.some((f) => f.value.gt(k)) ? [reading(false), reading(true)] : [{ ...reading(false), label: null }];
  return { missing: [], inputs: figures, readings, inputsText: named };
};

// ---------- proportional ----------

const proportional: Impl<'proportional'> = (formula, ctx) => {
  const ids = [formula.actual, formula.plan];
  const found = ctx.resolve(ids);
  const stated = formula.stated ? ctx.resolve([formula.stated]).get(formula.stated) ?? undefined : undefined;
  const missing = missingOf(ctx, found);
  if (missing.length) {
    if (!stated) return { missing, inputs: present(found), readings: [] };
    const fallback = fromStated(stated);
    return { ...fallback, readings: scoreValue(stated.interval, { kind: 'proportional', cap: 100 }, ctx.weight) };
  }
  const actual = found.get(formula.actual) as FoundFigure;
  const plan = found.get(formula.plan) as FoundFigure;
  const inputs = [actual, plan, ...(stated ? [stated] : [])];
  const over = actual.interval.lo.gt(plan.interval.hi);
  const maybeOver = actual.interval.hi.gt(plan.interval.lo);
  if (formula.overPlanPoints !== undefined && over) {
    const text = `实际采购${actual.shown} > 计划${plan.shown}，按评分标准本项不得分 → ${pts(formula.overPlanPoints)}`;
    return { missing: [], inputs, stated, readings: [{ label: null, scores: [exact(formula.overPlanPoints)], text }] };
  }
  const q = div(actual.interval, plan.interval);
  if (!q) return { missing: ['（计划数为0，执行率无法计算）'], inputs, readings: [] };
  const value = scale(q, HUNDRED);
  const capped: Interval = { lo: Decimal.min(value.lo, HUNDRED), hi: Decimal.min(value.hi, HUNDRED) };
  const score = mul(scale(capped, new Decimal(1).div(HUNDRED)), exact(ctx.weight));
  const scores = [score];
  if (formula.overPlanPoints !== undefined && maybeOver) scores.push(exact(formula.overPlanPoints));
  const valueText = `${actual.shown} / ${plan.shown} × 100% = ${pct(value)}`;
  // Above 100% with no rule for it: the rubric does not say what such a rate scores.
  const uncovered = value.hi.gt(HUNDRED) && formula.overPlanPoints === undefined;
  const text = uncovered ? `${pct(value)} 超过100%` : `${pct(value)} × ${ctx.weight.toFixed()} = ${pts(mid(score))}`;
  return { missing: [], inputs, value, valueText, stated, statedVerdict: stated ? judge(stated.quantity, value) : undefined, readings: [{ label: null, scores, text, uncovered }] };
};

// ---------- count-ratio ----------

const countRatio: Impl<'count-ratio'> = (formula, ctx) => {
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

// ---------- budget-deviation ----------

const budgetDeviation: Impl<'budget-deviation'> = (formula, ctx) => {
  const stated = ctx.resolve([formula.stated]).get(formula.stated);
  if (!stated) return { missing: [labelOf(ctx, formula.stated)], inputs: [], readings: [] };
  const partPoints = new Decimal(formula.partPoints);
  const absolute = absInterval(stated.interval);
  const readings = stepReadings(absolute, new Decimal(formula.step), new Decimal(formula.deduct), partPoints, 'increase');
  return {
    missing: [],
    inputs: [stated],
    value: stated.interval,
    valueText: `${stated.spec.label}${stated.shown}（取绝对值${show(mid(absolute))}%）`,
    stated,
    readings,
    part: { points: partPoints, remainder: ctx.weight.minus(partPoints) },
  };
};

function absInterval(v: Interval): Interval {
  if (v.lo.gte(0)) return v;
  if (v.hi.lte(0)) return { lo: v.hi.neg(), hi: v.lo.neg() };
  return { lo: new Decimal(0), hi: Decimal.max(v.lo.neg(), v.hi) };
}

/**
 * "每增加/每超出 step 扣 deduct 分": read as whole steps only (floor), as any started step (ceil),
 * or in proportion (exact, for "每超出1%"). Scores are clamped to [0, full].
 */
function stepReadings(excess: Interval, step: Decimal, deduct: Decimal, full: Decimal, wording: 'increase' | 'over'): Reading[] {
  const ways: [string, (x: Decimal) => Decimal][] = [
    [`满${step.toFixed()}%才扣${deduct.toFixed()}分（不足${step.toFixed()}%不扣）`, (x) => x.div(step).floor()],
    [`只要超过0即按一档扣${deduct.toFixed()}分（(0,${step.toFixed()}%]扣${deduct.toFixed()}分）`, (x) => x.div(step).ceil()],
  ];
  if (wording === 'over') ways.push([`超出部分按比例扣分`, (x) => x.div(step)]);
  return ways.map(([label, steps]) => {
    const lo = clamp(full.minus(steps(excess.hi).times(deduct)), full);
    const hi = clamp(full.minus(steps(excess.lo).times(deduct)), full);
    const scores = lo.eq(hi) ? [exact(lo)] : distinctSteps(lo, hi, deduct);
    const shown = lo.eq(hi) ? pts(lo) : `${pts(lo)}至${pts(hi)}`;
    return { label, scores, text: `${show(mid(excess))}% → ${shown}` };
  });
}

function distinctSteps(lo: Decimal, hi: Decimal, deduct: Decimal): Interval[] {
  const out: Interval[] = [];
  for (let v = lo; v.lte(hi); v = v.plus(deduct)) out.push(exact(v));
  if (!out.some((i) => i.lo.eq(hi))) out.push(exact(hi));
  return out;
}

const clamp = (v: Decimal, full: Decimal) => Decimal.max(0, Decimal.min(v, full));

// ---------- ceiling-checks ----------

const ceilingChecks: Impl<'ceiling-checks'> = (formula, ctx) => {
  const ids = formula.parts.flatMap((p) => [p.actual, p.limit]);
  const found = ctx.resolve(ids);
  const missing = missingOf(ctx, found);
  if (missing.length) return { missing, inputs: present(found), readings: [] };
  let options: Decimal[] = [new Decimal(0)];
  const texts: string[] = [];
  for (const part of formula.parts) {
    const actual = found.get(part.actual) as FoundFigure;
    const limit = found.get(part.limit) as FoundFigure;
    const points = new Decimal(part.points);
    // As printed: equal printed figures satisfy "≤"; a ceiling test is not a rounding question.
    const surelyWithin = actual.value.lte(limit.value);
    const surelyOver = !surelyWithin;
    const partScores = surelyWithin ? [points] : surelyOver ? [new Decimal(0)] : [points, new Decimal(0)];
    options = options.flatMap((o) => partScores.map((s) => o.plus(s)));
    const relation = surelyWithin ? '≤' : surelyOver ? '>' : '≈';
    texts.push(`${actual.spec.label}${actual.shown} ${relation} ${limit.spec.label}${limit.shown} → ${partScores.map(pts).join('或')}`);
  }
  const unique = [...new Set(options.map((o) => o.toFixed()))].map((v) => exact(v));
  return { missing: [], inputs: present(found), readings: [{ label: null, scores: unique, text: texts.join('；') }] };
};

// ---------- target-achievement (per row; see evaluateTarget) ----------

const targetAchievement: Impl<'target-achievement'> = () => ({ missing: [], inputs: [], readings: [] });

export const FORMULAS: { [N in FormulaName]: Impl<N> } = {
  ratio,
  'change-rate': changeRate,
  'average-scores': averageScores,
  proportional,
  'count-ratio': countRatio,
  'budget-deviation': budgetDeviation,
  'ceiling-checks': ceilingChecks,
  'target-achievement': targetAchievement,
};

export function compute(formula: Formula, ctx: FormulaContext): Computation {
  const impl = FORMULAS[formula.name] as Impl<typeof formula.name>;
  const computation = impl(formula as never, ctx);
  const scoring = ctx.indicator.scoring;
  const { value, scoringValue, stated } = computation;
  if (scoring && value && computation.readings.length === 0 && !computation.special) {
    computation.readings = scoreValue(scoringValue ?? value, scoring, ctx.weight);
    // Judged on the recomputed and the stated rate together: say so where the rate is shown.
    if (scoringValue && stated)
      for (const r of computation.readings) r.text = r.text.replaceAll(pct(scoringValue), `${pct(value)}（或报告所写${stated.shown}）`);
  }
  return computation;
}

// ---------- value → points ----------

export function scoreValue(value: Interval, scoring: Scoring, weight: Decimal): Reading[] {
  switch (scoring.kind) {
    case 'bands':
      return [bandReading(value, scoring.bands)];
    case 'proportional': {
      const cap = new Decimal(scoring.cap);
      const capped: Interval = { lo: Decimal.min(value.lo, cap), hi: Decimal.min(value.hi, cap) };
      const score = scale(capped, weight.div(HUNDRED));
      return [{ label: null, scores: [score], text: `${pct(value)} × ${weight.toFixed()} = ${pts(mid(score))}` }];
    }
    case 'over-limit': {
      const limit = new Decimal(scoring.limit);
      if (value.hi.lte(limit)) return [{ label: null, scores: [exact(weight)], text: `${pct(value)} ≤ ${limit.toFixed()}% → ${pts(weight)}` }];
      const excess: Interval = { lo: Decimal.max(0, value.lo.minus(limit)), hi: value.hi.minus(limit) };
      return stepReadings(excess, new Decimal(scoring.per), new Decimal(scoring.deduct), weight, 'over').map((r) => ({
        ...r,
        text: `超出${limit.toFixed()}%共${show(mid(excess))}个百分点 → ${r.text.split('→ ')[1]}`,
      }));
    }
  }
}

function bandReading(value: Interval, bands: Band[]): Reading {
  const hits = bands.filter((b) => touches(value, b));
  const covered = hits.length > 0 && coversAll(value, hits);
  const scores = [...new Set(hits.map((b) => new Decimal(b.points).toFixed()))].map((p) => exact(p));
  const text = hits.length
    ? hits.map((b) => `${describeBand(b, pct(value))} → ${pts(b.points)}`).join('，或 ')
    : `${pct(value)} 不在评分标准所列任何档次内`;
  return { label: null, scores, text, uncovered: !covered };
}

function touches(v: Interval, b: Band): boolean {
  const aboveMin = b.min === undefined || v.hi.gt(b.min) || (b.minInclusive && v.hi.eq(b.min));
  const belowMax = b.max === undefined || v.lo.lt(b.max) || (b.maxInclusive && v.lo.eq(b.max));
  return aboveMin && belowMax;
}

/** Whether the bands hit cover the whole interval (otherwise part of it lies in no band). */
function coversAll(v: Interval, hits: Band[]): boolean {
  const inSome = (x: Decimal) => hits.some((b) => touches({ lo: x, hi: x }, b));
  return inSome(v.lo) && inSome(v.hi);
}

/** The band with the value written in: "0.04% ≤ 10%", "90% ≤ 98.96% < 100%". */
export function describeBand(b: Band, value = 'x'): string {
  const min = b.min !== undefined ? `${b.min}%` : null;
  const max = b.max !== undefined ? `${b.max}%` : null;
  if (min && max && b.min === b.max) return `${value} = ${min}`;
  if (min && max) return `${min} ${b.minInclusive ? '≤' : '<'} ${value} ${b.maxInclusive ? '≤' : '<'} ${max}`;
  if (min) return `${value} ${b.minInclusive ? '≥' : '>'} ${min}`;
  if (max) return `${value} ${b.maxInclusive ? '≤' : '<'} ${max}`;
  return value;
}

export { pct, pts, mid };
