// One generated report: its rendered model and its truth, a pure function of (seed, index).
import { Rng } from './random.ts';
import { ReportContext } from './context.ts';
import type { RenderedReport } from './document.ts';
import type { AnomalyKind, Layout, ReportKind, Truth } from './truth.ts';
import { thirdPartyReport } from './third-party.ts';
import { selfEvalReport } from './self-eval.ts';
import { basicDataReport } from './basic-data.ts';
import { UNITS } from './common.ts';

/** The anomaly kinds each report kind can carry. */
export const KIND_ANOMALIES: Record<ReportKind, AnomalyKind[]> = {
  'third-party': ['total-mismatch', 'subtotal-mismatch', 'explanation-mismatch', 'narrative-total', 'calc-wrong', 'calc-transposition', 'divide-by-zero',
    'rubric-score', 'grade-band', 'score-over-weight', 'weight-mismatch', 'figure-conflict', 'narrative-figure', 'unit-yuan-wan', 'unit-wan-yi', 'breakdown-digit', 'data-total',
    'target-claim'],
  'project-self': ['total-mismatch', 'narrative-total', 'grade-band', 'calc-wrong', 'calc-transposition', 'score-over-weight', 'weight-mismatch', 'target-claim',
    'unmet-full-marks', 'figure-conflict', 'narrative-figure', 'unit-yuan-wan', 'breakdown-digit', 'divide-by-zero'],
  'district-self': ['total-mismatch', 'narrative-total', 'grade-band', 'calc-wrong', 'calc-transposition', 'score-over-weight', 'weight-mismatch', 'target-claim',
    'unmet-full-marks', 'figure-conflict', 'narrative-figure', 'unit-yuan-wan', 'unit-wan-yi', 'breakdown-digit', 'data-total', 'divide-by-zero'],
  'basic-data': ['calc-wrong', 'calc-transposition', 'divide-by-zero', 'figure-conflict', 'narrative-figure', 'unit-yuan-wan', 'unit-wan-yi', 'breakdown-digit', 'data-total'],
};

/** Anomalies that touch the same numbers; at most one of each group per report. */
const GROUPS: AnomalyKind[][] = [
  ['total-mismatch', 'narrative-total', 'grade-band'],
  ['calc-wrong', 'calc-transposition', 'narrative-figure'],
  ['figure-conflict', 'unit-yuan-wan'],
  ['target-claim', 'unmet-full-marks'],
  ['subtotal-mismatch', 'score-over-weight', 'weight-mismatch'],
  ['unit-wan-yi', 'rubric-score', 'divide-by-zero'],
];

const ONLY_HERE = new Set<AnomalyKind>(['explanation-mismatch', 'subtotal-mismatch', 'rubric-score']);

export function reportId(seed: number, index: number): string {
  return `r${seed}-${String(index).padStart(4, '0')}`;
}

export function generateReport(seed: number, index: number): { report: RenderedReport; truth: Truth } {
  const rng = Rng.forReport(seed, index);
  const kinds: ReportKind[] = ['third-party', 'project-self', 'district-self', 'basic-data'];
  const kind = kinds[(index + seed) % 4] === 'basic-data' && rng.chance(0.5) ? 'third-party' : kinds[(index + seed) % 4];
  const clean = index % 3 === 0 || rng.chance(0.05);
  const layout = makeLayout(rng, kind);
  const planned = clean ? new Set<AnomalyKind>() : chooseAnomalies(rng, kind, layout);
  const ctx = new ReportContext(rng, layout, planned);
  const unit = rng.pick(UNITS);
  const year = rng.int(2019, 2023);
  const body = kind === 'third-party' ? thirdPartyReport(ctx, unit, year)
    : kind === 'basic-data' ? basicDataReport(ctx, unit, year)
      : selfEvalReport(ctx, unit, year, kind === 'district-self');
  const missing = [...planned].filter((k) => !ctx.anomalies.some((a) => a.kind === k));
  if (missing.length) throw new Error(`${reportId(seed, index)}: planned anomalies not injected: ${missing.join(', ')}`);
  layout.tables = body.blocks.filter((b) => b.kind === 'table').length;
  return {
    report: { title: body.title, landscape: layout.landscape, blocks: body.blocks },
    truth: { id: reportId(seed, index), kind, layout, decoys: [...ctx.decoys].sort(), anomalies: ctx.anomalies, formats: [] },
  };
}

function makeLayout(rng: Rng, kind: ReportKind): Layout {
  return {
    parents: rng.pick(['merged', 'filled', 'blank'] as const),
    totalRow: kind === 'project-self' ? 'last' : rng.pick(['first', 'last'] as const),
    weightsOn: kind === 'third-party' ? rng.pick(['all', 'all', 'leaves'] as const) : 'leaves',
    scoreColumn: kind === 'third-party' ? rng.pick(['last', 'after-weight'] as const) : 'last',
    split: kind === 'third-party' ? rng.pick(['none', 'continued', 'repeated-header'] as const) : kind === 'district-self' ? rng.pick(['none', 'repeated-header'] as const) : 'none',
    landscape: kind === 'third-party' ? rng.chance(0.5) : rng.chance(0.2),
    moneyUnit: rng.pick(['万元', '万元', '元', '亿元'] as const),
    thousands: rng.chance(0.5),
    fullWidth: rng.chance(0.2),
    tables: 0,
  };
}

function chooseAnomalies(rng: Rng, kind: ReportKind, layout: Layout): Set<AnomalyKind> {
  const count = rng.pick([1, 1, 2, 2, 3]);
  const chosen = new Set<AnomalyKind>();
  // Kinds only one report kind can carry are drawn twice as often, so every kind gets a fair count.
  const pool = [...KIND_ANOMALIES[kind], ...KIND_ANOMALIES[kind].filter((k) => ONLY_HERE.has(k))];
  for (const candidate of rng.shuffle(pool)) {
    if (chosen.has(candidate)) continue;
    if (chosen.size >= count) break;
    if (candidate === 'unit-wan-yi' && layout.moneyUnit !== '万元') continue;
    const group = GROUPS.find((g) => g.includes(candidate));
    if (group && group.some((k) => chosen.has(k))) continue;
    chosen.add(candidate);
  }
  return chosen;
}
