// A small, safe arithmetic parser (no eval) for the formulas reports print: "975.99/870×100%",
// "(13,368,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100%", "(0.95706+0.9074)/2*5",
// "(0 ÷ 0 - 1) × 100%". Input is cleanText() output. The AST is plain JSON (decimal strings), so it
// can be stored in a claim and evaluated later with decimal.js (scoring/recompute/expression.ts).
import { DIGITS, UNIT, decimalsOf, isMoneyUnit, plainDigits } from '../../numbers/vocabulary.ts';

export type Op = '+' | '-' | '*' | '/';

export interface NumNode {
  type: 'num';
  /** The printed digits without separators, sign excluded ("13368029.63"). */
  value: string;
  decimals: number;
  /** 元 / 万元 / 亿元 / % / 分 / a count unit, or '' when none was printed. */
  unit: string;
  raw: string;
  /** Integers without a money unit (counts, 100%, /2, ×5) are exact; other numbers were rounded. */
  exact: boolean;
}

export type ExprNode =
  | NumNode
  | { type: 'bin'; op: Op; left: ExprNode; right: ExprNode }
  | { type: 'neg'; arg: ExprNode };

const NUMBER = new RegExp(`^(?:${DIGITS})`);
const UNIT_AT_START = new RegExp(`^(?:${UNIT})`);
const OPS: Record<string, Op> = { '+': '+', '-': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

type Token = { kind: 'num'; node: NumNode } | { kind: 'op'; op: Op } | { kind: '(' } | { kind: ')' };

/** Tokens of a formula, or null when it holds anything but numbers, units, operators and brackets. */
export function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let rest = source;
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      rest = rest.slice(num[0].length);
      const unitMatch = UNIT_AT_START.exec(rest.replace(/^\s+/, ''));
      const unit = unitMatch?.[0] ?? '';
      if (unitMatch) rest = rest.replace(/^\s+/, '').slice(unit.length);
      tokens.push({ kind: 'num', node: numNode(num[0], unit) });
      continue;
    }
    const c = rest[0];
    if (c in OPS) tokens.push({ kind: 'op', op: OPS[c] });
    else if (c === '(' || c === '[') tokens.push({ kind: '(' });
    else if (c === ')' || c === ']') tokens.push({ kind: ')' });
    else return null;
    rest = rest.slice(1);
  }
  return tokens;
}

function numNode(printed: string, unit: string): NumNode {
  const value = plainDigits(printed);
  const decimals = decimalsOf(value);
  return { type: 'num', value, decimals, unit, raw: printed + unit, exact: decimals === 0 && !isMoneyUnit(unit) };
}

/** Parses a whole formula; null when it is not one (unbalanced, dangling operator, text). */
export function parseExpression(source: string): ExprNode | null {
  const found = tokenize(source);
  if (!found || found.length === 0) return null;
  const tokens: Token[] = found;
  let i = 0;
  const peek = () => tokens[i];

  function expr(): ExprNode | null {
    let left = term();
    while (left && peek()?.kind === 'op' && ['+', '-'].includes((peek() as { op: Op }).op)) {
      const op = (tokens[i++] as { op: Op }).op;
      const right = term();
      if (!right) return null;
      left = { type: 'bin', op, left, right };
    }
    return left;
  }
  function term(): ExprNode | null {
    let left = unary();
    while (left && peek()?.kind === 'op' && ['*', '/'].includes((peek() as { op: Op }).op)) {
      const op = (tokens[i++] as { op: Op }).op;
      const right = unary();
      if (!right) return null;
      left = { type: 'bin', op, left, right };
    }
    return left;
  }
  function unary(): ExprNode | null {
    const t = peek();
    if (t?.kind === 'op' && t.op === '-') {
      i++;
      const arg = unary();
      return arg && { type: 'neg', arg };
    }
    return primary();
  }
  function primary(): ExprNode | null {
    const t = tokens[i++];
    if (!t) return null;
    if (t.kind === 'num') return t.node;
    if (t.kind === '(') {
      const inner = expr();
      if (!inner || tokens[i++]?.kind !== ')') return null;
      return inner;
    }
    return null;
  }

  const ast = expr();
  return ast && i === tokens.length ? ast : null;
}

/** Number of binary operators: a formula worth checking has at least one. */
export function operatorCount(node: ExprNode): number {
  if (node.type === 'num') return 0;
  if (node.type === 'neg') return operatorCount(node.arg);
  return 1 + operatorCount(node.left) + operatorCount(node.right);
}

/** The numbers of a formula in order of appearance. */
export function operandsOf(node: ExprNode): NumNode[] {
  if (node.type === 'num') return [node];
  if (node.type === 'neg') return operandsOf(node.arg);
  return [...operandsOf(node.left), ...operandsOf(node.right)];
}

const SYMBOL: Record<Op, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };
const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** The formula written out the way a reviewer reads it: "975.99 ÷ 870 × 100%". */
export function renderExpression(node: ExprNode): string {
  if (node.type === 'num') return node.raw.replace(/,/g, (m) => m);
  if (node.type === 'neg') return `−${wrap(node.arg, 3)}`;
  const p = PRECEDENCE[node.op];
  const right = node.right.type === 'bin' && (PRECEDENCE[node.right.op] < p || (PRECEDENCE[node.right.op] === p && node.op !== '+' && node.op !== '*'))
    ? `(${renderExpression(node.right)})`
    : wrap(node.right, p);
  return `${wrap(node.left, p)} ${SYMBOL[node.op]} ${right}`;
}

function wrap(node: ExprNode, parentPrecedence: number): string {
  if (node.type === 'bin' && PRECEDENCE[node.op] < parentPrecedence) return `(${renderExpression(node)})`;
  return renderExpression(node);
}

const STARTS = /[\d(\[-]/;

/**
 * Every formula that ends where `source` ends, longest first: "8-8/9*4" also yields "8/9*4" and "9*4",
 * because in "实际完成数8-8/9*4=3.56分" the first "-" may be a dash, not a minus.
 */
export function suffixFormulas(source: string): { text: string; offset: number; ast: ExprNode }[] {
  const out: { text: string; offset: number; ast: ExprNode }[] = [];
  for (let i = 0; i < source.length; i++) {
    if (!STARTS.test(source[i])) continue;
    if (i > 0 && /[\d.,]/.test(source[i - 1])) continue;
    const text = source.slice(i).trim();
    const ast = parseExpression(text);
    if (ast && operatorCount(ast) > 0) out.push({ text, offset: i, ast });
  }
  return out;
}
