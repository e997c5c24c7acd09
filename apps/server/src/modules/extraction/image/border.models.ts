/**
 * Dark borders around a page: the table a receipt was photographed on, the black torn edge of a
 * till slip, the shadow of a scanner lid. When they reach the edge of the image, tesseract's page
 * layout can take the whole image for a picture and read nothing at all. `clearDarkBorder` paints
 * every dark area that is connected to the image's edge in the colour of the paper.
 */
import { histogram, percentile } from './gray.models.ts';
import type { GrayImage } from './image.types.ts';

/** Darker than this (0..255) is border, not print: faint print on thermal paper stays well above it. */
const DARK = 80;
/** Less border than this share of the image is left alone (a cut-off letter touching the edge). */
const MIN_SHARE = 0.002;

/** A copy with the dark areas that touch the image's edge painted as paper, or null when there are none to speak of. */
export function clearDarkBorder(image: GrayImage): GrayImage | null {
  const { width, height, data } = image;
  const paper = percentile(histogram(image), 0.9);
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const push = (index: number) => {
    if (seen[index] === 0 && (data[index] as number) < DARK) {
      seen[index] = 1;
      stack.push(index);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  let cleared = 0;
  while (stack.length > 0) {
    const index = stack.pop() as number;
    cleared += 1;
    const x = index % width;
    if (x > 0) push(index - 1);
    if (x < width - 1) push(index + 1);
    if (index >= width) push(index - width);
    if (index < (height - 1) * width) push(index + width);
  }
  if (cleared < MIN_SHARE * width * height) return null;
  const out = new Uint8Array(data);
  for (let index = 0; index < out.length; index++) if (seen[index] === 1) out[index] = paper;
  return { data: out, width, height };
}
