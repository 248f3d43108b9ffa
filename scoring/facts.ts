// One finding per fact: two rules often see the same wrong number (a 0/0 in a stated calculation that
// is also the rubric's 变动率; a table cell that two figure rules both quote). A reviewer should read
// it once, from the strongest finding. Two findings are one fact when they accuse the same printed
// value (actual), do not disagree on what it should be (expected equal, or given by one only), and
// sit at the same place: the same table cell, or evidence of which one quotes the other. A cell or
// sentence that prints 0.08 twice, once wrong against 10.4万元 and once against 0.08万元, holds two facts.
import { Decimal } from 'decimal.js';
import type { Finding } from '../model/index.ts';

const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
/** Evidence shorter than this (squeezed) is too generic to say two findings are about the same text. */
const MIN_EVIDENCE = 10;

export function oneFindingPerFact(findings: Finding[]): Finding[] {
  const keys = findings.map(factKey);
  return findings.filter((f, i) =>
    !findings.some((g, j) => j !== i && g.rule !== f.rule && stronger(g, j, f, i) && sameFact(keys[i], keys[j])),
  );
}

interface FactKey {
  actual: string | null;
  expected: string | null;
  cell: string | null;
  evidence: string;
}

function factKey(f: Finding): FactKey {
  const { table, row, column } = f.location;
  return {
    actual: normalized(f.actual),
    expected: normalized(f.expected),
    cell: table !== null && row !== null && column !== null ? `${table}/${row}/${column}` : null,
    evidence: f.evidence.replace(/[\s|]+/g, ''),
  };
}

function sameFact(a: FactKey, b: FactKey): boolean {
  if (a.actual === null || a.actual !== b.actual) return false;
  if (a.expected !== null && b.expected !== null && a.expected !== b.expected) return false;
  if (a.cell !== null && a.cell === b.cell) return true;
  if (a.evidence.length < MIN_EVIDENCE || b.evidence.length < MIN_EVIDENCE) return false;
  return a.evidence.includes(b.evidence) || b.evidence.includes(a.evidence);
}

/** g beats f: more severe, or as severe and reported first. */
function stronger(g: Finding, j: number, f: Finding, i: number): boolean {
  const d = SEVERITY_RANK[g.severity] - SEVERITY_RANK[f.severity];
  return d < 0 || (d === 0 && j < i);
}

function normalized(value: string | null): string | null {
  if (value === null) return null;
  try {
    return new Decimal(value).toFixed();
  } catch {
    return value;
  }
}
