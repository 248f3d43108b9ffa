// Targets paired with what was achieved.
//   tables: the 年度指标值 / 实际完成值 columns of a self-evaluation table ("≤1085.09万" | "1115.09万"),
//           when both cells hold exactly one number of the same unit;
//   prose:  a task list ("任务 2：…新增规模以上工业企业 80 家…") against the same label later in the
//           report ("新增规模以上工业企业 56 家"), when exactly one other value is stated for it.
import { Decimal } from 'decimal.js';
import type { ClaimOf, Loc, Quantity, Report, Unit } from '../../model/index.ts';
import { UnitSchema } from '../../model/index.ts';
import { COUNT_UNITS, DIGITS, MONEY_UNITS, alternation, decimalsOf, plainDigits } from '../../numbers/vocabulary.ts';
import { labelBefore } from './rate.ts';
import { locAt, paragraphs, sentenceAround, tablesOf, type Segment, type TableRows } from './segments.ts';

type Target = ClaimOf<'target'>;

const NUM = DIGITS;
/** Units a target cell prints: the model's, plus 万/亿/人次/篇/期/天/日 (read, then dropped as unit ''). */
const CELL_UNIT = alternation([...MONEY_UNITS, '万', '亿', '%', ...COUNT_UNITS, '人次', '篇', '期', '天', '日']);
const CELL_NUMBER = new RegExp(`(${NUM})\\s*(${CELL_UNIT})?`, 'g');
const CEILING = /≤|<|不超过|不高于|以下|以内|控制在|(?<!不)低于/;
const COMPARATOR = /(?:不少于|不低于|不超过|不高于|至少|达到|超过|以上|以下)+$/;

export function extractTargets(text: Report['text']): Target[] {
  return [...tableTargets(text), ...narrativeTargets(text), ...plannedVsAchieved(text)];
}

// ---------- tables ----------

interface Columns {
  target: number;
  actual: number;
  indicator: number;
  group: number;
  width: number;
}

function columnsOf(cells: string[]): Columns | null {
  const flat = cells.map((c) => c.replace(/\s+/g, ''));
  const target = flat.findIndex((c) => /^年度指标值$|^目标值$|^年度目标值$/.test(c));
  const actual = flat.findIndex((c) => /^实际完成值$|^实际值$|^完成值$/.test(c));
  if (target < 0 || actual < 0) return null;
  return { target, actual, indicator: flat.findIndex((c) => c === '三级指标'), group: flat.findIndex((c) => c === '二级指标'), width: cells.length };
}

/** The header may sit in its own table just before the data rows (converters split them). */
function tableTargets(text: Report['text']): Target[] {
  const claims: Target[] = [];
  let columns: Columns | null = null;
  for (const table of tablesOf(text)) {
    let group = '';
    for (const row of table.rows) {
      const header = columnsOf(row.cells);
      if (header) {
        columns = header;
        continue;
      }
      if (!columns || row.cells.length !== columns.width) continue;
      if (columns.group >= 0 && row.cells[columns.group]) group = row.cells[columns.group];
      const claim = rowTarget(row, columns, group);
      if (claim) claims.push(claim);
    }
    if (table.rows.length > 3 && !table.rows.some((r) => columns && r.cells.length === columns.width)) columns = null;
  }
  return claims;
}

function rowTarget(row: TableRows['rows'][number], columns: Columns, group: string): Target | null {
  const targetText = row.cells[columns.target] ?? '';
  const actualText = row.cells[columns.actual] ?? '';
  const target = singleNumber(targetText, { ...row.loc, column: columns.target + 1 });
  const actual = singleNumber(actualText, { ...row.loc, column: columns.actual + 1 });
  if (!target || !actual || target.unitText !== actual.unitText) return null;
  const label = (columns.indicator >= 0 ? row.cells[columns.indicator] : '') || group || '绩效指标';
  const higherIsBetter = !(CEILING.test(targetText) || /成本/.test(group));
  return { kind: 'target', label, target: target.q, actual: actual.q, higherIsBetter, loc: { ...row.loc, column: columns.actual + 1 }, evidence: row.evidence };
}

/** Targets that are ceilings by their indicator's nature: costs, complaint and error rates, incidents. */
const CEILING_NAME = /成本|费用控制|控制率|结转结余率|结余率|差异率|偏差率|投诉|差错|事故|超支|超标|超编|违规|违纪|逾期|漏报|误报|发生率|损失/;
/** …unless the name measures a reduction ("成本节约率", "能耗下降率"): then more is better. */
const REDUCTION_NAME = /节约|节省|降低|下降|压减|压缩|减少/;
const FLOOR = /≥|>|不低于|不少于|以上|至少/;
const SAME_UNIT: Record<string, string> = { 万: '万元', 亿: '亿元' };

/**
 * A 年度指标值 / 实际完成值 pair of cells that both hold exactly one number of the same unit, with the
 * direction the target points in; null for qualitative targets ("达标", "有效提升") or mixed units.
 */
export function comparablePair(targetText: string, actualText: string, name: string, loc: Loc): Pick<Target, 'target' | 'actual' | 'higherIsBetter'> | null {
  const target = singleNumber(targetText, loc);
  const actual = singleNumber(actualText, loc);
  if (!target || !actual) return null;
  if ((SAME_UNIT[target.unitText] ?? target.unitText) !== (SAME_UNIT[actual.unitText] ?? actual.unitText)) return null;
  const ceilingByName = CEILING_NAME.test(name) && !REDUCTION_NAME.test(name) && !FLOOR.test(targetText);
  const higherIsBetter = !(CEILING.test(targetText) || ceilingByName);
  return { target: target.q, actual: actual.q, higherIsBetter };
}

function singleNumber(cell: string, loc: Loc): { q: Quantity; unitText: string } | null {
  const found = [...cell.matchAll(CELL_NUMBER)].filter((m) => !/^\s*年/.test(cell.slice(m.index! + m[0].length)));
  if (found.length !== 1) return null;
  const [m] = found;
  const unitText = m[2] ?? '';
  const unit: Unit = UnitSchema.safeParse(unitText).success ? (unitText as Unit) : '';
  const digits = plainDigits(m[1]);
  return { q: { value: new Decimal(digits), decimals: decimalsOf(digits), unit, raw: m[0], loc }, unitText };
}

// ---------- task lists in prose ----------

const TASK = /^\s*(?:任务|目标)\s*\d+\s*[：:]/;
const AMOUNT = new RegExp(`(${NUM})\\s*(${alternation(['万元', '亿元', ...COUNT_UNITS, '人次', '篇'])})`, 'g');

interface Mention {
  label: string;
  q: Quantity;
  segment: Segment;
  at: number;
  end: number;
}

function mentions(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(AMOUNT)) {
    const at = m.index!;
    const label = labelBefore(segment.text, at).replace(COMPARATOR, '');
    if (label.length < 4) continue;
    const digits = plainDigits(m[1]);
    const unit = (UnitSchema.safeParse(m[2]).success ? m[2] : '') as Unit;
    if (!unit) continue;
    const q: Quantity = { value: new Decimal(digits), decimals: decimalsOf(digits), unit, raw: m[0], loc: locAt(segment, at) };
    out.push({ label, q, segment, at, end: at + m[0].length });
  }
  return out;
}

function narrativeTargets(text: Report['text']): Target[] {
  const segments = paragraphs(text);
  const firstTask = segments.findIndex((s) => TASK.test(s.text));
  if (firstTask < 0) return [];
  let lastTask = firstTask;
  while (lastTask + 1 < segments.length && TASK.test(segments[lastTask + 1].text)) lastTask++;
  const targets = segments.slice(firstTask, lastTask + 1).flatMap(mentions);
  const later = segments.slice(lastTask + 1).flatMap(mentions);
  const claims: Target[] = [];
  for (const t of targets) {
    const others = later.filter((m) => m.label.endsWith(t.label) && m.q.unit === t.q.unit && !m.q.value.eq(t.q.value));
    const values = new Set(others.map((m) => m.q.value.toFixed()));
    if (values.size !== 1) continue;
    const actual = others[0];
    const context = t.segment.text.slice(Math.max(0, t.at - 12), t.at);
    claims.push({
      kind: 'target',
      label: t.label,
      target: t.q,
      actual: actual.q,
      higherIsBetter: !CEILING.test(context),
      loc: actual.q.loc,
      evidence: `目标：${sentenceAround(t.segment.text, t.at, t.end, 80)}；实际：${sentenceAround(actual.segment.text, actual.at, actual.end, 80)}`,
    });
  }
  return claims;
}

// ---------- "计划9个、已实现7个" in one sentence or one table row ----------

/** A count unit, not the start of a duration or a share ("3个月", "5个百分点"). */
const COUNT_UNIT = `(?:${alternation([...COUNT_UNITS, '人次'])})(?![月季小百工])`;
/** A planned count and, within a short stretch of the same sentence, the achieved count in the same unit. */
const PLANNED_ACHIEVED = new RegExp(
  `(?:计划|预算安排|应完成|应实现|目标数|计划数)\\p{Script=Han}{0,8}?\\s*(?:为|有|共)?\\s*(\\d+)\\s*(${COUNT_UNIT})` +
    `[^。；;]{0,16}?(?:已|实际|共)?(?:实现|完成|达成)\\p{Script=Han}{0,6}?\\s*(?:为|的)?\\s*(\\d+)\\s*(${COUNT_UNIT})`,
  'gu',
);

function plannedVsAchieved(text: Report['text']): Target[] {
  const claims: Target[] = [];
  const rows = tablesOf(text).flatMap((t) => t.rows.map((r) => ({ text: r.cells.filter((c) => c !== '').join(' '), loc: r.loc })));
  const segments = [...paragraphs(text).map((p) => ({ text: p.text, at: (i: number) => locAt(p, i) })), ...rows.map((r) => ({ text: r.text, at: () => r.loc }))];
  for (const segment of segments) {
    for (const m of segment.text.matchAll(PLANNED_ACHIEVED)) {
      if (m[2] !== m[4] || /未/.test(m[0])) continue; // another unit, or "其中未完成2个"
      const loc = segment.at(m.index!);
      const count = (digits: string, unit: string): Quantity => ({ value: new Decimal(digits), decimals: 0, unit: (UnitSchema.safeParse(unit).success ? unit : '') as Unit, raw: `${digits}${unit}`, loc });
      const label = plannedLabel(segment.text, m.index! + m[0].indexOf(m[1])) || labelBefore(segment.text, m.index!) || '计划任务';
      claims.push({ kind: 'target', label, target: count(m[1], m[2]), actual: count(m[3], m[4]), higherIsBetter: true, loc, evidence: sentenceAround(segment.text, m.index!, m.index! + m[0].length) });
    }
  }
  return claims;
}

/** "整体绩效目标计划9个" → 整体绩效目标; "计划举办培训10场" → 举办培训. */
function plannedLabel(text: string, numberAt: number): string {
  return labelBefore(text, numberAt).replace(/^(?:计划数?|应完成|应实现)/, '').replace(/(?:计划数?|应完成|应实现|目标数)$/, '');
}
