// Labelled figures: "全年预算数为348.64万元", "当年年末存量资金0.08万元", and the budget row of a
// self-evaluation table (年初预算数 | 全年预算数 | 全年执行数 columns). Only labels from a short budget
// vocabulary are kept, with the period (年初 / 全年 / 年末 / 上年末 / 11月末, and an explicit year) and
// the scope (the whole unit, or a named project) they are stated for, so that rules compare like with
// like.
import type { ClaimOf, Loc, Quantity, Report } from '../../model/index.ts';
import { parseQuantity } from '../../numbers/quantity.ts';
import { DIGITS, MONEY_UNIT, MONEY_UNITS } from '../../numbers/vocabulary.ts';
import { labelBefore } from './rate.ts';
import { allSegments, locAt, sentenceAround, tablesOf, type Segment, type TableRows } from './segments.ts';

type Figure = ClaimOf<'figure'>;

const NUM = DIGITS;
const FIGURE = new RegExp(`(${NUM})\\s*(${MONEY_UNIT}|人)`, 'g');
/** Budget vocabulary: a figure is kept only when its label contains one of these. */
const VOCABULARY = /预算数|决算数|执行数|在职人数|三公经费|公用经费|存量资金|结转和结余|结转结余/;
/** A bare "预算数" says nothing without its subject or period. */
const GENERIC = /^(预算数|决算数|执行数)$/;
/** Terms that mean different things at different times: kept only with an explicit period. */
const NEEDS_PERIOD = /存量资金|结转和结余|结转结余/;
const PERIODS: [RegExp, string][] = [
  [/上一年度年末|上年年末|上年末|上一年度/, '上年末'],
  [/\d{1,2}\s*月末|\d{1,2}\s*月底/, ''],
  [/年初/, '年初'],
  [/全年/, '全年'],
  [/当年年末|年末|年底/, '年末'],
];

export function extractFigures(text: Report['text']): Figure[] {
  const figures = [...allSegments(text).flatMap(figuresIn), ...tablesOf(text).flatMap(budgetRowFigures)];
  return isProjectReport(text) ? inTheProjectsScope(figures) : figures;
}

/** "…经费项目支出绩效自评报告": the whole report speaks of one project. */
const PROJECT_REPORT_TITLE = /项目.{0,12}(?:绩效自评报告|绩效评价报告|自评报告)/;

/** The title is among the first lines, alone or broken over two ("…资金项目" | "支出绩效自评报告"). */
function isProjectReport(text: Report['text']): boolean {
  const lines = text.slice(0, 6).map((t) => t.text);
  const titles = [...lines, ...lines.slice(1).map((line, i) => lines[i] + line)];
  return titles.some((title) => PROJECT_REPORT_TITLE.test(title) && !/部门整体|整体支出/.test(title));
}

/** In a report on one project, the narrative's figures are that project's, as its form's are. */
function inTheProjectsScope(figures: Figure[]): Figure[] {
  const projects = new Set(figures.map((f) => f.scope ?? 'unit').filter((scope) => scope.startsWith('project:')));
  if (projects.size !== 1) return figures;
  const [scope] = projects;
  return figures.map((f) => ((f.scope ?? 'unit') === 'unit' || f.scope === 'project' ? { ...f, scope } : f));
}

/** "（折合312.50万元）" right after a figure restates that figure in another unit. */
const RESTATEMENT = /^[\s(（,，]*(?:折合|约合|即|约)\s*(?:为)?\s*$/;
const MAX_RESTATEMENT_GAP = 8;

export function figuresIn(segment: Segment): Figure[] {
  const figures: Figure[] = [];
  let previous: { figure: Figure; end: number } | null = null;
  for (const m of segment.text.matchAll(FIGURE)) {
    const at = m.index!;
    const restated = restatementOf(segment.text, at, previous);
    previous = null;
    if (restated) {
      const loc = locAt(segment, at);
      const value = parseQuantity(`${m[1]}${m[2]}`, loc, { signWords: false });
      if (!value) continue;
      const figure: Figure = { ...restated, value, loc, evidence: sentenceAround(segment.text, at, at + m[0].length) };
      figures.push(figure);
      previous = { figure, end: at + m[0].length };
      continue;
    }
    const rawLabel = labelBefore(segment.text, at);
    if (!VOCABULARY.test(rawLabel)) continue;
    const clause = segment.text.slice(segment.text.slice(0, at).search(/[^，,。；;：:]*$/), at);
    const period = periodOf(clause, leadingTimePhrase(segment.text, at));
    if (NEEDS_PERIOD.test(rawLabel) && !period.point && !period.year) continue;
    const label = normalizeLabel(rawLabel);
    if (GENERIC.test(label) && !period.point) continue;
    const loc = locAt(segment, at);
    const value = parseQuantity(`${m[1]}${m[2]}`, loc, { signWords: false });
    if (!value) continue;
    const sentence = segment.text.slice(segment.text.slice(0, at).search(/[^。]*$/), at);
    figures.push({
      kind: 'figure',
      label,
      value,
      period: formatPeriod(period),
      scope: /项目|专项/.test(sentence) ? 'project' : 'unit',
      readFrom: 'sentence',
      loc,
      evidence: sentenceAround(segment.text, at, at + m[0].length),
    });
    previous = { figure: figures[figures.length - 1], end: at + m[0].length };
  }
  return figures;
}

/** The figure a "（折合…）" restates: the one printed just before, with nothing but the restatement word between. */
function restatementOf(text: string, at: number, previous: { figure: Figure; end: number } | null): Figure | null {
  if (!previous || at - previous.end > MAX_RESTATEMENT_GAP) return null;
  return RESTATEMENT.test(text.slice(previous.end, at)) ? previous.figure : null;
}

interface Period {
  year: string | null;
  point: string | null;
}

/** The clause's own period; failing that, the time phrase that opens the sentence (截至年末，…). */
function periodOf(clause: string, lead = ''): Period {
  const own = periodIn(clause);
  if (own.point || own.year || !lead) return own;
  return periodIn(lead);
}

function periodIn(text: string): Period {
  const year = /((?:19|20)\d{2})\s*年/.exec(text)?.[1] ?? null;
  for (const [pattern, name] of PERIODS) {
    const m = pattern.exec(text);
    if (m) return { year, point: name || m[0].replace(/\s+/g, '') };
  }
  return { year, point: null };
}

/** "2022年|年末" style: year and point, either part may be empty. */
const formatPeriod = (p: Period) => `${p.year ?? ''}|${p.point ?? ''}`;

export function parsePeriod(period: string | null | undefined): Period {
  const [year, point] = (period ?? '|').split('|');
  return { year: year || null, point: point || null };
}

/** "截至年末，财政拨款结转和结余93.00亿元": a short time phrase that opens the clause before this one. */
function leadingTimePhrase(text: string, at: number): string {
  const before = text.slice(0, at);
  const clauseStart = before.search(/[^，,。；;：:]*$/);
  const previous = /(?:^|[。；;])([^，,。；;：:]{1,12})[，,]$/.exec(before.slice(0, clauseStart));
  return previous ? previous[1] : '';
}

/** The label without its period words and filler: "上一年度年末存量资金" → "存量资金". */
export function normalizeLabel(label: string): string {
  let out = label;
  for (const [pattern] of PERIODS) out = out.replace(pattern, '');
  return out.replace(/^(?:本年度|本年|年|其中|我局|本局|单位|本单位|预算单位|本部门|部门整体|部门|整体|全局)+/, '').replace(/(?:折合|约合|合计约|约)?为?$/, '') || label;
}

// ---------- the budget row of a self-evaluation table ----------

const BUDGET_HEADERS = /^(年初预算数|全年预算数|全年执行数)$/;

export function budgetRowFigures(table: TableRows): Figure[] {
  const figures: Figure[] = [];
  const scope = projectName(table);
  const unit = tableMoneyUnit(table);
  if (!unit) return [];
  table.rows.forEach((row, r) => {
    const columns = row.cells.map((c) => c.replace(/\s+/g, '')).map((c, i) => (BUDGET_HEADERS.test(c) ? i : -1)).filter((i) => i >= 0);
    if (columns.length < 2) return;
    const data = wholeRow(table.rows.slice(r + 1, r + 1 + MAX_BUDGET_ROWS));
    if (!data) return;
    for (const c of columns) {
      const header = row.cells[c].replace(/\s+/g, '');
      const loc: Loc = { ...data.loc, column: c + 1 };
      const value = leadingAmount(data.cells[c] ?? '', unit, loc);
      if (!value) continue;
      const period = periodOf(header);
      figures.push({ kind: 'figure', label: normalizeLabel(header), value, period: formatPeriod(period), scope, readFrom: 'columns', loc, evidence: `${header} ${data.cells[c]}（${data.evidence}）` });
    }
  });
  return figures;
}

const WHOLE_ROW = /^(合计|总计|总额|年度资金总额|资金总额|收支总计)$/;
/** A budget block lists a handful of rows (总额, 其中…); further down are other tables' rows. */
const MAX_BUDGET_ROWS = 6;

/**
 * The row below the budget header that speaks for the whole: the one labelled 合计 / 年度资金总额,
 * else the only row there is. A 基本支出 / 项目支出 row is a part, not the unit's figure.
 */
function wholeRow(rows: TableRows['rows']): TableRows['rows'][number] | undefined {
  const data = rows.filter((row) => row.cells.some((c) => c !== ''));
  const labelled = data.find((row) => row.cells.some((c) => WHOLE_ROW.test(c.replace(/\s+/g, ''))));
  if (labelled || data.length === 0) return labelled;
  return data.length === 1 || !isPart(data[0]) ? data[0] : undefined;
}

const isPart = (row: TableRows['rows'][number]) => /^(其中|基本支出|项目支出|人员经费|公用经费|[\d一二三四五六七八九十]+[、.])/.test(row.cells.find((c) => c !== '') ?? '');

/** "100 (调减20万)" → 100 万元 in a table whose header says (万元). */
function leadingAmount(cell: string, unit: string, loc: Loc): Quantity | null {
  const m = new RegExp(`^(${NUM})\\s*(${MONEY_UNIT})?`).exec(cell);
  if (!m) return null;
  return parseQuantity(`${m[1]}${m[2] ?? unit}`, loc, { signWords: false });
}

/**
 * The money unit a table's header or caption declares: "(万元)", "（元）", "单位：万元", "（单位：亿元）";
 * the closing bracket may be missing at the end of a cell ("项目资金（万元": OCR loses it at a rule).
 */
function tableMoneyUnit(table: TableRows): string | null {
  const head = [table.caption ?? '', ...table.rows.slice(0, 4).flatMap((r) => r.cells)].join('\n');
  for (const unit of MONEY_UNITS) if (new RegExp(`[(（]\\s*(?:单位[：:]\\s*)?${unit}\\s*(?:[)）]|\\n|$)|单位[：:]\\s*${unit}`).test(head)) return unit;
  return null;
}

function projectName(table: TableRows): string {
  for (const row of table.rows.slice(0, 4)) {
    const at = row.cells.findIndex((c) => /^项目(支出)?\s*名称$/.test(c.replace(/\s+/g, '')));
    if (at >= 0) {
      const name = row.cells.slice(at + 1).find((c) => c !== '');
      if (name) return `project:${name}`;
    }
  }
  return 'unit';
}
