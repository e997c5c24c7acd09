import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateSkew } from './deskew.models.ts';
import { a4, grayOf, letterSvg } from './testing/made-photos.ts';

let letter: Buffer;
beforeAll(async () => {
  const { width, height } = a4(100);
  letter = await sharp(Buffer.from(letterSvg(width, height))).png().toBuffer();
});

/** The letter at 100 dpi, turned clockwise by `degrees` (white corners). */
async function turnedLetter(degrees: number) {
  return grayOf(await sharp(letter).rotate(degrees, { background: '#fbfbf8' }).png({ compressionLevel: 0 }).toBuffer());
}

describe('estimateSkew', () => {
  it.each([-12, -3.5, -0.8, 0, 0.4, 2, 7.3, 14])('finds a letter turned %s° clockwise to within 0.2°', async (degrees) => {
    const skew = estimateSkew(await turnedLetter(degrees));
    expect(skew).not.toBeNull();
    expect(Math.abs((skew?.angle ?? NaN) - degrees)).toBeLessThan(0.2);
    expect(skew?.strength).toBeGreaterThan(1.5);
  });

  it.each([
    [93, 3],
    [265, -5],
    [90, 0],
  ])('finds the skew of a page lying on its side (turned %s°) as %s°', async (turn, expected) => {
    const skew = estimateSkew(await turnedLetter(turn));
    expect(Math.abs((skew?.angle ?? NaN) - expected)).toBeLessThan(0.2);
  });

  it('has no strong answer where there are no lines of text', async () => {
    const noise = await grayOf(await sharp({ create: { width: 600, height: 800, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer());
    const skew = estimateSkew(noise);
    expect(skew === null || skew.strength < 1.3).toBe(true);
  });

  it('gives up on a blank page', async () => {
    const blank = await grayOf(await sharp({ create: { width: 600, height: 800, channels: 3, background: '#fafafa' } }).png().toBuffer());
    expect(estimateSkew(blank)).toBeNull();
  });
});
