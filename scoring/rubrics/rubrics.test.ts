// Every shipped rubric parses, names only implemented formulas, refers only to figures it defines,
// and its regular expressions compile; each stated-value figure's label is found by its own patterns.
import { describe, expect, it } from 'vitest';
import { FORMULAS } from '../recompute/formulas/index.ts';
import { formatRubricList } from './list.ts';
import { parseRubric, resolveRubric, shippedRubrics } from './load.ts';
import { FORMULA_NAMES, type Formula, type IndicatorSpec } from './schema.ts';

const rubrics = shippedRubrics();

function figureIds(formula: Formula): string[] {
  switch (formula.name) {
    case 'ratio':
      return [...formula.numerator, ...formula.denominators.flat(), ...(formula.stated ? [formula.stated] : [])];
    case 'change-rate':
      return [formula.current, formula.previous, ...(formula.stated ? [formula.stated] : [])];
    case 'average-scores':
      return formula.figures;
    case 'proportional':
      return [formula.actual, formula.plan, ...(formula.stated ? [formula.stated] : [])];
    case 'count-ratio':
      return formula.parts.flatMap((p) => [p.done, p.total]);
    case 'budget-deviation':
      return [formula.stated, ...(formula.final ? [formula.final] : []), ...(formula.budget ? [formula.budget] : [])];
    case 'ceiling-checks':
      return formula.parts.flatMap((p) => [p.actual, p.limit]);
    case 'target-achievement':
      return [];
  }
}

describe('shipped rubrics', () => {
  it('ships the Zhanjiang 2022, Zhanjiang 2018, Yueyang and national rubrics', () => {
    expect(rubrics.map((r) => r.id).sort()).toEqual(
      expect.arrayContaining(['zhanjiang-whole-2022', 'zhanjiang-whole-2018', 'yueyang-self-eval', 'yueyang-self-eval-work', 'national-self-eval']),
    );
  });

  it('implements every formula name the schema allows', () => {
    // target-achievement is computed per row of a self-evaluation form (scoring/recompute/rubric/targets.ts)
    expect([...Object.keys(FORMULAS), 'target-achievement'].sort()).toEqual([...FORMULA_NAMES].sort());
  });

  for (const rubric of rubrics)
    describe(rubric.id, () => {
      const formulaItems = rubric.indicators.filter((i): i is IndicatorSpec & { formula: Formula } => i.formula !== null);

      it('names only implemented formulas', () => {
        for (const item of formulaItems.filter((i) => i.formula.name !== 'target-achievement'))
          expect(typeof FORMULAS[item.formula.name as keyof typeof FORMULAS], `${item.id}: ${item.formula.name}`).toBe('function');
      });

      it('refers only to figures it defines', () => {
        for (const item of formulaItems)
          for (const id of figureIds(item.formula)) expect(item.figures[id], `${item.id} uses undefined figure ${id}`).toBeDefined();
      });

      it('has unique indicator ids and compiling patterns', () => {
        const ids = rubric.indicators.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of rubric.indicators)
          for (const figure of Object.values(item.figures))
            for (const p of [...figure.patterns, ...(figure.zeroPatterns ?? [])]) expect(() => new RegExp(p), `${item.id}: ${p}`).not.toThrow();
      });

      it('finds each stated value by its own label', () => {
        for (const item of formulaItems) {
          const stated = 'stated' in item.formula ? item.formula.stated : undefined;
          const figure = stated ? item.figures[stated] : undefined;
          if (figure) expect(figure.patterns.some((p) => new RegExp(p).test(figure.label)), `${item.id}: ${figure.label}`).toBe(true);
        }
      });

      it('keeps band edges ordered and points within the weight', () => {
        for (const item of formulaItems) {
          if (item.scoring?.kind !== 'bands') continue;
          for (const band of item.scoring.bands) {
            if (band.min !== undefined && band.max !== undefined) expect(Number(band.min)).toBeLessThanOrEqual(Number(band.max));
            if (item.weight !== null) expect(Number(band.points)).toBeLessThanOrEqual(Number(item.weight));
          }
        }
      });
    });

  it('rejects a rubric file that names an unknown formula, with a Chinese message', () => {
    const bad = JSON.stringify({ ...rubrics[0], indicators: [{ id: 'x', names: ['x'], weight: 1, formula: { name: 'magic' }, wording: 'x' }] });
    expect(() => parseRubric(bad, 'bad.json')).toThrow(/评分规则文件 bad\.json 格式不对/);
  });

  it('lists every shipped rubric for `jixiao rubrics`', () => {
    const listing = formatRubricList();
    for (const r of rubrics) expect(listing).toContain(r.id);
  });

  it('resolves --rubric by id and explains an unknown id', () => {
    expect(resolveRubric('zhanjiang-whole-2022').city).toBe('湛江');
    expect(() => resolveRubric('nowhere-1999')).toThrow(/找不到评分规则/);
  });
});
