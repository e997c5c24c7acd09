import { ImageRejectedError } from './image.errors.ts';

/** Refuses an image before its pixels are decoded when its header claims more than `maxPixels`. */
export function assertPixelLimit(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ImageRejectedError(
      'too_large',
      `The image is ${width} x ${height} pixels; at most ${formatMegapixels(maxPixels)} megapixels are read.`,
    );
  }
}

function formatMegapixels(pixels: number): string {
  const megapixels = pixels / 1_000_000;
  return megapixels >= 10 ? String(Math.floor(megapixels)) : String(Math.floor(megapixels * 10) / 10);
}
