import { describe, expect, it } from 'vitest';
import { clearDarkBorder } from './border.models.ts';
import type { GrayImage } from './image.types.ts';

/** A light strip (paper 240) with dark print in the middle and, optionally, black bands at its top and bottom edges. */
function slip(options: { bands: boolean }): GrayImage {
  const width = 200;
  const height = 400;
  const data = new Uint8Array(width * height).fill(240);
  const paint = (x0: number, y0: number, x1: number, y1: number, value: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = value;
  };
  // Print: a black bar (bold type) and a faint one (thermal print), both away from the edges.
  paint(40, 150, 160, 160, 0);
  paint(40, 200, 160, 210, 150);
  if (options.bands) {
    paint(0, 0, width, 12, 10);
    paint(0, height - 12, width, height, 10);
    // A torn edge: teeth reaching into the strip.
    for (let x = 0; x < width; x += 20) paint(x, 12, x + 8, 24, 20);
  }
  return { data, width, height };
}

const at = (image: GrayImage, x: number, y: number) => image.data[y * image.width + x];

describe('clearDarkBorder', () => {
  it('paints dark areas that touch the edge as paper and keeps the print', () => {
    const cleared = clearDarkBorder(slip({ bands: true }));
    expect(cleared).not.toBeNull();
    const image = cleared as GrayImage;
    expect(at(image, 100, 5)).toBe(240);
    expect(at(image, 100, 395)).toBe(240);
    expect(at(image, 4, 20)).toBe(240);
    expect(at(image, 100, 155)).toBe(0);
    expect(at(image, 100, 205)).toBe(150);
  });

  it('leaves a page without a dark border alone', () => {
    expect(clearDarkBorder(slip({ bands: false }))).toBeNull();
  });

  it('leaves a few dark pixels at the edge alone (a letter cut off by the picture)', () => {
    const image = slip({ bands: false });
    for (let y = 100; y < 110; y++) image.data[y * image.width] = 0;
    expect(clearDarkBorder(image)).toBeNull();
  });
});
