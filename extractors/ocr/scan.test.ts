import { describe, expect, it } from 'vitest';
import { greyForOcr, hasRedInk, resize, rotateQuarters, unrotateQuartersRect } from './scan.ts';

const rgba = (pixels: Array<[number, number, number]>) => new Uint8Array(pixels.flatMap(([r, g, b]) => [r, g, b, 255]));

describe('red seals', () => {
  // A colour page: paper, black text, a seal's red ink, black text under the seal (JPEG tints it).
  const page: Array<[number, number, number]> = [[250, 250, 250], [20, 20, 20], [216, 40, 40], [60, 10, 10], ...Array(96).fill([250, 250, 250])];

  it('reads a colour scan with red ink through its red channel: the seal becomes paper, text stays dark', () => {
    expect(hasRedInk(rgba(page))).toBe(true);
    const grey = greyForOcr(rgba(page), 100, 1);
    expect(grey.data[2]).toBe(255); // seal
    expect(grey.data[1]).toBeLessThan(40); // black text
    expect(grey.data[3]).toBeLessThan(80); // text under the seal
    expect(grey.rulesView?.data[2]).toBe(255);
  });

  it('uses the luma of a page without red ink', () => {
    const plain: Array<[number, number, number]> = [[250, 250, 250], [20, 20, 20], [40, 40, 216], ...Array(97).fill([250, 250, 250])];
    expect(hasRedInk(rgba(plain))).toBe(false);
    const grey = greyForOcr(rgba(plain), 100, 1);
    expect(grey.data[2]).toBe(Math.round((40 * 299 + 40 * 587 + 216 * 114) / 1000));
    expect(grey.rulesView).toBeUndefined();
  });
});

describe('geometry', () => {
  const grey = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };

  it('turns by quarters clockwise', () => {
    expect(rotateQuarters(grey, 1)).toEqual({ width: 2, height: 3, data: Uint8Array.from([4, 1, 5, 2, 6, 3]) });
    expect(rotateQuarters(grey, 2).data).toEqual(Uint8Array.from([6, 5, 4, 3, 2, 1]));
    expect(rotateQuarters(rotateQuarters(grey, 1), 3)).toEqual(grey);
  });

  it('maps a rectangle of the turned image back to the original', () => {
    // Pixel (x=0, y=1) of the original (value 4) is at (0, 0) after a clockwise quarter turn.
    expect(unrotateQuartersRect({ x0: 0, y0: 0, x1: 1, y1: 1 }, 1, 3, 2)).toEqual({ x0: 0, y0: 1, x1: 1, y1: 2 });
    expect(unrotateQuartersRect({ x0: 0, y0: 0, x1: 1, y1: 1 }, 2, 3, 2)).toEqual({ x0: 2, y0: 1, x1: 3, y1: 2 });
    expect(unrotateQuartersRect({ x0: 0, y0: 0, x1: 1, y1: 1 }, 3, 3, 2)).toEqual({ x0: 2, y0: 0, x1: 3, y1: 1 });
  });

  it('resizes with the corners and flat areas kept', () => {
    const flat = { width: 10, height: 10, data: new Uint8Array(100).fill(200) };
    const up = resize(flat, 19, 19);
    expect([up.width, up.height, up.data.every((v) => v === 200)]).toEqual([19, 19, true]);
    expect(resize(flat, 2, 2).data).toEqual(Uint8Array.from([200, 200, 200, 200]));
  });
});
