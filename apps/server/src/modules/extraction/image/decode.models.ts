/**
 * Reading an image file safely: the header is read and checked against the pixel limit before any
 * pixel is decoded (decompression bombs), damaged files become ImageRejectedError with a reason the
 * user understands, and the pixels come out upright (EXIF orientation) as 8-bit grayscale.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { decodeHeic } from './heic.models.ts';
import { ImageRejectedError } from './image.errors.ts';
import { assertPixelLimit } from './limits.models.ts';
import { toGray } from './raster.models.ts';
import type { GrayImage, ImageInfo } from './image.types.ts';

export const SUPPORTED_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'image/heic', 'image/heif'] as const;

/** A declared resolution below this is a default (72/96 from cameras and editors), not a measurement. */
const MIN_TRUSTED_DPI = 100;
const MAX_TRUSTED_DPI = 2400;

interface Probe {
  info: ImageInfo;
  /** EXIF orientation 1..8 (1 when absent or HEIF, whose own transforms libheif applies). */
  orientation: number;
  /** HEVC-coded HEIF, which sharp cannot decode. */
  hevc: boolean;
  /** The declared resolution when it looks like a real one (a scanner's), else undefined. */
  trustedDpi: number | undefined;
}

export interface LoadedImage {
  image: GrayImage;
  info: ImageInfo;
  trustedDpi: number | undefined;
  /** `exif-rotate 90` and the like, when the EXIF orientation turned the pixels. */
  steps: string[];
}

/** Size, page count and declared resolution, from the header only. */
export async function imageInfo(bytes: Uint8Array, mime: string, options: { page?: number } = {}): Promise<ImageInfo> {
  return (await probe(bytes, mime, options.page ?? 0)).info;
}

/** Decodes one page to upright 8-bit grayscale, after checking its header against `maxPixels`. */
export async function loadGray(bytes: Uint8Array, mime: string, options: { maxPixels: number; page?: number }): Promise<LoadedImage> {
  const page = options.page ?? 0;
  const probed = await probe(bytes, mime, page);
  assertPixelLimit(probed.info.width, probed.info.height, options.maxPixels);
  const steps = orientationStep(probed.orientation);

  let pipeline: Sharp;
  if (probed.hevc) {
    const rgba = await decodeHeic(bytes, { maxPixels: options.maxPixels, page });
    pipeline = sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } });
  } else {
    // 'truncated' refuses cut-off files but tolerates the harmless warnings some cameras provoke.
    pipeline = sharp(bytes, { limitInputPixels: options.maxPixels, page, failOn: 'truncated' }).rotate();
  }
  try {
    const image = await toGray(pipeline.flatten({ background: '#ffffff' }));
    return { image, info: probed.info, trustedDpi: probed.trustedDpi, steps };
  } catch (error) {
    throw damaged(error);
  }
}

async function probe(bytes: Uint8Array, mime: string, page: number): Promise<Probe> {
  if (!(SUPPORTED_IMAGE_MIMES as readonly string[]).includes(mime)) {
    throw new ImageRejectedError('unsupported', `Images of type ${mime} cannot be read; JPEG, PNG, TIFF, WebP and HEIC can.`);
  }
  // Only headers are read here, so no pixel limit yet: the limit is checked against their numbers.
  const header = (index: number) => sharp(bytes, { limitInputPixels: false, page: index }).metadata();
  let metadata: Metadata;
  try {
    metadata = await header(0);
  } catch (error) {
    throw damaged(error);
  }
  const pages = metadata.pages ?? 1;
  if (!Number.isInteger(page) || page < 0 || page >= pages) {
    throw new ImageRejectedError('page_not_found', `The image has ${pages} page(s); page ${page + 1} does not exist.`);
  }
  if (page > 0) {
    try {
      metadata = await header(page);
    } catch (error) {
      throw damaged(error);
    }
  }
  const hevc = metadata.format === 'heif' && metadata.compression !== 'av1';
  // HEIF orientation is in the container and applied by the decoder; EXIF in HEIF is informational.
  const orientation = hevc ? 1 : (metadata.orientation ?? 1);
  const upright = orientation >= 5 ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
  const declared = metadata.resolutionUnit !== undefined && metadata.density !== undefined ? Math.round(metadata.density) : undefined;
  const trusted = declared !== undefined && declared >= MIN_TRUSTED_DPI && declared <= MAX_TRUSTED_DPI ? declared : undefined;
  return {
    info: { width: upright.width, height: upright.height, pages, ...(declared !== undefined ? { dpi: declared } : {}) },
    orientation,
    hevc,
    trustedDpi: trusted,
  };
}

function orientationStep(orientation: number): string[] {
  switch (orientation) {
    case 1:
      return [];
    case 3:
      return ['exif-rotate 180'];
    case 6:
      return ['exif-rotate 90'];
    case 8:
      return ['exif-rotate 270'];
    default:
      return [`exif-orientation ${orientation} (mirrored)`];
  }
}

function damaged(cause: unknown): ImageRejectedError {
  if (cause instanceof ImageRejectedError) return cause;
  const detail = cause instanceof Error ? cause.message.split('\n')[0]?.trim() : undefined;
  return new ImageRejectedError(
    'damaged',
    `The image could not be read; the file is damaged or incomplete${detail ? ` (${detail})` : ''}.`,
    { cause },
  );
}
