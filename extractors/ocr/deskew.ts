// Skew estimation by projection profiles: ink projected along the right angle piles up into sharp
// peaks (table rules and text baselines), so the angle whose profile has the largest sum of
// squares is the page's skew. Coarse search over ±MAX_SKEW, then a fine search around the best.

const MAX_SKEW = 5;
const MAX_POINTS = 120_000;

/**
 * The angle in degrees the page content is rotated by, counter-clockwise on screen positive
 * (rotate the bitmap by the negative of it to straighten the page). 0 when there is too little ink.
 */
export function estimateSkew(mask: Uint8Array, width: number, height: number): number {
  const points = samplePoints(mask, width, height);
  if (points.xs.length < 500) return 0;
  const coarse = bestAngle(points, width, height, -MAX_SKEW, MAX_SKEW, 0.2);
  return bestAngle(points, width, height, coarse - 0.2, coarse + 0.2, 0.02);
}

interface Points {
  xs: Int32Array;
  ys: Int32Array;
}

function samplePoints(mask: Uint8Array, width: number, height: number): Points {
  let ink = 0;
  for (const v of mask) ink += v;
  const stride = Math.max(1, Math.ceil(ink / MAX_POINTS));
  const xs: number[] = [];
  const ys: number[] = [];
  let seen = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] && seen++ % stride === 0) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs: Int32Array.from(xs), ys: Int32Array.from(ys) };
}

function bestAngle(points: Points, width: number, height: number, from: number, to: number, step: number): number {
  let best = 0;
  let bestScore = -1;
  const margin = Math.ceil(Math.tan((MAX_SKEW * Math.PI) / 180) * width) + 1;
  const bins = new Float64Array(height + 2 * margin);
  for (let angle = from; angle <= to + 1e-9; angle += step) {
    const score = profileScore(points, Math.tan((angle * Math.PI) / 180), bins, margin);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Content rotated counter-clockwise by a has rows y = y0 − x·tan a; project along that direction. */
function profileScore({ xs, ys }: Points, tan: number, bins: Float64Array, margin: number): number {
  bins.fill(0);
  for (let i = 0; i < xs.length; i++) {
    const bin = Math.round(ys[i] + xs[i] * tan) + margin;
    if (bin >= 0 && bin < bins.length) bins[bin]++;
  }
  let score = 0;
  for (const v of bins) score += v * v;
  return score;
}
