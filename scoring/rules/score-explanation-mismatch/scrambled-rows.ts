// Rows of a table too scrambled to rebuild, read on their own: a row whose last two cells are a
// 评分说明 that ends in its own score ("…变动率-99.23%，得0分。") and a bare number (the row's score),
// with the row's weight printed earlier in the same row. Column positions are not trusted; only the
// row's own text, which carries both numbers.
import { Decimal } from 'decimal.js';
import type { Loc, Quantity, Report } from '../../../model/index.ts';
import { parseNumericCell } from '../../../numbers/quantity.ts';
import { cleanText } from '../../../numbers/text.ts';
import { scoreStatements } from './statements.ts';

export interface RowStatement {
  said: Decimal;
  score: Quantity;
  weight: Decimal;
  explanation: string;
  loc: Loc;
  evidence: string;
}

/** "…，得0分。" closing the cell: the explanation's verdict on this row. */
const CLOSING_SCORE = /[，,。；;]\s*(?:最终|最后|综合|合计)?得\s*(\d+(?:\.\d+)?)\s*分\s*[。.]?\s*$/;
/** Rubric wording ("…的，得3分；…的，得2分") is not an explanation. */
const RUBRIC_WORDING = /的\s*[，,]?\s*得\s*\d/;
/** A cell cut off inside a score statement ("…本项得2" whose "分。" went to the next row): it says more than can be read. */
const CUT_SCORE = /得(?:分)?\s*(?:为)?\s*\d+(?:\.\d+)?\s*$/;

export function scrambledRowStatements(report: Report): RowStatement[] {
  const scrambled = new Set(report.scrambledTables ?? []);
  const out: RowStatement[] = [];
  for (const item of report.text) {
    if (item.loc.table == null || !scrambled.has(item.loc.table)) continue;
    const statement = rowStatement(item.text, item.loc);
    if (statement) out.push(statement);
  }
  return out;
}

function rowStatement(text: string, rowLoc: Loc): RowStatement | null {
  const cells = text.split('\t').map((c, i) => ({ text: c.trim(), column: i + 1 })).filter((c) => c.text !== '');
  if (cells.length < 3) return null;
  const last = cells[cells.length - 1];
  const explanation = cells[cells.length - 2];
  const score = parseNumericCell(last.text, { ...rowLoc, column: last.column });
  if (!score || score.unit !== '' || score.value.isNegative()) return null;
  const said = saidScore(explanation.text);
  if (!said) return null;
  const weight = cells.slice(0, -2).map((c) => parseNumericCell(c.text)).find((q) => q && q.unit === '' && q.value.gt(0) && score.value.lte(q.value) && said.lte(q.value));
  if (!weight) return null;
  return { said, score, weight: weight.value, explanation: explanation.text, loc: score.loc, evidence: cells.map((c) => c.text).join(' ') };
}

/** The one score an explanation cell states, or null when it states none or several. */
function saidScore(cell: string): Decimal | null {
  const text = cleanText(cell).replace(/\s+/g, ' ');
  if (RUBRIC_WORDING.test(text) || CUT_SCORE.test(text)) return null;
  const { scores } = scoreStatements(text);
  const closing = CLOSING_SCORE.exec(text);
  const all = [...scores, ...(closing ? [new Decimal(closing[1])] : [])];
  const distinct = [...new Set(all.map((s) => s.toFixed()))];
  return distinct.length === 1 ? new Decimal(distinct[0]) : null;
}
