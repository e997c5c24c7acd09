import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateSkew } from './deskew.models.ts';
import { ImageRejectedError, prepareForOcr, rotate } from './prepare.models.ts';
import { a4, cameraCorners, grayOf, letterPage, letterSvg, meanOf, photographedLetter, scannedLetter } from './testing/made-photos.ts';
import type { GrayImage, PreparedImage } from './image.types.ts';

const LIMIT = { maxPixels: 40_000_000 };
/** Where the letter's black square sits, in shares of the page. */
const MARKER = { x0: 0.07, y0: 0.045, x1: 0.13, y1: 0.085 };

async function expectGrayPng(prepared: PreparedImage): Promise<GrayImage> {
  const metadata = await sharp(prepared.png).metadata();
  expect(metadata).toMatchObject({ format: 'png', channels: 1, space: 'b-w', depth: 'uchar', width: prepared.width, height: prepared.height });
  expect(metadata.density).toBe(prepared.dpi);
  return grayOf(prepared.png);
}

/** Upright and the right way round: the black square top left, blank paper on the other side. */
function expectUprightLetter(page: GrayImage): void {
  expect(meanOf(page, MARKER)).toBeLessThan(60);
  expect(meanOf(page, { x0: 0.94, y0: 0.03, x1: 0.985, y1: 0.1 })).toBeGreaterThan(200);
  expect(meanOf(page, { x0: 0.07, y0: 0.915, x1: 0.13, y1: 0.955 })).toBeGreaterThan(200);
}

describe('prepareForOcr', () => {
  let page: GrayImage;
  beforeAll(async () => {
    page = await letterPage(a4(150).width, a4(150).height);
  });

  it('flattens a letter photographed in perspective on a dark table, turned and blurred', async () => {
    const photo = { width: 1500, height: 2000 };
    const corners = cameraCorners({ ...photo, fill: 0.75, roll: 6, pitch: 18, yaw: -8 });
    const jpeg = await photographedLetter(page, { ...photo, corners, blur: 1.5 });

    // targetDpi 200 keeps the test quick: the page is read at about 130 dpi, which a photo needs no upscaling for.
    const prepared = await prepareForOcr(jpeg, 'image/jpeg', { ...LIMIT, targetDpi: 200 });

    expect(prepared.steps.slice(0, 2)).toEqual(['page-detected', 'perspective-corrected']);
    expect(prepared.steps).toContain('sharpened');
    const out = await expectGrayPng(prepared);
    // The page fills the output: A4 proportions and paper, not table, along every edge.
    expect(prepared.height / prepared.width).toBeCloseTo(297 / 210, 2);
    for (const edge of [
      { x0: 0, y0: 0, x1: 1, y1: 0.01 },
      { x0: 0, y0: 0.99, x1: 1, y1: 1 },
      { x0: 0, y0: 0, x1: 0.01, y1: 1 },
      { x0: 0.99, y0: 0, x1: 1, y1: 1 },
    ]) {
      expect(meanOf(out, edge)).toBeGreaterThan(220);
    }
    expectUprightLetter(out);
    // The page was turned by 6° on the table; what is left of that is well under 1°.
    expect(Math.abs(estimateSkew(out)?.angle ?? NaN)).toBeLessThan(1);
    // The resolution comes from the page's width in pixels over 210 mm.
    expect(prepared.dpi).toBe(Math.round(prepared.width / (210 / 25.4)));
    expect(prepared.steps.some((step) => step.startsWith('upscaled'))).toBe(false);
  });

  it('straightens a photographed letter whose print is askew on the sheet', async () => {
    const photo = { width: 1200, height: 1600 };
    const askew = await letterPage(page.width, page.height, { skewDegrees: 3 });
    const corners = cameraCorners({ ...photo, fill: 0.8, roll: -5, pitch: -12, yaw: 6 });
    const prepared = await prepareForOcr(await photographedLetter(askew, { ...photo, corners, blur: 1 }), 'image/jpeg', LIMIT);

    expect(prepared.steps).toContain('perspective-corrected');
    const deskew = prepared.steps.find((step) => step.startsWith('deskew '));
    expect(Number.parseFloat((deskew ?? 'deskew NaN').slice('deskew '.length))).toBeCloseTo(-3, 0);
    expect(Math.abs(estimateSkew(await grayOf(prepared.png))?.angle ?? NaN)).toBeLessThan(1);
  });

  it('leaves a photo alone when the page runs off it (no clear page to correct)', async () => {
    const photo = { width: 900, height: 1200 };
    const corners = cameraCorners({ ...photo, fill: 1.1, roll: 8, pitch: 0, yaw: 0 });
    const jpeg = await photographedLetter(page, { ...photo, corners });
    const prepared = await prepareForOcr(jpeg, 'image/jpeg', LIMIT);
    expect(prepared.steps).not.toContain('page-detected');
    expect(prepared.steps).not.toContain('perspective-corrected');
  });

  it('leaves a straight scan geometrically unchanged', async () => {
    const scan = await scannedLetter(200);
    // At a target of 250 dpi a 200 dpi scan is close enough (80 %) to be left at its size.
    const prepared = await prepareForOcr(scan, 'image/png', { ...LIMIT, targetDpi: 250 });
    expect(prepared.steps).toEqual(['contrast']);
    expect(prepared).toMatchObject({ width: a4(200).width, height: a4(200).height, dpi: 200 });
    const out = await expectGrayPng(prepared);
    expectUprightLetter(out);
    // Same pixels where the ink is: the marker's edges did not move.
    const original = await grayOf(scan);
    const column = Math.round(0.1 * out.width);
    const edgeRow = (image: GrayImage) => {
      for (let y = 0; y < image.height; y++) if ((image.data[y * image.width + column] as number) < 128) return y;
      return -1;
    };
    expect(edgeRow(out)).toBe(edgeRow(original));
  });

  it.each([-4.2, 2.5])('straightens a scan that went in %s° askew, to within half a degree of the truth', async (degrees) => {
    const prepared = await prepareForOcr(await scannedLetter(150, { skewDegrees: degrees }), 'image/png', { ...LIMIT, targetDpi: 180 });
    const deskew = prepared.steps.find((step) => step.startsWith('deskew '));
    const applied = Number.parseFloat((deskew ?? 'deskew NaN').slice('deskew '.length));
    expect(Math.abs(applied + degrees)).toBeLessThan(0.5);
    expect(Math.abs(estimateSkew(await grayOf(prepared.png))?.angle ?? NaN)).toBeLessThan(0.5);
    expect(prepared).toMatchObject({ width: a4(150).width, height: a4(150).height });
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    // Stored lying on its side (turned a quarter anticlockwise); orientation 6 says "turn clockwise to view".
    const { width, height } = a4(100);
    const lying = await sharp(Buffer.from(letterSvg(width, height))).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await prepareForOcr(lying, 'image/jpeg', LIMIT);
    expect(prepared.steps[0]).toBe('exif-rotate 90');
    expect(prepared.height).toBeGreaterThan(prepared.width);
    expectUprightLetter(await expectGrayPng(prepared));
  });

  it('upscales a 72 dpi page to about 300 dpi, within the pixel limit', async () => {
    const small = await scannedLetter(72);
    const prepared = await prepareForOcr(small, 'image/png', LIMIT);
    expect(prepared.steps).toContain('upscaled x4');
    expect(prepared).toMatchObject({ width: a4(72).width * 4, dpi: 288 });
    await expectGrayPng(prepared);

    const capped = await prepareForOcr(small, 'image/png', { maxPixels: 2_000_000 });
    expect(capped.width * capped.height).toBeLessThanOrEqual(2_000_000);
    expect(capped.dpi).toBeLessThan(150);
    expect(capped.dpi).toBeGreaterThan(72);
  });

  it('brings a scan that states 150 dpi up to 300 dpi, where tesseract reads small print', async () => {
    const prepared = await prepareForOcr(await scannedLetter(150), 'image/png', LIMIT);
    expect(prepared.steps).toEqual(['contrast', 'upscaled x2']);
    expect(prepared).toMatchObject({ width: a4(150).width * 2, dpi: 300 });
    expectUprightLetter(await expectGrayPng(prepared));
  });

  it('leaves a till receipt of about 150 dpi at its size: its width in millimetres is only a guess', async () => {
    // 480 px across 80 mm is 152 dpi; the strip is three times as long.
    const receipt = await sharp({ create: { width: 480, height: 1440, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const prepared = await prepareForOcr(receipt, 'image/png', LIMIT);
    expect(prepared.steps.some((step) => step.startsWith('upscaled'))).toBe(false);
    expect(prepared.width).toBe(480);
  });

  it('reads a HEIC photo', async () => {
    const heic = new Uint8Array(readFileSync(new URL('./testing/letter.heic', import.meta.url)));
    const prepared = await prepareForOcr(heic, 'image/heic', { ...LIMIT, targetDpi: 150 });
    // 480 px across an A4 page is 58 dpi: upscaled to the (here lowered) target.
    expect(prepared.steps).toEqual(['contrast', 'upscaled x2.6']);
    expect(prepared.dpi).toBe(150);
    expectUprightLetter(await expectGrayPng(prepared));
  });

  it('refuses what it cannot read with an ImageRejectedError', async () => {
    await expect(prepareForOcr(new Uint8Array([1, 2, 3]), 'image/png', LIMIT)).rejects.toBeInstanceOf(ImageRejectedError);
  });
});

describe('rotate', () => {
  it('turns a prepared page by quarter turns and keeps its resolution', async () => {
    const prepared = await prepareForOcr(await scannedLetter(100), 'image/png', LIMIT);
    const turned = await rotate(prepared.png, 90);
    const metadata = await sharp(turned).metadata();
    expect(metadata).toMatchObject({ width: prepared.height, height: prepared.width, channels: 1, density: prepared.dpi });
    const back = await grayOf(await rotate(turned, 270));
    expectUprightLetter(back);
  });
});
