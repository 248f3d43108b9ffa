// A table can often be read several ways: merged parent cells filled down or not, a row cut in two
// by a multi-line cell or two rows of their own. Each way gives an indicator tree; the one whose
// sums hold best is kept, and how well it holds travels with the table as its reading's confidence.
// An anomaly is a rare disagreement inside a reading that otherwise holds: when even the best
// reading leaves many sums broken, the reading is wrong, not the report.
import { Decimal } from 'decimal.js';
import { exact, meets, ofQuantity, sum } from '../../numbers/interval.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';
import type { BudgetRow, IndicatorNode, Quantity, TableReading } from '../../model/index.ts';
import type { TableGroup } from './group.ts';
import type { Layout } from './header.ts';
import { mergeSplitRows } from './split-rows.ts';
import { buildTree, leavesOf, type TreeOptions, type TreeResult } from './tree.ts';

interface Candidate {
  name: string;
  tree: (options: { body: TableGroup['body']; layout: Layout }) => TreeResult;
}

interface Tally {
  /** Sums (children's weights or scores against their parent's, roots' against the total) that hold. */
  holding: number;
  broken: number;
  /** Leaves whose own score lies in [0, weight]: a row read in the right columns. */
  plausibleLeaves: number;
}

/** A plausible row is weaker evidence for a reading than a sum that holds. */
const LEAF_EVIDENCE = 0.25;

const withTree = (options: TreeOptions, splitRows: boolean) => ({ body, layout }: { body: TableGroup['body']; layout: Layout }) =>
  buildTree(splitRows ? mergeSplitRows(body, layout.width) : body, layout, options);

/** In order of preference when two readings hold equally well. */
const CANDIDATES: Candidate[] = [
  { name: '合并单元格向下填充的上级指标视为同一指标', tree: withTree({ mergeRepeatedParents: true }, true) },
  { name: '逐行读取上级指标', tree: withTree({ mergeRepeatedParents: false }, true) },
  { name: '上级指标向下填充，跨行单元格不拼接', tree: withTree({ mergeRepeatedParents: true }, false) },
  { name: '加减分项单元格上方带分值的行归入上一个一级指标', tree: (input) => weightedBonusRowsAbove(withTree({ mergeRepeatedParents: true }, true)(input)) },
];

/**
 * A merged 加减分项 cell drawn over the rows above it (its label centred in a region that also
 * covers the last 一级 group's rows): rows there that carry a weight are the previous 一级's
 * indicators; a bonus item has no weight of its own.
 */
function weightedBonusRowsAbove(tree: TreeResult): TreeResult {
  const roots = tree.roots.map((root) => ({ ...root, children: [...root.children] }));
  roots.forEach((root, i) => {
    const previous = roots[i - 1];
    if (!root.bonus || !previous || previous.bonus) return;
    const leading = root.children.findIndex((child) => !child.weight);
    const moved = root.children.splice(0, leading < 0 ? root.children.length : leading);
    previous.children.push(...moved.map((child) => ({ ...child, bonus: undefined })));
  });
  return { ...tree, roots };
}

/** Up to this many broken sums, a reading holds when at least as much holds; beyond it, three times as much. */
const BROKEN_SUMS_TOLERATED = 2;

export interface ChosenReading {
  tree: TreeResult;
  reading: TableReading;
}

/**
 * How much of a reading must hold for it to be trusted. 'usual': a few broken sums among many that
 * hold ({@link holdsOverall}). Cell boundaries inferred (a table typed with tabs and printed), a broken
 * sum may be a misread boundary: 'few-broken' when the rows came back alike ({@link rowsAgree}): at
 * most two, each against three that hold; 'every-sum' otherwise.
 */
export type ReadingStandard = 'usual' | 'few-broken' | 'every-sum';

/** `budget`: a self-evaluation form's 预算执行率 row, which counts toward the table's total. */
export function chooseReading(body: TableGroup['body'], layout: Layout, budget: BudgetRow | null = null, standard: ReadingStandard = 'usual'): ChosenReading {
  const tried = CANDIDATES.map((candidate) => {
    const tree = candidate.tree({ body, layout });
    return { candidate, tree, tally: tallySums(tree, budget) };
  });
  const best = tried.reduce((a, b) => (merit(b.tally) > merit(a.tally) ? b : a));
  const distinct = new Set(tried.map((t) => `${t.tally.holding}/${t.tally.broken}`)).size;
  return {
    tree: best.tree,
    reading: {
      chosen: best.candidate.name,
      candidates: tried.length,
      distinctOutcomes: distinct,
      sumsHolding: best.tally.holding,
      sumsBroken: best.tally.broken,
      confidence: meetsStandard(best.tally, standard) ? 'high' : 'low',
    },
  };
}

/** Fewer rows with figures than this say too little about how the cells were read. */
const MIN_AGREEING_ROWS = 3;

/**
 * Whether the rows of a table whose cell boundaries were inferred came back alike: there are several
 * rows with figures, and either every row's last figure (its score, or an amount; long text may follow
 * it) stands in the same column, or every figure stands in one of the table's figure columns (where
 * half the rows have one: a 加减分项 row may leave its 得分率 empty). A misread boundary merges or
 * splits cells and moves the row's figures to other columns.
 */
export function rowsAgree(body: TableGroup['body']): boolean {
  const figureRows = body.flatMap(({ cells }) => {
    const filled = cells.filter((c) => c.text.trim() !== '').length;
    const figures = cells.flatMap((c, i) => (parseNumericCell(c.text) !== null ? [i] : []));
    return filled >= 2 && figures.length ? [figures] : [];
  });
  if (figureRows.length < MIN_AGREEING_ROWS) return false;
  if (new Set(figureRows.map((figures) => figures[figures.length - 1])).size === 1) return true;
  const rowsWithFigureIn = (column: number) => figureRows.filter((figures) => figures.includes(column)).length;
  return figureRows.every((figures) => figures.every((column) => 2 * rowsWithFigureIn(column) >= figureRows.length));
}

const support = (t: Tally) => t.holding + LEAF_EVIDENCE * t.plausibleLeaves;
const merit = (t: Tally) => support(t) - 2 * t.broken;

function meetsStandard(t: Tally, standard: ReadingStandard): boolean {
  if (standard === 'every-sum') return t.broken === 0;
  if (standard === 'few-broken') return t.broken <= BROKEN_SUMS_TOLERATED && t.broken * 3 <= support(t);
  return holdsOverall(t);
}

/** A reading holds when its broken sums are few and rare among what it allows to check. */
export function holdsOverall(t: Tally): boolean {
  if (t.broken === 0) return true;
  return t.broken <= BROKEN_SUMS_TOLERATED ? t.broken <= support(t) : t.broken * 3 <= support(t);
}

export function tallySums(tree: TreeResult, budget: BudgetRow | null = null): Tally {
  const tally: Tally = { holding: 0, broken: 0, plausibleLeaves: 0 };
  const count = (printed: Quantity | null | undefined, parts: (Quantity | null | undefined)[]) => {
    const verdict = sumVerdict(printed, parts);
    if (verdict === 'holds') tally.holding++;
    if (verdict === 'broken') tally.broken++;
  };
  const visit = (node: IndicatorNode) => {
    if (isPlausibleLeaf(node)) tally.plausibleLeaves++;
    const children = node.children.filter((c) => !c.bonus);
    if (children.length && !node.bonus) {
      count(node.weight, children.map((c) => c.weight));
      count(node.score, children.map((c) => c.score));
    }
    node.children.forEach(visit);
  };
  tree.roots.forEach(visit);
  const roots = tree.roots.filter((n) => !n.bonus);
  if (tree.total && roots.length) {
    const budgetWeight = budget?.weight ? [budget.weight] : [];
    const budgetScore = budget?.score ? [budget.score] : [];
    count(tree.total.weight, [...roots.map((n) => n.weight ?? leafSum(n, 'weight')), ...budgetWeight]);
    const bonusScores = tree.roots.filter((n) => n.bonus).map((n) => n.score ?? leafSum(n, 'score', true));
    count(tree.total.score, [...roots.map((n) => n.score ?? leafSum(n, 'score')), ...budgetScore, ...bonusScores.filter((q) => q !== null)]);
  }
  return tally;
}

const isPlausibleLeaf = (n: IndicatorNode) => n.children.length === 0 && !!n.weight && !!n.score && n.score.value.gte(0) && n.score.value.lte(n.weight.value);

type Verdict = 'holds' | 'broken' | 'unknown';

/** Whether printed = Σ parts, each printed value standing for its rounding interval (a whole score is exact). */
function sumVerdict(printed: Quantity | null | undefined, parts: (Quantity | null | undefined)[]): Verdict {
  if (!printed || parts.length === 0 || parts.some((p) => !p)) return 'unknown';
  return meets(printedInterval(printed), sum((parts as Quantity[]).map(printedInterval))) ? 'holds' : 'broken';
}

const printedInterval = (q: Quantity) => (q.decimals === 0 ? exact(q.value) : ofQuantity(q));

/** A root without its own weight or score stands for its leaves' (summary tables print only those); `bonus`: a 加减分项 section's points. */
function leafSum(node: IndicatorNode, field: 'weight' | 'score', bonus = false): Quantity | null {
  const items = leavesOf([node]).filter((n) => (bonus ? n.score : !n.bonus && (n.weight || n.score)));
  if (items.length === 0 || items.some((n) => !n[field])) return null;
  const value = items.reduce((acc, n) => acc.plus(n[field]!.value), new Decimal(0));
  const decimals = Math.max(...items.map((n) => n[field]!.decimals));
  return { value, decimals, unit: '分', raw: value.toFixed(), loc: node.loc };
}
