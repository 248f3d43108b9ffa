// The rendered-report model: paragraphs and tables (a grid with real merges), independent of format.
import { Decimal } from 'decimal.js';

export interface GridCell {
  text: string;
  rowspan: number;
  colspan: number;
}
/** A table as a grid: a cell where a merged region starts, null where it is covered. */
export type Grid = (GridCell | null)[][];

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; grid: Grid; sheet?: string };

export interface RenderedReport {
  title: string;
  landscape: boolean;
  blocks: Block[];
}

// ---------- building tables ----------

export interface HeaderCell {
  text: string;
  rowspan?: number;
  colspan?: number;
}
/** A body cell; cells with a `key` are parent cells that get merged, filled down or blanked. */
export interface BodyCell {
  text: string;
  key?: string;
  colspan?: number;
}
export type ParentMode = 'merged' | 'filled' | 'blank';

/** Builds the grid of a table from explicit header rows and full-width body rows. */
export function buildGrid(header: HeaderCell[][], body: BodyCell[][], mode: ParentMode): Grid {
  const width = Math.max(...[...header, ...body].map((row) => row.reduce((n, c) => n + (c.colspan ?? 1), 0)));
  const grid: Grid = [];
  const covered = new Set<string>();
  const put = (rows: HeaderCell[][], offset: number) => {
    rows.forEach((row, r) => {
      const line: (GridCell | null)[] = new Array(width).fill(null);
      let c = 0;
      for (const cell of row) {
        while (covered.has(`${offset + r},${c}`)) c++;
        const rowspan = cell.rowspan ?? 1;
        const colspan = cell.colspan ?? 1;
        line[c] = { text: cell.text, rowspan, colspan };
        for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) if (dr || dc) covered.add(`${offset + r + dr},${c + dc}`);
        c += colspan;
      }
      grid.push(line);
    });
  };
  put(header, 0);
  const start = grid.length;
  const keyed: (string | undefined)[][] = [];
  for (const row of body) {
    const line: (GridCell | null)[] = new Array(width).fill(null);
    const keys: (string | undefined)[] = new Array(width).fill(undefined);
    let c = 0;
    for (const cell of row) {
      const colspan = cell.colspan ?? 1;
      line[c] = { text: cell.text, rowspan: 1, colspan };
      keys[c] = cell.key;
      c += colspan;
    }
    grid.push(line);
    keyed.push(keys);
  }
  applyParentMode(grid, keyed, start, mode);
  return grid;
}

function applyParentMode(grid: Grid, keys: (string | undefined)[][], start: number, mode: ParentMode): void {
  if (mode === 'filled') return;
  const width = grid[0].length;
  for (let c = 0; c < width; c++) {
    let r = 0;
    while (r < keys.length) {
      const key = keys[r][c];
      let end = r + 1;
      while (key && end < keys.length && keys[end][c] === key) end++;
      if (key && end - r > 1) {
        for (let k = r + 1; k < end; k++) {
          if (mode === 'merged') grid[start + k][c] = null;
          else grid[start + k][c] = { text: '', rowspan: 1, colspan: 1 };
        }
        if (mode === 'merged') grid[start + r][c] = { ...grid[start + r][c]!, rowspan: end - r };
      }
      r = end;
    }
  }
}

/** Cuts a grid before row `at`: merges that cross the cut end there and continue as empty merged cells. */
export function cutGrid(grid: Grid, at: number): [Grid, Grid] {
  const top = grid.slice(0, at).map((row) => row.map((c) => (c ? { ...c } : null)));
  const bottom = grid.slice(at).map((row) => row.map((c) => (c ? { ...c } : null)));
  grid.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!cell || r >= at || r + cell.rowspan <= at) return;
      top[r][c] = { ...cell, rowspan: at - r };
      bottom[0][c] = { text: '', rowspan: r + cell.rowspan - at, colspan: cell.colspan };
    });
  });
  return [top, bottom];
}

/** Inserts copies of the header rows before body row `at` (a header repeated on a new page). */
export function repeatHeader(grid: Grid, headerRows: number, at: number): Grid {
  const [top, bottom] = cutGrid(grid, at);
  const header = grid.slice(0, headerRows).map((row) => row.map((c) => (c ? { ...c } : null)));
  return [...top, ...header, ...bottom];
}

// ---------- numbers as reports print them ----------

export type MoneyUnit = '元' | '万元' | '亿元';
const UNIT_DECIMALS: Record<MoneyUnit, number> = { 元: 2, 万元: 2, 亿元: 4 };
const UNIT_SCALE: Record<MoneyUnit, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

export interface NumberStyle {
  thousands: boolean;
  fullWidth: boolean;
}

/** A 元 amount expressed in `unit`, rounded half-up as printed (decimal string, no separators). */
export function inUnit(yuan: Decimal, unit: MoneyUnit): Decimal {
  return yuan.div(UNIT_SCALE[unit]).toDecimalPlaces(UNIT_DECIMALS[unit], Decimal.ROUND_HALF_UP);
}

export function unitDecimals(unit: MoneyUnit): number {
  return UNIT_DECIMALS[unit];
}

export function formatFixed(value: Decimal, decimals: number, style: NumberStyle = { thousands: false, fullWidth: false }): string {
  let text = value.toFixed(decimals);
  if (style.thousands) {
    const [int, frac] = text.split('.');
    const sign = int.startsWith('-') ? '-' : '';
    const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    text = sign + digits + (frac !== undefined ? `.${frac}` : '');
  }
  return style.fullWidth ? toFullWidth(text) : text;
}

/** A score or weight as tables print it: no trailing zeros (95.5, 3.92, 100). */
export function formatScore(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
}

export function toFullWidth(text: string): string {
  return text.replace(/[0-9.%]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/** A percentage printed with two decimals; `truncate` prints it cut off, as some reports do. */
export function formatPercent(ratio: Decimal, truncate = false): string {
  const pct = ratio.times(100);
  return pct.toDecimalPlaces(2, truncate ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP).toFixed(2);
}
