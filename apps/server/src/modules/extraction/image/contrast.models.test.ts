import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { edgeWidth, flattenIllumination, stretchContrast, unsharpMask } from './contrast.models.ts';
import { grayOf, letterPage, meanOf } from './testing/made-photos.ts';
import type { GrayImage } from './image.types.ts';

function shaded(image: GrayImage, darkest: number): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const light = darkest + (1 - darkest) * (x / (image.width - 1));
      data[y * image.width + x] = Math.round((image.data[y * image.width + x] as number) * light);
    }
  }
  return { data, width: image.width, height: image.height };
}

describe('flattenIllumination', () => {
  it('evens out a page lit from one side, keeping the ink dark', async () => {
    const page = await letterPage(600, 848);
    const flat = flattenIllumination(shaded(page, 0.55));
    expect(flat).not.toBeNull();
    const left = meanOf(flat as GrayImage, { x0: 0.02, y0: 0.8, x1: 0.1, y1: 0.95 });
    const right = meanOf(flat as GrayImage, { x0: 0.9, y0: 0.8, x1: 0.98, y1: 0.95 });
    expect(Math.abs(left - right)).toBeLessThan(8);
    // The black square in the top-left corner stays black.
    expect(meanOf(flat as GrayImage, { x0: 0.07, y0: 0.045, x1: 0.13, y1: 0.085 })).toBeLessThan(40);
  });

  it('leaves an evenly lit page alone', async () => {
    expect(flattenIllumination(await letterPage(600, 848))).toBeNull();
  });
});

describe('edgeWidth', () => {
  it('tells a crisp page from a blurred photo of it', async () => {
    const page = await letterPage(600, 848);
    const blurred = await grayOf(await sharp(page.data, { raw: { width: 600, height: 848, channels: 1 } }).blur(2).png().toBuffer());
    expect(edgeWidth(page)).toBeLessThan(2);
    expect(edgeWidth(blurred)).toBeGreaterThan(3);
    expect(edgeWidth(unsharpMask(blurred))).toBeLessThan(edgeWidth(blurred) as number);
  });
});

describe('stretchContrast', () => {
  it('makes the paper white and the ink darker, but a faint page only by a factor of 3', () => {
    const faint = { data: new Uint8Array([...Array(98).fill(200), 150, 150]), width: 100, height: 1 };
    const stretched = stretchContrast(faint);
    expect(stretched.data[0]).toBe(255);
    expect(stretched.data[99]).toBe(105); // 255 - 50 * 3
  });
});
