// Rubric items that are defined by a formula but could not be recomputed: a figure the formula needs is
// not in the report, or the table's weight differs from the rubric's. Never a guess: the finding names
// what is missing.
import { verdictFor } from '../../recompute/rubric/verdict.ts';
import { show } from '../../../numbers/interval.ts';
import { defineRule } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'rubric/unverifiable',
    severity: 'info',
    description: '评分标准按公式计分的指标，因报告缺少所需数据（或分值与评分标准不同）而无法复算',
    basis: '评分标准所列计算公式需要的数据应能在报告（评分说明、正文、基础数据表）中找到',
  },
  check(_report, ctx) {
    const checked = ctx.rubric;
    if (checked.error) ctx.report({ message: `未能按评分规则复算：${checked.error}`, loc: {}, evidence: '', subject: '评分规则' });
    for (const outcome of checked.outcomes) {
      const c = outcome.computation;
      const base = { severity: 'info' as const, loc: outcome.loc, evidence: outcome.evidence, subject: outcome.subject };
      if (outcome.skipped && outcome.printed) {
        ctx.report({ ...base, message: `${outcome.subject}：${outcome.skipped}`, expected: null, actual: outcome.printed.quantity.value });
        continue;
      }
      if (!c || !outcome.printed) continue;
      if (c.missing.length && c.readings.length === 0) {
        ctx.report({
          ...base,
          message: `无法按评分标准复核${outcome.subject}的得分（表中${show(outcome.printed.quantity.value)}分）：报告中未找到${c.missing.join('、')}`,
          expected: null,
          actual: outcome.printed.quantity.value,
        });
        continue;
      }
      const verdict = c.readings.length ? verdictFor(outcome.printed.quantity, c.readings, c.part?.remainder ?? null) : null;
      if (verdict?.kind === 'uncovered')
        ctx.report({
          ...base,
          message: `${outcome.subject}：${verdict.reading.text}（评分标准未规定此情形），无法复核表中得分${show(outcome.printed.quantity.value)}分`,
          expected: null,
          actual: outcome.printed.quantity.value,
        });
    }
  },
});
