/**
 * Plane geometry for page correction: homographies, a bilinear perspective warp over raw gray
 * pixels (sharp has none), convex hulls and the largest quadrilateral inside a hull.
 * Coordinates are pixel centres: pixel (i, j) sits at x = i, y = j.
 */
import type { GrayImage } from './image.types.ts';

export interface Point {
  x: number;
  y: number;
}

/** Corners in the order top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Row-major 3x3 matrix with h[8] = 1. */
export type Homography = readonly number[];

/** The homography that maps each `from` corner onto the `to` corner with the same index. */
export function homography(from: Quad, to: Quad): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x: u, y: v } = from[i] as Point;
    const { x, y } = to[i] as Point;
    a.push([u, v, 1, 0, 0, 0, -u * x, -v * x]);
    b.push(x);
    a.push([0, 0, 0, u, v, 1, -u * y, -v * y]);
    b.push(y);
  }
  return [...solve(a, b), 1];
}

export function applyHomography(h: Homography, p: Point): Point {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [number, number, number, number, number, number, number, number, number];
  const w = h6 * p.x + h7 * p.y + h8;
  return { x: (h0 * p.x + h1 * p.y + h2) / w, y: (h3 * p.x + h4 * p.y + h5) / w };
}

/**
 * A `width` x `height` image whose pixel (x, y) is sampled (bilinear) from `source` at
 * `toSource(x, y)`; points outside the source get `background`.
 */
export function warpPerspective(source: GrayImage, toSource: Homography, width: number, height: number, background = 255): GrayImage {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSource as [number, number, number, number, number, number, number, number, number];
  const { data: src, width: sw, height: sh } = source;
  const out = new Uint8Array(width * height);
  const maxX = sw - 1;
  const maxY = sh - 1;
  let o = 0;
  for (let y = 0; y < height; y++) {
    let nx = h1 * y + h2;
    let ny = h4 * y + h5;
    let d = h7 * y + h8;
    for (let x = 0; x < width; x++, o++, nx += h0, ny += h3, d += h6) {
      const sx = nx / d;
      const sy = ny / d;
      if (!(sx >= 0 && sy >= 0 && sx <= maxX && sy <= maxY)) {
        out[o] = background;
        continue;
      }
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * sw + x0;
      const x1 = x0 < maxX ? 1 : 0;
      const y1 = y0 < maxY ? sw : 0;
      const top = (src[i] as number) + ((src[i + x1] as number) - (src[i] as number)) * fx;
      const bottom = (src[i + y1] as number) + ((src[i + y1 + x1] as number) - (src[i + y1] as number)) * fx;
      out[o] = top + (bottom - top) * fy + 0.5;
    }
  }
  return { data: out, width, height };
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in x-right/y-up terms, no repeated end point. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i] as Point;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Area of a simple polygon (shoelace), always positive. */
export function polygonArea(polygon: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i] as Point;
    const q = polygon[(i + 1) % polygon.length] as Point;
    twice += p.x * q.y - q.x * p.y;
  }
  return Math.abs(twice) / 2;
}

/**
 * The quadrilateral of largest area whose corners are vertices of the convex polygon `hull`
 * (for each diagonal the best vertex on either side: O(n^3), fine for the ~100 vertices of a page hull).
 */
export function largestQuad(hull: readonly Point[]): Quad | null {
  const n = hull.length;
  if (n < 4) return null;
  const tri = (a: Point, b: Point, c: Point) => Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) / 2;
  let best = -1;
  let corners: [number, number, number, number] = [0, 1, 2, 3];
  for (let i = 0; i < n; i++) {
    for (let k = i + 2; k < n; k++) {
      if (i === 0 && k === n - 1) continue;
      const a = hull[i] as Point;
      const c = hull[k] as Point;
      let left = -1;
      let j = -1;
      for (let m = i + 1; m < k; m++) {
        const area = tri(a, hull[m] as Point, c);
        if (area > left) [left, j] = [area, m];
      }
      let right = -1;
      let l = -1;
      for (let m = k + 1; m < n + i; m++) {
        const area = tri(a, hull[m % n] as Point, c);
        if (area > right) [right, l] = [area, m % n];
      }
      if (j >= 0 && l >= 0 && left + right > best) {
        best = left + right;
        corners = [i, j, k, l];
      }
    }
  }
  return orderCorners(corners.map((index) => hull[index] as Point));
}

/** Puts four corners of a convex quadrilateral in the order top-left, top-right, bottom-right, bottom-left. */
export function orderCorners(points: readonly Point[]): Quad {
  const cx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const cy = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  // With y pointing down, increasing atan2 runs top-left -> top-right -> bottom-right -> bottom-left.
  const around = [...points].sort((p, q) => Math.atan2(p.y - cy, p.x - cx) - Math.atan2(q.y - cy, q.x - cx));
  let start = 0;
  around.forEach((p, index) => {
    const first = around[start] as Point;
    if (p.x + p.y < first.x + first.y) start = index;
  });
  const at = (offset: number) => around[(start + offset) % 4] as Point;
  return [at(0), at(1), at(2), at(3)];
}

export function distance(p: Point, q: Point): number {
  return Math.hypot(p.x - q.x, p.y - q.y);
}

/** Interior angle at `corner` in degrees, between the edges to `previous` and `next`. */
export function cornerAngle(previous: Point, corner: Point, next: Point): number {
  const a = Math.atan2(previous.y - corner.y, previous.x - corner.x);
  const b = Math.atan2(next.y - corner.y, next.x - corner.x);
  const degrees = Math.abs(((b - a) * 180) / Math.PI) % 360;
  return degrees > 180 ? 360 - degrees : degrees;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs((m[row] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = row;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    const divisor = p[col] as number;
    if (Math.abs(divisor) < 1e-12) throw new Error('Degenerate quadrilateral: the corners are collinear.');
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const r = m[row] as number[];
      const factor = (r[col] as number) / divisor;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) r[k] = (r[k] as number) - factor * (p[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}

/**
 * Width / height of the real rectangle seen as `quad` in a photo of `size` (Zhang & He, "Whiteboard
 * scanning and image enhancement", 2007): the perspective tells the focal length, which tells how
 * much each side is foreshortened. Assumes square pixels and the optical axis through the image
 * centre, as in phone photos; when the focal length cannot be recovered (little perspective), a
 * phone-like one (0.6 x the diagonal, a 26 mm equivalent lens) is used.
 */
export function rectangleAspect(quad: Quad, size: { width: number; height: number }): number {
  const cx = (size.width - 1) / 2;
  const cy = (size.height - 1) / 2;
  const [tl, tr, br, bl] = quad.map((p) => [p.x - cx, p.y - cy, 1] as const) as unknown as [Vec3, Vec3, Vec3, Vec3];
  const k2 = dot(cross(tl, br), bl) / dot(cross(tr, br), bl);
  const k3 = dot(cross(tl, br), tr) / dot(cross(bl, br), tr);
  const n2 = sub(scale(tr, k2), tl);
  const n3 = sub(scale(bl, k3), tl);
  const diagonal = Math.hypot(size.width, size.height);
  const estimated = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
  const plausible = Number.isFinite(estimated) && estimated > (0.3 * diagonal) ** 2 && estimated < (3 * diagonal) ** 2;
  const f2 = plausible ? estimated : (0.6 * diagonal) ** 2;
  const squared = (n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2;
  const other = (n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2;
  return Math.sqrt(squared / other);
}

type Vec3 = readonly [number, number, number];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
