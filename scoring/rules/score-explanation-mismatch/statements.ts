// What a 评分说明 says the score is: "本项得分2.5分", "该指标得分 8 分", "本项扣1分", "本项得满分",
// "本项得分=(0.95706+0.9074)/2*5=4.66分".
import { Decimal } from 'decimal.js';
import { cleanText } from '../../../numbers/text.ts';

export interface ScoreStatements {
  scores: Decimal[];
  deductions: Decimal[];
  fullMarks: boolean;
}

const SUBJECT = '(?:本项|该项|本指标|该指标|该项指标|此项)';
const SCORE = new RegExp(`${SUBJECT}(?:综合|最终)?(?:得分|得|定性评价为|评价为|计)\\s*(?:为|：|:)?\\s*(?:[^。；，,]*?=\\s*)?(-?\\d+(?:\\.\\d+)?)\\s*分`, 'g');
const TRAILING_SCORE = /(?:因此|故|综上)[，,]?\s*得分\s*(?:为)?\s*(\d+(?:\.\d+)?)\s*分/g;
const DEDUCTION = new RegExp(`(?:${SUBJECT}|因此|综合考虑)[，,]?\\s*扣(?:减)?\\s*(\\d+(?:\\.\\d+)?)\\s*分`, 'g');
const FULL_MARKS = new RegExp(`${SUBJECT}得满分`);

export function scoreStatements(explanation: string): ScoreStatements {
  const text = cleanText(explanation).replace(/\s+/g, ' ');
  const numbers = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => new Decimal(m[1]));
  return {
    scores: [...numbers(SCORE), ...numbers(TRAILING_SCORE)],
    deductions: numbers(DEDUCTION),
    fullMarks: FULL_MARKS.test(text),
  };
}
