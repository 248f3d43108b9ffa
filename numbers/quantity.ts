// Numbers in report text → Quantity { value: Decimal, decimals, unit, raw, loc }.
// Handles 元/万元/亿元, %, 分, counts (个/家/人/项/次…), full-width digits, thousands separators
// ("," and "，" when followed by exactly three digits), signs (-, −, 负, 减少), LaTeX debris, and
// Chinese numerals for small counts ("七项", "两家").
import { Decimal } from 'decimal.js';
import type { Loc, Quantity, Unit } from '../model/index.ts';
import { cleanText } from './text.ts';
import { COUNT_UNIT, DIGITS, UNIT, WAN_YUAN_PER, decimalsOf, isMoneyUnit, plainDigits } from './vocabulary.ts';

const UNIT_PATTERN = `(?:${UNIT})`;
/** The vocabulary's digits, plus a bare leading point (".5"). */
const NUMBER_PATTERN = `${DIGITS}|\\.\\d+`;
const SIGN_PATTERN = '(?:负|减少|-|−)?';
// A number not glued to letters/digits before it (so "GB2312" or "A3" are not read as figures).
const QUANTITY = new RegExp(`(?<![A-Za-z0-9.])(${SIGN_PATTERN})\\s*(${NUMBER_PATTERN})\\s*(${UNIT_PATTERN})?`, 'g');

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_COUNT = new RegExp(`([零〇一二两三四五六七八九十]{1,3})(${COUNT_UNIT})`, 'g');

export interface ParseOptions {
  /** Read "减少" and "负" as a minus sign (default true). */
  signWords?: boolean;
}

/** Every quantity in the text, in order. Never throws. */
export function findQuantities(text: string, loc: Loc = {}, options: ParseOptions = {}): Quantity[] {
  const cleaned = cleanText(text);
  const out: Quantity[] = [];
  for (const m of cleaned.matchAll(QUANTITY)) {
    const quantity = toQuantity(m[1], m[2], m[3] ?? '', m[0].trim(), loc, options);
    if (quantity) out.push(quantity);
  }
  for (const m of cleaned.matchAll(CN_COUNT)) {
    const value = chineseSmallNumber(m[1]);
    if (value !== null) out.push({ value: new Decimal(value), decimals: 0, unit: m[2] as Unit, raw: m[0], loc });
  }
  return out;
}

/** The single quantity a cell or short string holds, or null when it holds none or several. */
export function parseQuantity(text: string, loc: Loc = {}, options: ParseOptions = {}): Quantity | null {
  const cleaned = cleanText(text).trim();
  if (cleaned === '') return null;
  const found = findQuantities(cleaned, loc, options).filter((q) => !/^[零〇一二两三四五六七八九十]/.test(q.raw));
  return found.length === 1 ? found[0] : null;
}

/** "16\n11": two rows' numbers in one cell (a row boundary the extractor missed), not 1611. */
const STACKED_NUMBERS = /\d[ \t]*[\r\n]+\s*[-−]?\d/;

/** ".5": reports print 0.5; a cell starting at the point lost its leading digit to the cell beside it. */
const BARE_DECIMAL_POINT = /^\s*[-−]?\./;

/** A cell that is nothing but a number (with optional unit), e.g. a score or weight cell. */
export function parseNumericCell(text: string, loc: Loc = {}): Quantity | null {
  if (STACKED_NUMBERS.test(text) || BARE_DECIMAL_POINT.test(text)) return null;
  const cleaned = cleanText(text).replace(/\s+/g, '');
  if (!new RegExp(`^${SIGN_PATTERN}(?:${NUMBER_PATTERN})${UNIT_PATTERN}?$`).test(cleaned)) return null;
  return parseQuantity(cleaned, loc);
}

function toQuantity(sign: string, digits: string, unit: string, raw: string, loc: Loc, options: ParseOptions): Quantity | null {
  const plain = plainDigits(digits);
  const decimals = decimalsOf(plain);
  let value: Decimal;
  try {
    value = new Decimal(plain);
  } catch {
    return null;
  }
  const signWordsAllowed = options.signWords ?? true;
  const negative = sign === '-' || sign === '−' || (signWordsAllowed && (sign === '负' || sign === '减少'));
  if (negative) value = value.negated();
  return { value, decimals, unit: unit as Unit, raw, loc };
}

function chineseSmallNumber(text: string): number | null {
  if (text === '十') return 10;
  const tenAt = text.indexOf('十');
  if (tenAt < 0) return text.length === 1 ? CN_DIGITS[text] ?? null : null;
  const tens = tenAt === 0 ? 1 : CN_DIGITS[text[0]];
  const ones = tenAt === text.length - 1 ? 0 : CN_DIGITS[text[tenAt + 1]];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

/** Prints a quantity the way reports do (value with its decimals, then unit); parses back to itself. */
export function formatQuantity(q: Pick<Quantity, 'value' | 'decimals' | 'unit'>): string {
  return `${q.value.toFixed(q.decimals)}${q.unit}`;
}

/** Value in 万元 for money quantities (元 ÷ 10⁴, 亿元 × 10⁴); other units unchanged. */
export function toWanYuan(q: Quantity): Decimal {
  return isMoneyUnit(q.unit) ? q.value.times(WAN_YUAN_PER[q.unit]) : q.value;
}
