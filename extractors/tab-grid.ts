// A grid of tab stops (k × step from a margin), fitted to where text resumes after gaps: shared by the
// text-PDF reader of tab-laid documents (pdf/tabbed.ts) and the OCR one (ocr/tabbed.ts).

/** Whether a position (from the margin) lies within `tolerance` of a stop k × step, k ≥ 1. */
export function onGrid(position: number, step: number, tolerance: number): boolean {
  const k = Math.round(position / step);
  return k >= 1 && Math.abs(position - k * step) <= tolerance;
}

/** Least-squares step through positions that are each k × step. */
export function refineStep(positions: number[], step: number): number {
  let num = 0;
  let den = 0;
  for (const p of positions) {
    const k = Math.round(p / step);
    num += p * k;
    den += k * k;
  }
  return den ? num / den : step;
}
