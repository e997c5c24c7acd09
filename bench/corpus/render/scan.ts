/**
 * The `scan` rendition: each page as a flatbed scanner delivers it: 200 dpi, 8-bit grayscale,
 * turned by less than a degree, a faint gray cast and sensor noise. One page gives a PNG, several a
 * multi-page TIFF (what document scanners save).
 */
import sharp from 'sharp';
import { renderPage } from '../../../apps/server/src/modules/extraction/pdf/render.models.ts';
import { readPdf } from '../../../apps/server/src/modules/extraction/pdf/pdf.models.ts';
import { NoiseTable, Rng } from './random.ts';

export const SCAN_DPI = 200;

export interface ImageFile {
  bytes: Uint8Array;
  ext: 'png' | 'tif' | 'jpg';
  mime: 'image/png' | 'image/tiff' | 'image/jpeg';
}

export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await readPdf(pdf, { maxPages: 0 })).pageCount;
}

/** Page `page` (1-based) drawn at `dpi` on white, grayscale, as raw 1-channel pixels. */
export async function grayPage(pdf: Uint8Array, page: number, dpi: number): Promise<{ data: Buffer; width: number; height: number }> {
  const png = await renderPage(pdf, page, { dpi, maxPixels: 100_000_000 });
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export async function scanRendition(pdf: Uint8Array, seed: number): Promise<ImageFile> {
  const pages = await pageCount(pdf);
  const images: Buffer[] = [];
  for (let page = 1; page <= pages; page += 1) images.push(await scanPage(pdf, page, new Rng(seed + page * 7919)));
  if (images.length === 1) return { bytes: new Uint8Array(images[0]!), ext: 'png', mime: 'image/png' };
  const tiff = await sharp(images, { join: { animated: true } }).toColourspace('b-w').withDensity(SCAN_DPI).tiff({ compression: 'lzw' }).toBuffer();
  return { bytes: new Uint8Array(tiff), ext: 'tif', mime: 'image/tiff' };
}

async function scanPage(pdf: Uint8Array, page: number, rng: Rng): Promise<Buffer> {
  const { data, width, height } = await grayPage(pdf, page, SCAN_DPI);
  const angle = rng.between(-1, 1);
  const paper = rng.int(238, 250);
  const rotated = await sharp(data, { raw: { width, height, channels: 1 } })
    .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Back to the page's size: the scanner bed does not grow with the tilt.
  const left = Math.floor((rotated.info.width - width) / 2);
  const top = Math.floor((rotated.info.height - height) / 2);
  const cropped = Buffer.alloc(width * height);
  for (let row = 0; row < height; row += 1) {
    const from = (row + top) * rotated.info.width + left;
    rotated.data.copy(cropped, row * width, from, from + width);
  }
  // Paper is not pure white, toner not pure black, and the sensor adds a little noise.
  const out = Buffer.alloc(width * height);
  const ink = rng.int(15, 40);
  const sigma = rng.between(2, 5);
  const noise = new NoiseTable(rng);
  for (let index = 0; index < out.length; index += 1) {
    const source = cropped[index]!;
    // The scanner's white point: blank paper comes out as one even tone (and compresses well).
    if (source >= 250) {
      out[index] = paper;
      continue;
    }
    const value = ink + ((paper - ink) * source) / 255 + sigma * noise.next();
    out[index] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
  return sharp(out, { raw: { width, height, channels: 1 } }).toColourspace('b-w').withDensity(SCAN_DPI).png({ compressionLevel: 9 }).toBuffer();
}
