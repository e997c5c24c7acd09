/**
 * Thumbnails of page 1 as WebP, for lists and the review screen. PDFs are rendered with pdf.js;
 * images are turned upright by their EXIF orientation. HEIC, which sharp's prebuilt libvips cannot
 * decode, goes through the offline HEIC decoder first.
 */
import sharp from 'sharp';
import { decodeHeic } from './image/prepare.models.ts';
import { renderFirstPage } from './pdf/pdf.models.ts';

export const THUMBNAIL_WIDTH = 320;
export const THUMBNAIL_MIME = 'image/webp';
/** Refuse to decode images larger than this (decompression bombs). */
const MAX_INPUT_PIXELS = 100_000_000;

export async function makeThumbnail(bytes: Uint8Array, mime: string): Promise<Uint8Array | null> {
  switch (mime) {
    case 'application/pdf':
      return toWebp(await renderFirstPage(bytes, THUMBNAIL_WIDTH * 2));
    case 'image/jpeg':
    case 'image/png':
    case 'image/tiff':
    case 'image/webp':
      return toWebp(bytes);
    case 'image/heic': {
      const image = await decodeHeic(bytes, { maxPixels: MAX_INPUT_PIXELS });
      return toWebp(await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).png().toBuffer());
    }
    default:
      return null;
  }
}

async function toWebp(image: Uint8Array): Promise<Uint8Array> {
  const output = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, page: 0 })
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .webp({ quality: 75 })
    .toBuffer();
  return new Uint8Array(output);
}
