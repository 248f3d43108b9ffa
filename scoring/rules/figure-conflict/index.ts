// The same labelled figure (same label, scope and period) printed with two different values:
// "全年预算数 1085.09" in the self-evaluation table and "全年预算数为348.64万元" in the narrative.
import { Decimal } from 'decimal.js';
import type { ClaimOf } from '../../../model/index.ts';
import { printed, where } from '../../recompute/format.ts';
import { agree, comparablePairs, figureName, inWan, readOffColumns, restatedIn } from '../../recompute/figures.ts';
import { defineRule } from '../../rule.ts';
import { decimalSlip } from './slip.ts';

type Figure = ClaimOf<'figure'>;

/** The value printed in more places is taken as the report's own; on a tie, the table's; else the first. */
function likelyRight(first: Figure, second: Figure, counts: [number, number]): [Figure, Figure] {
  if (counts[0] !== counts[1]) return counts[0] > counts[1] ? [first, second] : [second, first];
  if (second.loc.table != null && first.loc.table == null) return [second, first];
  return [first, second];
}

/** A value contradicted by several agreeing ones is reported once, against the most precise of them. */
function onePerWrongValue<T extends { sides: [Figure, Figure] }>(conflicts: T[]): T[] {
  const best = new Map<Figure, T>();
  for (const conflict of conflicts) {
    const kept = best.get(conflict.sides[1]);
    if (!kept || width(conflict.sides[0]).lt(width(kept.sides[0]))) best.set(conflict.sides[1], conflict);
  }
  return conflicts.filter((c) => best.get(c.sides[1]) === c);
}

/** How precisely a figure was printed: the width of its rounding interval in 万元. */
function width(f: Figure): Decimal {
  const interval = inWan(f);
  return interval.hi.minus(interval.lo);
}

export default defineRule({
  meta: {
    id: 'figure/conflict',
    severity: 'error',
    description: '同一口径（同一标签、范围、时点）的数字在报告不同位置取值不同',
    basis: '同一数字应前后一致；年初与全年、预算与决算、11月末与年末、项目与单位整体不视为同一口径；按舍入区间比较，0.01 级差异视为舍入；两数除相差10的整数次幂外一致的，为小数点或单位错写',
    evidence: 'sentence',
  },
  check(report, ctx) {
    const figures = report.claims.filter((c): c is ClaimOf<'figure'> => c.kind === 'figure');
    const conflicts = comparablePairs(figures, { looseSamePoint: false })
      .filter(({ first, second }) => !agree(first, second) && !first.value.value.eq(second.value.value)) // same digits, other unit: figure/unit-conflict
      .map((pair) => ({ ...pair, sides: likelyRight(pair.first, pair.second, pair.counts) }));
    for (const { first, second, explicitPeriod, sides } of onePerWrongValue(conflicts)) {
      const [expected, actual] = sides;
      const name = figureName(first);
      const slip = decimalSlip(actual, expected);
      const slipNote = slip === null ? '' : `，换算为同一单位后两数相差${new Decimal(10).pow(Math.abs(slip)).toFixed()}倍而数字相同，疑为小数点或金额单位错写`;
      ctx.report({
        message: `“${name}”前后不一致：${where(expected.loc)}为${printed(expected.value)}，${where(actual.loc)}为${printed(actual.value)}${slipNote}`,
        severity: explicitPeriod ? 'error' : 'warning',
        expected: restatedIn(expected, actual).toFixed(),
        actual: actual.value.value.toFixed(),
        loc: actual.loc,
        evidence: `${expected.evidence} ↔ ${actual.evidence}`,
        subject: name,
        calculation: `${printed(expected.value)} ≠ ${printed(actual.value)}`,
        evidenceKind: readOffColumns(first, second) ? 'structure' : 'sentence',
      });
    }
  },
});
