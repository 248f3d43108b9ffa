// 产出/效益/满意度 rows of a self-evaluation form: target met → full points, else in proportion.
import type { IndicatorNode, Quantity, Report } from '../../../model/index.ts';
import { exact, ofQuantity, scale, type Interval } from '../../../numbers/interval.ts';
import { findQuantities } from '../../../numbers/quantity.ts';
import { cleanText, normalizeName } from '../../../numbers/text.ts';
import { isCountUnit } from '../../../numbers/vocabulary.ts';
import type { IndicatorSpec, Rubric } from '../../rubrics/schema.ts';
import { mid, pts, type Computation } from '../formulas/index.ts';
import { walk, type Outcome } from './outcome.ts';

const CEILING = /≤|<|不高于|不超过|以下|以内|控制在|低于|不大于/;
const FLOOR = /≥|>|不低于|不少于|以上|大于|超过/;

export function evaluateTargets(report: Report, rubric: Rubric, indicator: IndicatorSpec): Outcome[] {
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
