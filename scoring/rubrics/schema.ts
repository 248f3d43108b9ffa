// Rubrics are data: one JSON file per city / year / kind of scoring table, validated here. A rubric
// maps indicator names to the figures an indicator needs, the named formula that turns them into a
// value, and how that value becomes points (bands, proportional, step deductions). See docs/rubrics.md.
import { z } from 'zod';

export const FORMULA_NAMES = [
  'ratio',
  'change-rate',
  'average-scores',
  'proportional',
  'count-ratio',
  'budget-deviation',
  'ceiling-checks',
  'target-achievement',
] as const;
export type FormulaName = (typeof FORMULA_NAMES)[number];

/** What kind of number a figure is; decides which printed units are accepted. */
export const FigureUnitSchema = z.enum(['money', 'percent', 'score', 'count']);

export const FigureSpecSchema = z.object({
  /** Chinese label used in messages ("年末结转结余"). */
  label: z.string().min(1),
  /**
   * Regular-expression sources for the label; the figure is the number that follows the label
   * (after optional filler such as "为", "：", tabs). Tried in order within each text.
   */
  patterns: z.array(z.string().min(1)).min(1),
  unit: FigureUnitSchema,
  /** Unit assumed for a bare number (tables printed "金额单位：万元"). */
  defaultUnit: z.enum(['元', '万元', '亿元', '%', '分', '个']).optional(),
  /** Phrases that state the figure is zero ("未填报政府采购计划"). */
  zeroPatterns: z.array(z.string().min(1)).optional(),
  /** Read from the self-evaluation form's budget row (年初预算数|全年预算数|全年执行数|…|执行率) first. */
  budgetRow: z.enum(['initialBudget', 'fullYearBudget', 'executed', 'rate']).optional(),
});
export type FigureSpec = z.infer<typeof FigureSpecSchema>;

const Num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** A band of the value ("10% < 结余结转率 ≤ 20% → 2分"); an absent edge is unbounded. */
export const BandSchema = z.object({
  min: Num.optional(),
  minInclusive: z.boolean().default(true),
  max: Num.optional(),
  maxInclusive: z.boolean().default(false),
  points: Num,
});
export type Band = z.infer<typeof BandSchema>;

export const ScoringSchema = z.discriminatedUnion('kind', [
  /** Value (in %) → points by band. */
  z.object({ kind: z.literal('bands'), bands: z.array(BandSchema).min(1) }),
  /** points = weight × min(value, cap) / 100. */
  z.object({ kind: z.literal('proportional'), cap: Num.default(100) }),
  /** "100%以下(含)计满分，每超出1%扣0.5分，扣完为止". */
  z.object({ kind: z.literal('over-limit'), limit: Num, per: Num, deduct: Num }),
]);
export type Scoring = z.infer<typeof ScoringSchema>;

const FigureIds = z.array(z.string().min(1)).min(1);

/**
 * A worked calculation as some reports print it ("= 0 / 48044893.67 × 100% = 0%"): a regex with
 * named groups (figure ids, plus `stated`), searched right after the indicator's name. "{n}" stands
 * for a number.
 */
const Substitution = z.string().min(1);

export const FormulaSchema = z.discriminatedUnion('name', [
  /** value = Σ numerator / Σ denominator × 100%; the first denominator alternative found is used. */
  z.object({
    name: z.literal('ratio'),
    numerator: FigureIds,
    denominators: z.array(FigureIds).min(1),
    stated: z.string().optional(),
    substitutions: z.array(Substitution).optional(),
  }),
  /** value = (current ÷ previous − 1) × 100%; both zero → bothZeroPoints. */
  z.object({
    name: z.literal('change-rate'),
    current: z.string(),
    previous: z.string(),
    stated: z.string().optional(),
    bothZeroPoints: Num.optional(),
    substitutions: z.array(Substitution).optional(),
  }),
  /** points = mean(figure / scale) × weight ("(0.95+0.9)/2×5"). */
  z.object({ name: z.literal('average-scores'), figures: FigureIds, scale: Num.default(100) }),
  /** points = weight × actual / plan; actual above plan → overPlanPoints (the rubric's "则本项不得分"). */
  z.object({
    name: z.literal('proportional'),
    actual: z.string(),
    plan: z.string(),
    stated: z.string().optional(),
    overPlanPoints: Num.optional(),
  }),
  /**
   * points = Σ done / total × part points (a part's points default to the weight); when a part's
   * counts are not printed, `enumerate` counts a numbered list ("项目 3 …完成情况：…未完成").
   */
  z.object({
    name: z.literal('count-ratio'),
    parts: z.array(z.object({ done: z.string(), total: z.string(), points: Num.optional() })).min(1),
    enumerate: z
      .object({
        /** Regex matching one list item, group 1 = its number ("项目 3 …完成情况"). */
        item: z.string(),
        /** Regex marking an item as not done ("未完成"). */
        notDone: z.string(),
      })
      .optional(),
  }),
  /**
   * 预决算差异率: |(决算 − 预算) / 预算| × 100%; full `partPoints` at 0, `deduct` per `step`% ("每增加
   * 5%(含)扣减0.5分"). The step wording is read both ways (full steps only / any started step) and
   * a score that only one reading explains is reported as ambiguous, not wrong.
   */
  z.object({
    name: z.literal('budget-deviation'),
    stated: z.string(),
    final: z.string().optional(),
    budget: z.string().optional(),
    partPoints: Num,
    step: Num,
    deduct: Num,
  }),
  /** Each part: actual ≤ limit → its points ("三公经费实际支出数≤预算数，得2分"). */
  z.object({
    name: z.literal('ceiling-checks'),
    parts: z.array(z.object({ actual: z.string(), limit: z.string(), points: Num })).min(1),
  }),
  /** 财预〔2020〕10号 default for 产出/效益 rows: target met → full points, else points × 完成值/指标值. */
  z.object({ name: z.literal('target-achievement') }),
]);
export type Formula = z.infer<typeof FormulaSchema>;

export const IndicatorSpecSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The rubric's own name(s) for the indicator; matched after removing spaces and punctuation. */
  names: z.array(z.string().min(1)).min(1),
  aliases: z.array(z.string().min(1)).default([]),
  weight: Num.nullable(),
  /** Under which 一级/二级 heading the indicator sits (for the self-evaluation forms: 产出指标…). */
  group: z.string().optional(),
  figures: z.record(z.string(), FigureSpecSchema).default({}),
  /** Null for qualitative indicators (kept so rubric selection can match names and weights). */
  formula: FormulaSchema.nullable(),
  scoring: ScoringSchema.optional(),
  /** Where the printed score is: the indicator's row, or the self-evaluation form's budget row. */
  printed: z.enum(['node', 'budget-row']).default('node'),
  /** The rubric's own wording (评分标准), for reference in messages and docs. */
  wording: z.string().min(1),
});
export type IndicatorSpec = z.infer<typeof IndicatorSpecSchema>;

export const RubricSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  /** Null for national defaults that apply anywhere. */
  city: z.string().nullable(),
  /** Inclusive range of evaluation years the rubric applies to. */
  years: z.tuple([z.number().int(), z.number().int()]),
  kind: z.enum(['整体支出', '项目支出', '自评工作考核']),
  /**
   * printed: the wording is printed in real reports (findings are warnings);
   * assumed: a default we apply without the report printing it (findings are info).
   */
  basis: z.enum(['printed', 'assumed']),
  /** Where the wording comes from (document, seed report). */
  source: z.string().min(1),
  /** Words in a report's title or tables that point to this kind of form. */
  markers: z.array(z.string()).default([]),
  indicators: z.array(IndicatorSpecSchema).min(1),
});
export type Rubric = z.infer<typeof RubricSchema>;
