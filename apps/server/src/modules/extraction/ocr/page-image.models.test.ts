import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { preparePageImage } from './page-image.models.ts';

const pixels = (pgm: Buffer, header: string) => pgm.subarray(Buffer.byteLength(header));

describe('preparePageImage', () => {
  it('makes an 8-bit grayscale PGM or PNG, a transparent background white', async () => {
    const png = await sharp({ create: { width: 4, height: 2, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const page = await preparePageImage(png, { format: 'pgm' });
    expect(page).toMatchObject({ width: 4, height: 2 });
    const header = 'P5\n4 2\n255\n';
    expect(page.bytes.subarray(0, header.length).toString('ascii')).toBe(header);
    expect([...pixels(page.bytes, header)]).toEqual(Array(8).fill(255));
    const asPng = await preparePageImage(png, { format: 'png' });
    expect(await sharp(asPng.bytes).metadata()).toMatchObject({ format: 'png', width: 4, height: 2, channels: 1 });
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const sideways = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#808080' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await preparePageImage(sideways, { format: 'png' })).toMatchObject({ width: 20, height: 30 });
  });

  it('scales a page down to the pixel limit, keeping its proportions', async () => {
    const large = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const page = await preparePageImage(large, { format: 'pgm', maxPixels: 30_000 });
    expect(page).toMatchObject({ width: 200, height: 150 });
    expect(page.bytes.length).toBe(Buffer.byteLength('P5\n200 150\n255\n') + 200 * 150);
  });

  it('refuses what is no image, with a clear reason', async () => {
    await expect(preparePageImage(Buffer.alloc(0), { format: 'pgm' })).rejects.toMatchObject({ code: 'ocr.unreadable_image', message: 'The image is empty.' });
    await expect(preparePageImage(Buffer.from('not an image'), { format: 'png' })).rejects.toMatchObject({
      code: 'ocr.unreadable_image',
      message: expect.stringMatching(/^The image cannot be read \(.+\)\.$/),
    });
  });
});
