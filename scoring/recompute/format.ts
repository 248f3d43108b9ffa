// How findings of the text-arithmetic rules name places and numbers in Chinese.
import { Decimal } from 'decimal.js';
import type { Loc, Quantity } from '../../model/index.ts';

/** "第83行", "表3第2行第5列（第173行）". */
export function where(loc: Loc): string {
  const parts: string[] = [];
  if (loc.page) parts.push(`第${loc.page}页`);
  if (loc.table) parts.push(`表${loc.table}${loc.row ? `第${loc.row}行` : ''}${loc.column ? `第${loc.column}列` : ''}`);
  if (loc.line) parts.push(loc.table ? `（第${loc.line}行）` : `第${loc.line}行`);
  return parts.join('') || '原文';
}

/** A quantity as printed: "975.99亿元", "121.18%". */
export const printed = (q: Pick<Quantity, 'value' | 'decimals' | 'unit'>) => `${q.value.toFixed(q.decimals)}${q.unit}`;

/** A value rounded the way the report prints it. */
export const rounded = (value: Decimal, decimals: number) => value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);

/** Several places where the same thing is printed: "（同一数字另见第204、228行）". */
export function alsoAt(locs: Loc[]): string {
  if (locs.length === 0) return '';
  return `（同样的数字另见${locs.map(where).join('、')}）`;
}

/** Groups items by a key, keeping document order; the first of each group is reported. */
export function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
