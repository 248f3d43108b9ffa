// A tiny evaluator for the formulas budget sheets use: + - * / on numbers and cell references
// (A1, $B$2, 基础数据表!E4, 'Sheet 1'!E4), parentheses, unary minus, and SUM / AVERAGE over
// references, ranges and expressions. Values are rounding intervals (numbers/interval.ts):
// a cell shown with a fixed number format stands for every value that rounds to what is shown;
// a General cell shows its value in full and is exact. Anything else → Unsupported, and the rule skips.
import { Decimal } from 'decimal.js';
import { add, around, div, exact, mul, sub, sum, type Interval } from '../../../numbers/interval.ts';

export class Unsupported extends Error {}

/** A number as a cell shows it: value in plain units (12.34% → 0.1234) and the decimals shown. */
export interface Shown {
  value: Decimal;
  decimals: number;
}

export type CellValue = { kind: 'number'; interval: Interval; text: string } | { kind: 'blank' } | { kind: 'other' };

/** Looks up a cell: sheet (null: the formula's own sheet), 1-based row and column. */
export type Lookup = (sheet: string | null, row: number, column: number) => CellValue;

export interface Evaluated {
  interval: Interval;
  /** The formula with each reference replaced by what the cell shows. */
  shown: string;
}

const REF = /(?:('(?:[^']|'')+'|[^\s'!()+\-*/,:^&=<>"]+)!)?\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?/iy;
const NUMBER = /\d+(?:\.\d+)?(?:E[+-]?\d+)?|\.\d+/iy;
const FUNC = /(SUM|AVERAGE)\s*\(/iy;
const MAX_RANGE_CELLS = 10_000;

type Token =
  | { t: 'num'; value: string }
  | { t: 'ref'; sheet: string | null; r1: number; c1: number; r2: number; c2: number; text: string }
  | { t: 'func'; name: 'SUM' | 'AVERAGE' }
  | { t: 'op'; value: string };

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const src = formula.replace(/^=/, '');
  while (i < src.length) {
    if (/\s/.test(src[i])) {
      i++;
      continue;
    }
    const m = matchAt(FUNC, src, i) ?? null;
    if (m) {
      tokens.push({ t: 'func', name: m[1].toUpperCase() as 'SUM' | 'AVERAGE' });
      i += m[0].length;
      continue;
    }
    const ref = matchAt(REF, src, i);
    if (ref && !/^[A-Z(]/i.test(src[i + ref[0].length] ?? '')) {
      const sheet = ref[1] ? ref[1].replace(/^'|'$/g, '').replace(/''/g, "'") : null;
      const [c1, r1] = [columnNumber(ref[2]), Number(ref[3])];
      const [c2, r2] = ref[4] ? [columnNumber(ref[4]), Number(ref[5])] : [c1, r1];
      tokens.push({ t: 'ref', sheet, r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2), text: ref[0] });
      i += ref[0].length;
      continue;
    }
    const num = matchAt(NUMBER, src, i);
    if (num) {
      tokens.push({ t: 'num', value: num[0] });
      i += num[0].length;
      continue;
    }
    if ('+-*/(),'.includes(src[i])) {
      tokens.push({ t: 'op', value: src[i++] });
      continue;
    }
    throw new Unsupported(`unsupported character ${src[i]}`);
  }
  return tokens;
}

function matchAt(re: RegExp, src: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(src);
}

export function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** Evaluates a formula to the interval its inputs allow; throws Unsupported for anything else. */
export function evaluate(formula: string, lookup: Lookup): Evaluated {
  const tokens = tokenize(formula);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.t === 'op' && (peek() as { value: string }).value === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unsupported(`expected ${v}`);
    pos++;
  };

  const cellNumber = (sheet: string | null, r: number, c: number): Interval => {
    const v = lookup(sheet, r, c);
    if (v.kind === 'number') return v.interval;
    if (v.kind === 'blank') return exact(0);
    throw new Unsupported('text in arithmetic');
  };

  const expr = (): Evaluated => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { value: string }).value;
      const right = term();
      left = { interval: op === '+' ? add(left.interval, right.interval) : sub(left.interval, right.interval), shown: `${left.shown} ${op} ${right.shown}` };
    }
    return left;
  };
  const term = (): Evaluated => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as { value: string }).value;
      const right = unary();
      const interval = op === '*' ? mul(left.interval, right.interval) : div(left.interval, right.interval);
      if (!interval) throw new Unsupported('division by a value that may be zero');
      left = { interval, shown: `${left.shown} ${op === '*' ? '×' : '÷'} ${right.shown}` };
    }
    return left;
  };
  const unary = (): Evaluated => {
    if (isOp('-')) {
      pos++;
      const inner = unary();
      return { interval: { lo: inner.interval.hi.neg(), hi: inner.interval.lo.neg() }, shown: `-${inner.shown}` };
    }
    if (isOp('+')) pos++;
    return primary();
  };
  const primary = (): Evaluated => {
    const token = tokens[pos++];
    if (!token) throw new Unsupported('unexpected end');
    if (token.t === 'num') return { interval: exact(token.value), shown: token.value };
    if (token.t === 'ref') {
      if (token.r1 !== token.r2 || token.c1 !== token.c2) throw new Unsupported('range outside a function');
      const v = lookup(token.sheet, token.r1, token.c1);
      return { interval: cellNumber(token.sheet, token.r1, token.c1), shown: v.kind === 'number' ? v.text : '0' };
    }
    if (token.t === 'func') return call(token.name);
    if (token.value === '(') {
      const inner = expr();
      expect(')');
      return { interval: inner.interval, shown: `(${inner.shown})` };
    }
    throw new Unsupported(`unexpected ${token.value}`);
  };
  /** SUM / AVERAGE: numbers in references and ranges count, blanks and text are skipped (as in Excel). */
  const call = (name: 'SUM' | 'AVERAGE'): Evaluated => {
    const items: Evaluated[] = [];
    while (!isOp(')')) {
      const token = peek();
      const next = tokens[pos + 1];
      const argEnds = !next || (next.t === 'op' && (next.value === ',' || next.value === ')'));
      if (token?.t === 'ref' && argEnds) {
        pos++;
        items.push(...rangeValues(token));
      } else items.push(expr());
      if (isOp(',')) pos++;
      else if (!isOp(')')) throw new Unsupported('bad argument list');
    }
    expect(')');
    if (name === 'SUM') return { interval: sum(items.map((i) => i.interval)), shown: `(${items.map((i) => i.shown).join(' + ') || '0'})` };
    if (items.length === 0) throw new Unsupported('AVERAGE of nothing');
    const total = sum(items.map((i) => i.interval));
    const n = new Decimal(items.length);
    return { interval: { lo: total.lo.div(n), hi: total.hi.div(n) }, shown: `AVERAGE(${items.map((i) => i.shown).join(', ')})` };
  };
  const rangeValues = (ref: Extract<Token, { t: 'ref' }>): Evaluated[] => {
    if ((ref.r2 - ref.r1 + 1) * (ref.c2 - ref.c1 + 1) > MAX_RANGE_CELLS) throw new Unsupported('range too large');
    const out: Evaluated[] = [];
    for (let r = ref.r1; r <= ref.r2; r++)
      for (let c = ref.c1; c <= ref.c2; c++) {
        const v = lookup(ref.sheet, r, c);
        if (v.kind === 'number') out.push({ interval: v.interval, shown: v.text });
      }
    return out;
  };

  const result = expr();
  if (pos !== tokens.length) throw new Unsupported('trailing tokens');
  return result;
}

/**
 * The number a cell shows. With a number format, decorations the format adds are allowed around it
 * ("¥1,234.50", "12.50万元", "(3.20)", "95.83%"); without one (General), only a plain number counts,
 * so text like "2022年" is not mistaken for a figure.
 */
export function shownNumber(text: string, numFmt: string | undefined): Shown | null {
  const t = text.trim();
  const general = !numFmt || /^general$/i.test(numFmt);
  const m = general ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(t) : /^\(?([-−]?)[^\d.\-−]{0,6}?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*%?[^\d]{0,8}?\)?$/.exec(t);
  if (!m) return null;
  const negative = m[1] !== '' || (!general && t.startsWith('(') && t.endsWith(')'));
  const frac = m[3] ?? '';
  let value = new Decimal(`${m[2].replace(/,/g, '')}${frac ? '.' + frac : ''}`);
  let decimals = frac.length;
  if (!general && t.includes('%')) {
    value = value.div(100);
    decimals += 2;
  }
  return { value: negative ? value.neg() : value, decimals };
}

/** A shown number as an interval: exact when General shows it in full, else ± half its last digit. */
export function shownInterval(shown: Shown, numFmt: string | undefined): Interval {
  return !numFmt || /^general$/i.test(numFmt) ? exact(shown.value) : around(shown.value, shown.decimals);
}
