// For every shipped rubric: hand-built reports on both sides of every band edge (and of every
// "100%以下(含)计满分" limit), scored right and scored wrong. The report states the rate in the
// indicator's 评分说明; the rule must accept the right score and flag the wrong one.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { node, report, table } from '../../../test/helpers/report.ts';
import { runRules } from '../../engine.ts';
import rubricScoreMismatch from '../../rules/rubric-score-mismatch/index.ts';
import { shippedRubrics } from '../../rubrics/load.ts';
import type { Band, IndicatorSpec, Rubric } from '../../rubrics/schema.ts';
import { scoreValue } from '../formulas/index.ts';
import { exact } from '../../../numbers/interval.ts';

const findingsFor = (rubric: Rubric, item: IndicatorSpec, rate: string, score: string) => {
  const stated = item.formula && 'stated' in item.formula ? item.formula.stated : undefined;
  const label = stated ? item.figures[stated].label : '';
  const row = node(3, item.names[0], String(item.weight), score, [], { explanation: `经核实，${label}为${rate}%。本项得${score}分。` });
  const r = report({ tables: [table([row])] });
  return runRules(r, { rubric: rubric.id }, [rubricScoreMismatch]);
};

const contains = (b: Band, v: number) =>
  (b.min === undefined || v > Number(b.min) || (b.minInclusive && v === Number(b.min))) &&
  (b.max === undefined || v < Number(b.max) || (b.maxInclusive && v === Number(b.max)));

const statedItems = (rubric: Rubric) =>
  rubric.indicators.filter((i) => i.formula && 'stated' in i.formula && i.formula.stated && i.weight !== null && i.printed === 'node');

const banded = (rubric: Rubric) => statedItems(rubric).some((i) => i.scoring?.kind === 'bands' || i.scoring?.kind === 'over-limit');

for (const rubric of shippedRubrics().filter(banded))
  describe(`${rubric.id}: band edges`, () => {
    for (const item of statedItems(rubric)) {
      const scoring = item.scoring;
      if (scoring?.kind === 'bands') {
        const edges = [...new Set(scoring.bands.flatMap((b) => [b.min, b.max]).filter((e) => e !== undefined).map(Number))];
        for (const edge of edges)
          for (const v of [edge - 0.5, edge + 0.5]) {
            const band = scoring.bands.find((b) => contains(b, v));
            if (!band) continue;
            const right = String(band.points);
            const wrong = scoring.bands.find((b) => Number(b.points) !== Number(band.points));
            it(`${item.names[0]} ${v}% → ${right}分`, () => {
              expect(findingsFor(rubric, item, v.toFixed(2), right)).toEqual([]);
              if (wrong) {
                const found = findingsFor(rubric, item, v.toFixed(2), String(wrong.points));
                expect(found).toHaveLength(1);
                expect(found[0].expected).toBe(new Decimal(band.points).toFixed(2).replace(/\.?0+$/, ''));
                expect(found[0].severity).toBe(rubric.basis === 'printed' ? 'warning' : 'info');
              }
            });
          }
        it(`${item.names[0]}: an edge value is scored by its inclusive side`, () => {
          for (const edge of edges) {
            const inclusive = scoring.bands.find((b) => contains(b, edge));
            const [reading] = scoreValue(exact(edge), scoring, new Decimal(item.weight ?? 0));
            if (inclusive) expect(reading.scores.map((s) => s.lo.toNumber())).toEqual([Number(inclusive.points)]);
            else expect(reading.uncovered).toBe(true);
          }
        });
      }
      if (scoring?.kind === 'over-limit') {
        const limit = Number(scoring.limit);
        const full = String(item.weight);
        it(`${item.names[0]} ${limit - 0.5}% ≤ ${limit}% → 满分`, () => {
          expect(findingsFor(rubric, item, (limit - 0.5).toFixed(2), full)).toEqual([]);
          expect(findingsFor(rubric, item, (limit - 0.5).toFixed(2), '0')).toHaveLength(1);
        });
        it(`${item.names[0]} ${limit + 3}%: three points over the limit`, () => {
          const right = new Decimal(item.weight ?? 0).minus(new Decimal(scoring.deduct).times(3)).toFixed();
          expect(findingsFor(rubric, item, (limit + 3).toFixed(2), right)).toEqual([]);
          expect(findingsFor(rubric, item, (limit + 3).toFixed(2), full)).toHaveLength(1);
        });
      }
    }
  });

describe('zhanjiang-whole-2022: special cases', () => {
  const rubric = shippedRubrics().find((r) => r.id === 'zhanjiang-whole-2022') as Rubric;
  const item = (id: string) => rubric.indicators.find((i) => i.id === id) as IndicatorSpec;
  const run = (name: string, weight: string, score: string, explanation: string) =>
    runRules(report({ tables: [table([node(3, name, weight, score, [], { explanation })])] }), { rubric: rubric.id }, [rubricScoreMismatch]);

  it('both years of 存量资金 zero → full marks, not a band', () => {
    const name = item('stock-funds-change').names[0];
    expect(run(name, '3', '3', '上一年度年末存量资金0元，当年年末存量资金0元。本项得3分。')).toEqual([]);
    expect(run(name, '3', '1', '上一年度年末存量资金0元，当年年末存量资金0元。本项得1分。')).toHaveLength(1);
  });

  it('actual purchases above plan → 0', () => {
    const name = item('procurement-execution').names[0];
    expect(run(name, '2', '0', '政府采购计划20万元，实际采购金额25万元。')).toEqual([]);
    const [f] = run(name, '2', '2', '政府采购计划20万元，实际采购金额25万元。');
    expect(f.expected).toBe('0');
  });

  it('政府采购执行率 below plan → points × rate', () => {
    const name = item('procurement-execution').names[0];
    expect(run(name, '2', '1.6', '政府采购计划20万元，实际采购金额16万元。')).toEqual([]);
    expect(run(name, '2', '2', '政府采购计划20万元，实际采购金额16万元。')[0].expected).toBe('1.6');
  });
});
