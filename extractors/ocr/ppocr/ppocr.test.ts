// PP-OCR pre/post-processing without the models: DB boxes from a probability map, CTC decoding
// with per-character confidence, NFKC normalisation, segment cutting at table cells, line
// grouping, orientation votes, and per-character low spans in the joined text.
import { describe, expect, it } from 'vitest';
import type { GridTable } from '../grid.ts';
import { joinLines, LOW_CONFIDENCE } from '../text.ts';
import { dbBoxes, detInput } from './detect.ts';
import { detectionStrips } from './engine.ts';
import { isSideways, cutAtCells, missedInCells, toLines } from './page.ts';
import { ctcDecode, lineBatch, normalizeChars } from './recognize.ts';

function probMap(width: number, height: number, blobs: Array<{ x0: number; y0: number; x1: number; y1: number; p: number }>) {
  const prob = new Float32Array(width * height);
  for (const b of blobs) for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) prob[y * width + x] = b.p;
  return prob;
}

describe('DB post-processing', () => {
  it('gives one box per region above the threshold, grown by the unclip distance, and drops weak regions', () => {
    const prob = probMap(200, 100, [
      { x0: 10, y0: 10, x1: 90, y1: 20, p: 0.9 }, // a text segment
      { x0: 120, y0: 10, x1: 180, y1: 20, p: 0.9 }, // the next cell's segment, a gap apart
      { x0: 10, y0: 60, x1: 90, y1: 70, p: 0.45 }, // above thresh 0.3 but below box_thresh 0.6
    ]);
    const boxes = dbBoxes(prob, 200, 100);
    expect(boxes).toHaveLength(2);
    const [a] = boxes.sort((p, q) => p.x0 - q.x0);
    // 80 × 10 region: d = 800 × 1.5 / (2 × 90) ≈ 6.67 px on every side.
    expect(a.x0).toBeCloseTo(10 - 800 * 1.5 / 180, 5);
    expect(a.y1).toBeCloseTo(20 + 800 * 1.5 / 180, 5);
    expect(a.score).toBeCloseTo(0.9, 5);
  });

  it('drops regions thinner than min_size', () => {
    expect(dbBoxes(probMap(50, 50, [{ x0: 5, y0: 5, x1: 45, y1: 7, p: 0.9 }]), 50, 50)).toEqual([]);
  });
});

describe('detection strips', () => {
  it('covers a tall page with overlapping strips that own contiguous, non-overlapping bands', () => {
    const strips = detectionStrips(2300, 1);
    expect(strips.length).toBeGreaterThan(1);
    expect(strips[0]).toMatchObject({ y0: 0, own0: -Infinity });
    expect(strips.at(-1)).toMatchObject({ y1: 2300, own1: Infinity });
    strips.forEach((s, i) => {
      expect(s.y1 - s.y0).toBeLessThanOrEqual(1024);
      if (i > 0) expect(s.own0).toBe(strips[i - 1].own1);
      // Every line of up to 128 rows centred in the owned band lies inside the strip.
      if (i > 0) expect(s.own0 - 64).toBeGreaterThanOrEqual(s.y0);
      if (i < strips.length - 1) expect(s.own1 + 64).toBeLessThanOrEqual(s.y1);
    });
  });

  it('reads a page that fits in one strip in one piece', () => {
    expect(detectionStrips(900, 1)).toEqual([{ y0: 0, y1: 900, own0: -Infinity, own1: Infinity }]);
  });
});

describe('detection input', () => {
  it('rounds sides to multiples of 32 and normalises each channel with its ImageNet mean and std', () => {
    const grey = { width: 100, height: 50, data: new Uint8Array(5000).fill(255) };
    const input = detInput(grey, 1.9);
    expect([input.width % 32, input.height % 32]).toEqual([0, 0]);
    expect(input.width).toBe(192);
    expect(input.tensor[0]).toBeCloseTo((1 - 0.485) / 0.229, 4);
    expect(input.tensor[input.width * input.height]).toBeCloseTo((1 - 0.456) / 0.224, 4);
  });
});

describe('recognition', () => {
  it('batches lines at height 48, at least 320 wide, pixels in [-1, 1], padding 0', () => {
    const line = { width: 40, height: 20, data: new Uint8Array(800).fill(0) };
    const batch = lineBatch([line]);
    expect([batch.height, batch.width, batch.contentWidths[0]]).toEqual([48, 320, 96]);
    expect(batch.tensor[0]).toBe(-1);
    expect(batch.tensor[200]).toBe(0);
  });

  it('CTC greedy decoding collapses repeats, drops blanks and keeps each character’s probability', () => {
    const dictionary = ['1', '2', '.'];
    const classes = 4; // blank + 3
    // Steps: 1 1 blank 1 . 2  →  "11.2"
    const steps = [[0, 0.9, 0, 0], [0, 0.8, 0, 0], [0.9, 0, 0, 0], [0, 0.6, 0, 0], [0, 0, 0, 0.7], [0, 0, 0.95, 0]];
    const probs = new Float32Array(steps.flat());
    const chars = ctcDecode(probs, 0, steps.length, classes, dictionary);
    expect(chars.map((c) => c.text).join('')).toBe('11.2');
    expect(chars.map((c) => c.confidence)).toEqual([0.9, 0.6, 0.7, 0.95].map((v) => Math.fround(v)));
  });

  it('NFKC-normalises digits and signs but keeps Chinese punctuation; a comma between digits is a separator', () => {
    const chars = [...'１，２３４．５％，合计：'].map((text, step) => ({ text, confidence: 0.9, step }));
    expect(normalizeChars(chars).map((c) => c.text).join('')).toBe('1,234.5%，合计：');
  });
});

describe('per-character confidence', () => {
  it('marks only the characters read below LOW_CONFIDENCE', () => {
    const word = { text: '94.42', confidence: 40, charConfidences: [99, 99, 99, 40, 99], bbox: { x0: 0, y0: 0, x1: 50, y1: 10 } };
    const joined = joinLines([{ words: [word], bbox: word.bbox }]);
    expect(joined.lowSpans).toEqual([[3, 4]]);
    expect(joined.confidence).toBeCloseTo((99 * 4 + 40) / 5, 1);
    expect(LOW_CONFIDENCE).toBeGreaterThan(40);
  });
});

describe('segments and lines', () => {
  const table: GridTable = {
    rect: { x0: 0, y0: 0, x1: 300, y1: 40 },
    rows: [0, 40],
    cols: [0, 100, 200, 300],
    cells: [0, 1, 2].map((c) => ({ row: 0, col: c, rowSpan: 1, colSpan: 1, rect: { x0: 100 * c, y0: 0, x1: 100 * (c + 1), y1: 40 } })),
  };

  it('cuts a box spanning a table row into one segment per cell', () => {
    const segments = cutAtCells([{ x0: 10, y0: 10, x1: 290, y1: 30 }], [table], 200);
    expect(segments.map((s) => s.cell)).toEqual([0, 1, 2]);
    expect(segments.every((s) => s.x1 - s.x0 < 100)).toBe(true);
  });

  it('drops the sliver of a box spilling over a rule onto the next cell\'s own box', () => {
    // The first cell's box reaches 30 px into the second cell, over the second cell's own text box.
    const segments = cutAtCells([{ x0: 10, y0: 10, x1: 130, y1: 30 }, { x0: 105, y0: 10, x1: 190, y1: 30 }], [table], 200);
    expect(segments.map((s) => [s.cell, Math.round(s.x0)])).toEqual([[0, 10], [1, 105]]);
  });

  it('reads two boxes of one cell that overlap sideways as one (a figure split by detection)', () => {
    // "100." and "0.00%" detected over "100.00%", overlapping by 15 px: read apart the overlap was read twice ("100.0.00%").
    const segments = cutAtCells([{ x0: 110, y0: 10, x1: 150, y1: 30 }, { x0: 135, y0: 11, x1: 190, y1: 31 }], [table], 200);
    expect(segments.map((s) => [s.cell, Math.round(s.x0), Math.round(s.x1)])).toEqual([[1, 110, 190]]);
  });

  it('keeps boxes outside tables whole', () => {
    expect(cutAtCells([{ x0: 10, y0: 100, x1: 290, y1: 120 }], [table], 200)).toEqual([{ x0: 10, y0: 100, x1: 290, y1: 120 }]);
  });

  it('groups segments of one text line left to right, lines top to bottom', () => {
    const word = (text: string) => [{ text, confidence: 99, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }];
    const lines = toLines([
      { x0: 200, y0: 12, x1: 260, y1: 30, words: word('b') },
      { x0: 10, y0: 10, x1: 100, y1: 28, words: word('a') },
      { x0: 10, y0: 50, x1: 100, y1: 68, words: word('c') },
    ]);
    expect(lines.map((l) => l.words.map((w) => w.text).join(''))).toEqual(['ab', 'c']);
  });

  it('takes a page whose elongated boxes are mostly tall as lying on its side', () => {
    const tall = Array.from({ length: 6 }, (_, i) => ({ x0: 20 * i, y0: 0, x1: 20 * i + 10, y1: 100 }));
    const wide = Array.from({ length: 6 }, (_, i) => ({ x0: 0, y0: 20 * i, x1: 100, y1: 20 * i + 10 }));
    expect(isSideways(tall)).toBe(true);
    expect(isSideways(wide)).toBe(false);
    expect(isSideways(tall.slice(0, 3))).toBe(false); // too few to tell
  });
});

describe('cells detection left empty', () => {
  // Two header rows of one 60 px column at 200 dpi, split by a rule found through the text between them.
  const table: GridTable = {
    rect: { x0: 0, y0: 0, x1: 60, y1: 200 },
    rows: [0, 100, 200],
    cols: [0, 60],
    cells: [0, 1].map((r) => ({ row: r, col: 0, rowSpan: 1, colSpan: 1, rect: { x0: 0, y0: 100 * r, x1: 60, y1: 100 * (r + 1) } })),
  };
  const page = (...blots: Array<[number, number, number, number]>) => {
    const data = new Uint8Array(60 * 200).fill(255);
    for (const [x0, y0, x1, y1] of blots) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * 60 + x] = 0;
    return { width: 60, height: 200, data };
  };

  it('reads a line of ink in a cell no box fell in, with a margin, as one segment of that cell', () => {
    const [segment, ...rest] = missedInCells(page([20, 30, 40, 50]), [table], [], 200);
    expect(rest).toEqual([]);
    expect(segment).toMatchObject({ table: 0, cell: 0, undetected: true });
    expect(segment.x0).toBeLessThan(20);
    expect(segment.y1).toBeGreaterThan(50);
  });

  it('reads a line cut by a rule found through it across both empty cells, as one line of the cell holding its middle', () => {
    const segments = missedInCells(page([15, 88, 45, 118]), [table], [], 200);
    expect(segments.map((s) => [s.cell, s.y0 < 88, s.y1 > 118])).toEqual([[1, true, true]]);
  });

  it('leaves alone cells with a detected box, specks and blots of no text height', () => {
    expect(missedInCells(page([20, 30, 40, 50]), [table], [{ x0: 10, y0: 20, x1: 50, y1: 60, table: 0, cell: 0 }], 200)).toEqual([]);
    expect(missedInCells(page([20, 30, 23, 33]), [table], [], 200)).toEqual([]);
    expect(missedInCells(page([10, 10, 50, 95]), [table], [], 200)).toEqual([]);
  });
});

describe('doubtful signs and marks', () => {
  it('a doubtful minus sign, point or percent sign taints the whole figure it belongs to', () => {
    const word = (text: string, confidences: number[]) => ({ text, confidence: Math.min(...confidences), charConfidences: confidences, bbox: { x0: 0, y0: 0, x1: 50, y1: 10 } });
    const read = (w: ReturnType<typeof word>) => joinLines([{ words: [w], bbox: w.bbox }]).lowSpans;
    expect(read(word('-10', [40, 99, 99]))).toEqual([[0, 3]]);
    expect(read(word('得分90.00%', [99, 99, 99, 99, 99, 99, 99, 50]))).toEqual([[2, 8]]);
    // A doubtful digit stays a single character; a doubtful Chinese character does not spread.
    expect(read(word('13.42', [99, 99, 99, 99, 30]))).toEqual([[4, 5]]);
    expect(read(word('得分10', [30, 99, 99, 99]))).toEqual([[0, 1]]);
  });
});
