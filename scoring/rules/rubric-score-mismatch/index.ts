// A score that a formula-defined rubric item does not allow: the report's own figures, put through the
// rubric's formula and bands, give another score than the one printed.
import type { Decimal } from 'decimal.js';
import type { Severity } from '../../../model/index.ts';
import type { Outcome } from '../../recompute/rubric/bind.ts';
import { judgedScore, outcomeVerdict, showScores, expectedScore } from '../../recompute/rubric/verdict.ts';
import { show } from '../../../numbers/interval.ts';
import { defineRule, type RuleContext } from '../../rule.ts';

export default defineRule({
  meta: {
    id: 'rubric/score-mismatch',
    severity: 'warning',
    description: '按评分标准用报告自身数据复算公式类指标的得分，与表中（或评分说明中）的得分不一致',
    basis: '评分表所附评分标准（如湛江市部门整体支出绩效评价指标评分表）；未印评分规则时按财预〔2020〕10号通行算法（仅提示）；数值按四舍五入区间比较',
  },
  check(_report, ctx) {
    for (const outcome of ctx.rubric.outcomes) checkOutcome(outcome, ctx);
  },
});

function checkOutcome(outcome: Outcome, ctx: RuleContext): void {
  const c = outcome.computation;
  if (!c) return;
  const verdict = outcomeVerdict(outcome);
  const assumed = outcome.rubric.basis === 'assumed';
  const severity: Severity = assumed ? 'info' : 'warning';
  const judged = judgedScore(outcome);
  const scored = judged?.quantity;
  const where = judged?.explained ? explainedWhere(judged.explained.text, judged.ofPart) : printedWhere(outcome);
  const calc = calculation(outcome);
  const uncertain = c.inputs.some((f) => f.quantity.uncertain) || outcome.printed?.quantity.uncertain === true;
  // A score and its inputs printed in one row of the table rest on that row, not on the table's columns.
  const evidenceKind = outcome.printed?.source === 'row' ? ('row' as const) : undefined;
  const base = { loc: outcome.loc, evidence: outcome.evidence, subject: outcome.subject, uncertain, evidenceKind };
  const basisNote = assumed ? `（报告未印评分规则，按通行算法复核，仅供参考；规则：${outcome.rubric.id}）` : '';
  if (verdict?.kind === 'mismatch' && scored) {
    ctx.report({
      ...base,
      severity,
      message: `${outcome.subject}：${calc}${discretionary(judged?.remainder ?? null)}，${where}为${show(scored.value)}分${unattainable(outcome, scored.value)}${basisNote}`,
      expected: expectedScore(verdict.reading),
      actual: scored.value,
      calculation: calc,
    });
  } else if (verdict?.kind === 'ambiguous' && scored) {
    const readings = [...verdict.disagreeing, ...verdict.agreeing].map((r) => `按“${r.label}”为${showScores(r)}`).join('；');
    const agreeing = verdict.agreeing.map((r) => `“${r.label}”`).join('或');
    ctx.report({
      ...base,
      severity: 'info',
      message: `${outcome.subject}：${ambiguity(outcome)}，${c.inputsText ?? c.valueText ?? ''}：${readings}。${where}为${show(scored.value)}分，与按${agreeing}的结果一致，请核实所用口径`,
      expected: expectedScore(verdict.disagreeing[0]),
      actual: scored.value,
      calculation: calc,
    });
  }
}

/** A composite row: the formula part's score plus at most the discretionary remainder. */
function discretionary(remainder: Decimal | null): string {
  return remainder && remainder.gt(0) ? `，另有酌情计分部分最多${show(remainder)}分` : '';
}

/** "以7个项目为分母，任何完成数都得不到1.5分". */
function unattainable(outcome: Outcome, score: Decimal): string {
  const basis = outcome.computation?.countBasis;
  if (!basis || basis.points.isZero()) return '';
  const done = score.div(basis.points).times(basis.total);
  const nearest = done.toDecimalPlaces(0);
  const reachable = nearest.div(basis.total).times(basis.points).toDecimalPlaces(2).eq(score);
  return reachable ? '' : `；以${basis.total.toFixed()}为分母，任何完成数都得不到${show(score)}分`;
}

function explainedWhere(text: string, ofPart: boolean): string {
  return ofPart ? `评分说明所写本部分得分（“${text}”）` : `评分说明所写本项得分（“${text}”，含按公式计分部分和酌情计分部分）`;
}

function printedWhere(outcome: Outcome): string {
  switch (outcome.printed?.source) {
    case 'deductions':
      return outcome.printed.quantity.raw === '未列入扣分点'
        ? '报告所列主要扣分点未包括此项（扣分合计与总分相加为100分，即此项得满分），得分'
        : `报告所列扣分（“${outcome.printed.quantity.raw}”）对应的得分`;
    case 'budget-row':
      return '自评表中的得分';
    case 'row':
      return '评分表该行（版面错乱，按行识读）的得分';
    default:
      return '表中得分';
  }
}

/** What makes the rubric readable two ways: its step wording, or a case it does not address. */
function ambiguity(outcome: Outcome): string {
  const m = /每(?:增加|超出|超过)[^，,。；;]{0,20}/.exec(outcome.indicator.wording);
  return m ? `评分标准“${m[0]}”措辞可有不同理解` : '评分标准对此情形未作规定，可有不同算法';
}

/** The whole calculation: value, special case, bands. */
export function calculation(outcome: Outcome): string {
  const c = outcome.computation;
  if (!c) return '';
  const label = outcome.indicator.figures[outcomeStatedId(outcome) ?? '']?.label ?? outcome.subject;
  const parts: string[] = [];
  if (c.special) parts.push(c.special);
  else {
    if (c.inputsText) parts.push(c.inputsText);
    if (c.valueText) parts.push(`${label} = ${c.valueText}`);
    const [first] = c.readings;
    if (first && !first.label) parts.push(first.text);
    else if (first && (outcome.indicator.scoring?.kind === 'over-limit' || c.part))
      parts.push(`${first.text.split(' → ')[0]}，${c.readings.map((r) => `按“${r.label}”得${showScores(r)}`).join('，')}`);
    else if (first) parts.push(c.readings.map((r) => `${r.label}：${r.text}`).join('；'));
  }
  return parts.join('，');
}

function outcomeStatedId(outcome: Outcome): string | undefined {
  const f = outcome.indicator.formula;
  return f && 'stated' in f ? f.stated : undefined;
}
