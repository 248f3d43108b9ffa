// What applying a rubric indicator to a report yields (an Outcome), and how its row is found.
import type { Decimal } from 'decimal.js';
import type { IndicatorNode, Loc, Quantity, Report, ScoringTable } from '../../../model/index.ts';
import { normalizeName } from '../../../numbers/text.ts';
import type { IndicatorSpec, Rubric } from '../../rubrics/schema.ts';
import type { Computation } from '../formulas/index.ts';

export interface PrintedScore {
  quantity: Quantity;
  /**
   * table: the 得分 cell; row: the last cell of a row of a table too scrambled to rebuild, read on its
   * own; budget-row: the form's 得分 of 预算执行率; deductions: weight − "扣x分".
   */
  source: 'table' | 'row' | 'budget-row' | 'deductions';
  evidence: string;
  loc: Loc;
}

export interface Outcome {
  rubric: Rubric;
  indicator: IndicatorSpec;
  /** The row of the report's table, or a 产出/效益 row for target-achievement. */
  node: IndicatorNode | null;
  subject: string;
  weight: Decimal;
  computation: Computation | null;
  printed: PrintedScore | null;
  /** The score the 评分说明 itself states ("本项得分2.5分"), when it is not the printed one. */
  explained: { value: Quantity; text: string } | null;
  /** Why the indicator was not recomputed, when it was not (Chinese). */
  skipped?: string;
  evidence: string;
  loc: Loc;
}

/** The indicator's row: exact name match (after normalization), scoring tables first. */
export function findNode(report: Report, indicator: IndicatorSpec): IndicatorNode | null {
  const wanted = new Set([...indicator.names, ...indicator.aliases].map(normalizeName));
  const tables = [...report.tables].sort((a, b) => rank(a) - rank(b));
  for (const table of tables) {
    if (table.quality === 'unreadable') continue;
    const hit = walk(table.roots).find(({ node }) => wanted.has(normalizeName(node.name)));
    if (hit) return hit.node;
  }
  return null;
}

const rank = (t: ScoringTable) => ({ scoring: 0, 'self-eval': 1, summary: 2 })[t.kind];

export function walk(nodes: IndicatorNode[], ancestors: IndicatorNode[] = []): { node: IndicatorNode; ancestors: IndicatorNode[] }[] {
  return nodes.flatMap((node) => [{ node, ancestors }, ...walk(node.children, [...ancestors, node])]);
}

