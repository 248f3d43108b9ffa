// Breakdowns: a total and the parts it is made of.
//   text:    "收入决算数 13,368,029.63 元，其中：一般公共预算… 10,804,200.04 元，… 2,317,621.49 元，结转和结余 246,208.10 元"
//   table:   小计/合计 rows of data tables (not scoring tables, which are the score rules' business)
//   balance: 期初 + 本年收入 − 本年支出 (− 财政收回) = 期末 on each row of a balance table
// A "其中" list may be partial, and may follow a change amount ("减少 1.28 万元，其中：…" lists the
// 2.42 万元 total before it): every amount of the sentence before "其中" is tried as the total, and
// the shortest run of parts that adds up to one of them wins.
import { Decimal } from 'decimal.js';
import type { ClaimOf, Loc, Quantity, Report } from '../../model/index.ts';
import { parseNumericCell, parseQuantity } from '../../numbers/quantity.ts';
import { meets, ofQuantity, seriesDecimals, sum } from '../../numbers/interval.ts';
import { DIGITS, MONEY_UNIT } from '../../numbers/vocabulary.ts';
import { labelBefore } from './rate.ts';
import { locAt, paragraphs, sentenceAround, tablesOf, type Segment, type TableRows } from './segments.ts';

type Breakdown = ClaimOf<'breakdown'>;

export function extractBreakdowns(text: Report['text']): Breakdown[] {
  const tables = tablesOf(text);
  return [...paragraphs(text).flatMap(textBreakdowns), ...tables.flatMap(tableTotals), ...tables.flatMap(balanceRows)];
}

// ---------- "其中" lists in prose ----------

const NUM = DIGITS;
const MONEY = new RegExp(`(${NUM})\\s*(${MONEY_UNIT})`, 'g');
const PART = new RegExp(`\\s*([^，,、；;。\\d]{0,24}?)\\s*(?:为|：|:)?\\s*(${NUM})\\s*(${MONEY_UNIT})\\s*(?:[，,、；;]|(?=。)|$)`, 'y');
/** Part labels that start another figure rather than continue the list. */
const RUN_ON = /实际|到位|合计|总|共|决算数|预算数为/;
const CHANGE_LABEL = /减少|增加|增长|下降|降低|比上年|较上年|相比|同比/;

export function textBreakdowns(segment: Segment): Breakdown[] {
  const claims: Breakdown[] = [];
  for (const m of segment.text.matchAll(/其中\s*[：:]?/g)) {
    const at = m.index!;
    const sentenceStart = segment.text.slice(0, at).search(/[^。；;]*$/);
    const loc = locAt(segment, at);
    const totals = candidateTotals(segment.text.slice(sentenceStart, at), loc);
    const { parts, labels } = partsAfter(segment.text, at + m[0].length, loc);
    if (totals.length === 0 || parts.length < 2) continue;
    const units = new Set([...totals.map((t) => t.q), ...parts].map((q) => q.unit));
    if (units.size !== 1) continue;
    const claim = choose(totals, parts, labels);
    const evidence = sentenceAround(segment.text, at, at + m[0].length, 220);
    claims.push({ kind: 'breakdown', label: claim.label, source: 'text', total: claim.total, parts: claim.parts, loc, evidence });
  }
  return claims;
}

function candidateTotals(before: string, loc: Loc): { label: string; q: Quantity }[] {
  const out: { label: string; q: Quantity }[] = [];
  for (const m of before.matchAll(MONEY)) {
    const label = labelBefore(before, m.index!);
    if (CHANGE_LABEL.test(label)) continue;
    const q = parseQuantity(m[0], loc, { signWords: false });
    if (q) out.push({ label, q });
  }
  return out;
}

function partsAfter(text: string, from: number, loc: Loc): { parts: Quantity[]; labels: string[] } {
  const parts: Quantity[] = [];
  const labels: string[] = [];
  let first = '';
  PART.lastIndex = from;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    if (/其中|合计|共计|总计|累计/.test(m[1])) break;
    const q = parseQuantity(`${m[2]}${m[3]}`, loc, { signWords: false });
    if (!q) break;
    parts.push(q);
    labels.push(m[1].trim());
    // One list keeps one separator: "…490 万元；批复单位支出预算…" starts another sentence.
    const separator = /[，,、；;]$/.test(m[0]) ? m[0].slice(-1).replace(',', '，').replace(';', '；') : '';
    if (separator === '') break;
    if (parts.length === 1) first = separator;
    else if (separator !== first && !(first === '、' && separator === '，')) break;
  }
  return { parts, labels };
}

/** The shortest run of parts (at least two) that adds up to one of the totals; else the nearest total. */
function choose(totals: { label: string; q: Quantity }[], parts: Quantity[], labels: string[]): { label: string; total: Quantity; parts: Quantity[] } {
  for (let k = 2; k <= parts.length; k++) {
    const run = parts.slice(0, k);
    for (const t of [...totals].reverse()) if (adds(t.q, run)) return { label: t.label, total: t.q, parts: run };
  }
  const nearest = totals[totals.length - 1];
  // A list whose later items name another kind of total ("实际到位预算为…") ran on into the next
  // clause: keep only the parts that fit under the total. Otherwise the whole list is the breakdown.
  if (!labels.slice(2).some((l) => RUN_ON.test(l))) return { label: nearest.label, total: nearest.q, parts };
  let run = parts.slice(0, 2);
  for (let k = 3; k <= parts.length; k++) {
    if (!fitsUnder(nearest.q, parts.slice(0, k))) break;
    run = parts.slice(0, k);
  }
  return { label: nearest.label, total: nearest.q, parts: run };
}

export function adds(total: Quantity, parts: Quantity[]): boolean {
  const d = seriesDecimals([total, ...parts]);
  return meets(ofQuantity(total, d), sum(parts.map((p) => ofQuantity(p, d))));
}

function fitsUnder(total: Quantity, parts: Quantity[]): boolean {
  const d = seriesDecimals([total, ...parts]);
  return sum(parts.map((p) => ofQuantity(p, d))).lo.lte(ofQuantity(total, d).hi);
}

// ---------- 小计 / 合计 rows of data tables ----------

const TOTAL_ROW = /^(小计|合计|总计)$/;
const SCORE_TABLE = /分值|得分|权重|评分/;

function isScoreTable(table: TableRows): boolean {
  return table.rows.slice(0, 4).some((r) => r.cells.some((c) => SCORE_TABLE.test(c)));
}

/** The row's name: the last text cell before its first number ("人员经费" in "1 财政资金 人员经费 272.83 …"). */
function rowLabel(cells: string[]): string {
  let label = '';
  for (const c of cells) {
    if (c === '' || /^\d+$/.test(c)) continue;
    if (parseNumericCell(c)) break;
    label = c;
  }
  return label;
}

function numericCells(cells: string[]): number {
  return cells.filter((c) => parseNumericCell(c) !== null).length;
}

/** Column headers: for each column, the last non-numeric text above the first data row. */
function headers(table: TableRows): string[] {
  const out: string[] = [];
  for (const row of table.rows) {
    if (numericCells(row.cells) > 1) break;
    row.cells.forEach((c, i) => {
      if (c !== '') out[i] = out[i] ? `${out[i]}${c}` : c;
    });
  }
  return out;
}

function cellLoc(row: TableRows['rows'][number], column: number): Loc {
  return { ...row.loc, column: column + 1 };
}

export function tableTotals(table: TableRows): Breakdown[] {
  if (isScoreTable(table)) return [];
  const claims: Breakdown[] = [];
  const head = headers(table);
  let blockStart = 0;
  const subtotals: number[] = [];
  table.rows.forEach((row, r) => {
    const label = rowLabel(row.cells);
    if (!TOTAL_ROW.test(label)) return;
    let members: number[];
    if (label !== '小计' && subtotals.length >= 2) members = [...subtotals];
    else members = range(blockStart, r).filter((i) => isDataRow(table.rows[i].cells));
    if (label === '小计') subtotals.push(r);
    else subtotals.length = 0;
    blockStart = r + 1;
    // 合计 printed first, above the rows it adds up.
    if (members.length === 0 && label !== '小计') {
      members = rowsBelowUntilTotal(table, r);
      blockStart = (members.at(-1) ?? r) + 1;
    }
    row.cells.forEach((cell, c) => {
      const total = parseNumericCell(cell, cellLoc(row, c));
      if (!total || total.unit === '%') return;
      const parts: Quantity[] = [];
      for (const i of members) {
        const text = table.rows[i].cells[c] ?? '';
        if (text === '') continue;
        const q = parseNumericCell(text, cellLoc(table.rows[i], c));
        if (!q) return;
        parts.push(q);
      }
      if (parts.length < 2) return;
      const column = (head[c] ?? `第${c + 1}列`).replace(/\s+/g, '');
      claims.push({ kind: 'breakdown', label: `${column}（${label}）`, source: 'table', total, parts, loc: cellLoc(row, c), evidence: row.evidence });
    });
  });
  return claims;
}

function rowsBelowUntilTotal(table: TableRows, r: number): number[] {
  const out: number[] = [];
  for (let i = r + 1; i < table.rows.length && !TOTAL_ROW.test(rowLabel(table.rows[i].cells)); i++) if (isDataRow(table.rows[i].cells)) out.push(i);
  return out;
}

function isDataRow(cells: string[]): boolean {
  const label = rowLabel(cells);
  return numericCells(cells) > 0 && !TOTAL_ROW.test(label) && !/^其中/.test(label);
}

const range = (from: number, to: number) => Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);

// ---------- balance rows: 期初 + 收入 − 支出 = 期末 ----------

const COLUMN_ROLES: [keyof BalanceColumns, RegExp][] = [
  ['opening', /期初|年初|上年结转/],
  ['income', /本年收入|当年收入|^收入$/],
  ['spending', /本年支出|当年支出|^支出$/],
  ['recovered', /财政收回|收回|上缴/],
  ['closing', /期末|年末/],
];

interface BalanceColumns {
  opening: number;
  income: number;
  spending: number;
  recovered: number;
  closing: number;
}

function balanceColumns(table: TableRows): BalanceColumns | null {
  const head = headers(table);
  const found: Partial<BalanceColumns> = {};
  for (const [role, pattern] of COLUMN_ROLES) {
    const matches = head.map((h, i) => (h && pattern.test(h.replace(/\s+/g, '')) ? i : -1)).filter((i) => i >= 0);
    if (matches.length > 1) return null;
    if (matches.length === 1) found[role] = matches[0];
  }
  if (found.opening === undefined || found.income === undefined || found.spending === undefined || found.closing === undefined) return null;
  return { recovered: -1, ...found } as BalanceColumns;
}

export function balanceRows(table: TableRows): Breakdown[] {
  const columns = balanceColumns(table);
  if (!columns) return [];
  const claims: Breakdown[] = [];
  for (const row of table.rows) {
    const at = (c: number) => (c < 0 ? null : row.cells[c] ?? '');
    const closingText = at(columns.closing);
    const closing = closingText ? parseNumericCell(closingText, cellLoc(row, columns.closing)) : null;
    if (!closing) continue;
    const terms: [number, 1 | -1][] = [[columns.opening, 1], [columns.income, 1], [columns.spending, -1], [columns.recovered, -1]];
    const parts: Quantity[] = [];
    let flows = 0;
    let readable = true;
    for (const [c, sign] of terms) {
      const text = at(c);
      if (!text) continue;
      const q = parseNumericCell(text, cellLoc(row, c));
      if (!q) readable = false;
      else {
        parts.push(sign === 1 ? q : { ...q, value: q.value.negated(), raw: `−${q.raw}` });
        if (c === columns.income || c === columns.spending) flows++;
      }
    }
    if (!readable || flows === 0) continue;
    const label = rowLabel(row.cells) || `第${row.loc.row ?? ''}行`;
    claims.push({ kind: 'breakdown', label, source: 'balance', total: closing, parts, loc: cellLoc(row, columns.closing), evidence: row.evidence });
  }
  return claims;
}

/** Sum of parts as printed (for messages). */
export function partsSum(parts: Quantity[]): Decimal {
  return parts.reduce((s, p) => s.plus(p.value), new Decimal(0));
}
