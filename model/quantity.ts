// Numbers as printed (Quantity: value, decimals, unit) and grades: shared by the report and its claims.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { LocSchema } from './raw.ts';

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
