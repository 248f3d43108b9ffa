// A doubtful figure is confirmed only when every view reads it alike; otherwise it stays doubtful.
import { describe, expect, it } from 'vitest';
import { joinLines, LOW_CONFIDENCE } from '../text.ts';
import type { RecognizedLine } from './engine.ts';
import { alternativeViews, canonicalFigure, checkedAgainst, figureRuns, hasDoubtfulFigure, settleReadings, withCanonicalSeparators } from './reread.ts';

const line = (text: string, confidences: number[]): RecognizedLine => ({
  chars: [...text].map((ch, i) => ({ text: ch, confidence: confidences[i] ?? 0.99, step: i, x0: i * 10, x1: i * 10 + 10 })),
});

/** The low spans the joined text would carry for this line. */
function lowSpans(l: RecognizedLine) {
  const words = [{ text: l.chars.map((c) => c.text).join(''), confidence: 0, charConfidences: l.chars.map((c) => Math.round(c.confidence * 1000) / 10), bbox: { x0: 0, y0: 0, x1: 100, y1: 10 } }];
  return joinLines([{ words, bbox: { x0: 0, y0: 0, x1: 100, y1: 10 } }]).lowSpans;
}

describe('re-reading doubtful figures', () => {
  it('looks again only where a figure character is doubtful', () => {
    expect(hasDoubtfulFigure(line('得分9.5', [0.99, 0.99, 0.5, 0.99, 0.99]))).toBe(true);
    expect(hasDoubtfulFigure(line('得分9.5', [0.5, 0.99, 0.99, 0.99, 0.99]))).toBe(false);
  });

  it('confirms a figure that every view reads alike', () => {
    const first = line('94.42', [0.99, 0.99, 0.99, 0.55, 0.99]);
    const settled = settleReadings(first, [line('94.42', [0.99, 0.99, 0.99, 0.7, 0.99]), line('94.42', []), line('94.42', [0.99, 0.99, 0.99, 0.6, 0.99])]);
    expect(settled.chars.map((c) => c.text).join('')).toBe('94.42');
    expect(settled.chars[3].confidence * 100).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(lowSpans(settled)).toEqual([]);
  });

  it('keeps a figure doubtful when one view reads it otherwise, and takes the majority reading', () => {
    const first = line('94.42', [0.99, 0.99, 0.99, 0.55, 0.99]);
    const one = settleReadings(first, [line('94.42', []), line('94.12', []), line('94.42', [])]);
    expect(one.chars.map((c) => c.text).join('')).toBe('94.42');
    expect(lowSpans(one).length).toBeGreaterThan(0);
    const majority = settleReadings(first, [line('94.12', []), line('94.12', []), line('94.12', [])]);
    expect(majority.chars.map((c) => c.text).join('')).toBe('94.12');
    expect(lowSpans(majority).length).toBeGreaterThan(0);
  });

  it('settles each figure on its own: readings that differ only in words or punctuation confirm the figures they share', () => {
    const textOf = (l: RecognizedLine) => l.chars.map((c) => c.text).join('');
    const first = line('完成率100%，年初预算数为0.3742亿元', [0.99, 0.99, 0.99, 0.99, 0.6]);
    const settled = settleReadings(first, [line('完成率100%。年初预算数为0.3742亿元', []), line('完成率100%，年初预笄数为0.3742亿元', []), line('完成率100%，年初预算数为0.3742亿元。', [])]);
    expect(textOf(settled)).toBe('完成率100%，年初预算数为0.3742亿元');
    expect(lowSpans(settled)).toEqual([]);
    // A figure any reading gives otherwise stays doubtful; the others in the line are confirmed.
    const mixed = settleReadings(line('上年末为0.0015亿元，本年末为0.0083亿元', []), [line('上年末为0.0015亿元，本年末为0.0088亿元', []), line('上年末为0.0015亿元,本年末为0.0083亿元', []), line('上年末为0.0015亿元，本年末为0.0083亿元。', [])]);
    expect(textOf(mixed)).toBe('上年末为0.0015亿元，本年末为0.0083亿元');
    expect(lowSpans(mixed)).toEqual([[17, 23]]);
  });

  it('keeps the reading whose figures most readings give, whatever the words around them', () => {
    const textOf = (l: RecognizedLine) => l.chars.map((c) => c.text).join('');
    const first = line('=0.3473/0.3647X100%=95.239', []); // "%。" fused into a "9"
    const settled = settleReadings(first, [line('=0.3473/0.3647×100%=95.23%', []), line('=0.3473/0.3647×100%6=95.2390', []), line('0.3473/0.3647×100%=95.23%', [])]);
    expect(textOf(settled)).toBe('=0.3473/0.3647×100%=95.23%');
    // The last figure is still doubtful (two readings gave otherwise), the first two are confirmed.
    expect(lowSpans(settled)).toEqual([[15, 26]]);
  });

  it('reads grouping separators alike whichever mark the recogniser saw, but keeps a lone separator as read', () => {
    expect(canonicalFigure('3.773.77')).toBe('3,773.77');
    expect(canonicalFigure('3,773.77')).toBe('3,773.77');
    expect(canonicalFigure('12.540.429,56')).toBe('12,540,429.56');
    expect(canonicalFigure('3.773')).toBe('3.773');
    expect(canonicalFigure('3,773')).toBe('3,773');
    expect(canonicalFigure('1.2.3')).toBe('1.2.3'); // a section number, not a figure
    const settled = settleReadings(line('预算数为3,773.77万元', [0.99, 0.99, 0.99, 0.99, 0.99, 0.6]), [line('预算数为3.773.77万元', []), line('预算数为3,773.77万元', []), line('预算数为3.773.77万元', [])]);
    expect(settled.chars.map((c) => c.text).join('')).toBe('预算数为3,773.77万元');
    expect(lowSpans(settled)).toEqual([]);
    expect(withCanonicalSeparators(line('3.606.41万元', [])).chars.map((c) => c.text).join('')).toBe('3,606.41万元');
  });

  it('makes a confidently read figure doubtful when a check view reads it otherwise, and only that figure', () => {
    const sure = line('合计7738.57，其中100', []);
    expect(hasDoubtfulFigure(sure)).toBe(false);
    const doubted = checkedAgainst(sure, [line('合计738.57，其中100', []), line('合计7738.57，其中100', [])]);
    expect(hasDoubtfulFigure(doubted)).toBe(true);
    expect(lowSpans(doubted)).toEqual([[2, 9]]);
    expect(checkedAgainst(sure, [line('合什7738.57，共中100', [])])).toEqual(sure); // words read otherwise
    expect(lowSpans(checkedAgainst(sure, [line('合计7738.57，其中', [])]))).toEqual([[12, 15]]); // a figure not read at all
  });

  it('settles a long segment figure by figure: a word read otherwise leaves its figures confirmed', () => {
    const first = line('在项目管理方面=（0/0-1）×100%', [0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.6, 0.99, 0.6]);
    const settled = settleReadings(first, [line('在项自管理方面=（0/0-1）×100%', []), line('在项目管理方而=（0/0-1）×100%', []), line('在项目管理方面=（0/0-1）×100%', [])]);
    expect(settled.chars.map((c) => c.text).join('')).toBe('在项目管理方面=（0/0-1）×100%');
    expect(lowSpans(settled)).toEqual([]);
    const split = settleReadings(first, [line('在项目管理方面=（0/8-1）×100%', []), line('在项目管理方面=（0/0-1）×100%', []), line('在项目管理方面=（0/0-1）×100%', [])]);
    expect(lowSpans(split)).toEqual([[11, 14]]); // "0-1": one view read "8-1"; "0" and "100%" are confirmed
  });

  it('reads look-alike letters beside figure characters as the digit they resemble', () => {
    expect(figureRuns(line('（0/θ-1）', [])).map((r) => r.key)).toEqual(['0', '0-1']);
    expect(figureRuns(line('项目O', [])).map((r) => r.key)).toEqual([]);
    const settled = settleReadings(line('（0/0-1）', [0.99, 0.99, 0.99, 0.5]), [line('（0/θ-1）', []), line('（0/0-1）', [])]);
    expect(settled.chars.map((c) => c.text).join('')).toBe('（0/0-1）');
    expect(lowSpans(settled)).toEqual([]);
  });

  it('takes a point closing a figure for no difference, and drops it at the end of a cell when most views do not see it', () => {
    const settled = settleReadings(line('17.', [0.7, 0.7, 0.5]), [line('17', []), line('17.', []), line('17', []), line('17', [])]);
    expect(settled.chars.map((c) => c.text).join('')).toBe('17');
    expect(lowSpans(settled)).toEqual([]);
    const heading = settleReadings(line('1.预算编制', [0.5, 0.5]), [line('1，预算编制', []), line('1.预算编制', [])]);
    expect(heading.chars.map((c) => c.text).join('')).toBe('1.预算编制');
    expect(hasDoubtfulFigure(settleReadings(line('17.5', [0.7, 0.7, 0.5, 0.7]), [line('17.', []), line('17.5', [])]))).toBe(true);
  });

  it('makes three other views of the segment', () => {
    const grey = { width: 100, height: 40, data: new Uint8Array(4000).fill(200) };
    const views = alternativeViews(grey, { x0: 20, y0: 10, x1: 60, y1: 30 });
    expect(views).toHaveLength(3);
    expect(views[0].width).toBeGreaterThan(40); // widened
    expect(views[1].width).toBe(54); // stretched 1.35×
    expect([views[2].width, views[2].height]).toEqual([24, 12]); // at 0.6 scale
  });
});
