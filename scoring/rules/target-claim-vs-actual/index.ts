// "各项绩效目标都已完成，完成率为 100%" while a stated actual falls short of its target
// (任务：新增规模以上工业企业 80 家 → 实际：新增规模以上工业企业 56 家).
import type { ClaimOf, Report } from '../../../model/index.ts';
import { comparablePair } from '../../../normalizers/claims/target.ts';
import { leaves } from '../../recompute/tree.ts';
import { ofQuantity } from '../../../numbers/interval.ts';
import { printed, where } from '../../recompute/format.ts';
import { defineRule } from '../../rule.ts';

type Target = ClaimOf<'target'>;

/** Whole counts (9 个, 280 人次) are exact; amounts and percentages stand for their rounding interval. */
const ROUNDED_UNITS = new Set(['元', '万元', '亿元', '%']);
const isCount = (t: Target) => t.actual.decimals === 0 && !ROUNDED_UNITS.has(t.actual.unit);

/**
 * The actual misses the target beyond rounding: a target is a threshold, exact as written; the
 * actual stands for every value that prints as it does (94.6% may be 94.64%, never 95%).
 */
export function fallsShort(t: Target): boolean {
  const actual = isCount(t) ? { lo: t.actual.value, hi: t.actual.value } : ofQuantity(t.actual);
  return t.higherIsBetter ? actual.hi.lt(t.target.value) : actual.lo.gt(t.target.value);
}

export default defineRule({
  meta: {
    id: 'target/claim-vs-actual',
    severity: 'warning',
    description: '报告声称各项目标均已完成（完成率100%），但有指标的实际完成值未达到目标值',
    basis: '“均已完成”的表述应与各指标的实际完成值一致；目标值与实际值取自报告自身（年度指标值/实际完成值，任务清单与完成情况，或“计划9个、已实现7个”一类表述）',
    evidence: 'sentence',
  },
  check(report, ctx) {
    const completion = report.claims.find((c): c is ClaimOf<'completion'> => c.kind === 'completion');
    if (!completion) return;
    for (const { t, fromColumns } of targetsOf(report)) {
      if (!fallsShort(t) || isExcepted(t, completion)) continue;
      const gap = t.higherIsBetter ? '低于目标' : '超过上限';
      ctx.report({
        message: `${where(completion.loc)}称“${completion.evidence}”，但“${t.label}”目标为${printed(t.target)}，实际为${printed(t.actual)}（${where(t.loc)}），${gap}`,
        expected: t.target.value.toFixed(),
        actual: t.actual.value.toFixed(),
        loc: t.loc,
        evidence: `${completion.evidence} ↔ ${t.evidence}`,
        subject: t.label,
        calculation: `${printed(t.actual)} ${t.higherIsBetter ? '<' : '>'} ${printed(t.target)}`,
        evidenceKind: fromColumns ? 'structure' : 'sentence',
      });
    }
  },
});

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The claim itself excepts this indicator ("除X外"). */
function isExcepted(t: Target, completion: ClaimOf<'completion'>): boolean {
  const label = squeeze(t.label);
  return (completion.exceptions ?? []).some((name) => label.includes(squeeze(name)) || squeeze(name).includes(label));
}

interface Read {
  t: Target;
  /** Read off the 年度指标值 / 实际完成值 columns, not out of one sentence or one row's text. */
  fromColumns: boolean;
}

/**
 * The report's target claims, plus the 年度指标值 / 实际完成值 pairs of the indicator trees that the
 * text claims missed (a header the text reading did not recognise, a DOCX or PDF layout).
 */
function targetsOf(report: Report): Read[] {
  // A text pair read off the columns names the column in its loc; a sentence or row pair does not.
  const reads: Read[] = report.claims
    .filter((c): c is Target => c.kind === 'target')
    .map((t) => ({ t, fromColumns: t.loc.table != null && t.loc.column != null }));
  const key = (t: Target) => `${t.label}|${t.target.value.toFixed()}|${t.actual.value.toFixed()}`;
  const seen = new Set(reads.map((r) => key(r.t)));
  for (const table of report.tables.filter((t) => t.quality !== 'unreadable')) {
    for (const leaf of leaves(table.roots)) {
      if (!leaf.target || !leaf.actual) continue;
      const pair = comparablePair(leaf.target, leaf.actual, leaf.name, leaf.loc);
      const t: Target | null = pair && { kind: 'target', label: leaf.name, ...pair, loc: leaf.loc, evidence: leaf.evidence };
      if (!t || seen.has(key(t))) continue;
      seen.add(key(t));
      reads.push({ t, fromColumns: true });
    }
  }
  return reads;
}
