// The one place where jixiao's data shapes live: extractors produce RawDocument, normalizers produce
// Report, rules produce Finding, the CLI writes Output. Every shape is a zod schema; JSON Schema for
// the output contract is generated from it (model/json-schema.ts).
import { z } from 'zod';
import { Decimal } from 'decimal.js';

// ---------- provenance ----------

/** Where something came from. All numbers are 1-based; absent means unknown / not applicable. */
export const LocSchema = z.object({
  page: z.number().int().positive().nullish(),
  line: z.number().int().positive().nullish(),
  /** 1-based index of the table among the document's tables. */
  table: z.number().int().positive().nullish(),
  /** 1-based row / column inside that table's dense grid. */
  row: z.number().int().positive().nullish(),
  column: z.number().int().positive().nullish(),
  /** PDF user-space box [x0, y0, x1, y1] (origin bottom-left), or pixel box for images. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  sheet: z.string().optional(),
});
export type Loc = z.infer<typeof LocSchema>;

// ---------- stage 2: RawDocument ----------

export const FormatSchema = z.enum(['txt', 'pdf', 'docx', 'xlsx', 'image', 'doc', 'wps', 'et', 'xls', 'unknown']);
export type Format = z.infer<typeof FormatSchema>;

/**
 * One grid position of a table. Tables are dense: rows[r][c] is grid position (r, c). A merged cell
 * keeps its text at its top-left position, which carries rowSpan/colSpan; the positions it covers
 * hold `covered: true` and empty text.
 */
export const CellSchema = z.object({
  text: z.string(),
  loc: LocSchema,
  rowSpan: z.number().int().positive().optional(),
  colSpan: z.number().int().positive().optional(),
  covered: z.boolean().optional(),
  /** Mean OCR confidence 0–100 of the words in this cell, when the text came from OCR. */
  ocrConfidence: z.number().min(0).max(100).optional(),
  /** OCR only: [start, end) ranges of `text` read with low confidence (extractors/ocr isUncertain). */
  ocrLowSpans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
  /** Excel: the cell's formula (without '='), and its number format. */
  formula: z.string().optional(),
  numFmt: z.string().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const ParagraphSchema = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  loc: LocSchema,
  heading: z.number().int().min(1).max(9).optional(),
  ocrConfidence: z.number().min(0).max(100).optional(),
  ocrLowSpans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const TableSchema = z.object({
  kind: z.literal('table'),
  /** 1-based, in document order; equals loc.table. */
  index: z.number().int().positive(),
  rows: z.array(z.array(CellSchema)),
  loc: LocSchema,
  /** Pages the table spans, when it was joined across page breaks. */
  pages: z.array(z.number().int().positive()).optional(),
  ocr: z.boolean().optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const ImageBlockSchema = z.object({
  kind: z.literal('image'),
  loc: LocSchema,
  note: z.string(),
});

export const BlockSchema = z.discriminatedUnion('kind', [ParagraphSchema, TableSchema, ImageBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;

export const RawDocumentSchema = z.object({
  format: FormatSchema,
  /** Number of pages for paged formats. */
  pages: z.number().int().nonnegative().optional(),
  blocks: z.array(BlockSchema),
  /** Chinese, user-facing: what the extractor could not do (scrambled table, OCR page, ...). */
  warnings: z.array(z.string()),
  encoding: z.string().optional(),
  /** Pages whose text came from OCR. */
  ocrPages: z.array(z.number().int().positive()).optional(),
});
export type RawDocument = z.infer<typeof RawDocumentSchema>;

// ---------- stage 3: Report ----------

const DecimalSchema = z.custom<Decimal>((v) => Decimal.isDecimal(v), { message: 'expected a Decimal' });

export const UnitSchema = z.enum(['元', '万元', '亿元', '%', '分', '个', '家', '人', '项', '次', '条', '件', '本', '批', '场', '笔', '户', '座', '名', '']);
export type Unit = z.infer<typeof UnitSchema>;

export const QuantitySchema = z.object({
  value: DecimalSchema,
  /** Digits printed after the decimal point (after unit scaling is NOT applied). */
  decimals: z.number().int().nonnegative(),
  unit: UnitSchema,
  raw: z.string(),
  loc: LocSchema,
  /** True when any digit came from OCR with low confidence. */
  uncertain: z.boolean().optional(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

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
});
export type ScoringTable = z.infer<typeof ScoringTableSchema>;

export const GradeSchema = z.enum(['优', '良', '中', '差']);
export type Grade = z.infer<typeof GradeSchema>;

export const GradeBandSchema = z.object({
  grade: GradeSchema,
  min: DecimalSchema.nullable(),
  minInclusive: z.boolean(),
  max: DecimalSchema.nullable(),
  maxInclusive: z.boolean(),
});
export type GradeBand = z.infer<typeof GradeBandSchema>;

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
  z.object({ kind: z.literal('completion'), ...ClaimBase }),
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
  text: z.array(z.object({ text: z.string(), loc: LocSchema })),
  /** Spreadsheet tables (XLSX, and XLS/ET via conversion) as extracted, with formulas and number formats. */
  sheets: z.array(TableSchema).optional(),
  /** True when any page came from OCR. */
  ocr: z.boolean(),
  /** Tables (1-based indices) that belong to a scoring table too scrambled to rebuild. */
  scrambledTables: z.array(z.number().int().positive()).optional(),
});
export type Report = z.infer<typeof ReportSchema>;

// ---------- stage 4: Finding ----------

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const OutputLocationSchema = z.object({
  page: z.number().int().positive().nullable(),
  table: z.number().int().positive().nullable(),
  row: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
});

export const FindingSchema = z.object({
  rule: z.string().regex(/^[a-z]+\/[a-z0-9-]+$/),
  severity: SeveritySchema,
  /** Chinese, user-facing. */
  message: z.string().min(1),
  /** What the report's own numbers imply (decimal string, no unit). */
  expected: z.string().nullable(),
  /** What the report prints (decimal string, no unit). */
  actual: z.string().nullable(),
  location: OutputLocationSchema,
  /** The original text the finding is about. */
  evidence: z.string(),
  /** The indicator or label the finding is about, when there is one. */
  subject: z.string().nullable(),
  /** The recomputation, written out ("975.99 / 870 × 100% = 112.18%"). */
  calculation: z.string().nullable(),
  /** Stable across re-runs: rule + subject + values, not line numbers. */
  fingerprint: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

// ---------- stage 5: output contract ----------

export const ErrorCodeSchema = z.enum([
  'empty', 'too-large', 'encrypted', 'corrupt', 'unsupported-format', 'needs-libreoffice',
  'zip-bomb', 'timeout', 'unreadable', 'not-a-report', 'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const SerializedIndicatorSchema = z.object({
  id: z.string(),
  level: z.number().int(),
  name: z.string(),
  weight: z.string().nullable(),
  score: z.string().nullable(),
  location: OutputLocationSchema,
});

export const DocumentResultSchema = z.object({
  file: z.string(),
  sha256: z.string().nullable(),
  format: FormatSchema,
  status: z.enum(['ok', 'partial', 'error']),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  claimedTotal: z.string().nullable(),
  computedTotal: z.string().nullable(),
  grade: GradeSchema.nullable(),
  findings: z.array(FindingSchema),
  /** Chinese notes on what was read and what could not be (pages, tables, rubric used). */
  notes: z.array(z.string()),
  /** The scoring tables as read, flattened in order, for reports that render them. */
  tables: z.array(z.object({
    kind: z.string(),
    table: z.number().int().positive(),
    quality: z.string(),
    indicators: z.array(SerializedIndicatorSchema),
  })),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;

export const OutputSchema = z.object({
  tool: z.object({ name: z.literal('jixiao'), version: z.string() }),
  documents: z.array(DocumentResultSchema),
});
export type Output = z.infer<typeof OutputSchema>;

// ---------- follow-up of a finding (reviewers' verdicts, kept by the store) ----------

export const FollowUpStatusSchema = z.enum(['pending', 'confirmed', 'dismissed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

export interface FollowUp {
  status: FollowUpStatus;
  note: string | null;
  updatedAt: string | null;
}

/** A finding's follow-up by fingerprint; null/undefined when nobody has reviewed it (pending). */
export type FollowUpLookup = (fingerprint: string) => FollowUp | null | undefined;

// ---------- errors ----------

/** A per-file failure with a Chinese message; the pipeline records it and the batch goes on. */
export class JixiaoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JixiaoError';
  }
}
