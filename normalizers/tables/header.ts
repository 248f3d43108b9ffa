// Header rows → column roles. Headers are hierarchical ("评价指标 / 一级指标 / 名称 | 分值"); a
// merged header cell is filled rightwards only under a parent that spans the same columns.
import type { Cell } from '../../model/index.ts';

export type Role =
  | { kind: 'name'; level: 1 | 2 | 3 }
  | { kind: 'weight'; level: 1 | 2 | 3 | null }
  | { kind: 'score' }
  | { kind: 'rate' }
  | { kind: 'description' }
  | { kind: 'criteria' }
  | { kind: 'explanation' }
  | { kind: 'target' }
  | { kind: 'actual' }
  | { kind: 'other' };

const HEADER_WORDS = /^(评价指标|绩效指标|一级指标|二级指标|三级指标|名称|分值|权重|权重\(%\)|权重（%）|指标说明|评分标准|评分说明|扣分说明|得分|评价得分|自评得分|评分|得分率|年度指标值|实际完成值|指标值|完成值|偏差原因分析|及改进措施|指标名称|序号|指标内涵|三级指标名称|一级指标名称|二级指标名称)+$/;

const norm = (text: string) => text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** Words that only a header cell contains; a PDF may drop a glyph ("偏差原因分析及改措施"), so cells need not be whole words. */
const HEADER_STEMS = /一级指标|二级指标|三级指标|指标名称|分值|权重|得分|评分|指标说明|指标内涵|扣分说明|偏差原因|年度指标值|实际完成值|序号/;

const isHeaderCell = (text: string) => HEADER_WORDS.test(text) || (HEADER_STEMS.test(text) && !/\d/.test(text) && text.length <= 20);

/** Header words, or header words with one stray glyph after them (a footnote mark, a seal's stroke read as "1"). */
const isHeaderWords = (text: string) => HEADER_WORDS.test(text) || HEADER_WORDS.test(text.slice(0, -1));

/** A header row: at least two header cells, at least two thirds of the filled cells, and no figures. */
export function isHeaderRow(row: Cell[]): boolean {
  const texts = row.map((c) => norm(c.text)).filter(Boolean);
  const headers = texts.filter(isHeaderCell).length;
  return headers >= 2 && headers * 3 >= texts.length * 2 && texts.every((t) => isHeaderWords(t) || !/\d/.test(t));
}

/** Leading header rows of a table. */
export function headerRowCount(rows: Cell[][]): number {
  let n = 0;
  while (n < rows.length && n < 4 && isHeaderRow(rows[n])) n++;
  return n;
}

/** Column paths like ["评价指标", "一级指标", "分值"], one per grid column. */
export function columnPaths(header: Cell[][]): string[][] {
  const width = Math.max(0, ...header.map((r) => r.length));
  const filled: string[][] = header.map(() => Array<string>(width).fill(''));
  header.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const own = norm(row[c]?.text ?? '');
      if (own) filled[r][c] = own;
      else if (c > 0 && filled[r][c - 1] && sameParent(filled, r, c)) filled[r][c] = filled[r][c - 1];
    }
  });
  return Array.from({ length: width }, (_, c) => withWrappedWordsJoined(filled.map((row) => row[c]).filter(Boolean)));
}

/**
 * A narrow header cell whose word wrapped into the next header row ("得" over "分"): pieces that are
 * no header word alone but one together are joined.
 */
function withWrappedWordsJoined(path: string[]): string[] {
  const out: string[] = [];
  for (const piece of path) {
    const above = out[out.length - 1];
    if (above !== undefined && !isHeaderCell(above) && !isHeaderCell(piece) && isHeaderCell(above + piece)) out[out.length - 1] = above + piece;
    else out.push(piece);
  }
  return out;
}

function sameParent(filled: string[][], r: number, c: number): boolean {
  if (r === 0) return false; // top row: an empty cell is its own (unlabelled) column group
  return filled[r - 1][c] !== '' && filled[r - 1][c] === filled[r - 1][c - 1];
}

export function roleOf(path: string[]): Role {
  const joined = path.join('/');
  const level = /一级/.test(joined) ? 1 : /二级/.test(joined) ? 2 : /三级/.test(joined) ? 3 : null;
  const last = path[path.length - 1] ?? '';
  if (/得分率/.test(last)) return { kind: 'rate' };
  if (/分值|权重/.test(last)) return { kind: 'weight', level };
  // One stray character after 指标 is a speck or a seal's stroke read as a glyph ("三级指标品").
  if (level !== null && (/名称|指标.?$/.test(last) || last === '')) return { kind: 'name', level };
  if (/指标说明|指标内涵/.test(joined)) return { kind: 'description' };
  if (/评分标准/.test(joined)) return { kind: 'criteria' };
  if (/评分说明|扣分说明|偏差原因/.test(joined)) return { kind: 'explanation' };
  if (/年度指标值|^指标值/.test(last)) return { kind: 'target' };
  if (/实际完成值|完成值/.test(last)) return { kind: 'actual' };
  if (/得分|评分$/.test(last)) return { kind: 'score' };
  return { kind: 'other' };
}

export interface Layout {
  roles: Role[];
  /** Column of the name at each level (absent when the table has no such level). */
  nameColumn: Partial<Record<1 | 2 | 3, number>>;
  weightColumn: Partial<Record<1 | 2 | 3, number>>;
  scoreColumn: number | null;
  width: number;
}

export function layoutOf(header: Cell[][]): Layout {
  const roles = columnPaths(header).map(roleOf);
  const nameColumn: Layout['nameColumn'] = {};
  const weightColumn: Layout['weightColumn'] = {};
  let scoreColumn: number | null = null;
  roles.forEach((role, c) => {
    if (role.kind === 'name' && nameColumn[role.level] === undefined) nameColumn[role.level] = c;
    if (role.kind === 'score' && scoreColumn === null) scoreColumn = c;
  });
  const deepest = ([3, 2, 1] as const).find((l) => nameColumn[l] !== undefined) ?? 3;
  // A weight column under a level heading, or right of that level's names, belongs to that level. A
  // bare 分值 with no name beside it goes to the deepest level only when no column claims it so: the
  // 分值 of a level whose heading OCR lost ("级指标") must not take the leaves' weights.
  const claimed = roles.map((role, c) => (role.kind === 'weight' ? (role.level ?? nearestNameLevelLeft(roles, c)) : null));
  claimed.forEach((level, c) => {
    if (level !== null && weightColumn[level] === undefined) weightColumn[level] = c;
  });
  roles.forEach((role, c) => {
    if (role.kind === 'weight' && claimed[c] === null && weightColumn[deepest] === undefined) weightColumn[deepest] = c;
  });
  return { roles, nameColumn, weightColumn, scoreColumn, width: roles.length };
}

function nearestNameLevelLeft(roles: Role[], column: number): 1 | 2 | 3 | null {
  const left = roles[column - 1];
  return left?.kind === 'name' ? left.level : null;
}

/** Enough structure to read indicators: a name column and a score column. */
export function isUsableLayout(layout: Layout): boolean {
  return Object.keys(layout.nameColumn).length > 0 && layout.scoreColumn !== null;
}
