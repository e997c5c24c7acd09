/**
 * Light and focus of a photographed page: uneven lighting (a shadow, a lamp on one side) is divided
 * out against an estimate of the bare paper, and the width of text edges tells a blurred photo
 * from a sharp one. Pure functions over raw gray pixels.
 */
import { boxBlur, histogram, maxFilter, percentile } from './gray.models.ts';
import type { GrayImage } from './image.types.ts';

/** Lighting is corrected when the darkest paper is less than this share of the brightest. */
const UNEVEN_RATIO = 0.85;
/** Never brighten by more than this factor: keeps dark areas (photos, inverted headings) dark. */
const MAX_GAIN = 3;

/**
 * Divides the image by its paper brightness (the local maximum over a window wider than text lines,
 * smoothed), when that brightness varies by more than 15 %. Returns null when the lighting is even.
 */
export function flattenIllumination(image: GrayImage): GrayImage | null {
  const { width, height, data } = image;
  const block = Math.max(1, Math.ceil(Math.max(width, height) / 128));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const blockOf = new Int32Array(width);
  for (let x = 0; x < width; x++) blockOf[x] = (x / block) | 0;
  const blocks = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const offset = ((y / block) | 0) * bw;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const b = offset + (blockOf[x] as number);
      const v = data[row + x] as number;
      if (v > (blocks[b] as number)) blocks[b] = v;
    }
  }
  const paper = boxBlur(maxFilter({ data: blocks, width: bw, height: bh }, 3), 3);
  const counts = histogram(paper);
  const low = percentile(counts, 0.05);
  const high = percentile(counts, 0.95);
  if (high === 0 || low / high >= UNEVEN_RATIO) return null;

  // Gain = 255 / paper brightness, interpolated bilinearly between block centres ((i + 0.5) * block).
  const floor = high / MAX_GAIN;
  const gains = new Float32Array(bw * bh);
  for (let i = 0; i < gains.length; i++) gains[i] = 255 / Math.max(floor, paper.data[i] as number);
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const wxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), bw - 1);
    x0s[x] = Math.floor(fx);
    x1s[x] = Math.min((x0s[x] as number) + 1, bw - 1);
    wxs[x] = fx - (x0s[x] as number);
  }
  const rowGains = new Float32Array(bw);
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), bh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, bh - 1);
    const wy = fy - y0;
    for (let b = 0; b < bw; b++) rowGains[b] = (gains[y0 * bw + b] as number) * (1 - wy) + (gains[y1 * bw + b] as number) * wy;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const wx = wxs[x] as number;
      const gain = (rowGains[x0s[x] as number] as number) * (1 - wx) + (rowGains[x1s[x] as number] as number) * wx;
      const v = (data[row + x] as number) * gain + 0.5;
      out[row + x] = v > 255 ? 255 : v;
    }
  }
  return { data: out, width, height };
}

/**
 * Roughly how many pixels a dark-to-light edge spans (1 for a crisp scan, 3+ for a blurred photo):
 * the contrast between paper and ink divided by the steepest steps between neighbouring pixels.
 */
export function edgeWidth(image: GrayImage): number | null {
  const { width, height, data } = image;
  const steps = new Uint32Array(256);
  const rowStep = Math.max(1, Math.floor(height / 600));
  for (let y = 0; y < height; y += rowStep) {
    const row = y * width;
    for (let x = 1; x < width; x++) {
      const d = Math.abs((data[row + x] as number) - (data[row + x - 1] as number));
      steps[d] = (steps[d] as number) + 1;
    }
  }
  const counts = histogram(image);
  const contrast = percentile(counts, 0.99) - percentile(counts, 0.01);
  if (contrast < 40) return null;
  // Ink edges are a few percent of all steps; the top 0.5 % are the steepest parts of them.
  const steepest = percentile(steps, 0.995);
  return steepest === 0 ? null : contrast / steepest;
}

/** Most a faint page is stretched: more would turn paper grain into specks. */
const MAX_STRETCH = 3;

/**
 * Linear contrast stretch: the brightest 1 % become white and the rest darkens in proportion, so
 * that ink reaches black (a JS lookup table: sharp's normalise() costs a second pass over the image).
 */
export function stretchContrast(image: GrayImage): GrayImage {
  const counts = histogram(image);
  const low = percentile(counts, 0.01);
  const high = percentile(counts, 0.99);
  const gain = Math.min(255 / Math.max(1, high - low), MAX_STRETCH);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.max(0, Math.min(255, Math.round(255 - (high - v) * gain)));
  const out = new Uint8Array(image.data.length);
  const { data } = image;
  for (let i = 0; i < data.length; i++) out[i] = table[data[i] as number] as number;
  return { data: out, width: image.width, height: image.height };
}

/**
 * Mild unsharp mask for a blurred photo: each pixel moves away from the mean of its 3 x 3
 * neighbourhood by `amount` times the difference (JS: sharp's sharpen() with a sigma converts to
 * Lab and costs seconds on a 12 MP page).
 */
export function unsharpMask(image: GrayImage, amount = 0.8): GrayImage {
  const { width, height, data } = image;
  const sums = new Uint16Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const left = x > 0 ? (data[row + x - 1] as number) : (data[row + x] as number);
      const right = x < width - 1 ? (data[row + x + 1] as number) : (data[row + x] as number);
      sums[row + x] = left + (data[row + x] as number) + right;
    }
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const up = y > 0 ? row - width : row;
    const down = y < height - 1 ? row + width : row;
    for (let x = 0; x < width; x++) {
      const v = data[row + x] as number;
      const mean = ((sums[up + x] as number) + (sums[row + x] as number) + (sums[down + x] as number)) / 9;
      const sharpened = v + amount * (v - mean) + 0.5;
      out[row + x] = sharpened < 0 ? 0 : sharpened > 255 ? 255 : sharpened;
    }
  }
  return { data: out, width, height };
}
