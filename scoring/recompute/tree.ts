// Recomputing a scoring table from its own cells: leaves, sums and where a table's total comes from.
import { Decimal } from 'decimal.js';
import type { IndicatorNode, Quantity, ScoringTable } from '../../model/index.ts';
import { exact, ofQuantity, seriesDecimals, sum, type Interval } from '../../numbers/interval.ts';

/** Scores are rounded half-up to two decimals (得分四舍五入保留两位小数): "3" stands for 3.00. */
export const SCORE_DECIMALS = 2;

/** The decimals a printed score stands for: at least two, so a printed 11 is 11.00, not [10.5, 11.5]. */
export const scoreDecimals = (score: Pick<Quantity, 'decimals'>) => Math.max(score.decimals, SCORE_DECIMALS);

export function leaves(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
}

export function allNodes(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

/** Leaves that carry a weight or a score (template lines left empty are not indicators). */
export function scoredLeaves(nodes: IndicatorNode[]): IndicatorNode[] {
  return leaves(nodes).filter((n) => n.weight || n.score);
}

export interface ScoreSum {
  value: Decimal;
  interval: Interval;
  parts: Quantity[];
  /** Leaves that have a weight but no readable score. */
  missing: IndicatorNode[];
}

/** Sum of the given scores as an interval: each printed score stands for ±½ of its series' last digit. */
export function sumOfScores(scores: Quantity[], missing: IndicatorNode[] = []): ScoreSum {
  const decimals = seriesDecimals(scores, 0);
  const value = scores.reduce((acc, q) => acc.plus(q.value), new Decimal(0));
  const interval = decimals === 0 && scores.every((q) => q.decimals === 0) ? exact(value) : sum(scores.map((q) => ofQuantity(q, Math.max(decimals, SCORE_DECIMALS))));
  return { value, interval, parts: scores, missing };
}

/**
 * The table's score recomputed from its leaves (and, for self-evaluation tables, the budget row). A
 * budget row whose weight was read but not its score leaves nothing to recompute (no parts).
 */
export function tableScoreSum(table: ScoringTable): ScoreSum {
  if (table.budget?.weight && !table.budget.score) return sumOfScores([]);
  const items = scoredLeaves(table.roots);
  const scores = items.map((n) => n.score).filter((q): q is Quantity => q !== null);
  if (table.budget?.score) scores.push(table.budget.score);
  return sumOfScores(scores, items.filter((n) => !n.score && !n.bonus && n.weight));
}

export function nodeScoreSum(node: IndicatorNode): ScoreSum {
  const items = scoredLeaves(node.children);
  return sumOfScores(items.map((n) => n.score).filter((q): q is Quantity => q !== null), items.filter((n) => !n.score && !n.bonus && n.weight));
}

export const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Tables whose indicator rows can be trusted for arithmetic. */
export const checkable = (table: ScoringTable) => table.quality === 'ok';

const KIND_NAMES: Record<ScoringTable['kind'], string> = { scoring: '评分表', summary: '综合得分表', 'self-eval': '自评表' };

/**
 * The table as a finding's subject: its caption without the numbering ("附件1：", "表2-1"), else its
 * kind. Stable across formats, unlike the table's position among the document's tables.
 */
export function tableSubject(table: ScoringTable): string {
  const caption = (table.title ?? '').replace(/\s+/g, '').replace(/^(?:附件|附表)[\d一二三四五六七八九十]*[：:、.]?/, '').replace(/^表[\d\-－—.]+/, '');
  return caption && caption.length <= 30 ? caption : KIND_NAMES[table.kind];
}
