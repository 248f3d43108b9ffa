// Implicit rates: a percentage printed next to the two figures it is made of.
//   plan:     "签约额975.99亿元，完成年度计划（870亿元）121.18%"            975.99 ÷ 870
//   labelled: "三公经费预算安排 3.24 万元，实际支出 4.03 万元，三公经费控制率为 124.38%"  4.03 ÷ 3.24
//             "已排查…3939户，占全部应排查总数4554户的86.5%"; table rows "预算安排数 2.42万元 实际支出数 1.97万元 控制率 81%"
//   change:   "部门预算收入 874.97 万元，比上年减少 608 万元，降低 40.99%"   608 ÷ (874.97 + 608)
// Only when both operands are unambiguous: exactly two figures of one unit in the clause, one labelled
// as the plan/budget and one as the actual.
import type { ClaimOf, Quantity, Report } from '../../model/index.ts';
import { parseQuantity } from '../../numbers/quantity.ts';
import { COUNT_UNIT, DIGITS, MONEY_UNIT } from '../../numbers/vocabulary.ts';
import { allSegments, locAt, sentenceAround, type Segment } from './segments.ts';

type RateClaim = ClaimOf<'rate'>;

const NUM = DIGITS;
const AMOUNT_UNIT = `${MONEY_UNIT}|${COUNT_UNIT}`;
const PLAN = new RegExp(`(${NUM})\\s*(${AMOUNT_UNIT})\\s*[，,]\\s*完成(?:了)?(?:年度|全年|年)?(?:计划|目标|任务)\\s*[(]\\s*(${NUM})\\s*(${AMOUNT_UNIT})\\s*[)]\\s*(?:的)?\\s*(${NUM})\\s*%`, 'g');
const CHANGE = new RegExp(`(${NUM})\\s*(${AMOUNT_UNIT})\\s*[，,]\\s*(?:比上年|较上年|与上年相比|同比)(减少|下降|降低|增加|增长|上升)(?:了)?\\s*(${NUM})\\s*(${AMOUNT_UNIT})\\s*[，,]\\s*(?:降低|下降|减少|减幅|降幅|增长|增加|上升|增幅)(?:了|为)?\\s*(${NUM})\\s*%`, 'g');
const PERCENT = new RegExp(`(${NUM})\\s*%`, 'g');
/** The rate's own label right before the number: "控制率为", "完成预算的", "占比", "占…的". */
const RATE_LABEL = /(完成率|执行率|控制率|到位率|使用率|利用率|兑现率|完成预算的|完成计划的|占比|的)\s*(?:为|是|达|达到|仅为|约为|约)?\s*[，,：:]?\s*$/;
const QUANTITY = new RegExp(`(${NUM})\\s*(${AMOUNT_UNIT})(?![\\d])`, 'g');
const STRONG_ACTUAL = /实际|已|按期|在用|执行数|决算|实现/;
const PLANNED = /预算|计划|应|总额|总数|目标|批复|安排|全部|编制/;
const WEAK_ACTUAL = /支出|完成|到位|执行/;

export function extractRates(text: Report['text']): RateClaim[] {
  return allSegments(text).flatMap(ratesIn).concat(tableRowRates(text));
}

export function ratesIn(segment: Segment): RateClaim[] {
  const claims: RateClaim[] = [];
  const taken = new Set<number>();
  for (const m of segment.text.matchAll(PLAN)) {
    const at = m.index! + m[0].length;
    taken.add(at);
    const loc = locAt(segment, m.index!);
    const numerator = quantity(m[1], m[2], loc);
    const denominator = quantity(m[3], m[4], loc);
    const rate = quantity(m[5], '%', loc);
    if (!numerator || !denominator || !rate) continue;
    claims.push({ kind: 'rate', label: labelBefore(segment.text, m.index!) || '完成年度计划', numerator, denominator, formula: 'ratio', rate, loc, evidence: sentenceAround(segment.text, m.index!, at) });
  }
  for (const m of segment.text.matchAll(CHANGE)) {
    const at = m.index! + m[0].length;
    taken.add(at);
    const loc = locAt(segment, m.index!);
    const current = quantity(m[1], m[2], loc);
    const change = quantity(m[4], m[5], loc);
    const rate = quantity(m[6], '%', loc);
    if (!current || !change || !rate || m[2] !== m[5]) continue;
    const formula = /减少|下降|降低/.test(m[3]) ? 'decrease' : 'increase';
    claims.push({ kind: 'rate', label: `${labelBefore(segment.text, m.index!) || '本年'}比上年${m[3]}`, numerator: change, denominator: current, formula, rate, loc, evidence: sentenceAround(segment.text, m.index!, at) });
  }
  for (const m of segment.text.matchAll(PERCENT)) {
    const end = m.index! + m[0].length;
    if (taken.has(end)) continue;
    const claim = labelledRate(segment, m.index!, end, m[1]);
    if (claim) claims.push(claim);
  }
  return claims;
}

/** "…预算安排 3.24 万元，实际支出 4.03 万元，…控制率为 124.38%": two figures, one plan and one actual. */
function labelledRate(segment: Segment, start: number, end: number, printed: string): RateClaim | null {
  const before = segment.text.slice(0, start);
  const label = RATE_LABEL.exec(before);
  if (!label) return null;
  const windowStart = Math.max(before.search(/[^。；;]*$/), lastPercentEnd(before));
  const window = before.slice(windowStart, label.index);
  if (label[1] === '的' && !/占[^，,。；;]*$/.test(window)) return null;
  const all = [...window.matchAll(QUANTITY)].filter((q) => !isYear(window, q));
  const lastClass = all.length ? unitClass(all[all.length - 1][2]) : '';
  const found = all.filter((q) => unitClass(q[2]) === lastClass);
  if (found.length !== 2 || unitClass(found[0][2]) !== unitClass(found[1][2])) return null;
  const roles = found.map((q) => role(ownLabel(window, all, q)));
  const actualAt = roles.indexOf('actual');
  const planAt = roles.indexOf('plan');
  if (actualAt < 0 || planAt < 0) return null;
  const loc = locAt(segment, windowStart);
  const numerator = quantity(found[actualAt][1], found[actualAt][2], loc);
  const denominator = quantity(found[planAt][1], found[planAt][2], loc);
  const rate = quantity(printed, '%', loc);
  if (!numerator || !denominator || !rate) return null;
  const name = label[1] === '的' ? '占比' : label[1];
  return { kind: 'rate', label: name, numerator, denominator, formula: 'ratio', rate, loc, evidence: sentenceAround(segment.text, windowStart, end) };
}

/** Table rows read as one clause: "三公经费控制率 预算安排数 2.42万元 实际支出数 1.97万元 控制率 81%". */
function tableRowRates(text: Report['text']): RateClaim[] {
  const claims: RateClaim[] = [];
  for (const item of text) {
    if (item.loc.table == null || !item.text.includes('\t')) continue;
    const cells = item.text.split('\t').map((c) => c.trim()).filter((c) => c !== '' && c.length <= 40);
    const row = cells.join('，');
    const segment: Segment = { text: row, loc: item.loc, cell: false, starts: [{ offset: 0, loc: item.loc }] };
    for (const m of row.matchAll(PERCENT)) {
      const claim = labelledRate(segment, m.index!, m.index! + m[0].length, m[1]);
      if (claim) claims.push({ ...claim, evidence: cells.join(' ') });
    }
  }
  return claims;
}

/** The words naming a figure: the last clause between the previous figure and this one. */
function ownLabel(window: string, all: RegExpMatchArray[], q: RegExpMatchArray): string {
  const before = all.filter((o) => o.index! < q.index!).pop();
  const text = window.slice(before ? before.index! + before[0].length : 0, q.index!);
  return text.split(/[，,；;]/).map((p) => p.trim()).filter((p) => p !== '').pop() ?? '';
}

function role(label: string): 'actual' | 'plan' | null {
  if (STRONG_ACTUAL.test(label)) return 'actual';
  if (PLANNED.test(label)) return 'plan';
  if (WEAK_ACTUAL.test(label)) return 'actual';
  return null;
}

function lastPercentEnd(text: string): number {
  const i = text.lastIndexOf('%');
  return i < 0 ? 0 : i + 1;
}

const isYear = (text: string, m: RegExpMatchArray) => /^\s*年/.test(text.slice(m.index! + m[0].length));
const unitClass = (unit: string) => (/元/.test(unit) ? 'money' : unit);

function quantity(digits: string, unit: string, loc: Quantity['loc']): Quantity | null {
  return parseQuantity(`${digits}${unit}`, loc, { signWords: false });
}

/** The few characters naming a figure: "签约额" in "签约项目166个，签约额975.99亿元". */
export function labelBefore(text: string, index: number): string {
  const m = /([\p{Script=Han}A-Za-z“”"]{1,16})\s*(?:为|达|达到|共)?\s*$/u.exec(text.slice(Math.max(0, index - 24), index));
  return m ? m[1].replace(/[“”"]/g, '').replace(/^[年月日](?![末初底度])/, '') : '';
}
