import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageInfo, loadGray } from './decode.models.ts';
import { decodeHeic } from './heic.models.ts';
import { ImageRejectedError } from './image.errors.ts';
import { pngClaiming } from '../testing/hostile-files.ts';
import { meanOf } from './testing/made-photos.ts';

/**
 * A 480 x 679 letter page (testing/made-photos.ts `letterSvg`) encoded by libheif's own encoder:
 * `heif-enc -q 60 -o letter.heic letter.jpg` (Debian libheif-examples 1.15.1, x265). Real iPhone
 * files (grid tiles, `irot`) are covered by heic.iphone.test.ts.
 */
const letterHeic = new Uint8Array(readFileSync(new URL('./testing/letter.heic', import.meta.url)));

async function rejection(promise: Promise<unknown>): Promise<ImageRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejectedError);
  return error as ImageRejectedError;
}

describe('limits', () => {
  it('refuses a decompression bomb from its header, before decoding a pixel', async () => {
    const bomb = pngClaiming(50_000, 50_000);
    const before = process.memoryUsage().rss;
    const error = await rejection(loadGray(bomb, 'image/png', { maxPixels: 100_000_000 }));
    expect(error.reason).toBe('too_large');
    expect(error.code).toBe('image.too_large');
    expect(error.message).toBe('The image is 50000 x 50000 pixels; at most 100 megapixels are read.');
    // 2.5 gigapixels decoded would be 2.5 GB; nothing near that was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200_000_000);
  });

  it('refuses a real image that is over a lower limit', async () => {
    const big = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#fff' } }).png().toBuffer();
    const error = await rejection(loadGray(big, 'image/png', { maxPixels: 2_000_000 }));
    expect(error.message).toBe('The image is 2000 x 1500 pixels; at most 2 megapixels are read.');
    await expect(loadGray(big, 'image/png', { maxPixels: 3_000_000 })).resolves.toMatchObject({ image: { width: 2000, height: 1500 } });
  });

  it('refuses a HEIC file over the limit before decoding it', async () => {
    const error = await rejection(loadGray(letterHeic, 'image/heic', { maxPixels: 100_000 }));
    expect(error.message).toBe('The image is 480 x 679 pixels; at most 0.1 megapixels are read.');
  });
});

describe('damaged and unsupported files', () => {
  it('refuses a truncated JPEG with a reason', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const error = await rejection(loadGray(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg', { maxPixels: 1e8 }));
    expect(error.reason).toBe('damaged');
    expect(error.message).toMatch(/^The image could not be read; the file is damaged or incomplete \(.*premature end.*\)\.$/i);
  });

  it('refuses bytes that are no image, and types it does not read', async () => {
    expect((await rejection(loadGray(new TextEncoder().encode('not a picture at all'), 'image/jpeg', { maxPixels: 1e8 }))).reason).toBe('damaged');
    expect((await rejection(imageInfo(new Uint8Array(0), 'image/png'))).reason).toBe('damaged');
    const unsupported = await rejection(imageInfo(new Uint8Array(10), 'image/gif'));
    expect(unsupported.message).toBe('Images of type image/gif cannot be read; JPEG, PNG, TIFF, WebP and HEIC can.');
  });

  it('refuses a truncated HEIC file', async () => {
    const error = await rejection(loadGray(letterHeic.subarray(0, 2000), 'image/heic', { maxPixels: 1e8 }));
    expect(error.reason).toBe('damaged');
  });
});

describe('imageInfo and pages', () => {
  it('counts the pages of a multi-page TIFF and reads the one asked for', async () => {
    const first = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const second = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#202020' } }).png().toBuffer();
    const tiff = await sharp([first, second], { join: { animated: true } }).tiff({ compression: 'lzw' }).withDensity(300).toBuffer();

    expect(await imageInfo(tiff, 'image/tiff')).toEqual({ width: 200, height: 280, pages: 2, dpi: 300 });
    const page2 = await loadGray(tiff, 'image/tiff', { maxPixels: 1e6, page: 1 });
    expect(meanOf(page2.image, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBeLessThan(40);
    const page1 = await loadGray(tiff, 'image/tiff', { maxPixels: 1e6, page: 0 });
    expect(meanOf(page1.image, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBeGreaterThan(250);
    const missing = await rejection(loadGray(tiff, 'image/tiff', { maxPixels: 1e6, page: 2 }));
    expect(missing.message).toBe('The image has 2 page(s); page 3 does not exist.');
  });

  it('reports the upright size of a photo turned by EXIF, and no resolution when none is declared', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await imageInfo(jpeg, 'image/jpeg')).toMatchObject({ width: 200, height: 300, pages: 1 });
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await imageInfo(png, 'image/png')).toEqual({ width: 30, height: 20, pages: 1 });
  });
});

describe('HEIC', () => {
  it('decodes a HEIC photo to RGBA offline', async () => {
    const decoded = await decodeHeic(letterHeic);
    expect(decoded).toMatchObject({ width: 480, height: 679 });
    expect(decoded.data.length).toBe(480 * 679 * 4);
    const gray = { data: decoded.data.filter((_, i) => i % 4 === 0), width: 480, height: 679 };
    // The black square top left, paper elsewhere.
    expect(meanOf(gray, { x0: 0.07, y0: 0.045, x1: 0.13, y1: 0.085 })).toBeLessThan(40);
    expect(meanOf(gray, { x0: 0.5, y0: 0.8, x1: 0.9, y1: 0.95 })).toBeGreaterThan(235);
  });

  it('reads its size from the header and decodes it to gray through loadGray', async () => {
    expect(await imageInfo(letterHeic, 'image/heic')).toEqual({ width: 480, height: 679, pages: 1 });
    const loaded = await loadGray(letterHeic, 'image/heic', { maxPixels: 1e6 });
    expect(loaded.image).toMatchObject({ width: 480, height: 679 });
    expect(loaded.steps).toEqual([]);
  });

  it('refuses an image index the file does not have', async () => {
    expect((await rejection(decodeHeic(letterHeic, { page: 1 }))).reason).toBe('page_not_found');
  });
});
