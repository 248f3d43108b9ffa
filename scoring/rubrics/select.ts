// Which rubric a report was scored under: city, year, the words of its forms, and how many of the
// rubric's indicator names appear in the report's scoring tables (or text, when no table was rebuilt).
import type { IndicatorNode, Report } from '../../model/index.ts';
import { normalizeName } from '../../numbers/text.ts';
import { resolveRubric, shippedRubrics } from './load.ts';
import type { Rubric } from './schema.ts';

export type Confidence = 'high' | 'medium' | 'low';

export interface RubricSelection {
  rubric: Rubric;
  confidence: Confidence;
  /** Chinese, one short reason each ("城市相符：湛江"). */
  reasons: string[];
  score: number;
  /** Chosen with --rubric. */
  overridden: boolean;
}

/** Below this a rubric is not applied at all. */
const MIN_SCORE = 4;

export function selectRubric(report: Report, override?: string, rubrics: Rubric[] = shippedRubrics()): RubricSelection | null {
  if (override) return { rubric: resolveRubric(override), confidence: 'high', reasons: ['由 --rubric 指定'], score: Infinity, overridden: true };
  const [best, ...rest] = rankRubrics(report, rubrics);
  if (!best || best.score < MIN_SCORE) return null;
  // Another form of the same city (自评工作考核 beside 自评表) complements the best match, it does not compete.
  const second = rest.find((s) => s.rubric.city !== best.rubric.city || s.rubric.kind === best.rubric.kind);
  const margin = best.score - (second?.score ?? 0);
  const confidence: Confidence = best.score >= 9 && margin >= 2 ? 'high' : best.score >= 6 && margin >= 1 ? 'medium' : 'low';
  return { ...best, confidence };
}

/** Every rubric with its match score, best first. */
export function rankRubrics(report: Report, rubrics: Rubric[] = shippedRubrics()): RubricSelection[] {
  const names = new Set(report.tables.flatMap((t) => flatten(t.roots)).map((n) => normalizeName(n.name)));
  const text = report.text.map((t) => t.text).join('\n');
  const flat = normalizeName(text);
  return rubrics
    .map((rubric) => scoreRubric(rubric, report, names, text, flat))
    .sort((a, b) => b.score - a.score);
}

function scoreRubric(rubric: Rubric, report: Report, names: Set<string>, text: string, flatText: string): RubricSelection {
  const reasons: string[] = [];
  let score = 0;
  const { city, year } = report.meta;
  if (rubric.city === null) {
    score += 1;
    reasons.push('通用规则（不限城市）');
  } else if (city === rubric.city) {
    score += 3;
    reasons.push(`城市相符：${city}`);
  } else if (city) {
    score -= 5;
    reasons.push(`城市不符：报告为${city}，规则为${rubric.city}`);
  }
  if (year !== null) {
    const inRange = year >= rubric.years[0] && year <= rubric.years[1];
    score += inRange ? 2 : -3;
    reasons.push(inRange ? `年度${year}在适用范围内` : `年度${year}不在适用范围${rubric.years[0]}—${rubric.years[1]}内`);
  }
  const markers = rubric.markers.filter((m) => text.includes(m));
  if (markers.length) {
    score += Math.min(2, markers.length * 0.5);
    reasons.push(`出现表式用语：${markers.slice(0, 4).join('、')}`);
  }
  const matched = rubric.indicators.filter((ind) => [...ind.names, ...ind.aliases].some((n) => names.has(normalizeName(n))));
  const inText = rubric.indicators.filter((ind) => [...ind.names, ...ind.aliases].some((n) => flatText.includes(normalizeName(n))));
  const share = Math.max(matched.length, inText.length * 0.8) / rubric.indicators.length;
  score += share * 5;
  reasons.push(`指标名称吻合 ${matched.length}/${rubric.indicators.length}（评分表）、${inText.length}/${rubric.indicators.length}（全文）`);
  return { rubric, confidence: 'low', reasons, score: Math.round(score * 100) / 100, overridden: false };
}

function flatten(nodes: IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** One line for a document's notes: which rubric was used and how sure the match is. */
export function describeSelection(selection: RubricSelection | null): string {
  if (!selection) return '未找到适用的评分规则，未按评分标准复算各项得分';
  const level = { high: '高', medium: '中', low: '低' }[selection.confidence];
  return `按评分规则“${selection.rubric.title}”（${selection.rubric.id}）复算，匹配把握：${level}；依据：${selection.reasons.join('；')}`;
}
