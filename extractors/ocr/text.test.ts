import { describe, expect, it } from 'vitest';
import type { OcrLine } from './engine.ts';
import { fixOcrText, isUncertain, joinLines, LOW_CONFIDENCE, misreadFigureSpans, withoutStrayClosingPoints } from './text.ts';

describe('fixOcrText', () => {
  it.each([
    ['100.009%0', '100.00%'],
    ['94.42%0', '94.42%'],
    ['90.00%6', '90.00%'],
    ['１２．５％', '12.5%'],
    ['94。42分', '94.42分'],
    ['1O0.5', '100.5'],
    ['2l.5', '21.5'],
    ['3I4', '314'],
    ['O.5', '0.5'],
    ['得分为l5分', '得分为15分'],
    ['1O', '10'],
  ])('%s → %s', (raw, fixed) => expect(fixOcrText(raw)).toBe(fixed));

  it.each([
    'ISO9001', // letters next to digits in a code stay
    'Office', // O, l, I outside digit runs stay
    'No.1', // no digit before the letters
    '12.5%', // nothing to fix
    '100.009%', // three decimals may be real: not certain without the column's context
    '95.82%。', // a full stop after a percentage is punctuation
    '合计',
  ])('leaves %s alone', (text) => expect(fixOcrText(text)).toBe(text));
});

const word = (text: string, confidence: number, x0: number, x1: number) => ({ text, confidence, bbox: { x0, y0: 0, x1, y1: 30 } });
const line = (...words: ReturnType<typeof word>[]): OcrLine => ({ words, bbox: { x0: words[0].bbox.x0, y0: 0, x1: words[words.length - 1].bbox.x1, y1: 30 } });

describe('joinLines', () => {
  it('keeps a space between separate figures only, never around Chinese', () => {
    const result = joinLines([line(word('合计', 96, 0, 60), word('100', 95, 200, 250), word('94.42', 93, 300, 380)), line(word('得分为', 95, 0, 90), word('94.42', 90, 92, 170), word('分', 96, 172, 200))]);
    expect(result.text).toBe('合计100 94.42得分为94.42分');
  });

  it('records low-confidence words as character ranges and weights the mean by characters', () => {
    const result = joinLines([line(word('执行数为', 95, 0, 120), word('743.18', 41, 122, 220), word('万元', 95, 222, 280))]);
    expect(result.text).toBe('执行数为743.18万元');
    expect(result.lowSpans).toEqual([[4, 10]]);
    expect(result.confidence).toBeCloseTo((95 * 4 + 41 * 6 + 95 * 2) / 12, 1);
  });

  it('returns no confidence when nothing was read', () => {
    expect(joinLines([])).toEqual({ text: '', confidence: undefined, lowSpans: [] });
  });
});

describe('isUncertain', () => {
  it('is false for text that did not come from OCR', () => {
    expect(isUncertain({})).toBe(false);
  });

  it('uses the mean confidence without a position', () => {
    expect(isUncertain({ ocrConfidence: LOW_CONFIDENCE - 1 })).toBe(true);
    expect(isUncertain({ ocrConfidence: LOW_CONFIDENCE })).toBe(false);
  });

  it('uses the low-confidence ranges for a figure inside a long paragraph', () => {
    const paragraph = { ocrConfidence: 92, ocrLowSpans: [[4, 10]] as Array<[number, number]> };
    expect(isUncertain(paragraph, [4, 10])).toBe(true); // 743.18
    expect(isUncertain(paragraph, [0, 3])).toBe(false);
    expect(isUncertain({ ocrConfidence: 92 }, [4, 10])).toBe(false);
  });
});

describe('figures misread inside', () => {
  it('makes a figure doubtful around a colon between digits, or with a letter inside', () => {
    expect(misreadFigureSpans('全年执行数为0:1981亿元')).toEqual([[6, 12]]);
    expect(misreadFigureSpans('执行数为0.1981亿元：执行率88.68%')).toEqual([]);
    expect(misreadFigureSpans('全年执行数 1790652S.92')).toEqual([[6, 17]]);
    expect(misreadFigureSpans('3A级景区12个，PM2.5浓度下降，5G基站100个')).toEqual([]);
  });
});

describe('stray closing points in table cells', () => {
  const read = (text: string, lowSpans: Array<[number, number]> = []) => ({ text, confidence: 99, lowSpans });
  // The 分值 column of eval seed 1 report 4's scoring table scanned at 150 dpi: a speck after "17" was
  // read as a point (confidence 88; 93 in the stretched view), so the row's weight did not parse.
  const column = ['分值', '10', '一', '', '分值', '11', '9', '8', '8', '6', '9', '17.', '13', '10', '100'];

  it('drops a point closing one figure of a column whose other figures have none', () => {
    const out = withoutStrayClosingPoints(column.map(() => 7), column.map((t) => read(t)));
    expect(out.map((r) => r.text)).toEqual(column.map((t) => (t === '17.' ? '17' : t)));
  });

  it('clips a low-confidence range that covered the dropped point', () => {
    const out = withoutStrayClosingPoints([1, 1, 1], [read('17.', [[0, 3]]), read('10'), read('9')]);
    expect(out[0]).toEqual(read('17', [[0, 2]]));
  });

  it('leaves item numbers written "1." alike, merged cells, and figures of another column', () => {
    const numbers = ['1.', '2.', '3', '4.'];
    expect(withoutStrayClosingPoints(numbers.map(() => 1), numbers.map((t) => read(t))).map((r) => r.text)).toEqual(numbers);
    expect(withoutStrayClosingPoints([null, 2, 2], [read('17.'), read('10'), read('9')])[0].text).toBe('17.');
    expect(withoutStrayClosingPoints([1, 2, 2], [read('17.'), read('10'), read('9')])[0].text).toBe('17.');
  });
});
