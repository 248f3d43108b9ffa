import { Decimal } from 'decimal.js';
import type { IndicatorNode } from '../../../model/index.ts';
import { leaves } from '../../recompute/tree.ts';
import { defineRule } from '../../rule.ts';
import { scrambledRowStatements } from './scrambled-rows.ts';
import { scoreStatements, type ScoreStatements } from './statements.ts';

export default defineRule({
  meta: {
    id: 'score/explanation-mismatch',
    severity: 'error',
    description: '评分说明中写明的得分（“本项得分X分”“扣X分”“得满分”）应与得分栏一致',
    basis: '评分说明是该项得分的依据，两者应为同一数值；版面错乱的表格只按单行文字识读（该行自身同时印有评分说明所写得分与得分），报警告',
    evidence: 'row',
  },
  check(report, ctx) {
    for (const table of report.tables.filter((t) => t.quality !== 'unreadable')) {
      for (const leaf of leaves(table.roots)) {
        if (!leaf.score || !leaf.explanation) continue;
        const said = statedScore(leaf, scoreStatements(leaf.explanation));
        if (!said || said.value.eq(leaf.score.value)) continue;
        ctx.report({
          message: `“${leaf.name}”评分说明称${said.how}，但得分栏为${leaf.score.value.toFixed()}分`,
          expected: said.value.toFixed(),
          actual: leaf.score.value.toFixed(),
          loc: leaf.score.loc,
          evidence: leaf.explanation,
          subject: leaf.name,
          calculation: said.calculation,
          // The score comes from the 得分 column and the explanation from its own column.
          evidenceKind: 'structure',
        });
      }
    }
    for (const row of scrambledRowStatements(report)) {
      if (row.said.eq(row.score.value)) continue;
      ctx.report({
        message: `评分说明称“${row.explanation}”（得${row.said.toFixed()}分），但同一行末的得分为${row.score.value.toFixed()}分（该表版面错乱，按该行文字识读）`,
        severity: 'warning',
        expected: row.said.toFixed(),
        actual: row.score.value.toFixed(),
        loc: row.loc,
        evidence: row.evidence,
        subject: null,
        calculation: `分值${row.weight.toFixed()}，评分说明得分${row.said.toFixed()} ≠ 行末得分${row.score.value.toFixed()}`,
      });
    }
  },
});

interface SaidScore {
  value: Decimal;
  how: string;
  calculation: string | null;
}

/**
 * The score the explanation implies, or null when it implies none or is consistent in some reading:
 * several partial scores ("…得分2.5分。…本项得2分") may add up to the total, and any single
 * statement equal to the column is taken as agreement.
 */
function statedScore(leaf: IndicatorNode, said: ScoreStatements): SaidScore | null {
  const column = leaf.score!.value;
  const { scores, deductions } = said;
  if (scores.length) {
    const total = scores.reduce((a, b) => a.plus(b), new Decimal(0));
    if (scores.some((s) => s.eq(column)) || (scores.length > 1 && total.eq(column))) return null;
    const last = scores[scores.length - 1];
    return { value: last, how: `本项得分${last.toFixed()}分`, calculation: scores.length > 1 ? `说明中的得分：${scores.map((s) => s.toFixed()).join('、')}` : null };
  }
  if (deductions.length && leaf.weight) {
    const total = deductions.reduce((a, b) => a.plus(b), new Decimal(0));
    const expected = leaf.weight.value.minus(total);
    if (expected.eq(column)) return null;
    return { value: expected, how: `扣${total.toFixed()}分`, calculation: `${leaf.weight.value.toFixed()} − ${total.toFixed()} = ${expected.toFixed()}` };
  }
  if (said.fullMarks && leaf.weight && !leaf.weight.value.eq(column)) {
    return { value: leaf.weight.value, how: '本项得满分', calculation: `满分 = 分值 ${leaf.weight.value.toFixed()}` };
  }
  return null;
}
