// A written-out formula whose operand is a mistyped copy of a figure named just before it:
// "收入决算数 13,368,029.63 元 … 差异率 = (13,386,029.63 − 28,921,800) / 28,921,800" (two digits swapped).
import { Decimal } from 'decimal.js';
import type { ClaimOf, Quantity, Report } from '../../../model/index.ts';
import { findQuantities } from '../../../numbers/quantity.ts';
import { isMoneyUnit, YUAN_PER } from '../../../numbers/vocabulary.ts';
import { where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';


/** Digits of a printed number without separators or sign. */
const digitsOf = (q: Pick<Quantity, 'value' | 'decimals'>) => q.value.abs().toFixed(q.decimals).replace('.', '');

/** One digit changed, or two neighbouring digits swapped: what a typist does, not what arithmetic does. */
export function looksMistyped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

function sameAmount(a: Quantity, b: Quantity): boolean {
  if (a.unit === b.unit || !isMoneyUnit(a.unit) || !isMoneyUnit(b.unit)) return a.value.eq(b.value);
  const ay = a.value.times(YUAN_PER[a.unit]);
  const by = b.value.times(YUAN_PER[b.unit]);
  const tolerance = new Decimal(0.5).times(new Decimal(10).pow(-Math.min(a.decimals, b.decimals))).times(Decimal.max(YUAN_PER[a.unit], YUAN_PER[b.unit]));
  return ay.minus(by).abs().lte(tolerance);
}

/** Money figures printed in the same passage before the formula. */
function namedBefore(report: Report, claim: ClaimOf<'calculation'>): Quantity[] {
  const item = report.text.find((t) => t.loc.line === claim.loc.line && (t.loc.table ?? null) === (claim.loc.table ?? null));
  if (!item) return [];
  const cleaned = item.text.split('\t')[(claim.loc.column ?? 1) - 1] ?? item.text;
  const at = formulaStart(cleaned, claim.expression);
  return findQuantities(at > 0 ? cleaned.slice(0, at) : '', claim.loc, { signWords: false }).filter((q) => isMoneyUnit(q.unit));
}

const squeezed = (text: string) => text.replace(/\s+/g, '').replace(/[xX]/g, '×');

/**
 * Where the formula itself starts: the first place its opening characters are followed by the whole
 * formula. The same figure may be named earlier in the passage ("全年执行数为2882.62万元，……执行率=2882.62/3115.75×100%").
 */
function formulaStart(text: string, expression: string): number {
  const opening = expression.slice(0, 6);
  let first = -1;
  for (let at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) {
    if (first < 0) first = at;
    if (squeezed(text.slice(at, at + expression.length * 2)).startsWith(squeezed(expression))) return at;
  }
  return first;
}

export default defineRule({
  meta: {
    id: 'calc/operand-mismatch',
    severity: 'warning',
    description: '算式中的某个数字与紧邻其前所列的同一数字只差一位或两位相邻数字颠倒，疑为抄写错误',
    basis: '算式应使用报告所列的数字；只在算式数字与前文数字位数相同、仅一位不同或相邻两位互换、且前文没有与之相同的数字时提示，以免误报',
  },
  check(report, ctx) {
    for (const claim of report.claims) {
      if (claim.kind !== 'calculation') continue;
      const named = namedBefore(report, claim);
      if (named.length === 0) continue;
      for (const operand of claim.operands) {
        if (operand.value.abs().lt(1000) || named.some((n) => sameAmount(n, operand))) continue;
        const source = named.find((n) => n.decimals === operand.decimals && looksMistyped(digitsOf(n), digitsOf(operand)));
        if (!source) continue;
        ctx.report({
          message: `${where(claim.loc)}算式中的${operand.raw}与前文所列${source.raw}仅差一位（或相邻两位颠倒），疑为抄写错误`,
          expected: source.value.toFixed(),
          actual: operand.value.toFixed(),
          loc: claim.loc,
          evidence: claim.evidence,
          subject: claim.expression.replace(/\s+/g, ''),
          calculation: `前文 ${source.raw} ≠ 算式 ${operand.raw}`,
        });
      }
    }
  },
});
