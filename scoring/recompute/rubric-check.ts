// Applies the selected rubric to a report: for every indicator the rubric defines by formula, find the
// indicator's row, its inputs and its printed score, and recompute. The rubric rules
// (scoring/rules/rubric-*) turn these outcomes into findings; the work is done once per report.
import { Decimal } from 'decimal.js';
import type { IndicatorNode, Loc, Quantity, Report, ScoringTable } from '../../model/index.ts';
import { findQuantities, parseNumericCell, parseQuantity } from '../../numbers/quantity.ts';
import { cleanText, normalizeName } from '../../numbers/text.ts';
import { describeSelection, selectRubric, rankRubrics, type RubricSelection } from '../rubrics/select.ts';
import type { IndicatorSpec, Rubric } from '../rubrics/schema.ts';
import {
  entriesFor,
  findSubstitution,
  resolveFigures,
  searchCorpus,
  toFigure,
  NUM,
  type FoundFigure,
  type SearchEntry,
} from './rubric-figures.ts';
import { compute, mid, pts, type Computation } from './formulas.ts';
import { exact, ofQuantity, scale, type Interval } from '../../numbers/interval.ts';
import { isCountUnit } from '../../numbers/vocabulary.ts';

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

export interface RubricCheck {
  selection: RubricSelection | null;
  outcomes: Outcome[];
  /** Chinese: the rubric named with --rubric could not be loaded. */
  error?: string;
}

/**
 * Selects the rubric (or loads the one named with --rubric) and binds it to the report: every formula
 * indicator evaluated once. The engine calls this once per document and hands the result to the rules
 * (ctx.rubric) and to the document's notes.
 */
export function checkRubric(report: Report, override?: string): RubricCheck {
  let selection: RubricSelection | null;
  try {
    selection = selectRubric(report, override);
  } catch (error) {
    return { selection: null, outcomes: [], error: (error as Error).message };
  }
  const outcomes = selection ? evaluate(report, selection.rubric) : [];
  const selfEval = selection && !override ? companionSelfEval(report, selection.rubric) : null;
  if (selfEval) outcomes.push(...evaluate(report, selfEval));
  return { selection, outcomes };
}

/** A report whose main rubric is another form (自评工作考核) may still carry 自评表 rows. */
function companionSelfEval(report: Report, main: Rubric): Rubric | null {
  if (main.indicators.some((i) => i.formula?.name === 'target-achievement')) return null;
  if (!report.tables.some((t) => t.kind === 'self-eval')) return null;
  const candidates = rankRubrics(report).filter((s) => s.rubric.indicators.some((i) => i.formula?.name === 'target-achievement'));
  const local = candidates.find((s) => s.rubric.city !== null && s.rubric.city === report.meta.city);
  return (local ?? candidates.find((s) => s.rubric.city === null))?.rubric ?? null;
}

export function evaluate(report: Report, rubric: Rubric): Outcome[] {
  const corpus = searchCorpus(report);
  const deductions = deductionClaims(report);
  const out: Outcome[] = [];
  for (const indicator of rubric.indicators) {
    const formula = indicator.formula;
    if (!formula) continue;
    if (formula.name === 'target-achievement') out.push(...evaluateTargets(report, rubric, indicator));
    else if (indicator.printed === 'budget-row') out.push(...evaluateBudgetRows(report, rubric, indicator));
    else out.push(evaluateIndicator(report, rubric, indicator, corpus, deductions));
  }
  return out;
}

// ---------- formula indicators ----------

function evaluateIndicator(report: Report, rubric: Rubric, indicator: IndicatorSpec, corpus: SearchEntry[], deductions: Deductions): Outcome {
  const node = findNode(report, indicator);
  const rubricWeight = indicator.weight === null ? null : new Decimal(indicator.weight);
  const weight = node?.weight?.value ?? rubricWeight ?? new Decimal(0);
  const base = {
    rubric,
    indicator,
    node,
    subject: indicator.names[0],
    weight,
    evidence: node?.evidence ?? '',
    loc: node?.loc ?? {},
  };
  const row = node ? null : rowScore(report, indicator, rubricWeight);
  const printed = node?.score
    ? { quantity: node.score, source: 'table' as const, evidence: node.evidence, loc: node.loc }
    : row ?? deductionScore(indicator, rubricWeight, deductions.items, deductions.complete);
  if (rubricWeight && node?.weight && !node.weight.value.eq(rubricWeight))
    return { ...base, computation: null, printed, explained: null, skipped: `表中分值${node.weight.value.toFixed()}分与评分标准的${rubricWeight.toFixed()}分不同（可能按规定调整了分值），未按评分标准复算` };
  const rowEntry: SearchEntry[] = row ? [{ text: cleanText(row.evidence), loc: row.loc, origin: 'explanation' }] : [];
  const entries = [...rowEntry, ...entriesFor(node, corpus)];
  const computation = compute(indicator.formula as NonNullable<IndicatorSpec['formula']>, formulaContext(indicator, weight, entries));
  const evidenceEntry = computation.stated?.entry ?? computation.inputs[0]?.entry;
  const ownRow = printed?.source === 'row' ? printed : null;
  return {
    ...base,
    evidence: base.evidence || ownRow?.evidence || evidenceEntry?.text.slice(0, 300) || printed?.evidence || '',
    loc: node?.loc ?? ownRow?.loc ?? evidenceEntry?.loc ?? printed?.loc ?? {},
    computation,
    printed,
    explained: explainedScore(node, computation),
  };
}

function formulaContext(indicator: IndicatorSpec, weight: Decimal, entries: SearchEntry[]) {
  const formula = indicator.formula;
  const substitutions = formula && 'substitutions' in formula ? formula.substitutions ?? [] : [];
  return {
    indicator,
    weight,
    resolve: (ids: string[]) => resolveFigures(ids, indicator.figures, entries),
    enumerate: (item: string, notDone: string) => enumerateItems(entries, item, notDone),
    substitution: () => (substitutions.length ? findSubstitution(substitutions, [...indicator.names, ...indicator.aliases], indicator.figures, entries) : null),
  };
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

function walk(nodes: IndicatorNode[], ancestors: IndicatorNode[] = []): { node: IndicatorNode; ancestors: IndicatorNode[] }[] {
  return nodes.flatMap((node) => [{ node, ancestors }, ...walk(node.children, [...ancestors, node])]);
}

/** Numbered items ("项目 3 …完成情况：…"), first occurrence of each number, and whether marked not done. */
function enumerateItems(entries: SearchEntry[], item: string, notDone: string): { number: string; notDone: boolean }[] {
  const seen = new Map<string, boolean>();
  const notDoneRe = new RegExp(notDone);
  for (const entry of entries) {
    const matches = [...entry.text.matchAll(new RegExp(item, 'g'))];
    matches.forEach((m, i) => {
      const number = m[1];
      if (!number || seen.has(number)) return;
      const start = (m.index ?? 0) + m[0].length;
      const end = Math.min(matches[i + 1]?.index ?? entry.text.length, start + 300);
      seen.set(number, notDoneRe.test(entry.text.slice(start, end)));
    });
  }
  return [...seen].map(([number, nd]) => ({ number, notDone: nd }));
}

// ---------- printed and explained scores ----------

/**
 * In a table too scrambled to rebuild, a row that starts with the indicator's name, carries the
 * rubric's weight in one of its cells, names one of the indicator's inputs and ends in a bare number
 * no larger than the weight is read on its own: that number is the row's score.
 */
function rowScore(report: Report, indicator: IndicatorSpec, weight: Decimal | null): PrintedScore | null {
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

interface Deduction {
  name: string;
  points: Quantity;
  evidence: string;
  loc: Loc;
}

interface Deductions {
  items: Deduction[];
  /** The items and the claimed total add up to 100: every lost point is listed. */
  complete: boolean;
}

function deductionClaims(report: Report): Deductions {
  const items = deductionItems(report);
  const total = report.claims.find((c) => c.kind === 'total');
  const lost = items.reduce((acc, d) => acc.plus(d.points.value), new Decimal(0));
  return { items, complete: total?.kind === 'total' && lost.plus(total.value.value).eq(100) };
}

/** "主要扣分点：自评材料报送质量（扣 1 分），…" from the claims, or read from the text. */
function deductionItems(report: Report): Deduction[] {
  const claimed = report.claims.flatMap((c) => (c.kind === 'deductions' ? c.items.map((i) => ({ ...i, evidence: c.evidence, loc: c.loc })) : []));
  if (claimed.length) return claimed;
  const out: Deduction[] = [];
  for (const item of report.text) {
    const text = cleanText(item.text);
    const at = text.indexOf('扣分点');
    if (at < 0) continue;
    for (const m of text.slice(at).matchAll(/([^\s：:，,；;。()（）]{2,30})\s*\(\s*扣\s*(\d+(?:\.\d+)?)\s*分\s*\)/g)) {
      const points = parseQuantity(`${m[2]}分`, item.loc);
      if (points) out.push({ name: m[1], points, evidence: item.text, loc: item.loc });
    }
  }
  return out;
}

/**
 * The score a "主要扣分点" list implies: weight − the points deducted; an item the list leaves out has
 * full marks, but only when the list accounts for every lost point (Σ扣分 + 总分 = 100).
 */
function deductionScore(indicator: IndicatorSpec, weight: Decimal | null, deductions: Deduction[], complete: boolean): PrintedScore | null {
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
function explainedScore(node: IndicatorNode | null, computation: Computation): { value: Quantity; text: string } | null {
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

// ---------- budget rows of self-evaluation forms ----------

function evaluateBudgetRows(report: Report, rubric: Rubric, indicator: IndicatorSpec): Outcome[] {
  const out: Outcome[] = [];
  for (const table of report.tables) {
    const row = table.budget;
    if (!row) continue;
    const entry: SearchEntry = { text: row.evidence, loc: row.loc, origin: 'budget-row' };
    const figures = new Map<string, FoundFigure | null>();
    for (const [id, spec] of Object.entries(indicator.figures)) {
      const q = spec.budgetRow ? row[spec.budgetRow] : null;
      figures.set(id, q ? toFigure(id, spec, q, entry, 0) : null);
    }
    const weight = row.weight?.value ?? new Decimal(indicator.weight ?? 0);
    const ctx = {
      indicator,
      weight,
      resolve: (ids: string[]) => new Map(ids.map((id) => [id, figures.get(id) ?? null])),
      enumerate: () => [],
      substitution: () => null,
    };
    const computation = compute(indicator.formula as NonNullable<IndicatorSpec['formula']>, ctx);
    const printed = row.score ? { quantity: row.score, source: 'budget-row' as const, evidence: row.evidence, loc: row.loc } : null;
    out.push({
      rubric,
      indicator,
      node: null,
      subject: `表${table.tableIndex}预算执行率`,
      weight,
      computation,
      printed,
      explained: null,
      evidence: row.evidence,
      loc: row.loc,
    });
  }
  return out;
}

// ---------- 产出/效益/满意度 rows: target met → full points, else in proportion ----------

const CEILING = /≤|<|不高于|不超过|以下|以内|控制在|低于|不大于/;
const FLOOR = /≥|>|不低于|不少于|以上|大于|超过/;

function evaluateTargets(report: Report, rubric: Rubric, indicator: IndicatorSpec): Outcome[] {
  const groups = new Set(indicator.names.map(normalizeName));
  const out: Outcome[] = [];
  for (const table of report.tables) {
    if (table.quality === 'unreadable') continue;
    for (const { node, ancestors } of walk(table.roots)) {
      if (node.children.length || !node.target || !node.actual || !node.weight || !node.score) continue;
      if (!ancestors.some((a) => groups.has(normalizeName(a.name)))) continue;
      const computation = targetComputation(node, ancestors);
      if (!computation) continue;
      out.push({
        rubric,
        indicator,
        node,
        subject: node.name,
        weight: node.weight.value,
        computation,
        printed: { quantity: node.score, source: 'table', evidence: node.evidence, loc: node.loc },
        explained: null,
        evidence: node.evidence,
        loc: node.loc,
      });
    }
  }
  return out;
}

/** Null when the target or the actual is not a single comparable number (qualitative rows). */
function targetComputation(node: IndicatorNode, ancestors: IndicatorNode[]): Computation | null {
  const target = singleQuantity(node.target ?? '');
  const actual = singleQuantity(node.actual ?? '');
  if (!target || !actual || target.unit !== actual.unit || !node.weight) return null;
  const targetText = cleanText(node.target ?? '');
  const ceiling = CEILING.test(targetText) || (!FLOOR.test(targetText) && [...ancestors, node].some((a) => /成本/.test(a.name)));
  const weight = node.weight.value;
  const met = ceiling ? actual.value.lte(target.value) : actual.value.gte(target.value);
  const shownT = `${target.value.toFixed(target.decimals)}${target.unit}`;
  const shownA = `${actual.value.toFixed(actual.decimals)}${actual.unit}`;
  if (met) {
    const text = `实际完成值${shownA}${ceiling ? '≤' : '≥'}年度指标值${shownT}，达到目标 → ${pts(weight)}`;
    return { missing: [], inputs: [], readings: [{ label: null, scores: [exact(weight)], text }] };
  }
  if (target.value.isZero() || actual.value.isZero()) return null;
  const ratio = ceiling ? ofRatio(target, actual) : ofRatio(actual, target);
  const score = scale(ratio, weight);
  const formula = ceiling ? `${shownT} / ${shownA}` : `${shownA} / ${shownT}`;
  const text = `未达到年度指标值${ceiling ? '（反向指标）' : ''}：${formula} × ${weight.toFixed()} = ${pts(mid(score))}`;
  return { missing: [], inputs: [], readings: [{ label: null, scores: [score], text }] };
}

/** Counts are exact; amounts and percentages carry their printed rounding. */
const spread = (x: Quantity): Interval => (isCountUnit(x.unit) ? exact(x.value) : ofQuantity(x));

function ofRatio(a: Quantity, b: Quantity): Interval {
  return { lo: spread(a).lo.div(spread(b).hi), hi: spread(a).hi.div(spread(b).lo) };
}

function singleQuantity(text: string): Quantity | null {
  const cleaned = cleanText(text).replace(/(\d)\s*万(?!元)/g, '$1万元');
  const found = findQuantities(cleaned).filter((q) => !/^[零〇一二两三四五六七八九十]/.test(q.raw));
  return found.length === 1 ? found[0] : null;
}


/**
 * Chinese notes for a document's result: which rubric was used and how sure the match is, and how
 * many formula items could be recomputed. For the document's notes, not a finding.
 */
export function rubricNotes({ selection, outcomes }: RubricCheck): string[] {
  const lines = [describeSelection(selection)];
  if (!selection) return lines;
  const scored = outcomes.filter((o) => o.computation && o.printed);
  const recomputed = scored.filter((o) => o.computation?.readings.length);
  const missing = scored.filter((o) => o.computation?.missing.length && !o.computation.readings.length);
  const rateOnly = scored.filter((o) => !o.computation?.missing.length && !o.computation?.readings.length);
  const list = (os: Outcome[]) => (os.length ? `（${os.map((o) => o.subject).join('、')}）` : '');
  lines.push(
    `按公式复算的指标：找到得分 ${scored.length} 项，可复算得分 ${recomputed.length} 项，缺少数据 ${missing.length} 项${list(missing)}` +
      (rateOnly.length ? `，评分档次未载明、只复核比率 ${rateOnly.length} 项${list(rateOnly)}` : ''),
  );
  return lines;
}
