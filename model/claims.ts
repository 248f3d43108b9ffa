// What the report's text states: totals, grades, calculations, figures, rates, breakdowns… (Claim).
import { z } from 'zod';
import { GradeBandSchema, GradeSchema, QuantitySchema } from './quantity.ts';
import { LocSchema } from './raw.ts';

const ClaimBase = { loc: LocSchema, evidence: z.string() };

export const ClaimSchema = z.discriminatedUnion('kind', [
  /** "自评得分为94.42分", "绩效评价得分为 85 分". */
  z.object({ kind: z.literal('total'), value: QuantitySchema, ...ClaimBase }),
  /** "等级为良", "自评等级优". */
  z.object({ kind: z.literal('grade'), grade: GradeSchema, ...ClaimBase }),
  /** The report's own grade bands ("优[90 分~100 分)..."). */
  z.object({ kind: z.literal('grade-bands'), bands: z.array(GradeBandSchema), ...ClaimBase }),
  /** "主要扣分点：自评材料报送质量（扣 1 分）..." */
  z.object({
    kind: z.literal('deductions'),
    items: z.array(z.object({ name: z.string(), points: QuantitySchema })),
    ...ClaimBase,
  }),
  /** A stated calculation: "620.5/700 = 98.64%". expression is the left side as printed. */
  z.object({
    kind: z.literal('calculation'),
    expression: z.string(),
    /** Operands in order of appearance. */
    operands: z.array(QuantitySchema),
    /** Parsed operator tree as a small JSON AST (see normalizers/claims/expression.ts). */
    ast: z.unknown(),
    result: QuantitySchema,
    ...ClaimBase,
  }),
  /** A labelled figure: "年初预算数为775.56万元". */
  z.object({
    kind: z.literal('figure'),
    label: z.string(),
    value: QuantitySchema,
    period: z.string().nullish(),
    scope: z.string().nullish(),
    /** 'sentence': label and value in one sentence; 'columns': a header cell over a data cell (depends on column positions). */
    readFrom: z.enum(['sentence', 'columns']).optional(),
    ...ClaimBase,
  }),
  /** A rate printed with the two figures it is made of. */
  z.object({
    kind: z.literal('rate'),
    label: z.string(),
    numerator: QuantitySchema,
    denominator: QuantitySchema,
    /** 'ratio': n/d; 'decrease': n/(d+n) ("比上年减少608万元，降低40.99%"). */
    formula: z.enum(['ratio', 'decrease', 'increase']),
    rate: QuantitySchema,
    ...ClaimBase,
  }),
  /** A claim that everything was achieved ("各项绩效目标均已完成"). */
  z.object({
    kind: z.literal('completion'),
    /** Indicators the claim names as exceptions ("除X外，其余目标均已完成"). */
    exceptions: z.array(z.string()).optional(),
    ...ClaimBase,
  }),
  /** A target / actual pair from a table or narrative task list. */
  z.object({
    kind: z.literal('target'),
    label: z.string(),
    target: QuantitySchema,
    actual: QuantitySchema,
    /** true when a bigger actual is better (counts, amounts); false for ceilings (≤ targets). */
    higherIsBetter: z.boolean(),
    ...ClaimBase,
  }),
  /** A breakdown: "收入X元，其中：A元，B元" or a 小计/合计 line of a data table. */
  z.object({
    kind: z.literal('breakdown'),
    label: z.string(),
    /** Where it was read: a sentence of the text, a data table's 小计/合计 row, or a balance row (期初+收入−支出=期末). */
    source: z.enum(['text', 'table', 'balance']),
    total: QuantitySchema,
    parts: z.array(QuantitySchema),
    ...ClaimBase,
  }),
]);
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimOf<K extends Claim['kind']> = Extract<Claim, { kind: K }>;
