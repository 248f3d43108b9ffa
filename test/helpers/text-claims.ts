// Small reports written as text lines for the text-arithmetic rules: lines with tabs become table rows
// (consecutive tab lines form one table), the claims come from the real extractors.
import type { Claim, Report } from '../../model/index.ts';
import { textArithmeticExtractors } from '../../normalizers/claims/index.ts';
import { report } from './report.ts';

export function textItems(lines: string[]): Report['text'] {
  let table = 0;
  let row = 0;
  return lines.map((text, i) => {
    const line = i + 1;
    if (!text.includes('\t')) {
      row = 0;
      return { text, loc: { line } };
    }
    if (row === 0) table++;
    row++;
    return { text, loc: { line, table, row } };
  });
}

export function claimsOf(lines: string[]): Claim[] {
  const text = textItems(lines);
  return textArithmeticExtractors.flatMap((extract) => extract(text, []));
}

/** A report whose text and claims come from the given lines. */
export function textReport(lines: string[], extra: Partial<Report> = {}): Report {
  const r = report();
  return { ...r, text: textItems(lines), claims: claimsOf(lines), ...extra };
}
