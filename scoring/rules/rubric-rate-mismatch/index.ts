// A rate the report states for a rubric item (支出完成率 98.96%, 存量资金变动率 −43.43%) that its own
// figures, put through the rubric's formula, do not give.
import type { Outcome } from '../../recompute/rubric/bind.ts';
import { mid } from '../../recompute/formulas/index.ts';
import { defineRule, type RuleContext } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'rubric/rate-mismatch',
    severity: 'warning',
    description: '报告所述的指标比率（如支出完成率、存量资金变动率）与按评分标准公式用报告数据复算的结果不一致',
    basis: '评分标准所列计算公式；数值按四舍五入区间比较（截断差异不报）；口径有多种可能时仅作提示',
  },
  check(_report, ctx) {
    for (const outcome of ctx.rubric.outcomes) checkOutcome(outcome, ctx);
  },
});

function checkOutcome(outcome: Outcome, ctx: RuleContext): void {
  const c = outcome.computation;
  const stated = c?.stated;
  // Budget rows of self-evaluation forms are checked by score/rate-mismatch.
  if (!c || !stated || outcome.printed?.source === 'budget-row') return;
  const label = stated.spec.label;
  const base = {
    loc: stated.entry.loc,
    evidence: stated.entry.text.slice(Math.max(0, stated.at - 120), stated.at + 40).trim(),
    subject: outcome.subject,
    uncertain: c.inputs.some((f) => f.quantity.uncertain),
  };
  if (c.statedVerdict === 'undefined') {
    ctx.report({
      ...base,
      severity: 'info',
      message: `${outcome.subject}：${c.special ?? '除数为0，比率无法按公式计算'}；报告写${label}为${stated.shown}，该比率实际无法计算（除数为0）${c.special ? '，不影响得分' : ''}`,
      expected: null,
      actual: stated.quantity.value,
      calculation: c.special ?? null,
    });
    return;
  }
  if (c.statedVerdict !== 'mismatch' || !c.value) return;
  const uncertainBasis = c.basisUncertain || c.scattered || outcome.rubric.basis === 'assumed';
  const note = c.basisUncertain
    ? '（报告所用口径不明，已按评分标准列出的几种口径复算，均不相符，请核实）'
    : c.scattered
      ? '（所用数据取自报告不同位置，可能并非同一口径，请核实）'
      : '';
  ctx.report({
    ...base,
    severity: uncertainBasis ? 'info' : 'warning',
    message: `${outcome.subject}：${label} = ${c.valueText}，报告写${stated.shown}${note}`,
    expected: mid(c.value).toDecimalPlaces(stated.quantity.decimals, 4).toFixed(stated.quantity.decimals),
    actual: stated.quantity.value,
    calculation: `${label} = ${c.valueText}`,
  });
}

