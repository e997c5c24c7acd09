/**
 * Making a photo or scan readable before OCR: decode safely and upright, find and flatten a
 * photographed page, even out its lighting, straighten small skews, bring it to about 300 dpi and
 * hand tesseract an 8-bit grayscale PNG (not binarised: tesseract binarises better itself).
 * Whole-page turns (90/180/270) are the OCR driver's `detectRotation`, not done here.
 */
import { edgeWidth, flattenIllumination, stretchContrast, unsharpMask } from './contrast.models.ts';
import { loadGray } from './decode.models.ts';
import { estimateSkew } from './deskew.models.ts';
import { distance, homography, rectangleAspect, warpPerspective, type Point, type Quad } from './geometry.models.ts';
import { detectPage } from './page.models.ts';
import { analysisCopy, grayInput, rotateKeepingSize } from './raster.models.ts';
import type { GrayImage, PreparedImage, PrepareOptions } from './image.types.ts';

export { decodeHeic } from './heic.models.ts';
export { imageInfo, SUPPORTED_IMAGE_MIMES } from './decode.models.ts';
export { binarize, rotate, withoutDarkBorder } from './raster.models.ts';
export { ImageRejectedError } from './image.errors.ts';

const DEFAULT_TARGET_DPI = 300;
/** Page detection looks at a copy this size (longer side); corners are then scaled back. */
const DETECTION_SIDE = 800;
const DESKEW_SIDE = 1200;
/** Skews smaller than this are left alone: resampling would blur more than it straightens. */
const MIN_SKEW = 0.15;
/** A profile this much sharper than the typical candidate means there really are lines of text. */
const MIN_SKEW_STRENGTH = 1.3;
/** Edges wider than this many pixels are a blurred photo: sharpen a little. */
const BLURRED_EDGE_WIDTH = 2.5;
const MAX_UPSCALE = 4;

export async function prepareForOcr(bytes: Uint8Array, mime: string, options: PrepareOptions): Promise<PreparedImage> {
  const targetDpi = options.targetDpi ?? DEFAULT_TARGET_DPI;
  const loaded = await loadGray(bytes, mime, { maxPixels: options.maxPixels, ...(options.page !== undefined ? { page: options.page } : {}) });
  const steps = [...loaded.steps];
  let image = loaded.image;

  const page = await findPage(image);
  if (page) {
    image = flattenPage(image, page, snapToA4(rectangleAspect(page, image)));
    steps.push('page-detected', isTilted(page) ? 'perspective-corrected' : 'cropped-to-page');
  }

  const flattened = flattenIllumination(image);
  if (flattened) {
    image = flattened;
    steps.push('illumination-flattened');
  }

  const skew = estimateSkew(await analysisCopy(image, DESKEW_SIDE));
  if (skew && Math.abs(skew.angle) >= MIN_SKEW && skew.strength >= MIN_SKEW_STRENGTH) {
    image = await rotateKeepingSize(image, -skew.angle);
    steps.push(`deskew ${formatNumber(-skew.angle)}°`);
  }

  // A photographed page's resolution is only known from its size; a scanner's file says it.
  const stated = page ? undefined : loaded.trustedDpi;
  const statedByScanner = stated !== undefined;
  const dpi = stated ?? dpiFromPageSize(image);
  const scale = resampleFactor(image, dpi, { targetDpi, maxPixels: options.maxPixels, statedByScanner, ...(options.upscaleBelow !== undefined ? { upscaleBelow: options.upscaleBelow } : {}) });
  const blurred = (edgeWidth(image) ?? 0) > BLURRED_EDGE_WIDTH;

  image = stretchContrast(image);
  steps.push('contrast');
  if (blurred) {
    image = unsharpMask(image);
    steps.push('sharpened');
  }
  let pipeline = grayInput(image);
  if (scale !== 1) {
    pipeline = pipeline.resize({ width: Math.floor(image.width * scale), height: Math.floor(image.height * scale), fit: 'fill', kernel: 'lanczos3' });
    steps.push(`${scale > 1 ? 'upscaled' : 'downscaled'} x${formatNumber(scale)}`);
  }
  const effectiveDpi = Math.round(dpi * scale);
  const { data, info } = await pipeline
    .toColourspace('b-w')
    .withDensity(effectiveDpi)
    .png({ compressionLevel: 2 })
    .toBuffer({ resolveWithObject: true });
  return { png: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, dpi: effectiveDpi, steps };
}

/** The page's corners in `image` pixels, or null when no page clearly stands out from its background. */
async function findPage(image: GrayImage): Promise<Quad | null> {
  const small = await analysisCopy(image, DETECTION_SIDE, 1.5);
  const found = detectPage(small);
  if (!found) return null;
  const sx = image.width / small.width;
  const sy = image.height / small.height;
  const scaled = found.quad.map((p) => ({ x: (p.x + 0.5) * sx - 0.5, y: (p.y + 0.5) * sy - 0.5 }));
  return [scaled[0], scaled[1], scaled[2], scaled[3]] as Quad;
}

/**
 * Warps the page quadrilateral onto an upright rectangle of the given proportions (width / height),
 * sized so that no part of the page loses resolution.
 */
function flattenPage(image: GrayImage, quad: Quad, aspect: number): GrayImage {
  const [tl, tr, br, bl] = quad;
  const across = Math.max(distance(tl, tr), distance(bl, br));
  const down = Math.max(distance(tl, bl), distance(tr, br));
  const natural = Math.max(across, down * aspect);
  // Never more pixels than the photo had: the proportions must not inflate the page.
  const cap = Math.min(1, Math.sqrt((image.width * image.height * aspect) / natural ** 2));
  const width = Math.round(natural * cap);
  const height = Math.round(width / aspect);
  const rectangle: Quad = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  return warpPerspective(image, homography(rectangle, quad), width, height);
}

/** DIN A sheets (A4, A5, A6: 1 : 1.414) are most of the paperwork; an estimate within 5 % is one. */
function snapToA4(aspect: number): number {
  for (const din of [Math.SQRT1_2, Math.SQRT2]) {
    if (Math.abs(aspect - din) / din < 0.05) return din;
  }
  return aspect;
}

/** True when the page is not just an upright rectangle to cut out (a corner is off by more than 1 %). */
function isTilted(quad: Quad): boolean {
  const [tl, tr, br, bl] = quad;
  const tolerance = 0.01 * Math.max(distance(tl, br), distance(tr, bl));
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  const straight = (a: Point, b: Point, axis: 'x' | 'y') => near(a[axis], b[axis]);
  return !(straight(tl, tr, 'y') && straight(bl, br, 'y') && straight(tl, bl, 'x') && straight(tr, br, 'x'));
}

/**
 * Resolution from the page's size in pixels, assuming what is shown is the page: an A4/letter sheet
 * (210 mm across) for sheet-like proportions, a till receipt (80 mm) for long strips.
 */
function dpiFromPageSize(size: { width: number; height: number }): number {
  const short = Math.min(size.width, size.height);
  const long = Math.max(size.width, size.height);
  const aspect = long / short;
  const mm = isStrip(size) ? { side: short, length: 80 } : aspect >= 1.2 ? { side: short, length: 210 } : { side: long, length: 210 };
  return (mm.side / mm.length) * 25.4;
}

/** Proportions of a till receipt (longer than any DIN sheet), not of a letter. */
function isStrip(size: { width: number; height: number }): boolean {
  return Math.max(size.width, size.height) / Math.min(size.width, size.height) > 1.7;
}

/**
 * Scale to reach `targetDpi` when well below it or above one and a half times it, within the pixel
 * limit. A scanned sheet whose file states its resolution is brought up from below 80 % of the
 * target: tesseract misreads small print at 150 dpi (x-heights of 10 px) that it reads at 300
 * (bench:extraction's 150 dpi path: amount 83 -> 89 %, IBAN 88 -> 100 %, seller 59 -> 67 %). A
 * photo's resolution is only estimated from the page's size and its sharpness is the camera's:
 * upscaling a 165 dpi phone photo read names better but dates worse (corpus photos: cancellation
 * dates 75 -> 56 %), so photos, and till receipts whose width is only guessed, are brought up only
 * from below half of the target.
 */
function resampleFactor(size: { width: number; height: number }, dpi: number, input: { targetDpi: number; maxPixels: number; statedByScanner: boolean; upscaleBelow?: number }): number {
  const { targetDpi, maxPixels } = input;
  const upscaleBelow = input.upscaleBelow ?? (input.statedByScanner && !isStrip(size) ? 0.8 : 0.5);
  if (dpi >= targetDpi * upscaleBelow && dpi <= targetDpi * 1.5) return 1;
  const limit = Math.sqrt(maxPixels / (size.width * size.height));
  const factor = Math.min(targetDpi / dpi, MAX_UPSCALE, limit);
  if (Math.abs(factor - 1) < 0.1) return 1;
  return Math.floor(factor * 100) / 100;
}

function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}
