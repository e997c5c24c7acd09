/**
 * Thumbnails of page 1 as WebP, for lists and the review screen. PDFs are rendered with pdf.js;
 * images are turned upright by their EXIF orientation. HEIC, which sharp's prebuilt libvips cannot
 * decode, goes through the offline HEIC decoder first.
 */
import sharp from 'sharp';
import { decodeHeic } from './image/prepare.models.ts';
import { renderFirstPage } from './pdf/pdf.models.ts';
import { renderPage } from './pdf/render.models.ts';

export const THUMBNAIL_WIDTH = 320;
/** Pages shown on the document screen: wide enough to read on a desktop, small enough for a phone's data plan. */
export const PAGE_PREVIEW_WIDTH = 1000;
const PAGE_PREVIEW_DPI = 130;
const PAGE_PREVIEW_MAX_PIXELS = 6_000_000;
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

/**
 * One page of a PDF (1-based) as a WebP picture for reading on screen; for an image, the image
 * itself scaled down. Throws `PdfReadError` for a page the PDF does not have or cannot draw.
 */
export async function makePagePreview(bytes: Uint8Array, mime: string, pageNumber: number): Promise<Uint8Array | null> {
  if (mime === 'application/pdf') return toWebp(await renderPage(bytes, pageNumber, { dpi: PAGE_PREVIEW_DPI, maxPixels: PAGE_PREVIEW_MAX_PIXELS }), PAGE_PREVIEW_WIDTH, 80);
  if (mime === 'image/heic') {
    const image = await decodeHeic(bytes, { maxPixels: MAX_INPUT_PIXELS });
    return toWebp(await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } }).png().toBuffer(), PAGE_PREVIEW_WIDTH, 80);
  }
  return ['image/jpeg', 'image/png', 'image/tiff', 'image/webp'].includes(mime) ? toWebp(bytes, PAGE_PREVIEW_WIDTH, 80) : null;
}

async function toWebp(image: Uint8Array, width = THUMBNAIL_WIDTH, quality = 75): Promise<Uint8Array> {
  const output = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, page: 0 })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .webp({ quality })
    .toBuffer();
  return new Uint8Array(output);
}
