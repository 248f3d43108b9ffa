// Body rows + column layout → indicator tree. Hierarchy comes from merged or empty cells: a row with
// no 一级 name belongs to the current 一级 node, and so on down. Rows split by a page break are
// merged back into the indicator they continue.
import type { Cell, IndicatorNode, Loc, Quantity, TotalRow } from '../../model/index.ts';
import { cleanText } from '../../numbers/text.ts';
import { parseNumericCell, parseQuantity } from '../../numbers/quantity.ts';
import type { Layout } from './header.ts';

export interface TreeResult {
  roots: IndicatorNode[];
  total: TotalRow | null;
  /** Rows that looked like indicators (named or scored). */
  rowsTotal: number;
  /** Of those, rows placed in the tree with clean name, weight and score cells. */
  rowsRecovered: number;
  /** Rows whose cells contradict the header (numbers in name columns, text in score columns). */
  rowsGarbled: number;
}

const TOTAL_NAME = /^(合计|总分|总计|合\s*计|总\s*分)$/;

/** A total row's label (合计, 总分, 总计). */
export const isTotalName = (text: string) => TOTAL_NAME.test(text.trim());
/** A 加减分项 section is named by its label, not by a name a merged cell ran into it ("预算执行效益加减分项"). */
const BONUS_NAME = /^(加减分|加分项|减分项)/;
const WEIGHT_IN_NAME = /[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?$/;
const LEVELS = [1, 2, 3] as const;

const text = (row: Cell[], column: number | undefined | null) => (column == null ? '' : row[column]?.text.trim() ?? '');
const nameOf = (raw: string) => cleanText(raw).replace(WEIGHT_IN_NAME, '').replace(/\s+/g, '');

/** How ambiguous cells are read; normalizers/tables/readings.ts tries each and keeps the most consistent. */
export interface TreeOptions {
  /**
   * A parent name (and weight) repeated on consecutive rows is one indicator whose merged cell was
   * filled down (Excel exports, many converters), not a new sibling.
   */
  mergeRepeatedParents: boolean;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = { mergeRepeatedParents: true };

export function buildTree(body: { cells: Cell[]; pageStart: boolean }[], layout: Layout, options: TreeOptions = DEFAULT_TREE_OPTIONS): TreeResult {
  const leafLevel = LEVELS.filter((l) => layout.nameColumn[l] !== undefined).at(-1) ?? 3;
  const roots: IndicatorNode[] = [];
  const path: (IndicatorNode | undefined)[] = [];
  let lastLeaf: IndicatorNode | null = null;
  let total: TotalRow | null = null;
  let rowsTotal = 0;
  let rowsRecovered = 0;
  let rowsGarbled = 0;
  const scoredHeadings: { node: IndicatorNode; row: Cell[]; score: Quantity }[] = [];

  const lastContentRow = body.findLastIndex((r) => r.cells.some((c) => c.text.trim() !== ''));
  for (const [index, { cells: raw, pageStart }] of body.entries()) {
    const row = fitToWidth(raw, layout.width);
    if (row.every((c) => c.text.trim() === '') || isNoteRow(row)) continue;
    if (index === lastContentRow && !total && isUnlabelledTotal(row)) {
      total = totalRow(row, layout);
      continue;
    }
    const names = LEVELS.map((l) => nameOf(text(row, layout.nameColumn[l])));
    if (names.some((n) => TOTAL_NAME.test(n)) || TOTAL_NAME.test(nameOf(row.find((c) => c.text.trim())?.text ?? ''))) {
      // "合计 | 效率性 | 4 | 3.2": a total label beside an indicator's name is two rows run together.
      if (names.some((n) => n !== '' && !TOTAL_NAME.test(n) && parseNumericCell(n) === null)) {
        rowsTotal++;
        rowsGarbled++;
        continue;
      }
      total = totalRow(row, layout);
      continue;
    }
    const score = cellQuantity(row, layout.scoreColumn);
    const weights = LEVELS.map((l) => cellQuantity(row, layout.weightColumn[l]));
    const named = names.some(Boolean);
    if (!named && !score && weights.every((w) => !w)) {
      if (lastLeaf) appendContinuation(lastLeaf, row, layout);
      continue;
    }
    if (pageStart && lastLeaf && isSplitName(names, score, weights, leafLevel)) {
      lastLeaf.name += names[leafLevel - 1];
      appendContinuation(lastLeaf, row, layout, true);
      continue;
    }
    rowsTotal++;
    if (isGarbled(row, layout, names)) {
      rowsGarbled++;
      continue;
    }
    let placedLeaf: IndicatorNode | null = null;
    for (const level of LEVELS) {
      const name = names[level - 1];
      if (!name) continue;
      if (options.mergeRepeatedParents && level < leafLevel && isRepeatOf(path[level - 1], name, weights[level - 1])) continue;
      const parent = level === 1 ? undefined : path.slice(0, level - 1).reverse().find(Boolean);
      const node = newNode(level, name, row, layout, weights[level - 1], parent, roots);
      path[level - 1] = node;
      for (let deeper = level; deeper < 3; deeper++) path[deeper] = undefined;
      if (level === leafLevel) placedLeaf = node;
    }
    const leaf = placedLeaf ?? (named ? null : lastLeafAt(path, leafLevel));
    if (leaf && placedLeaf) {
      fillLeaf(leaf, row, layout, score);
      lastLeaf = leaf;
    }
    if (placedLeaf && (score || leaf?.bonus)) rowsRecovered++;
    else if (!placedLeaf && named) rowsRecovered++; // a parent-only row (一级/二级 heading)
    const heading = placedLeaf ? undefined : deepestPlaced(path, names);
    if (heading && score) scoredHeadings.push({ node: heading, row, score });
  }
  // A heading row with a score and nothing under it is an indicator of its own ("加减分项 |  |  | 1"
  // once OCR lost the dashes of its empty cells).
  for (const { node, row, score } of scoredHeadings) if (!node.children.length) fillLeaf(node, row, layout, score);
  return { roots, total, rowsTotal, rowsRecovered, rowsGarbled };
}

/** The deepest indicator a row named (a new one, or the open one its filled-down name repeats). */
function deepestPlaced(path: (IndicatorNode | undefined)[], names: string[]): IndicatorNode | undefined {
  const level = names.findLastIndex(Boolean);
  return level < 0 ? undefined : path[level];
}

/** The same name, and the same weight or none, as the open indicator at this level: a filled-down cell. */
function isRepeatOf(open: IndicatorNode | undefined, name: string, weight: Quantity | null): boolean {
  if (!open || open.name !== name) return false;
  return !weight || !open.weight || open.weight.value.eq(weight.value);
}

function newNode(
  level: 1 | 2 | 3,
  name: string,
  row: Cell[],
  layout: Layout,
  weight: Quantity | null,
  parent: IndicatorNode | undefined,
  roots: IndicatorNode[],
): IndicatorNode {
  const siblings = parent ? parent.children : roots;
  const nameCell = row[layout.nameColumn[level]!];
  const node: IndicatorNode = {
    id: parent ? `${parent.id}/${siblings.length + 1}` : `${siblings.length + 1}`,
    level,
    name,
    weight: weight ?? weightFromName(nameCell),
    score: null,
    loc: nameCell.loc,
    evidence: evidenceOf(row),
    children: [],
    bonus: BONUS_NAME.test(name) || parent?.bonus || undefined,
  };
  siblings.push(node);
  return node;
}

function fillLeaf(leaf: IndicatorNode, row: Cell[], layout: Layout, score: Quantity | null): void {
  leaf.score = score;
  if (score) leaf.loc = score.loc;
  leaf.evidence = evidenceOf(row);
  layout.roles.forEach((role, c) => {
    const value = text(row, c);
    if (!value) return;
    if (role.kind === 'description') leaf.description = value;
    if (role.kind === 'criteria') leaf.criteria = value;
    if (role.kind === 'explanation') leaf.explanation = value;
    if (role.kind === 'target') leaf.target = value;
    if (role.kind === 'actual') leaf.actual = value;
    if (role.kind === 'rate') leaf.rate = parseNumericCell(value, row[c].loc);
  });
}

/** Text that runs on from the previous page or line goes to the same fields of the last indicator. */
function appendContinuation(leaf: IndicatorNode, row: Cell[], layout: Layout, skipNames = false): void {
  const fields = { description: 'description', criteria: 'criteria', explanation: 'explanation' } as const;
  layout.roles.forEach((role, c) => {
    const value = text(row, c);
    if (!value || (skipNames && role.kind === 'name')) return;
    const field = fields[role.kind as keyof typeof fields];
    if (field) leaf[field] = leaf[field] ? `${leaf[field]}${value}` : value;
  });
  leaf.evidence = `${leaf.evidence} ${evidenceOf(row)}`.trim();
}

/** "绩效目" / "标": a leaf name cut by the page break, with nothing else that makes a new indicator. */
function isSplitName(names: string[], score: Quantity | null, weights: (Quantity | null)[], leafLevel: number): boolean {
  const leafName = names[leafLevel - 1];
  return !!leafName && leafName.length <= 3 && !score && weights.every((w) => !w) && names.filter(Boolean).length === 1;
}

/** The last row holding only "100 | 98": a 总分 row whose label the converter lost. */
function isUnlabelledTotal(row: Cell[]): boolean {
  const filled = row.filter((c) => c.text.trim() !== '');
  return filled.length === 2 && filled.every((c) => parseNumericCell(c.text) !== null);
}

/** "说明：①评价结果分为四个等级…" spanning the table: a note, not an indicator. */
function isNoteRow(row: Cell[]): boolean {
  const filled = row.filter((c) => c.text.trim() !== '');
  return filled.length === 1 && /^(说明|注|备注)[:：]?/.test(filled[0].text.trim());
}

function isGarbled(row: Cell[], layout: Layout, names: string[]): boolean {
  const numericName = names.some((n) => n !== '' && parseNumericCell(n) !== null);
  const longName = names.some((n) => n.length > 40);
  const scoreText = text(row, layout.scoreColumn);
  const textInScore = scoreText !== '' && parseNumericCell(scoreText) === null && !/^[-—/无]$/.test(scoreText);
  const weightText = LEVELS.map((l) => text(row, layout.weightColumn[l])).filter(Boolean);
  const textInWeight = weightText.some((t) => parseNumericCell(t) === null && !/^[-—/]$/.test(t));
  return numericName || longName || textInScore || textInWeight;
}

function lastLeafAt(path: (IndicatorNode | undefined)[], leafLevel: number): IndicatorNode | null {
  return path[leafLevel - 1] ?? null;
}

function cellQuantity(row: Cell[], column: number | undefined | null): Quantity | null {
  if (column == null) return null;
  const cell = row[column];
  if (!cell) return null;
  const q = parseNumericCell(cell.text, cell.loc);
  return q && (q.unit === '' || q.unit === '分' || q.unit === '%') ? q : null;
}

function weightFromName(cell: Cell): Quantity | null {
  const m = WEIGHT_IN_NAME.exec(cleanText(cell.text));
  return m ? parseQuantity(`${m[1]}分`, cell.loc) : null;
}

function totalRow(row: Cell[], layout: Layout): TotalRow {
  const weightColumn = layout.weightColumn[1] ?? layout.weightColumn[2] ?? layout.weightColumn[3];
  // A total row on a grid of its own (a page of its own in a PDF) has no columns to go by.
  const ownGrid = row.length < layout.width - 1;
  let weight = ownGrid ? null : cellQuantity(row, weightColumn);
  let score = ownGrid ? null : cellQuantity(row, layout.scoreColumn);
  // Converters shift the total row's cells: an empty weight or score cell falls back to the row's
  // numbers in order, weight … score. A cell that holds something unreadable ("100D") stays unread,
  // and one number alone could be either.
  if (!weight || !score) {
    const numbers = row.map((c) => parseNumericCell(c.text, c.loc)).filter((q): q is Quantity => q !== null && q.unit !== '%');
    if (numbers.length >= 2) {
      if (!weight && (ownGrid || text(row, weightColumn) === '')) weight = numbers[0];
      if (!score && (ownGrid || text(row, layout.scoreColumn) === '')) score = numbers[numbers.length - 1];
    }
  }
  const rate = layout.roles.findIndex((r) => r.kind === 'rate');
  const first = row.find((c) => c.text.trim()) ?? row[0];
  return { weight, score, rate: rate >= 0 ? cellQuantity(row, rate) : null, loc: score?.loc ?? first.loc, evidence: evidenceOf(row) };
}

export function evidenceOf(row: Cell[]): string {
  return row.map((c) => c.text.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ').slice(0, 400);
}

/**
 * Text converters drop or add empty cells at the start of a row, and split a row whose cell holds a
 * blank line. A row wider than the header loses surplus leading empties; a narrower one is padded
 * at the front only when that lines its numbers up with the weight and score columns.
 */
export function fitToWidth(row: Cell[], width: number): Cell[] {
  let out = row;
  while (out.length > width && out[0]?.text.trim() === '') out = out.slice(1);
  return out;
}

export const locOf = (cell: Cell | undefined): Loc => cell?.loc ?? {};

/** The indicators with no children under these nodes, in order. */
export const leavesOf = (nodes: IndicatorNode[]): IndicatorNode[] => nodes.flatMap((n) => (n.children.length ? leavesOf(n.children) : [n]));
