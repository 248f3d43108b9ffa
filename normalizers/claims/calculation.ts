// Stated calculations: "<formula> = <result>" wherever the report writes one out, in a paragraph or
// a table cell: "7/8*2=1.75分", "12337.00+68951.26=81288.26 元",
// "(13,368,029.63 元 - 28,921,800 元) / 28,921,800 元 * 100% = -53.78%", "(0 / 0 - 1) × 100% = -100%".
// Formulas written in words ("支出完成率=实际支出/预算数×100%") carry no numbers and are skipped.
import { Decimal } from 'decimal.js';
import type { Claim, ClaimOf, Quantity, Report, Unit } from '../../model/index.ts';
import { operandsOf, suffixFormulas, type NumNode } from './expression.ts';
import { allSegments, locAt, sentenceAround, type Segment } from './segments.ts';
import { DIGITS, UNIT, UNITS, decimalsOf, plainDigits } from '../../numbers/vocabulary.ts';

const RESULT = new RegExp(`^\\s*(-?)\\s*(${DIGITS})\\s*(${UNIT})?`);
/** The longest run of formula characters at the end of the left-hand side. */
const FORMULA_TAIL = new RegExp(`[\\d.,%()[\\]+\\-*/×÷\\s${[...new Set(UNITS.join(''))].join('')}]*$`);
/** Right-hand side that goes on as a formula: its value is the left side of the next "=". */
const CONTINUES = /^\s*[+\-*/×÷(\d]/;

export function extractCalculations(text: Report['text']): Claim[] {
  return allSegments(text).flatMap(calculationsIn);
}

/** A letter x between figures is a multiplication sign ("863.47X100%": typed so, or × as OCR reads it); one character for one, so offsets hold. */
const withTimesSigns = (text: string) => text.replace(/(?<=[\d%)]\s*)[xX](?=\s*[\d(])/g, '×');

export function calculationsIn(segment: Segment): ClaimOf<'calculation'>[] {
  const claims: ClaimOf<'calculation'>[] = [];
  const parts = withTimesSigns(segment.text).split('=');
  let offset = 0;
  for (let i = 0; i < parts.length - 1; i++) {
    const left = parts[i];
    const leftStart = offset;
    offset += left.length + 1;
    const right = parts[i + 1];
    const result = RESULT.exec(right);
    if (!result || CONTINUES.test(right.slice(result[0].length))) continue;
    const tail = FORMULA_TAIL.exec(left)?.[0] ?? '';
    const [longest] = suffixFormulas(tail);
    if (!longest || isFragment(tail.slice(0, longest.offset))) continue;
    const start = leftStart + left.length - tail.length + longest.offset;
    const loc = locAt(segment, start);
    claims.push({
      kind: 'calculation',
      expression: longest.text,
      operands: operandsOf(longest.ast).map((n) => operandQuantity(n, loc)),
      ast: longest.ast,
      result: resultQuantity(result, loc),
      loc,
      evidence: sentenceAround(segment.text, start, offset + result[0].length),
    });
  }
  return claims;
}

/**
 * The longest formula that parses starts right after "/", "*", "×" or "÷": it is the end of a longer
 * formula that does not parse (a bracket garbled by OCR: "(13368029.63\\text{元)+8674378.51-22562100.04元)/22562100.04元*100%"),
 * and the stated result belongs to the whole of it. Or it starts right after a figure and a space:
 * one figure broken in two, its point lost ("26,934,591 63×100%" for "26,934,591.63×100%").
 */
const isFragment = (before: string) => /[*/×÷\d]$/.test(before.trimEnd());

function operandQuantity(node: NumNode, loc: Quantity['loc']): Quantity {
  return { value: new Decimal(node.value), decimals: node.decimals, unit: node.unit as Unit, raw: node.raw, loc };
}

function resultQuantity(m: RegExpExecArray, loc: Quantity['loc']): Quantity {
  const digits = plainDigits(m[2]);
  const value = new Decimal(digits);
  return {
    value: m[1] === '-' ? value.negated() : value,
    decimals: decimalsOf(digits),
    unit: (m[3] ?? '') as Unit,
    raw: m[0].trim(),
    loc,
  };
}
