/** Small pure operations on 8-bit gray images used by page detection, deskew and contrast. */
import type { GrayImage } from './image.types.ts';

export function histogram(image: GrayImage): Uint32Array {
  const counts = new Uint32Array(256);
  const { data } = image;
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    counts[value] = (counts[value] as number) + 1;
  }
  return counts;
}

/** Otsu's threshold: values <= the result are the dark class, the rest the bright class. */
export function otsuThreshold(counts: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v] as number;
    sum += v * (counts[v] as number);
  }
  let darkCount = 0;
  let darkSum = 0;
  let best = -1;
  let threshold = 127;
  for (let t = 0; t < 255; t++) {
    darkCount += counts[t] as number;
    darkSum += t * (counts[t] as number);
    const brightCount = total - darkCount;
    if (darkCount === 0 || brightCount === 0) continue;
    const between = darkCount * brightCount * (darkSum / darkCount - (sum - darkSum) / brightCount) ** 2;
    if (between > best) [best, threshold] = [between, t];
  }
  return threshold;
}

/** Mean value of the dark (<= threshold) and bright classes, and the share of dark pixels. */
export function classMeans(counts: Uint32Array, threshold: number): { dark: number; bright: number; darkShare: number } {
  let darkCount = 0;
  let darkSum = 0;
  let brightCount = 0;
  let brightSum = 0;
  for (let v = 0; v < 256; v++) {
    const c = counts[v] as number;
    if (v <= threshold) [darkCount, darkSum] = [darkCount + c, darkSum + v * c];
    else [brightCount, brightSum] = [brightCount + c, brightSum + v * c];
  }
  return {
    dark: darkCount ? darkSum / darkCount : 0,
    bright: brightCount ? brightSum / brightCount : 255,
    darkShare: darkCount / Math.max(1, darkCount + brightCount),
  };
}

/** Value below which `share` (0..1) of the pixels lie. */
export function percentile(counts: Uint32Array, share: number): number {
  let total = 0;
  for (const c of counts) total += c;
  const wanted = share * total;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v] as number;
    if (seen >= wanted) return v;
  }
  return 255;
}

/** Separable sliding maximum over a (2r+1) square: removes dark marks narrower than the window. */
export function maxFilter(image: GrayImage, radius: number): GrayImage {
  return separable(image, radius, (values, from, to) => {
    let max = 0;
    for (let i = from; i <= to; i++) if ((values[i] as number) > max) max = values[i] as number;
    return max;
  });
}

/** Separable box blur over a (2r+1) square, edges clamped to the image. */
export function boxBlur(image: GrayImage, radius: number): GrayImage {
  return separable(image, radius, (values, from, to) => {
    let sum = 0;
    for (let i = from; i <= to; i++) sum += values[i] as number;
    return Math.round(sum / (to - from + 1));
  });
}

function separable(image: GrayImage, radius: number, reduce: (values: Uint8Array, from: number, to: number) => number): GrayImage {
  const { width, height } = image;
  const pass = (input: Uint8Array, length: number, lines: number, stride: number, step: number) => {
    const output = new Uint8Array(input.length);
    const line = new Uint8Array(length);
    for (let l = 0; l < lines; l++) {
      for (let i = 0; i < length; i++) line[i] = input[l * stride + i * step] as number;
      for (let i = 0; i < length; i++) {
        output[l * stride + i * step] = reduce(line, Math.max(0, i - radius), Math.min(length - 1, i + radius));
      }
    }
    return output;
  };
  const rows = pass(image.data, width, height, width, 1);
  return { data: pass(rows, height, width, 1, width), width, height };
}
