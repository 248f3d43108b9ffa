// Stage 3, tables: find the scoring tables among a document's tables and rebuild their indicator trees.
//   scoring:   一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 指标说明 | 评分标准 | 评分说明 | 得分
//   summary:   一级指标 | 二级指标 | 分值 | 评价得分 | 得分率
//   self-eval: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析 (+ budget row)
import type { Block, BudgetRow, Cell, Loc, ScoringTable, Table, TableReading } from '../../model/index.ts';
import { parseNumericCell } from '../../numbers/quantity.ts';
import { groupTables, type TableGroup } from './group.ts';
import { isUsableLayout, layoutOf, type Layout } from './header.ts';
import { chooseReading, rowsAgree, type ReadingStandard } from './readings.ts';
import { evidenceOf, leavesOf, type TreeResult } from './tree.ts';

/** Above this share of garbled rows a table is reported as unreadable instead of being checked. */
const GARBLED_LIMIT = 0.15;

export function understandTables(blocks: Block[]): ScoringTable[] {
  const out: ScoringTable[] = [];
  for (const group of groupTables(blocks)) {
    if (group.header.length === 0) continue;
    const layout = layoutOf(group.header);
    if (!isUsableLayout(layout)) continue;
    const budget = kindOf(layout) === 'self-eval' ? findBudgetRow(group, blocks) : null;
    const { tree, reading } = chooseReading(group.body, layout, budget, readingStandard(group));
    if (tree.rowsTotal === 0 && !tree.total) continue;
    out.push(toScoringTable(group, layout, { tree, reading, budget }, blocks));
  }
  return markScrambledSiblings(out);
}

function readingStandard(group: TableGroup): ReadingStandard {
  if (!group.tables.some((t) => t.typed)) return 'usual';
  return rowsAgree(group.body) ? 'few-broken' : 'every-sum';
}

/** Page fragments of one scrambled table (same title) are unreadable too, however tidy one page looks. */
/**
 * Every table that belongs to a scrambled scoring table: the pages joined into it, and tables under
 * the same title (pages too garbled to be recognised as scoring tables at all).
 */
export function scrambledTableIndices(blocks: Block[], tables: ScoringTable[]): number[] {
  const titles = new Set(tables.filter((t) => t.quality === 'unreadable' && t.title).map((t) => t.title));
  const out = new Set<number>();
  for (const group of groupTables(blocks)) {
    const table = tables.find((t) => t.tableIndex === group.tables[0].index);
    const title = titleOf(group, blocks);
    if (table?.quality === 'unreadable' || (title && titles.has(title))) group.tables.forEach((t) => out.add(t.index));
  }
  return [...out].sort((a, b) => a - b);
}

function markScrambledSiblings(tables: ScoringTable[]): ScoringTable[] {
  for (const table of tables) {
    if (table.quality === 'unreadable' || !table.title) continue;
    const sibling = tables.find((t) => t !== table && t.quality === 'unreadable' && t.title === table.title);
    if (!sibling) continue;
    table.quality = 'unreadable';
    table.notes = [`表${table.tableIndex}与表${sibling.tableIndex}同属“${table.title}”，该表已错乱，本页也不作核对`];
  }
  return tables;
}

interface Reading {
  tree: TreeResult;
  reading: TableReading;
  budget: BudgetRow | null;
}

function toScoringTable(group: TableGroup, layout: Layout, { tree, reading, budget }: Reading, blocks: Block[]): ScoringTable {
  const first = group.tables[0];
  const kind = kindOf(layout);
  const notes: string[] = [];
  const garbledShare = tree.rowsTotal ? tree.rowsGarbled / tree.rowsTotal : 0;
  let quality: ScoringTable['quality'] = 'ok';
  const overWeight = leavesOf(tree.roots).filter((n) => n.score && n.weight && n.score.value.gt(n.weight.value)).length;
  if (garbledShare > GARBLED_LIMIT || tree.roots.length === 0) {
    quality = 'unreadable';
    notes.push(`表${first.index}（${titleOf(group, blocks) ?? '评分表'}）结构错乱：${tree.rowsTotal} 行指标中有 ${tree.rowsGarbled} 行的名称、分值或得分不在对应列，无法可靠重建，未核对其分项合计`);
  } else if (overWeight >= 2) {
    quality = 'unreadable';
    notes.push(`表${first.index}（${titleOf(group, blocks) ?? '评分表'}）有 ${overWeight} 行得分超过分值，疑为表格错位，无法可靠重建，未核对其分项合计`);
  } else if (reading.confidence === 'low') {
    quality = 'unreadable';
    notes.push(`表${first.index}（${titleOf(group, blocks) ?? '评分表'}）按${reading.candidates}种读法重建，最一致的读法仍有 ${reading.sumsBroken} 处合计不符（${reading.sumsHolding} 处相符），疑为表格读取有误，无法可靠核对，未作判断`);
  } else if (tree.rowsGarbled > 0 || leavesWithoutScore(tree, group.tables.some((t) => t.ocr)) > 0 || tree.rowsRecovered < tree.rowsTotal) {
    quality = 'partial';
    notes.push(`表${first.index}部分行未能还原（共 ${tree.rowsTotal} 行，还原 ${tree.rowsRecovered} 行），相关合计只作提示`);
  }
  return {
    kind,
    tableIndex: first.index,
    title: titleOf(group, blocks),
    loc: first.loc,
    roots: tree.roots,
    total: tree.total,
    budget,
    quality,
    notes,
    rowsRecovered: tree.rowsRecovered,
    rowsTotal: tree.rowsTotal,
    reading,
  };
}

function kindOf(layout: Layout): ScoringTable['kind'] {
  if (layout.roles.some((r) => r.kind === 'target' || r.kind === 'actual')) return 'self-eval';
  if (layout.nameColumn[3] === undefined && layout.roles.some((r) => r.kind === 'rate')) return 'summary';
  return 'scoring';
}


/** Weighted indicators with no score; empty template lines (no weight, no score) do not count. */
/**
 * Leaves with a weight and no score. On a scan any leaf without a score counts: an empty 加减分项 row
 * cannot be told from one whose narrow "1" OCR did not see.
 */
function leavesWithoutScore(tree: TreeResult, scanned: boolean): number {
  return leavesOf(tree.roots).filter((n) => !n.score && (scanned || (!n.bonus && n.weight))).length;
}

function titleOf(group: TableGroup, blocks: Block[]): string | null {
  for (let i = group.firstBlock - 1; i >= Math.max(0, group.firstBlock - 4); i--) {
    const block = blocks[i];
    if (block.kind === 'paragraph' && /表/.test(block.text) && block.text.length < 60) return block.text.trim();
  }
  return null;
}

/**
 * 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, above the indicators in the same table or
 * in a table shortly before them.
 */
function findBudgetRow(group: TableGroup, blocks: Block[]): BudgetRow | null {
  const first = group.tables[0];
  const inLead = budgetRowIn(group.lead, first.loc);
  if (inLead) return inLead;
  for (let i = group.firstBlock - 1; i >= Math.max(0, group.firstBlock - 40); i--) {
    const block = blocks[i];
    if (block.kind !== 'table') continue;
    const found = budgetRowIn(block.rows, block.loc) ?? headerAbovePageBreak(block, group.lead);
    if (found) return found;
  }
  return null;
}

/**
 * The budget header ends one page and its values start the next, on a grid of their own: the
 * header's cells and the values' cells are paired in order (cells covered by a merge left out).
 */
function headerAbovePageBreak(previous: Table, lead: Cell[][]): BudgetRow | null {
  const open = (row: Cell[] | undefined) => row?.filter((c) => !c.covered);
  let header = open(previous.rows.at(-1));
  let rest = lead;
  // The header's words cut by the break too ("全年执行" | "数"): the rest, without figures, goes back on.
  const wordsRest = open(lead[0]);
  if (header && wordsRest && wordsRest.length === header.length && !wordsRest.some((c) => /\d/.test(c.text))) {
    header = header.map((cell, i) => ({ ...cell, text: `${cell.text.trim()}${wordsRest[i].text.trim()}` }));
    rest = lead.slice(1);
  }
  const values = open(rest[0]);
  if (!header || !values || header.length !== values.length) return null;
  return budgetRowIn([header, values], previous.loc);
}

function budgetRowIn(rows: Cell[][], fallback: Loc): BudgetRow | null {
  const r = rows.findIndex((row, i) => i + 1 < rows.length && row.some((c) => /执行数/.test(c.text.replace(/\s+/g, ''))));
  if (r < 0) return null;
  const header = rows[r].map((c) => c.text.replace(/\s+/g, ''));
  const values = rows[r + 1];
  const at = (pattern: RegExp) => {
    const c = header.findIndex((t) => pattern.test(t));
    const cell = c < 0 ? undefined : values[c];
    return cell ? parseNumericCell(cell.text.split('\n')[0], cell.loc) : null;
  };
  return {
    initialBudget: at(/年初预算数/),
    fullYearBudget: at(/全年预算数/),
    executed: at(/执行数/),
    weight: at(/^分值$/),
    rate: at(/执行率/),
    score: at(/^得分$/),
    loc: values.find((c) => c.text.trim())?.loc ?? fallback,
    evidence: `${evidenceOf(rows[r])} / ${evidenceOf(values)}`,
  };
}
