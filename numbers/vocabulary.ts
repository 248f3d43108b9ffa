// The one number/unit vocabulary: how a printed number looks, which units exist (from the model's
// UnitSchema), which of them count things, and how a worked example is announced. Every pattern that
// reads numbers out of report text is built from these.
import { Decimal } from 'decimal.js';
import { UnitSchema, type Unit } from '../model/index.ts';

export const MONEY_UNITS = ['万元', '亿元', '元'] as const satisfies readonly Unit[];
const NOT_COUNTS: ReadonlySet<Unit> = new Set<Unit>([...MONEY_UNITS, '%', '分', '']);
/** 个/家/人/项/次/条/件/本/批/场/笔/户/座/名: every unit of the model that counts things. */
export const COUNT_UNITS: readonly Unit[] = UnitSchema.options.filter((u) => !NOT_COUNTS.has(u));
/** Every printed unit of the model. */
export const UNITS: readonly Unit[] = UnitSchema.options.filter((u) => u !== '');

/** Regex alternation of words, longest first (so 万元 wins over 元, 人次 over 人). */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')).join('|');
}

export const MONEY_UNIT = alternation(MONEY_UNITS);
export const COUNT_UNIT = alternation(COUNT_UNITS);
export const UNIT = alternation(UNITS);

/**
 * The digits of one printed number, no sign: thousands separated by "," or full-width "，" (exactly
 * three digits after each), optional decimals.
 */
export const DIGITS = '\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';

/** Printed digits without thousands separators ("13,368，029.63" → "13368029.63"). */
export function plainDigits(printed: string): string {
  return printed.replace(/[,，]/g, '');
}

/** Digits printed after the decimal point. */
export function decimalsOf(plain: string): number {
  const point = plain.indexOf('.');
  return point < 0 ? 0 : plain.length - point - 1;
}

export const isCountUnit = (unit: string): boolean => (COUNT_UNITS as readonly string[]).includes(unit);
export type MoneyUnit = (typeof MONEY_UNITS)[number];
export const isMoneyUnit = (unit: string): unit is MoneyUnit => (MONEY_UNITS as readonly string[]).includes(unit);

/** How many 元 one of each money unit is. */
export const YUAN_PER: Readonly<Record<MoneyUnit, Decimal>> = { 元: new Decimal(1), 万元: new Decimal(10_000), 亿元: new Decimal(100_000_000) };
/** How many 万元 one of each money unit is (money is compared in 万元). */
export const WAN_YUAN_PER: Readonly<Record<MoneyUnit, Decimal>> = { 元: new Decimal('0.0001'), 万元: new Decimal(1), 亿元: new Decimal(10_000) };

/** Words that announce a worked example (rubric text, not the unit's own figures). */
const WORKED_EXAMPLE_WORDS = '如按|例如|比如|举例|假设|示例|如[：:]';
const WORKED_EXAMPLE = new RegExp(WORKED_EXAMPLE_WORDS);
const WORKED_EXAMPLE_AT_END = new RegExp(`(?:${WORKED_EXAMPLE_WORDS})[^。；;]{0,30}$`);

/** The text holds a worked example ("如按100分折算…", "例如：…"). */
export const mentionsWorkedExample = (text: string): boolean => WORKED_EXAMPLE.test(text);
/** The text ends inside a worked example: what follows it belongs to the example. */
export const endsInsideWorkedExample = (text: string): boolean => WORKED_EXAMPLE_AT_END.test(text);
