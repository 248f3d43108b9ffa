// What a rubric formula computes (the value, the scores each reading of the rubric allows) and what it
// may ask of the report (FormulaContext), with the small helpers every formula shares.
import { Decimal } from 'decimal.js';
import type { FormulaName, Formula, IndicatorSpec } from '../../rubrics/schema.ts';
import type { FoundFigure } from '../rubric/figures.ts';
import { show, type Interval, type Verdict } from '../../../numbers/interval.ts';

export interface Reading {
  /** Chinese description of the reading, when the wording allows several. */
  label: string | null;
  scores: Interval[];
  /** "0.04% ≤ 10% → 3分". */
  text: string;
  /** The value falls (partly) outside every band the rubric defines. */
  uncovered?: boolean;
}

export interface Computation {
  /** Chinese labels of the figures that could not be found. */
  missing: string[];
  inputs: FoundFigure[];
  /** The measured value (in % for rates), when the formula has one. */
  value?: Interval;
  /** "0.39万元 / (874.97万元 + 10.4万元) = 0.04%". */
  valueText?: string;
  /** What the score is judged on when it differs from `value` (the stated rate disagrees with it). */
  scoringValue?: Interval;
  /** The value as the report prints it, and how it compares with the recomputation. */
  stated?: FoundFigure;
  statedVerdict?: Verdict | 'undefined';
  /** More than one definition of the inputs was tried and they disagree (口径不明). */
  basisUncertain?: boolean;
  /** The inputs and the stated value were not found in one sentence or row of the report. */
  scattered?: boolean;
  readings: Reading[];
  /** Part of the weight is scored by this formula, the rest is qualitative (预算编制准确性 3 of 5). */
  part?: { points: Decimal; remainder: Decimal };
  /** A special case of the rubric applied ("上年度为0，本年度继续为0"). */
  special?: string;
  /** The inputs, named, when no value text shows them ("市委督查得分96.15分、政府督查得分100.5分"). */
  inputsText?: string;
  /** Single-part count ratios: the count and points, to tell whether a printed score is attainable at all. */
  countBasis?: { total: Decimal; points: Decimal };
}

export interface FormulaContext {
  indicator: IndicatorSpec;
  weight: Decimal;
  /** Resolves figures, preferring one sentence / row that holds them all. */
  resolve(ids: string[]): Map<string, FoundFigure | null>;
  /** Numbered list items ("项目 3 …完成情况：…") with whether each is marked not done. */
  enumerate(item: string, notDone: string): { number: string; notDone: boolean }[];
  /** A worked substitution printed after the indicator's name, if the rubric describes one. */
  substitution(): Map<string, FoundFigure> | null;
}

export type Impl<N extends FormulaName> = (formula: Extract<Formula, { name: N }>, ctx: FormulaContext) => Computation;

export const HUNDRED = new Decimal(100);
export const pct = (v: Interval) => `${show(mid(v))}%`;
export const mid = (v: Interval) => v.lo.plus(v.hi).div(2);
export const pts = (v: Decimal.Value) => `${show(new Decimal(v))}分`;
export const labelOf = (ctx: FormulaContext, id: string) => ctx.indicator.figures[id]?.label ?? id;

export function missingOf(ctx: FormulaContext, found: Map<string, FoundFigure | null>): string[] {
  return [...found].filter(([, f]) => f === null).map(([id]) => labelOf(ctx, id));
}

export const present = (found: Map<string, FoundFigure | null>) => [...found.values()].filter((f): f is FoundFigure => f !== null);
