/**
 * The `photo` rendition: a phone picture of the printed page lying on a table. The page (drawn at
 * the resolution the picture gives it) is warped by a homography (a few degrees of rotation and a
 * mild keystone, as when the phone is not held quite parallel), laid on a darker textured surface
 * with a soft shadow, blurred a little (focus, hand shake), lit unevenly (a brightness gradient and
 * vignette, a colour cast), given sensor noise and saved as a JPEG at about quality 80, 2000-2400 px
 * on the long side. Everything is drawn from the seed.
 */
import sharp from 'sharp';
import { grayPage, pageCount, type ImageFile } from './scan.ts';
import { PAGE_HEIGHT } from './pdf.ts';
import { NoiseTable, Rng } from './random.ts';

type Point = [number, number];

const SURFACES: { name: string; color: [number, number, number]; grain: number }[] = [
  { name: 'oak table', color: [120, 84, 52], grain: 1 },
  { name: 'walnut table', color: [78, 54, 38], grain: 1 },
  { name: 'gray desk', color: [92, 94, 98], grain: 0 },
  { name: 'dark blue cloth', color: [44, 56, 82], grain: 0 },
  { name: 'slate', color: [60, 64, 62], grain: 0 },
  { name: 'green felt', color: [52, 78, 58], grain: 0 },
];

/**
 * One page: a JPEG. Several pages (one photo each, taken the same way) go into one multi-page TIFF
 * with JPEG-compressed pages, as a scanning app exports a letter; the reader takes every page.
 */
export async function photoRendition(pdf: Uint8Array, seed: number): Promise<ImageFile> {
  const pages = await pageCount(pdf);
  const size = new Rng(seed);
  const long = size.int(2000, 2400);
  const [width, height] = [Math.round(long * 0.75), long];
  if (pages === 1) {
    const raw = await photoPage(pdf, 1, new Rng(seed + 1), width, height);
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: size.int(77, 83) }).toBuffer();
    return { bytes: new Uint8Array(jpeg), ext: 'jpg', mime: 'image/jpeg' };
  }
  const photos: Buffer[] = [];
  for (let page = 1; page <= pages; page += 1) {
    const raw = await photoPage(pdf, page, new Rng(seed + page), width, height);
    photos.push(await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
  }
  const tiff = await sharp(photos, { join: { animated: true } }).tiff({ compression: 'jpeg', quality: size.int(77, 83) }).toBuffer();
  return { bytes: new Uint8Array(tiff), ext: 'tif', mime: 'image/tiff' };
}

/** The photo of one page as raw RGB pixels, `width` x `height`. */
async function photoPage(pdf: Uint8Array, pageNumber: number, rng: Rng, width: number, height: number): Promise<Buffer> {
  const pageHeight = height * rng.between(0.76, 0.86);
  const dpi = pageHeight / (PAGE_HEIGHT / 72);
  const page = await grayPage(pdf, pageNumber, dpi);

  const quad = pageQuad(rng, page.width, page.height, width, height);
  const toPage = homography(quad, [
    [0, 0],
    [page.width, 0],
    [page.width, page.height],
    [0, page.height],
  ]);
  const shadowOffset: Point = [rng.between(-18, 18), rng.between(8, 26)];
  const surface = rng.pick(SURFACES);
  const texture = new ValueNoise(rng, width, height);
  const paper: [number, number, number] = [rng.int(240, 250), rng.int(238, 248), rng.int(228, 242)];
  const ink = rng.int(20, 45);

  const rgb = Buffer.alloc(width * height * 3);
  const [h0, h1, h2, h3, h4, h5, h6, h7] = toPage as [number, number, number, number, number, number, number, number];
  const [dx, dy] = shadowOffset;
  const pw = page.width;
  const ph = page.height;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      // Where this pixel falls on the page (inverse map); inside the page no surface is seen.
      const w = h6 * x + h7 * y + 1;
      const u = (h0 * x + h1 * y + h2) / w;
      const v = (h3 * x + h4 * y + h5) / w;
      const inside = Math.min(u, v, pw - 1 - u, ph - 1 - v);
      let r = 0;
      let g = 0;
      let b = 0;
      if (inside < 0) {
        // The surface: a colour, large blotches, fine grain (and wood stripes for a table).
        const coarse = texture.coarse(x, y);
        const fine = texture.fine(x, y);
        const stripes = surface.grain ? 0.08 * Math.sin((x + 40 * coarse) * 0.045 + 3 * fine) : 0;
        let shade = 0.8 + 0.3 * coarse + 0.12 * fine + stripes;
        // The page's soft shadow on the surface.
        const sx = x - dx;
        const sy = y - dy;
        const sw = h6 * sx + h7 * sy + 1;
        const su = (h0 * sx + h1 * sy + h2) / sw;
        const sv = (h3 * sx + h4 * sy + h5) / sw;
        const shadowInside = Math.min(su, sv, pw - su, ph - sv);
        if (shadowInside > -30) shade *= 1 - 0.45 * clamp((shadowInside + 30) / 60, 0, 1);
        r = surface.color[0] * shade;
        g = surface.color[1] * shade;
        b = surface.color[2] * shade;
      }
      if (inside > -1) {
        const alpha = inside >= 0 ? 1 : inside + 1;
        const lum = bilinear(page.data, pw, ph, u, v) / 255;
        r = alpha * (ink + (paper[0] - ink) * lum) + (1 - alpha) * r;
        g = alpha * (ink + (paper[1] - ink) * lum) + (1 - alpha) * g;
        b = alpha * (ink + (paper[2] - ink) * lum) + (1 - alpha) * b;
      }
      rgb[offset] = clamp(r, 0, 255);
      rgb[offset + 1] = clamp(g, 0, 255);
      rgb[offset + 2] = clamp(b, 0, 255);
    }
  }

  const blurred = await sharp(rgb, { raw: { width, height, channels: 3 } }).blur(rng.between(0.6, 1.2)).raw().toBuffer();

  // Uneven light: a gradient across the picture, a vignette, a colour cast; then sensor noise.
  const base = rng.between(0.88, 1.02);
  const [gx, gy] = [rng.between(-0.28, 0.28), rng.between(-0.22, 0.22)];
  const vignette = rng.between(0.12, 0.3);
  const [cr, cg, cb] = rng.chance(0.5) ? [1.02, 0.99, 0.92] : [0.97, 0.99, 1.03];
  const [lx, ly] = [rng.between(0.3, 0.7), rng.between(0.3, 0.7)];
  const sigma = rng.between(3, 6);
  const noise = new NoiseTable(rng);
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    const ny = y / height - ly;
    for (let x = 0; x < width; x += 1) {
      const nx = x / width - lx;
      const light = base * (1 + gx * nx + gy * ny) * (1 - vignette * (nx * nx + ny * ny) * 2);
      const grain = sigma * noise.next();
      const offset = (y * width + x) * 3;
      out[offset] = clamp(blurred[offset]! * light * cr + grain + 1.5 * noise.next(), 0, 255);
      out[offset + 1] = clamp(blurred[offset + 1]! * light * cg + grain + 1.5 * noise.next(), 0, 255);
      out[offset + 2] = clamp(blurred[offset + 2]! * light * cb + grain + 1.5 * noise.next(), 0, 255);
    }
  }
  return out;
}

/** Where the page's corners land in the picture: centred, turned 2-5 degrees, a keystone, a little jitter. */
function pageQuad(rng: Rng, pageWidth: number, pageHeight: number, width: number, height: number): Point[] {
  const angle = ((rng.chance(0.5) ? 1 : -1) * rng.between(2, 5) * Math.PI) / 180;
  const keystone = rng.between(0.02, 0.06);
  const topNarrow = rng.chance(0.7);
  const [hw, hh] = [pageWidth / 2, pageHeight / 2];
  const corners: Point[] = [
    [-hw * (topNarrow ? 1 - keystone : 1), -hh],
    [hw * (topNarrow ? 1 - keystone : 1), -hh],
    [hw * (topNarrow ? 1 : 1 - keystone), hh],
    [-hw * (topNarrow ? 1 : 1 - keystone), hh],
  ].map(([x, y]) => [x! + rng.between(-0.008, 0.008) * pageWidth, y! + rng.between(-0.008, 0.008) * pageHeight]);
  const turned = corners.map(([x, y]): Point => [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)]);
  // Shrink until the page fits with a margin, then place it near the centre.
  const margin = 0.03;
  const spanX = Math.max(...turned.map(([x]) => Math.abs(x)));
  const spanY = Math.max(...turned.map(([, y]) => Math.abs(y)));
  const scale = Math.min(1, (width * (0.5 - margin)) / spanX, (height * (0.5 - margin)) / spanY);
  const roomX = Math.max(0, width * (0.5 - margin) - spanX * scale);
  const roomY = Math.max(0, height * (0.5 - margin) - spanY * scale);
  const [cx, cy] = [width / 2 + rng.between(-roomX, roomX), height / 2 + rng.between(-roomY, roomY)];
  return turned.map(([x, y]) => [cx + x * scale, cy + y * scale]);
}

/** The 3x3 projective map (as 8 numbers, h8 = 1) that takes each `from` point to its `to` point. */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const rows: number[][] = [];
  for (let index = 0; index < 4; index += 1) {
    const [x, y] = from[index]!;
    const [u, v] = to[index]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting.
  for (let column = 0; column < 8; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < 8; row += 1) if (Math.abs(rows[row]![column]!) > Math.abs(rows[pivot]![column]!)) pivot = row;
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const lead = rows[column]!;
    for (let row = 0; row < 8; row += 1) {
      if (row === column) continue;
      const factor = rows[row]![column]! / lead[column]!;
      for (let k = column; k < 9; k += 1) rows[row]![k]! -= factor * lead[k]!;
    }
  }
  return rows.map((row, index) => row[8]! / row[index]!);
}

export function apply(h: readonly number[], x: number, y: number): Point {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

function bilinear(data: Buffer, width: number, height: number, u: number, v: number): number {
  const x = clamp(u, 0, width - 1);
  const y = clamp(v, 0, height - 1);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = x - x0;
  const fy = y - y0;
  const top = data[y0 * width + x0]! * (1 - fx) + data[y0 * width + x1]! * fx;
  const bottom = data[y1 * width + x0]! * (1 - fx) + data[y1 * width + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Two octaves of smooth value noise in -0.5..0.5, on grids of random values. */
class ValueNoise {
  private readonly coarseGrid: Float64Array;
  private readonly fineGrid: Float64Array;
  private readonly coarseCell: number;
  private readonly fineCell: number;
  private readonly coarseColumns: number;
  private readonly fineColumns: number;

  constructor(rng: Rng, width: number, height: number) {
    this.coarseCell = Math.max(width, height) / 5;
    this.fineCell = 9;
    this.coarseColumns = Math.ceil(width / this.coarseCell) + 2;
    this.fineColumns = Math.ceil(width / this.fineCell) + 2;
    this.coarseGrid = Float64Array.from({ length: this.coarseColumns * (Math.ceil(height / this.coarseCell) + 2) }, () => rng.float() - 0.5);
    this.fineGrid = Float64Array.from({ length: this.fineColumns * (Math.ceil(height / this.fineCell) + 2) }, () => rng.float() - 0.5);
  }

  coarse(x: number, y: number): number {
    return this.sample(this.coarseGrid, this.coarseColumns, x / this.coarseCell, y / this.coarseCell);
  }

  fine(x: number, y: number): number {
    return this.sample(this.fineGrid, this.fineColumns, x / this.fineCell, y / this.fineCell);
  }

  private sample(grid: Float64Array, columns: number, gx: number, gy: number): number {
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const fx = smooth(gx - x0);
    const fy = smooth(gy - y0);
    const at = (x: number, y: number) => grid[y * columns + x]!;
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  }
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}
