/**
 * Finding the page in a phone photo: a white letter on a darker table. Works on a small, blurred
 * copy: Otsu's threshold splits paper from table, the largest bright region's convex hull is
 * reduced to its largest inscribed quadrilateral, and that is accepted only when it clearly is a
 * page. Anything doubtful returns null, and the caller leaves the image as it is.
 */
import { convexHull, cornerAngle, distance, largestQuad, polygonArea, type Point, type Quad } from './geometry.models.ts';
import { classMeans, histogram, otsuThreshold } from './gray.models.ts';
import type { GrayImage } from './image.types.ts';

export interface PageDetection {
  /** Corners in the given image's pixels: top-left, top-right, bottom-right, bottom-left. */
  quad: Quad;
  /** Quadrilateral area / image area. */
  areaShare: number;
}

/** Paper must be clearly brighter than what it lies on (levels of 0..255). */
const MIN_CONTRAST = 40;
const MIN_AREA_SHARE = 0.2;
const MAX_AREA_SHARE = 0.98;
/** The bright region's hull must be almost exactly four-cornered. */
const MIN_QUAD_OF_HULL = 0.93;
/** A page corner is between these angles, even in a steep photo. */
const CORNER_ANGLES = [50, 130] as const;
/** Corners closer to the border than this share of the image are where the page leaves the picture. */
const BORDER_MARGIN = 0.005;

export function detectPage(image: GrayImage): PageDetection | null {
  const { width, height } = image;
  const counts = histogram(image);
  const threshold = otsuThreshold(counts);
  const means = classMeans(counts, threshold);
  if (means.bright - means.dark < MIN_CONTRAST) return null;

  const region = largestBrightRegion(image, threshold);
  if (!region) return null;
  const hull = convexHull(region.outline);
  const hullArea = polygonArea(hull);
  const areaShare = hullArea / (width * height);
  if (areaShare < MIN_AREA_SHARE || areaShare > MAX_AREA_SHARE) return null;

  const quad = largestQuad(hull);
  if (!quad) return null;
  const quadArea = polygonArea(quad);
  if (quadArea / hullArea < MIN_QUAD_OF_HULL) return null;
  // Mostly paper inside (text and shadows make holes, but a frame or ring does not count).
  if (region.pixels / quadArea < 0.6) return null;
  for (let i = 0; i < 4; i++) {
    const angle = cornerAngle(quad[(i + 3) % 4] as Point, quad[i] as Point, quad[(i + 1) % 4] as Point);
    if (angle < CORNER_ANGLES[0] || angle > CORNER_ANGLES[1]) return null;
  }
  const [tl, tr, br, bl] = quad;
  const sides = [distance(tl, tr), distance(tr, br), distance(br, bl), distance(bl, tl)] as const;
  if (sides[0] / sides[2] > 2 || sides[2] / sides[0] > 2 || sides[1] / sides[3] > 2 || sides[3] / sides[1] > 2) return null;
  const margin = BORDER_MARGIN * Math.max(width, height);
  if (quad.some((p) => p.x < margin || p.y < margin || p.x > width - 1 - margin || p.y > height - 1 - margin)) return null;
  return { quad, areaShare: quadArea / (width * height) };
}

/**
 * The largest 4-connected region brighter than `threshold`, as its pixel count and the leftmost
 * and rightmost pixel of each row (enough for its convex hull).
 */
function largestBrightRegion(image: GrayImage, threshold: number): { pixels: number; outline: Point[] } | null {
  const { data, width, height } = image;
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let bestLabel = 0;
  let bestCount = 0;
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (labels[start] !== 0 || (data[start] as number) <= threshold) continue;
    next++;
    let count = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = next;
    while (top > 0) {
      const p = stack[--top] as number;
      count++;
      const x = p % width;
      // Left, right, up, down; each neighbour is labelled when pushed, so it is pushed once.
      for (let n = 0; n < 4; n++) {
        let q: number;
        if (n === 0) q = x > 0 ? p - 1 : -1;
        else if (n === 1) q = x < width - 1 ? p + 1 : -1;
        else if (n === 2) q = p - width;
        else q = p + width < data.length ? p + width : -1;
        if (q < 0 || labels[q] !== 0 || (data[q] as number) <= threshold) continue;
        labels[q] = next;
        stack[top++] = q;
      }
    }
    if (count > bestCount) [bestCount, bestLabel] = [count, next];
  }
  if (bestLabel === 0) return null;
  const outline: Point[] = [];
  for (let y = 0; y < height; y++) {
    let left = -1;
    let right = -1;
    for (let x = 0; x < width; x++) {
      if (labels[y * width + x] !== bestLabel) continue;
      if (left < 0) left = x;
      right = x;
    }
    if (left >= 0) outline.push({ x: left, y }, { x: right, y });
  }
  return { pixels: bestCount, outline };
}
