import { describe, expect, it } from 'vitest';
import { evenLight, findPageOutline, flattenPhoto, homography, project, type Quad } from './perspective.ts';
import type { Grey } from './raster.ts';

const quad = (...xy: number[]): Quad => [0, 1, 2, 3].map((i) => ({ x: xy[2 * i], y: xy[2 * i + 1] })) as Quad;

function insideConvex(q: Quad, x: number, y: number): boolean {
  return q.every((a, i) => {
    const b = q[(i + 1) % 4];
    return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) >= 0;
  });
}

/**
 * A photo-like raster: background of level `desk`, a page of level 235 with the given corners, and
 * dark "text lines" across the page (bars following the page's own top and bottom edges); light
 * falls off by `falloff` from the top of the photo to its foot.
 */
function photo(width: number, height: number, page: Quad, desk: number, lines = true, falloff = 0): Grey {
  const data = new Uint8Array(width * height).fill(desk);
  const toPage = homography(page, quad(0, 0, 1, 0, 1, 1, 0, 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 1 - falloff * (y / height);
      if (!insideConvex(page, x + 0.5, y + 0.5)) {
        data[y * width + x] = Math.round(desk * light);
        continue;
      }
      const p = project(toPage, x + 0.5, y + 0.5);
      const line = lines && p.x > 0.1 && p.x < 0.9 && p.y > 0.1 && p.y < 0.8 && (p.y * 40) % 1 < 0.3;
      data[y * width + x] = Math.round((line ? 30 : 235) * light);
    }
  }
  return { width, height, data };
}

const near = (a: Quad, b: Quad, tolerance: number) => a.every((p, i) => Math.hypot(p.x - b[i].x, p.y - b[i].y) <= tolerance);

describe('homography', () => {
  it('maps each corner to its corner, and the centre of a square to where the diagonals cross', () => {
    const from = quad(0, 0, 100, 0, 100, 140, 0, 140);
    const to = quad(20, 15, 110, 5, 125, 150, 3, 139);
    const h = homography(from, to);
    from.forEach((p, i) => {
      const q = project(h, p.x, p.y);
      expect(q.x).toBeCloseTo(to[i].x, 6);
      expect(q.y).toBeCloseTo(to[i].y, 6);
    });
    // A projective map keeps lines: the image of the centre lies on both mapped diagonals.
    const c = project(h, 50, 70);
    const onLine = (a: { x: number; y: number }, b: { x: number; y: number }) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    expect(Math.abs(onLine(to[0], to[2]))).toBeLessThan(1e-6);
    expect(Math.abs(onLine(to[1], to[3]))).toBeLessThan(1e-6);
  });
});

describe('findPageOutline', () => {
  it('finds the four corners of a page photographed at an angle on a dark desk', () => {
    const page = quad(130, 90, 690, 50, 760, 960, 40, 930);
    const found = findPageOutline(photo(800, 1000, page, 70));
    expect(found).not.toBeNull();
    // Within 1% of the page's size (the outline is found on a copy 512 pixels long).
    expect(near(found!, page, 10)).toBe(true);
  });

  it('finds the page when light falls off across it (its dim foot darker than the Otsu threshold)', () => {
    // Otsu's threshold leaves out the page's dim foot; the light region's lower boundary is then a
    // straight line across the page (a four-sided region too) with no step in the image under it.
    const page = quad(130, 90, 690, 50, 760, 960, 40, 930);
    const found = findPageOutline(photo(800, 1000, page, 120, true, 0.4));
    expect(found).not.toBeNull();
    expect(near(found!, page, 10)).toBe(true);
  });

  it('tries thresholds around the Otsu one when the lit desk is as light as the dim paper', () => {
    const page = quad(130, 90, 690, 50, 760, 960, 40, 930);
    const found = findPageOutline(photo(800, 1000, page, 140, true, 0.4));
    expect(found).not.toBeNull();
    expect(near(found!, page, 10)).toBe(true);
  });

  it('leaves a page that fills the image alone (an ordinary scan)', () => {
    expect(findPageOutline(photo(800, 1000, quad(0, 0, 800, 0, 800, 1000, 0, 1000), 70))).toBeNull();
  });

  it('leaves a scan alone whose page is framed by a thin dark scanner border', () => {
    expect(findPageOutline(photo(800, 1000, quad(4, 4, 796, 4, 796, 996, 4, 996), 70))).toBeNull();
  });

  it('leaves a scan alone with a dark band along its foot (a footer, a scanner shadow)', () => {
    const scan = photo(800, 1000, quad(0, 0, 800, 0, 800, 1000, 0, 1000), 70);
    scan.data.fill(25, 900 * 800);
    expect(findPageOutline(scan)).toBeNull();
  });

  it('flattens a page running off the photo at its foot (the photo edge is the page bottom)', () => {
    // The page's sides cross the photo's bottom edge at about x = 25 and x = 775.
    const found = findPageOutline(photo(800, 1000, quad(130, 90, 690, 50, 780, 1060, 20, 1040), 70));
    expect(found).not.toBeNull();
    expect(near(found!, quad(130, 90, 690, 50, 775, 1000, 25, 1000), 12)).toBe(true);
  });

  it('leaves a scan alone whose corner is covered by a dark picture', () => {
    const scan = photo(800, 1000, quad(0, 0, 800, 0, 800, 1000, 0, 1000), 70);
    for (let y = 0; y < 300; y++) scan.data.fill(20, y * 800, y * 800 + 260);
    expect(findPageOutline(scan)).toBeNull();
  });

  it('needs the background to be clearly darker than the paper', () => {
    // A blank page: its only threshold is the one between page and desk.
    const page = quad(130, 90, 690, 50, 760, 960, 40, 930);
    expect(findPageOutline(photo(800, 1000, page, 160, false))).not.toBeNull();
    expect(findPageOutline(photo(800, 1000, page, 215, false))).toBeNull();
  });
});

describe('flattenPhoto', () => {
  it('warps the page upright: its text lines become rows, boxes map back into the photo', () => {
    const page = quad(130, 90, 690, 50, 760, 960, 40, 930);
    const flat = flattenPhoto(photo(800, 1000, page, 70));
    expect(flat).not.toBeNull();
    const { width, height, data } = flat!.page;
    // The nearer edges keep their length.
    expect(width).toBeGreaterThanOrEqual(715);
    expect(width).toBeLessThanOrEqual(730);
    expect(height).toBeGreaterThanOrEqual(900);
    // Each row is either almost all ink or almost all paper between the page's margins: the lines are level.
    // (A line tilted like the page's edges, 4°, runs over 40 rows: every row would be mixed.)
    let mixed = 0;
    const rows = Math.round(0.78 * height) - Math.round(0.12 * height);
    for (let y = Math.round(0.12 * height); y < Math.round(0.78 * height); y++) {
      let ink = 0;
      for (let x = Math.round(0.15 * width); x < Math.round(0.85 * width); x++) ink += data[y * width + x] < 128 ? 1 : 0;
      const share = ink / (0.7 * width);
      if (share > 0.1 && share < 0.9) mixed++;
    }
    // Only the antialiased rows at each line's top and bottom are mixed.
    expect(mixed).toBeLessThanOrEqual(0.15 * rows);
    const back = flat!.toInput({ x0: 0, y0: 0, x1: width, y1: height });
    expect(back.x0).toBeCloseTo(40, -1);
    expect(back.y0).toBeCloseTo(50, -1);
    expect(back.x1).toBeCloseTo(760, -1);
    expect(back.y1).toBeCloseTo(960, -1);
  });

  it('returns nothing for an ordinary scan', () => {
    expect(flattenPhoto(photo(400, 500, quad(0, 0, 400, 0, 400, 500, 0, 500), 70))).toBeNull();
  });
});

describe('evenLight', () => {
  it('makes paper white across a page lit from one side, and keeps ink dark', () => {
    const width = 600;
    const height = 400;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const light = 1 - 0.45 * (x / width);
        const ink = y % 20 < 3 && x % 10 < 6;
        data[y * width + x] = Math.round((ink ? 40 : 240) * light);
      }
    }
    const out = evenLight({ width, height, data });
    const at = (x: number, y: number) => out.data[y * width + x];
    // Paper on the bright and the dim side alike; before, the dim side's paper (about 140) was darker than a rule's threshold.
    expect(at(20, 10)).toBeGreaterThanOrEqual(235);
    expect(at(580, 10)).toBeGreaterThanOrEqual(235);
    expect(at(580, 1)).toBeLessThanOrEqual(60);
    expect(at(20, 1)).toBeLessThanOrEqual(60);
  });
});
