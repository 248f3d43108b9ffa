// `jixiao rubrics`: the shipped rubrics, one block each (id, title, city, years, kind, formula items).
import { shippedRubrics } from './load.ts';
import type { Rubric } from './schema.ts';

export function formatRubricList(rubrics: Rubric[] = shippedRubrics()): string {
  return rubrics.map(formatRubric).join('\n\n');
}

function formatRubric(r: Rubric): string {
  const formulas = r.indicators.filter((i) => i.formula);
  const basis = r.basis === 'printed' ? '评分标准见于报告原文' : '报告未印规则时的通行算法（结果仅作提示）';
  return [
    `${r.id}  ${r.title}`,
    `  城市：${r.city ?? '不限'}  年度：${r.years[0]}—${r.years[1]}  类型：${r.kind}  依据：${basis}`,
    `  指标 ${r.indicators.length} 项，其中按公式复算 ${formulas.length} 项：${formulas.map((i) => `${i.names[0]}（${i.formula?.name}）`).join('、')}`,
  ].join('\n');
}
