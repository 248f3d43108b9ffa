// Stage 3: the normalized report (Report): scoring tables as indicator trees, claims, the text.
import { z } from 'zod';
import { ClaimSchema } from './claims.ts';
import { QuantitySchema, type Quantity } from './quantity.ts';
import { FormatSchema, LocSchema, TableSchema, type Loc } from './raw.ts';

export interface IndicatorNode {
  /** Stable path inside its table, e.g. "2/1/3" (一级/二级/三级 positions). */
  id: string;
  level: 1 | 2 | 3;
  name: string;
  weight: Quantity | null;
  score: Quantity | null;
  /** 得分率 as printed (summary tables). */
  rate?: Quantity | null;
  description?: string | null;
  criteria?: string | null;
  /** 评分说明 / 扣分说明 / 偏差原因分析. */
  explanation?: string | null;
  /** Self-evaluation tables: 年度指标值 / 实际完成值, as printed. */
  target?: string | null;
  actual?: string | null;
  /** 加减分项 rows do not count toward weights. */
  bonus?: boolean;
  loc: Loc;
  /** The row's cells joined with spaces: the original text a finding quotes. */
  evidence: string;
  children: IndicatorNode[];
}

const IndicatorNodeSchema: z.ZodType<IndicatorNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    name: z.string(),
    weight: QuantitySchema.nullable(),
    score: QuantitySchema.nullable(),
    rate: QuantitySchema.nullish(),
    description: z.string().nullish(),
    criteria: z.string().nullish(),
    explanation: z.string().nullish(),
    target: z.string().nullish(),
    actual: z.string().nullish(),
    bonus: z.boolean().optional(),
    loc: LocSchema,
    evidence: z.string(),
    children: z.array(IndicatorNodeSchema),
  }),
);
export { IndicatorNodeSchema };

export const TotalRowSchema = z.object({
  weight: QuantitySchema.nullable(),
  score: QuantitySchema.nullable(),
  rate: QuantitySchema.nullish(),
  loc: LocSchema,
  evidence: z.string(),
});
export type TotalRow = z.infer<typeof TotalRowSchema>;

export const BudgetRowSchema = z.object({
  initialBudget: QuantitySchema.nullable(),
  fullYearBudget: QuantitySchema.nullable(),
  executed: QuantitySchema.nullable(),
  weight: QuantitySchema.nullable(),
  rate: QuantitySchema.nullable(),
  score: QuantitySchema.nullable(),
  loc: LocSchema,
  evidence: z.string(),
});
export type BudgetRow = z.infer<typeof BudgetRowSchema>;

/** Which of the ways a table can be read was kept, and how well its sums hold (normalizers/tables/readings.ts). */
export const TableReadingSchema = z.object({
  /** Chinese: the reading kept. */
  chosen: z.string(),
  candidates: z.number().int().positive(),
  /** How many different trees (by their sums) the candidates gave. */
  distinctOutcomes: z.number().int().positive(),
  sumsHolding: z.number().int().nonnegative(),
  sumsBroken: z.number().int().nonnegative(),
  /** low: even the best reading leaves many sums broken; nothing read from it may become an error. */
  confidence: z.enum(['high', 'low']),
});
export type TableReading = z.infer<typeof TableReadingSchema>;

export const ScoringTableSchema = z.object({
  /** scoring: full 评分表; summary: 一级|二级|分值|评价得分|得分率; self-eval: 项目/整体支出绩效自评表. */
  kind: z.enum(['scoring', 'summary', 'self-eval']),
  tableIndex: z.number().int().positive(),
  title: z.string().nullish(),
  loc: LocSchema,
  roots: z.array(IndicatorNodeSchema),
  total: TotalRowSchema.nullable(),
  budget: BudgetRowSchema.nullish(),
  /** ok: rebuilt with confidence; partial: some rows could not be placed; unreadable: too scrambled to check. */
  quality: z.enum(['ok', 'partial', 'unreadable']),
  /** Chinese, user-facing notes on what could not be rebuilt. */
  notes: z.array(z.string()),
  rowsRecovered: z.number().int().nonnegative(),
  rowsTotal: z.number().int().nonnegative(),
  reading: TableReadingSchema.optional(),
});
export type ScoringTable = z.infer<typeof ScoringTableSchema>;

export const ReportSchema = z.object({
  file: z.string(),
  format: FormatSchema,
  meta: z.object({
    unit: z.string().nullable(),
    year: z.number().int().nullable(),
    title: z.string().nullable(),
    /** self: 自评报告; third-party: 第三方评价/核查报告. */
    kind: z.enum(['self', 'third-party', 'unknown']),
    city: z.string().nullable(),
  }),
  tables: z.array(ScoringTableSchema),
  claims: z.array(ClaimSchema),
  /** Every paragraph and table cell text, in order, for rules that need raw text. */
  /** `scanned`: read by OCR from a page image. */
  text: z.array(z.object({ text: z.string(), loc: LocSchema, scanned: z.boolean().optional() })),
  /** Spreadsheet tables (XLSX, and XLS/ET via conversion) as extracted, with formulas and number formats. */
  sheets: z.array(TableSchema).optional(),
  /** True when any page came from OCR. */
  ocr: z.boolean(),
  /** Tables (1-based indices) that belong to a scoring table too scrambled to rebuild. */
  scrambledTables: z.array(z.number().int().positive()).optional(),
  /**
   * OCR only: where a digit, sign, point or % was read with low confidence: tables (1-based indices)
   * holding such a number, and the paragraphs or rows (their text) that do.
   */
  ocrDoubt: z.object({ tables: z.array(z.number().int().positive()), passages: z.array(z.string()) }).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
