/**
 * Skew of a text page by projection profiles: the ink pixels of a binarised copy are projected onto
 * the vertical axis turned by each candidate angle; lines of text give the sharpest profile (the
 * largest sum of squared row counts) when the angle matches their slope. The same is tried with the
 * horizontal axis, for pages lying on their side.
 */
import { classMeans, histogram, otsuThreshold } from './gray.models.ts';
import type { GrayImage } from './image.types.ts';

export interface SkewEstimate {
  /** Degrees the content is turned clockwise; turn the image by -angle to straighten it. */
  angle: number;
  /** Best profile score / median score over all candidates: about 1 when there are no lines to find. */
  strength: number;
}

const MAX_POINTS = 150_000;
const COARSE_STEP = 0.25;
const FINE_STEP = 0.02;

/** Estimates the skew within +-maxAngle degrees; null when there is too little ink to judge. */
export function estimateSkew(image: GrayImage, maxAngle = 15): SkewEstimate | null {
  const { width, height, data } = image;
  const counts = histogram(image);
  const threshold = otsuThreshold(counts);
  const { dark, bright, darkShare } = classMeans(counts, threshold);
  if (bright - dark < 30 || darkShare < 0.002 || darkShare > 0.4) return null;

  const inkTotal = Math.round(darkShare * width * height);
  const stride = Math.max(1, Math.ceil(inkTotal / MAX_POINTS));
  const xs: number[] = [];
  const ys: number[] = [];
  let seen = 0;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[y * width + x] as number) > threshold) continue;
      if (seen++ % stride === 0) {
        xs.push(x - cx);
        ys.push(y - cy);
      }
    }
  }
  if (xs.length < 50) return null;

  const radius = Math.ceil(Math.hypot(width, height) / 2) + 2;
  const bins = new Int32Array(2 * radius + 1);
  // Content turned clockwise by θ: a horizontal line runs along (cos θ, sin θ), a vertical one along
  // (-sin θ, cos θ). Projecting across them puts a whole line of text into one bin.
  const score = (degrees: number, vertical: boolean): number => {
    const rad = (degrees * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      const r = Math.round(vertical ? x * cos + y * sin : y * cos - x * sin) + radius;
      bins[r] = (bins[r] as number) + 1;
    }
    let sum = 0;
    for (let i = 0; i < bins.length; i++) sum += (bins[i] as number) ** 2;
    return sum;
  };

  // Lines across the page, or (a page lying on its side, turned upright later by the OCR driver) down it.
  const results = [false, true].map((vertical) => {
    const coarse: { angle: number; score: number }[] = [];
    for (let angle = -maxAngle; angle <= maxAngle + 1e-9; angle += COARSE_STEP) coarse.push({ angle, score: score(angle, vertical) });
    const best = coarse.reduce((a, b) => (b.score > a.score ? b : a));
    let fine = best;
    for (let angle = best.angle - COARSE_STEP; angle <= best.angle + COARSE_STEP + 1e-9; angle += FINE_STEP) {
      const s = score(angle, vertical);
      if (s > fine.score) fine = { angle, score: s };
    }
    const sorted = coarse.map((c) => c.score).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    return { angle: Math.round(fine.angle * 100) / 100, strength: fine.score / median };
  });
  return results.reduce((a, b) => (b.strength > a.strength ? b : a));
}
