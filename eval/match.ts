// Matching product findings against a report's truth: which injected anomalies were found, which
// warning/error findings are false. Lenient on rule ids and wording, strict on the numbers.
import { Decimal } from 'decimal.js';
import type { ProductFinding } from './adapter.ts';
import type { AnomalyKind, Severity, Truth, TruthAnomaly } from './generate/truth.ts';

/** Rule families that may legitimately report each anomaly kind. */
export const FAMILIES: Record<AnomalyKind, RegExp> = {
  'total-mismatch': /^(score\/(total-mismatch|narrative-total|subtotal-mismatch)|sum\/table-total-mismatch)$/,
  'subtotal-mismatch': /^score\/(subtotal-mismatch|total-mismatch)$/,
  'explanation-mismatch': /^(score\/explanation-mismatch|rubric\/score-mismatch)$/,
  'narrative-total': /^score\/(narrative-total|total-mismatch)$/,
  'narrative-figure': /^(figure\/|sum\/|rate\/implicit-mismatch)/,
  'calc-wrong': /^(calc\/(stated-mismatch|operand-mismatch)|rate\/implicit-mismatch|rubric\/rate-mismatch|score\/rate-mismatch|figure\/conflict)$/,
  'calc-transposition': /^(calc\/(stated-mismatch|operand-mismatch)|rate\/implicit-mismatch|rubric\/rate-mismatch|score\/rate-mismatch|figure\/conflict)$/,
  'divide-by-zero': /^(calc\/(divide-by-zero|stated-mismatch)|rubric\/rate-mismatch)$/,
  'rubric-score': /^rubric\/(score-mismatch|rate-mismatch|row-bands)$/,
  'grade-band': /^score\/grade-band$/,
  'score-over-weight': /^score\/out-of-range$/,
  'weight-mismatch': /^score\/weight-mismatch$/,
  'target-claim': /^target\//,
  'unmet-full-marks': /^(target\/|rubric\/score-mismatch|score\/(unmet|target))/,
  'figure-conflict': /^figure\//,
  'unit-yuan-wan': /^(figure\/|calc\/operand-mismatch)/,
  'unit-wan-yi': /^figure\//,
  'breakdown-digit': /^sum\/breakdown-mismatch$/,
  'data-total': /^sum\/table-total-mismatch$/,
};

const RANK = { info: 0, warning: 1, error: 2 } as const;
export const isAlarm = (f: ProductFinding) => RANK[f.severity] >= RANK.warning;
const meetsSeverity = (f: ProductFinding, min: Severity) => RANK[f.severity] >= RANK[min];

/** Scales a printed value may legitimately be restated in (元/万元/亿元, ratio/percent). */
const SCALES = [1, 100, 10_000, 100_000_000].flatMap((s) => [new Decimal(s), new Decimal(1).div(s)]);

function parse(value: string): Decimal | null {
  const text = value.replace(/[,，\s%分元万亿]/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  try {
    return /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(text) ? new Decimal(text) : null;
  } catch {
    return null;
  }
}

/** Equal as printed, or equal once restated in another unit and rounded to the coarser of the two printings
 * (3488.08 万元 is 0.3488 亿元 as a report prints it). */
export function sameValue(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a.trim() === b.trim();
  if (x.eq(y)) return true;
  // 3294.33 万元 restated in 元 is 32,943,300: its trailing zeros are the coarser printing's resolution.
  if ([x, y].some((v) => withinTrailingZeros(v, v === x ? y : x))) return true;
  // Restated in another unit: equal within half the resolution of the coarser printing.
  return SCALES.some((s) => {
    if (s.eq(1)) return false;
    const scaled = x.times(s);
    const resolution = Decimal.max(new Decimal(10).pow(-x.decimalPlaces()).times(s), new Decimal(10).pow(-y.decimalPlaces()));
    return scaled.minus(y).abs().lte(resolution.div(2));
  });
}

/**
 * `rounded` is a large integer ending in two or more zeros (three significant digits at least before
 * them) and lies within half of that resolution of `precise`.
 */
function withinTrailingZeros(rounded: Decimal, precise: Decimal): boolean {
  if (!rounded.isInteger() || rounded.isZero()) return false;
  const zeros = /0*$/.exec(rounded.abs().toFixed())![0].length;
  const resolution = new Decimal(10).pow(zeros);
  return zeros >= 2 && rounded.abs().gte(resolution.times(100)) && rounded.minus(precise).abs().lte(resolution.div(2));
}

const normalize = (s: string) => s.replace(/[\s“”"'‘’（）()：:，,。]/g, '');
export function sameSubject(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const x = normalize(a);
  const y = normalize(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

type Pair = { expected: string | null; actual: string };

/** A finding's numbers agree with a truth pair: its actual is one of the pair, its expected (if any) the other or equal. */
export function valuesAgree(f: ProductFinding, pair: Pair, subject: string): boolean {
  if (f.actual === null && f.expected === null) return sameSubject(f.subject, subject) || sameSubject(f.evidence, subject);
  const values = [pair.expected, pair.actual].filter((v): v is string => v !== null);
  if (pair.expected === null) return sameValue(f.actual, pair.actual);
  const actualOk = values.some((v) => sameValue(f.actual, v));
  const expectedOk = f.expected === null || values.some((v) => sameValue(f.expected, v));
  return actualOk && expectedOk;
}

/** The finding states this anomaly (primary or alternative statement). */
export function states(f: ProductFinding, a: TruthAnomaly): boolean {
  if (!FAMILIES[a.kind].test(f.rule)) return false;
  return [a, ...(a.alternatives ?? [])].some((pair) => valuesAgree(f, pair, a.subject)) || sameDiscrepancy(f, a);
}

/** Sums whose mismatch a finding may pin on another level of the same tree (a 一级 weight instead of the total). */
const SUM_KINDS: ReadonlySet<AnomalyKind> = new Set(['weight-mismatch', 'total-mismatch', 'subtotal-mismatch']);

/** The same sum kind, off by the same amount: 产出指标 50 vs its leaves' 51 states 总分 100 vs 101. */
function sameDiscrepancy(f: ProductFinding, a: TruthAnomaly): boolean {
  if (!SUM_KINDS.has(a.kind) || a.expected === null || f.expected === null || f.actual === null) return false;
  const [fe, fa, ae, aa] = [f.expected, f.actual, a.expected, a.actual].map(parse);
  return !!(fe && fa && ae && aa) && !ae.eq(aa) && fe.minus(fa).eq(ae.minus(aa));
}

/** The finding reports a consequence of this anomaly elsewhere (not false, not a find). */
function echoes(f: ProductFinding, a: TruthAnomaly): boolean {
  if (!FAMILIES[a.kind].test(f.rule)) return false;
  return (a.related ?? []).some((pair) => valuesAgree(f, pair, a.subject));
}

export interface DocumentMatch {
  /** Anomalies that apply to this format, with the findings that found them (empty = missed). */
  anomalies: { anomaly: TruthAnomaly; foundBy: ProductFinding[] }[];
  /** Warning/error findings that match no injected anomaly. */
  falseFindings: ProductFinding[];
}

/** Anomalies that a rendering in this format contains (a sheet has only the tables). */
export function applicable(truth: Truth, format: string): TruthAnomaly[] {
  return format === 'xlsx' ? truth.anomalies.filter((a) => a.where === 'table') : truth.anomalies;
}

export function matchDocument(truth: Truth, format: string, findings: ProductFinding[]): DocumentMatch {
  const anomalies = applicable(truth, format).map((anomaly) => ({
    anomaly,
    foundBy: findings.filter((f) => meetsSeverity(f, anomaly.minSeverity) && states(f, anomaly)),
  }));
  const falseFindings = findings.filter((f) => isAlarm(f) && !truth.anomalies.some((a) => states(f, a) || echoes(f, a)));
  return { anomalies, falseFindings };
}

/** The key two formats must agree on: rule + subject + actual of each warning/error finding. */
export function alarmSet(findings: ProductFinding[]): Set<string> {
  return new Set(findings.filter(isAlarm).map((f) => `${f.rule}|${f.subject ?? ''}|${f.actual ?? ''}`));
}
