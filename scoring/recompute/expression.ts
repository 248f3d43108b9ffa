// Evaluates a parsed formula (normalizers/claims/expression.ts) with decimal.js: once on the printed
// values, once on their rounding intervals. Percent literals count as hundredths ("×100%" is ×1),
// money in mixed units is brought to 元 first.
import { Decimal } from 'decimal.js';
import type { ExprNode, NumNode } from '../../normalizers/claims/expression.ts';
import { operandsOf } from '../../normalizers/claims/expression.ts';
import { add, div, exact, mul, sub, type Interval, halfUnit } from '../../numbers/interval.ts';
import { isMoneyUnit, YUAN_PER } from '../../numbers/vocabulary.ts';

export type PointResult = { ok: true; value: Decimal } | { ok: false; divisionByZero: true };

interface Scale {
  toYuan: boolean;
}

function scaleOf(ast: ExprNode): Scale {
  const units = new Set(operandsOf(ast).map((n) => n.unit).filter(isMoneyUnit));
  return { toYuan: units.size > 1 };
}

function factor(node: NumNode, scale: Scale): Decimal {
  if (node.unit === '%') return new Decimal(0.01);
  if (scale.toYuan && isMoneyUnit(node.unit)) return YUAN_PER[node.unit];
  return new Decimal(1);
}

/** The value of the formula on the printed numbers; a zero divisor is reported, not thrown. */
export function evaluatePoint(ast: ExprNode, scale = scaleOf(ast)): PointResult {
  if (ast.type === 'num') return { ok: true, value: new Decimal(ast.value).times(factor(ast, scale)) };
  if (ast.type === 'neg') {
    const inner = evaluatePoint(ast.arg, scale);
    return inner.ok ? { ok: true, value: inner.value.negated() } : inner;
  }
  const left = evaluatePoint(ast.left, scale);
  if (!left.ok) return left;
  const right = evaluatePoint(ast.right, scale);
  if (!right.ok) return right;
  switch (ast.op) {
    case '+':
      return { ok: true, value: left.value.plus(right.value) };
    case '-':
      return { ok: true, value: left.value.minus(right.value) };
    case '*':
      return { ok: true, value: left.value.times(right.value) };
    case '/':
      return right.value.isZero() ? { ok: false, divisionByZero: true } : { ok: true, value: left.value.div(right.value) };
  }
}

/** The interval the formula's value may lie in given how its numbers were rounded; null if unbounded. */
export function evaluateInterval(ast: ExprNode, scale = scaleOf(ast)): Interval | null {
  if (ast.type === 'num') {
    const f = factor(ast, scale);
    const v = new Decimal(ast.value);
    if (ast.exact) return exact(v.times(f));
    const h = halfUnit(ast.decimals);
    return { lo: v.minus(h).times(f), hi: v.plus(h).times(f) };
  }
  if (ast.type === 'neg') {
    const inner = evaluateInterval(ast.arg, scale);
    return inner && { lo: inner.hi.negated(), hi: inner.lo.negated() };
  }
  const left = evaluateInterval(ast.left, scale);
  const right = evaluateInterval(ast.right, scale);
  if (!left || !right) return null;
  switch (ast.op) {
    case '+':
      return add(left, right);
    case '-':
      return sub(left, right);
    case '*':
      return mul(left, right);
    case '/':
      return div(left, right);
  }
}
