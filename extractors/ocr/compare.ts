// How faithfully OCR rebuilt a table: grid shape (size, merged cells) and the figures, compared
// cell by cell with the same table read from a text layer. Used by the OCR tests and the bench.
import type { Table } from '../../model/index.ts';

export interface TableAgreement {
  /** Same number of rows and columns, and the same merged cells (spans and covered positions). */
  sameShape: boolean;
  /** Cells of the expected table that hold at least one figure. */
  numericCells: number;
  /** Of those, cells where OCR read exactly the same figures. */
  agreeing: number;
  ratio: number;
  mismatches: Array<{ row: number; column: number; expected: string; actual: string }>;
}

const FIGURES = /[-+]?\d+(?:\.\d+)?%?/g;

export const figuresOf = (text: string): string[] => text.replace(/\s+/g, '').match(FIGURES) ?? [];

export function compareTables(expected: Table, actual: Table): TableAgreement {
  const shape = (t: Table) => t.rows.map((row) => row.map((c) => (c.covered ? 'x' : `${c.rowSpan ?? 1}/${c.colSpan ?? 1}`)).join(',')).join(';');
  const result: TableAgreement = { sameShape: shape(expected) === shape(actual), numericCells: 0, agreeing: 0, ratio: 1, mismatches: [] };
  expected.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const want = figuresOf(cell.text);
      if (!want.length) return;
      result.numericCells++;
      const gotText = actual.rows[r]?.[c]?.text ?? '';
      if (want.join(' ') === figuresOf(gotText).join(' ')) result.agreeing++;
      else result.mismatches.push({ row: r + 1, column: c + 1, expected: cell.text, actual: gotText });
    }),
  );
  result.ratio = result.numericCells ? result.agreeing / result.numericCells : 1;
  return result;
}
