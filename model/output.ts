// Stages 4 and 5: findings and the output contract (Output), reviewers' follow-ups, per-file errors.
import { z } from 'zod';
import { GradeSchema } from './quantity.ts';
import { FormatSchema } from './raw.ts';

// ---------- stage 4: Finding ----------

/** A reviewer's verdict on a finding (kept by the store; pending until someone looks). */
export const FollowUpStatusSchema = z.enum(['pending', 'confirmed', 'dismissed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const OutputLocationSchema = z.object({
  page: z.number().int().positive().nullable(),
  table: z.number().int().positive().nullable(),
  row: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  /** PDF user space [x0, y0, x1, y1] (origin bottom-left) of the cell or line, when the source has geometry. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
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
  /**
   * What the finding does to the result if it is right: the total and grade the report's own figures
   * then give (computed in scoring). Absent when the finding does not bear on the total.
   */
  effect: z
    .object({
      /** The total as the report states it, and as it would be. */
      total: z.object({ from: z.string(), to: z.string() }),
      /** The grade by the report's own bands (or the default ones), before and after; null when unknown. */
      grade: z.object({ from: GradeSchema.nullable(), to: GradeSchema.nullable() }),
    })
    .optional(),
  /** The reviewer's follow-up from the result store, when the run used one and someone marked it. */
  followUp: z.object({ status: FollowUpStatusSchema, note: z.string().nullable() }).optional(),
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
  /** The names the report gives its tables (附件1, 表 2-1, a title), by the tool's table number. */
  tableCaptions: z.array(z.object({ table: z.number().int().positive(), label: z.string(), caption: z.string() })).optional(),
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
