// The scores a report prints for a rubric indicator outside a clean table cell: a scrambled table's row,
// the 主要扣分点 list, and the score the 评分说明 itself states.
import { Decimal } from 'decimal.js';
import type { IndicatorNode, Loc, Quantity, Report } from '../../../model/index.ts';
import { parseNumericCell, parseQuantity } from '../../../numbers/quantity.ts';
import { cleanText, normalizeName } from '../../../numbers/text.ts';
import type { IndicatorSpec } from '../../rubrics/schema.ts';
import type { Computation } from '../formulas/index.ts';
import { NUM } from './figures.ts';
import type { PrintedScore } from './outcome.ts';

/**
 * In a table too scrambled to rebuild, a row that starts with the indicator's name, carries the
 * rubric's weight in one of its cells, names one of the indicator's inputs and ends in a bare number
 * no larger than the weight is read on its own: that number is the row's score.
 */
export function rowScore(report: Report, indicator: IndicatorSpec, weight: Decimal | null): PrintedScore | null {
  if (!weight) return null;
  const names = new Set([...indicator.names, ...indicator.aliases].map(normalizeName));
  for (const item of report.text) {
    if (!item.text.includes('\t')) continue;
    const cells = item.text.split('\t').map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length < 3 || !names.has(normalizeName(cells[0]))) continue;
    // The row must speak of the indicator's own inputs, or it may be a neighbour's cells shifted in.
    const row = cleanText(item.text);
    if (!Object.values(indicator.figures).some((f) => f.patterns.some((p) => new RegExp(p).test(row)))) continue;
    const last = parseNumericCell(cells[cells.length - 1], item.loc);
    const hasWeight = cells.slice(1, -1).some((c) => parseNumericCell(c)?.value.eq(weight));
    if (last && last.unit === '' && hasWeight && last.value.gte(0) && last.value.lte(weight))
      return { quantity: { ...last, unit: '分' }, source: 'row', evidence: item.text.replace(/\t+/g, ' '), loc: item.loc };
  }
  return null;
}

export interface Deduction {
  name: string;
  points: Quantity;
  evidence: string;
  loc: Loc;
}

export interface Deductions {
  items: Deduction[];
  /** The items and the claimed total add up to 100: every lost point is listed. */
  complete: boolean;
}

export function deductionClaims(report: Report): Deductions {
  const items = deductionItems(report);
  const total = report.claims.find((c) => c.kind === 'total');
  const lost = items.reduce((acc, d) => acc.plus(d.points.value), new Decimal(0));
  return { items, complete: total?.kind === 'total' && lost.plus(total.value.value).eq(100) };
}

/** "主要扣分点：自评材料报送质量（扣 1 分），…" as the normalizer read it (normalizers/claims/deductions.ts). */
function deductionItems(report: Report): Deduction[] {
  return report.claims.flatMap((c) => (c.kind === 'deductions' ? c.items.map((i) => ({ ...i, evidence: c.evidence, loc: c.loc })) : []));
}

/**
 * The score a "主要扣分点" list implies: weight − the points deducted; an item the list leaves out has
 * full marks, but only when the list accounts for every lost point (Σ扣分 + 总分 = 100).
 */
export function deductionScore(indicator: IndicatorSpec, weight: Decimal | null, deductions: Deduction[], complete: boolean): PrintedScore | null {
  if (!weight) return null;
  const names = new Set([...indicator.names, ...indicator.aliases].map(normalizeName));
  const d = deductions.find((x) => names.has(normalizeName(x.name)));
  if (!d && complete && deductions.length) {
    const first = deductions[0];
    const quantity: Quantity = { value: weight, decimals: 0, unit: '分', raw: '未列入扣分点', loc: first.loc };
    return { quantity, source: 'deductions', evidence: first.evidence, loc: first.loc };
  }
  if (!d) return null;
  const value = weight.minus(d.points.value);
  const quantity: Quantity = { value, decimals: d.points.decimals, unit: '分', raw: `${weight.toFixed()}−${d.points.raw}`, loc: d.loc };
  return { quantity, source: 'deductions', evidence: d.evidence, loc: d.loc };
}

/** "本项得分2分", "该指标得分 1.5 分", "本项得分=(0.95706+0.9074)/2*5=4.66分", "…-99.23%，得0分". */
const SCORE_IN_TEXT = new RegExp(
  `(?:(?:本项|该项|该指标|本指标|本项指标)(?:最后|综合)?得分?|(?:^|[，,。；;])\\s*得)\\s*(?:为|：|:)?\\s*(?:=[^=。；;]{1,60}=)?\\s*(${NUM})`,
  'g',
);

/**
 * The score the 评分说明 states: for a formula that scores part of the weight, the first score after
 * the stated value ("差异率=-2.30%…本项得分2.5分", or "扣减0.5分" → part − 0.5); otherwise the last
 * score it names, when that differs from the printed score.
 */
export function explainedScore(node: IndicatorNode | null, computation: Computation): { value: Quantity; text: string } | null {
  if (!node?.explanation) return null;
  const text = cleanText(node.explanation);
  if (computation.part) {
    const stated = computation.stated;
    const from = stated?.entry.origin === 'explanation' ? stated.at : 0;
    const after = text.slice(from);
    const deduct = /^[^。]{0,40}?扣减?\s*(\d+(?:\.\d+)?)\s*分/.exec(after.replace(/^[^，,。]*/, ''));
    const scored = /得分?\s*(\d+(?:\.\d+)?)\s*分/.exec(after);
    if (scored && (!deduct || (scored.index ?? 0) < (deduct.index ?? 0))) {
      const q = parseQuantity(`${scored[1]}分`, node.loc);
      return q ? { value: q, text: scored[0] } : null;
    }
    if (deduct) {
      const d = parseQuantity(`${deduct[1]}分`, node.loc);
      if (!d) return null;
      const value = computation.part.points.minus(d.value);
      return { value: { ...d, value, raw: `${computation.part.points.toFixed()}−${d.raw}` }, text: deduct[0] };
    }
    return null;
  }
  const all = [...text.matchAll(SCORE_IN_TEXT)].filter((m) => /分\s*$/.test(m[1]));
  const last = all[all.length - 1];
  if (!last) return null;
  const q = parseQuantity(last[1], node.loc);
  if (!q || q.unit !== '分') return null;
  return { value: q, text: last[0].replace(/^[，,。；;]\s*/, '') };
}
