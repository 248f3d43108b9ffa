// Finding a rubric's input figures in a report: the number printed right after one of the figure's
// label patterns, in the indicator's own 评分说明 first, then anywhere in the report's text. Inputs of
// one formula are preferably taken from one sentence or table row ("co-located"), so that a figure is
// not paired with a namesake from another part of the report.
import { Decimal } from 'decimal.js';
import type { IndicatorNode, Loc, Quantity, Report } from '../../../model/index.ts';
import { parseQuantity } from '../../../numbers/quantity.ts';
import { cleanText } from '../../../numbers/text.ts';
import type { FigureSpec } from '../../rubrics/schema.ts';
import { ofQuantity, exact, scale, type Interval } from '../../../numbers/interval.ts';
import { DIGITS, UNIT, WAN_YUAN_PER, endsInsideWorkedExample, isCountUnit, isMoneyUnit } from '../../../numbers/vocabulary.ts';

export interface SearchEntry {
  text: string;
  loc: Loc;
  origin: 'explanation' | 'text' | 'budget-row';
}

export interface FoundFigure {
  id: string;
  spec: FigureSpec;
  quantity: Quantity;
  /** In the figure's comparable unit (万元 for money), widened by the printed rounding. */
  interval: Interval;
  /** Point value in the comparable unit. */
  value: Decimal;
  /** The printed text, with its unit ("139161.48元"). */
  shown: string;
  /** True when a phrase said the figure is zero ("未填报政府采购计划"). */
  statedZero?: boolean;
  entry: SearchEntry;
  /** Character offset of the number inside entry.text. */
  at: number;
}

/** A signed number with its optional unit, as a rubric pattern's {n} placeholder stands for it. */
export const NUM = `(?:-|负)?\\s*(?:${DIGITS})\\s*(?:${UNIT})?`;
/** What may stand between a label and its number: "为", "：", "=", tabs. */
const FILLER = '[\\s:：为是约达到共计有=]{0,8}';
const LEADING_FILLER = new RegExp(`^${FILLER}`);
const LEADING_NUM = new RegExp(`^${NUM}`);
/** "12337.00+68951.26=81288.26": the figure is the sum's result. */
const SUM = new RegExp(`^(?:${NUM}\\s*\\+\\s*)+${NUM}\\s*=\\s*(${NUM})`);

const compiled = new Map<string, RegExp>();
/** Rubric patterns are few and reused for every report: compile each once (global flag, so reset lastIndex). */
function regex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'g')));
  re.lastIndex = 0;
  return re;
}


/** The report's text as search entries: paragraphs broken by page or line wraps are joined. */
export function searchCorpus(report: Report): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const item of report.text) {
    const text = cleanText(item.text);
    const last = out[out.length - 1];
    if (last && !last.text.includes('\t') && !text.includes('\t') && !/[。；;！!？?：:]\s*$/.test(last.text) && last.text.trim() !== '') {
      last.text = `${last.text.trimEnd()}${text.trimStart()}`;
      continue;
    }
    out.push({ text, loc: item.loc, origin: 'text' });
  }
  return out;
}

/** The indicator's own explanation first (its 评分说明), then the whole report. */
export function entriesFor(node: IndicatorNode | null, corpus: SearchEntry[]): SearchEntry[] {
  const own: SearchEntry[] = node?.explanation ? [{ text: cleanText(node.explanation), loc: node.loc, origin: 'explanation' }] : [];
  return [...own, ...corpus];
}

/** The figure in one entry: patterns in order, each at its first usable occurrence. */
export function findInEntry(id: string, spec: FigureSpec, entry: SearchEntry): FoundFigure | null {
  for (const pattern of spec.patterns) {
    for (const m of entry.text.matchAll(regex(pattern))) {
      const start = m.index ?? 0;
      // The label sits inside a worked example of the rubric ("如按100分折算市委督查得分95分").
      if (endsInsideWorkedExample(entry.text.slice(Math.max(0, start - 30), start))) continue;
      const found = numberAfter(id, spec, entry, start + m[0].length) ?? resultOfEquation(id, spec, entry, start + m[0].length);
      if (found) return found;
    }
  }
  for (const pattern of spec.zeroPatterns ?? []) {
    const m = regex(pattern).exec(entry.text);
    if (m) return zeroFigure(id, spec, entry, m.index, m[0]);
  }
  return null;
}

function numberAfter(id: string, spec: FigureSpec, entry: SearchEntry, from: number): FoundFigure | null {
  const rest = entry.text.slice(from);
  const filler = LEADING_FILLER.exec(rest)?.[0] ?? '';
  const tail = rest.slice(filler.length);
  const sum = SUM.exec(tail);
  const raw = sum ? sum[1] : LEADING_NUM.exec(tail)?.[0];
  if (!raw) return null;
  const quantity = parseQuantity(raw.replace(/^负/, '-'), entry.loc);
  if (!quantity) return null;
  return toFigure(id, spec, quantity, entry, from + filler.length);
}

/** "结转结余率=0.0690/(0.0033+0.2572)×100%=26.49%": the label's value is the equation's result. */
function resultOfEquation(id: string, spec: FigureSpec, entry: SearchEntry, from: number): FoundFigure | null {
  const clause = /^\s*[=＝](?:[^，,。；;]|(?<=\d)[,，](?=\d{3}))*/.exec(entry.text.slice(from))?.[0];
  if (!clause) return null;
  const lastEquals = Math.max(clause.lastIndexOf('='), clause.lastIndexOf('＝'));
  const raw = LEADING_NUM.exec(clause.slice(lastEquals + 1).trimStart())?.[0];
  const quantity = raw ? parseQuantity(raw, entry.loc) : null;
  const at = from + lastEquals + 1 + (clause.slice(lastEquals + 1).length - clause.slice(lastEquals + 1).trimStart().length);
  return quantity ? toFigure(id, spec, quantity, entry, at) : null;
}

/** Accepts a quantity only in a unit that fits the figure; converts money to 万元. */
export function toFigure(id: string, spec: FigureSpec, printed: Quantity, entry: SearchEntry, at: number): FoundFigure | null {
  const quantity: Quantity = printed.unit === '' && spec.defaultUnit ? { ...printed, unit: spec.defaultUnit } : printed;
  if (!unitFits(spec, quantity.unit)) return null;
  // Money is compared in 万元.
  const factor = isMoneyUnit(quantity.unit) ? WAN_YUAN_PER[quantity.unit] : new Decimal(1);
  // Counts are exact: 17 人 is seventeen, not [16.5, 17.5].
  const interval = spec.unit === 'count' ? exact(quantity.value) : scale(ofQuantity(quantity), factor);
  return {
    id,
    spec,
    quantity,
    interval,
    value: quantity.value.times(factor),
    shown: `${quantity.value.toFixed(quantity.decimals)}${quantity.unit}`,
    entry,
    at,
  };
}

function zeroFigure(id: string, spec: FigureSpec, entry: SearchEntry, at: number, phrase: string): FoundFigure {
  const quantity: Quantity = { value: new Decimal(0), decimals: 0, unit: spec.unit === 'money' ? '万元' : '', raw: phrase, loc: entry.loc };
  return { id, spec, quantity, interval: exact(0), value: new Decimal(0), shown: `0（${phrase}）`, statedZero: true, entry, at };
}

function unitFits(spec: FigureSpec, unit: string): boolean {
  switch (spec.unit) {
    case 'money':
      return isMoneyUnit(unit);
    case 'percent':
      return unit === '%';
    case 'score':
      return unit === '分' || unit === '';
    case 'count':
      return isCountUnit(unit);
  }
}


/** The figure's first occurrence by pattern priority across entries (explanation first). */
export function findFigure(id: string, spec: FigureSpec, entries: SearchEntry[]): FoundFigure | null {
  for (const pattern of spec.patterns) {
    const single = { ...spec, patterns: [pattern], zeroPatterns: [] };
    for (const entry of entries) {
      const found = findInEntry(id, single, entry);
      if (found) return { ...found, spec };
    }
  }
  for (const entry of entries) {
    const found = findInEntry(id, { ...spec, patterns: [] }, entry);
    if (found) return found;
  }
  return null;
}

/**
 * All the given figures, from one entry when some entry holds them all (explanation first, then the
 * report in order), else each on its own. Null entries are missing.
 */
export function resolveFigures(ids: string[], specs: Record<string, FigureSpec>, entries: SearchEntry[]): Map<string, FoundFigure | null> {
  if (ids.length > 1)
    for (const entry of entries) {
      const all = ids.map((id) => findInEntry(id, specs[id], entry));
      if (all.every((f) => f !== null)) return new Map(ids.map((id, i) => [id, all[i]]));
    }
  return new Map(ids.map((id) => [id, findFigure(id, specs[id], entries)]));
}

/**
 * A worked calculation printed after the indicator's name ("…效率性 = (…) = (0 / 0 - 1) × 100% =
 * -100%"): the substitution's named groups give the figures. "{n}" in the pattern stands for a number.
 */
export function findSubstitution(
  substitutions: string[],
  names: string[],
  specs: Record<string, FigureSpec>,
  entries: SearchEntry[],
): Map<string, FoundFigure> | null {
  for (const source of substitutions) {
    const pattern = new RegExp(source.replaceAll('{n}', NUM));
    for (const entry of entries)
      for (const name of names) {
        for (let from = entry.text.indexOf(name); from >= 0; from = entry.text.indexOf(name, from + name.length)) {
          const window = entry.text.slice(from, from + 240).split(/[;；]/)[0];
          const m = pattern.exec(window);
          if (!m?.groups) continue;
          const out = new Map<string, FoundFigure>();
          for (const [id, raw] of Object.entries(m.groups)) {
            const spec = specs[id];
            const q = raw && spec ? parseQuantity(raw, entry.loc) : null;
            // A bare number in a worked calculation is in the report's base unit, 元.
            const f = q && spec ? toFigure(id, spec.unit === 'money' ? { ...spec, defaultUnit: '元' } : spec, q, entry, from + window.indexOf(raw)) : null;
            if (f) out.set(id, { ...f, spec });
          }
          if (out.size > 0) return out;
        }
      }
  }
  return null;
}
