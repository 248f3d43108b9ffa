// A typo signature: the printed total and the parts' sum differ in exactly one digit, or in two
// adjacent digits swapped (12,345.00 against 12,354.00), or by one digit's step that carried into
// the next digit (25,392,470.56 against 25,402,470.56). A partial 其中 list falls short by some
// amount; it almost never falls short by exactly one mistyped digit.
import type { Decimal } from 'decimal.js';

export type Typo = 'digit' | 'swap' | 'carry';

/** Short numbers (70 against 50) differ in one digit by chance too often to call it a typo. */
const MIN_DIGITS = 4;

export function typoSignature(printedTotal: Decimal, computed: Decimal, decimals: number): Typo | null {
  if (printedTotal.eq(computed) || printedTotal.isNegative() !== computed.isNegative()) return null;
  const a = printedTotal.abs().toFixed(decimals);
  const b = computed.abs().toFixed(decimals);
  if (a.length !== b.length || a.replace(/\D/g, '').replace(/^0+/, '').length < MIN_DIGITS) return null;
  const differ = [...a].map((ch, i) => (ch === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (differ.length === 1) return 'digit';
  const [i, j] = differ;
  if (differ.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 'swap';
  if (isOneDigitStep(printedTotal.minus(computed).abs())) return 'carry';
  return null;
}

/** 25,392,470.56 against 25,402,470.56: one digit off by d × 10^k, the change carried into the next digit. */
function isOneDigitStep(difference: Decimal): boolean {
  const digits = difference.toFixed().replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length === 1;
}

export const typoNote: Record<Typo, string> = {
  digit: '两数仅一位数字不同，疑为录入错误',
  swap: '两数仅相邻两位数字互换，疑为录入错误',
  carry: '两数相差恰为某一位上的一个数字（进位后数字不同），疑为录入错误',
};
