// Pairs of labelled figures (normalizers/claims/figure.ts) that speak of the same quantity: same label,
// same scope, compatible period. Which pairs disagree is the rules' business.
import { Decimal } from 'decimal.js';
import type { ClaimOf } from '../../model/index.ts';
import { parsePeriod } from '../../normalizers/claims/figure.ts';
import { meets, ofQuantity, type Interval } from '../../numbers/interval.ts';
import { isMoneyUnit, WAN_YUAN_PER } from '../../numbers/vocabulary.ts';

export type Figure = ClaimOf<'figure'>;

export const isMoney = (f: Figure) => isMoneyUnit(f.value.unit);

export function inWan(f: Figure): Interval {
  const i = ofQuantity(f.value);
  const unit = f.value.unit;
  const k = isMoneyUnit(unit) ? WAN_YUAN_PER[unit] : new Decimal(1);
  return { lo: i.lo.times(k), hi: i.hi.times(k) };
}

/**
 * `from`'s value in the unit `to` is printed in (what `to` should read): rounded half-up to `to`'s
 * decimals, or to three significant digits when that would round most of it away (10.4万元 in 亿元 is 0.00104, not 0.00).
 */
export function restatedIn(from: Figure, to: Figure): Decimal {
  const [fromUnit, toUnit] = [from.value.unit, to.value.unit];
  if (!isMoneyUnit(fromUnit) || !isMoneyUnit(toUnit)) return from.value.value;
  const exact = from.value.value.times(WAN_YUAN_PER[fromUnit]).div(WAN_YUAN_PER[toUnit]);
  const atPrinted = exact.toDecimalPlaces(to.value.decimals, Decimal.ROUND_HALF_UP);
  const lossy = !atPrinted.eq(exact) && (atPrinted.isZero() || atPrinted.precision(true) < 3);
  return lossy ? exact.toSignificantDigits(3) : atPrinted;
}

export interface FigurePair {
  first: Figure;
  second: Figure;
  /** Both figures carry an explicit period point (年初, 全年, 年末, 上年末…). */
  explicitPeriod: boolean;
  /** How many places print each of the two values, or a value that agrees with it within rounding. */
  counts: [number, number];
}

/** Distinct printed values of the same figure, each at its first place, paired up. */
export function comparablePairs(claims: Figure[], { looseSamePoint }: { looseSamePoint: boolean }): FigurePair[] {
  const pairs: FigurePair[] = [];
  const distinct: Figure[] = [];
  const counts = new Map<Figure, number>();
  for (const f of claims) {
    const same = distinct.find((d) => sameFigure(d, f, true) && d.value.unit === f.value.unit && d.value.value.eq(f.value.value));
    if (same) counts.set(same, (counts.get(same) ?? 1) + 1);
    else distinct.push(f);
  }
  // 0.1034亿元 and 10,338,385.78元 back each other against 103.38万元.
  const support = (f: Figure) => distinct.filter((d) => d === f || (sameFigure(d, f, true) && agree(d, f))).reduce((n, d) => n + (counts.get(d) ?? 1), 0);
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const a = distinct[i];
      const b = distinct[j];
      if (!sameFigure(a, b, !looseSamePoint)) continue;
      const pa = parsePeriod(a.period);
      const pb = parsePeriod(b.period);
      pairs.push({ first: a, second: b, explicitPeriod: pa.point !== null && pb.point !== null, counts: [support(a), support(b)] });
    }
  }
  return pairs;
}

function sameFigure(a: Figure, b: Figure, strictPoint: boolean): boolean {
  if (a.label !== b.label || (a.scope ?? 'unit') !== (b.scope ?? 'unit')) return false;
  if (isMoney(a) !== isMoney(b) || (!isMoney(a) && a.value.unit !== b.value.unit)) return false;
  const pa = parsePeriod(a.period);
  const pb = parsePeriod(b.period);
  if (pa.year && pb.year && pa.year !== pb.year) return false;
  if (strictPoint) return pa.point === pb.point;
  return pa.point === pb.point || pa.point === null || pb.point === null;
}

export const agree = (a: Figure, b: Figure) => meets(inWan(a), inWan(b));

/** Figures whose label sits over them in another cell: they depend on column positions. */
export const readOffColumns = (...figures: Figure[]) => figures.some((f) => f.readFrom === 'columns');

/** "全年预算数", "上年末存量资金": the label with its period point put back. */
export function figureName(f: Figure): string {
  const { point } = parsePeriod(f.period);
  if (!point) return f.label;
  return f.label.startsWith('预算') || f.label.startsWith('执行') || f.label.startsWith('决算') || f.label.startsWith('存量') || f.label.startsWith('结转') || f.label.startsWith('在职')
    ? `${point}${f.label}`
    : `${f.label}（${point}）`;
}
