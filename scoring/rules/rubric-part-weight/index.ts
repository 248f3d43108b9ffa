// A table row whose 评分标准 splits the indicator into parts of equal points ("分值各占2分") and whose
// 评分说明 works one part out on more than a part's points ("8/9*4=3.56分") while another part of the
// same row uses the part's points ("7/8*2=1.75分"): that part is overstated.
import { Decimal } from 'decimal.js';
import { defineRule } from '../../rule.ts';

/** "两部分，分值各占2分": the points of each part. */
const EACH_PART = /各占\s*(\d+(?:\.\d+)?)\s*分/;
/** "8/9*4=3.56分", "7／8×2＝1.75分": a share of some points, worked out. */
const SHARE = /(\d+(?:\.\d+)?)\s*[/／÷]\s*(\d+(?:\.\d+)?)\s*[*×xX]\s*(\d+(?:\.\d+)?)\s*分?\s*[=＝]\s*(\d+(?:\.\d+)?)\s*分/g;

interface Share {
  done: Decimal;
  planned: Decimal;
  points: Decimal;
  result: string;
  text: string;
}

export default defineRule({
  meta: {
    id: 'rubric/part-weight',
    severity: 'warning',
    description: '评分标准规定指标分几部分、每部分若干分，评分说明却按整项分值计算其中一部分（同一行的另一部分按部分分值计算）',
    basis: '报告本行印出的评分标准（“分值各占N分”）；同一行另一部分按N分计算，表明该部分分值应为N分',
    evidence: 'row',
  },
  check(report, ctx) {
    for (const row of report.text) {
      if (row.loc.table == null) continue;
      const part = EACH_PART.exec(row.text);
      if (!part) continue;
      const partPoints = new Decimal(part[1]);
      const shares = sharesIn(row.text);
      if (!shares.some((s) => s.points.eq(partPoints))) continue;
      for (const share of shares.filter((s) => s.points.gt(partPoints) && s.planned.gt(0))) {
        const decimals = (share.result.split('.')[1] ?? '').length;
        const expected = share.done.div(share.planned).times(partPoints).toDecimalPlaces(Math.max(decimals, 2));
        ctx.report({
          message: `评分标准规定每部分${partPoints.toFixed()}分，评分说明“${share.text}”按${share.points.toFixed()}分计算；按每部分${partPoints.toFixed()}分应为${share.done.toFixed()}/${share.planned.toFixed()}×${partPoints.toFixed()} = ${expected.toFixed()}分`,
          expected: expected.toFixed(),
          actual: share.result,
          loc: row.loc,
          evidence: row.text.replace(/\t+/g, ' | '),
          subject: null,
          calculation: `${share.done.toFixed()}/${share.planned.toFixed()} × ${partPoints.toFixed()} = ${expected.toFixed()}`,
        });
      }
    }
  },
});

function sharesIn(text: string): Share[] {
  return [...text.matchAll(SHARE)].map((m) => ({ done: new Decimal(m[1]), planned: new Decimal(m[2]), points: new Decimal(m[3]), result: m[4], text: m[0] }));
}
