import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf.ts';
import { apply, homography, photoRendition } from './photo.ts';
import { scanRendition } from './scan.ts';

const page = { runs: [{ text: 'Zahlungserinnerung – offener Betrag 128,40 €', x: 64, y: 300, size: 12 }, { text: 'Bitte zahlen Sie innerhalb von 7 Tagen.', x: 64, y: 330 }] };

describe('scan rendition', () => {
  it('is a 200 dpi grayscale PNG of the A4 page, the same for the same seed', async () => {
    const pdf = await renderPdf([page]);
    const scan = await scanRendition(pdf, 7);
    const meta = await sharp(scan.bytes).metadata();
    expect([scan.ext, scan.mime, meta.format, meta.channels, meta.density]).toEqual(['png', 'image/png', 'png', 1, 200]);
    expect(Math.abs(meta.width! - 1654)).toBeLessThan(4);
    expect(Math.abs(meta.height! - 2339)).toBeLessThan(4);
    expect(Buffer.from((await scanRendition(pdf, 7)).bytes).equals(Buffer.from(scan.bytes))).toBe(true);
  });

  it('puts several pages into one multi-page TIFF', async () => {
    const scan = await scanRendition(await renderPdf([page, page]), 3);
    expect(scan.ext).toBe('tif');
    expect((await sharp(scan.bytes).metadata()).pages).toBe(2);
  });
});

describe('photo rendition', () => {
  it('is a JPEG of 2000-2400 px on the long side, darker at the edges than the paper, the same for the same seed', async () => {
    const pdf = await renderPdf([page]);
    const photo = await photoRendition(pdf, 11);
    const meta = await sharp(photo.bytes).metadata();
    expect([photo.ext, meta.format]).toEqual(['jpg', 'jpeg']);
    expect(Math.max(meta.width!, meta.height!)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2400);
    const { data, info } = await sharp(photo.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[Math.round(y) * info.width + Math.round(x)]!;
    expect(at(5, 5)).toBeLessThan(at(info.width / 2, info.height * 0.15) - 40);
    expect(Buffer.from((await photoRendition(pdf, 11)).bytes).equals(Buffer.from(photo.bytes))).toBe(true);
    expect(Buffer.from((await photoRendition(pdf, 12)).bytes).equals(Buffer.from(photo.bytes))).toBe(false);
  });

  it('puts the photos of several pages into one multi-page TIFF', async () => {
    const photo = await photoRendition(await renderPdf([page, page]), 1);
    const meta = await sharp(photo.bytes).metadata();
    expect([photo.ext, photo.mime, meta.pages]).toEqual(['tif', 'image/tiff', 2]);
    expect(photo.bytes.length).toBeLessThan(4_000_000);
  });

  it('maps the corners it was built from', () => {
    const from: [number, number][] = [[10, 20], [900, 40], [880, 1200], [30, 1150]];
    const to: [number, number][] = [[0, 0], [595, 0], [595, 842], [0, 842]];
    const h = homography(from, to);
    from.forEach((point, index) => {
      const [u, v] = apply(h, point[0], point[1]);
      expect(u).toBeCloseTo(to[index]![0], 6);
      expect(v).toBeCloseTo(to[index]![1], 6);
    });
  });
});
