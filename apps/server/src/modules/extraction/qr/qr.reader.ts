/**
 * Finds QR codes on a page image with zxing-wasm (the zxing-cpp reader compiled to WebAssembly).
 *
 * - Offline: zxing-wasm fetches its .wasm from a CDN unless given the bytes; they are read from the
 *   package once per thread, and every later call reuses the same instance.
 * - Any image sharp decodes (JPEG, PNG, TIFF, WebP; EXIF orientation applied, transparency on
 *   white) is handed to zxing as raw RGBA pixels, so zxing's own small image decoder is not used.
 * - Large images (photos, 300 dpi scans) are first read scaled down to FAST_PASS_MAX_SIDE, which is
 *   faster and finds the usual payment code; only when that finds nothing is the image read at
 *   full size (up to FULL_PASS_MAX_SIDE), for a small code in a corner of a 12 MP photo.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp, { type Sharp } from 'sharp';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { decodeEpcBytes, looksLikeEpc, parseEpc, type EpcPayment } from './epc.models.ts';
import { QrImageError } from './qr.errors.ts';

/** Longest side of the first, scaled-down pass; see the measurements in qr.reader.test.ts. */
export const FAST_PASS_MAX_SIDE = 2400;
/**
 * Longest side of the second pass. A 48 MP photo would need 190 MB of RGBA at full size; a code that
 * is readable at 8000 px but not at 6000 would have modules under 1.5 px, beyond reading anyway.
 */
export const FULL_PASS_MAX_SIDE = 6000;
/** Refuse to decode images larger than this (decompression bombs); as for thumbnails. */
const MAX_INPUT_PIXELS = 100_000_000;

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  // QR finder patterns are found at any angle; rotating the image only helps linear barcodes.
  tryRotate: false,
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 16,
};

let zxingReady: Promise<void> | undefined;

/** Instantiates the zxing module once (per thread); a failure is not cached, so a later call retries. */
export function loadQrReader(): Promise<void> {
  zxingReady ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const file = await readFile(wasmPath);
    const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })().catch((error: unknown) => {
    zxingReady = undefined;
    throw error;
  });
  return zxingReady;
}

/**
 * The texts of all QR codes on the image, in the order zxing found them, duplicates once. EPC
 * payment payloads are decoded from their bytes in the character set they declare (see
 * decodeEpcBytes); other codes come as zxing's text. An image without a code gives [].
 * Throws QrImageError when the bytes are not an image sharp can read.
 */
export async function findQrCodes(image: Uint8Array): Promise<string[]> {
  const [, size] = await Promise.all([loadQrReader(), imageSize(image)]);
  const needsFastPass = Math.max(size.width, size.height) > FAST_PASS_MAX_SIDE;
  if (needsFastPass) {
    const found = await readCodes(await pixels(image, FAST_PASS_MAX_SIDE));
    if (found.length > 0) return found;
  }
  return readCodes(await pixels(image, FULL_PASS_MAX_SIDE));
}

/** The first QR code on the image that is a valid EPC payment payload, or null. */
export async function findPaymentQr(image: Uint8Array): Promise<{ payment: EpcPayment; raw: string } | null> {
  for (const raw of await findQrCodes(image)) {
    if (!looksLikeEpc(raw)) continue;
    const parsed = parseEpc(raw);
    if (parsed.ok) return { payment: parsed.payment, raw };
  }
  return null;
}

interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

async function readCodes(input: Pixels): Promise<string[]> {
  const results = await readBarcodes(input, READER_OPTIONS);
  const texts = results.filter((result) => result.isValid).map((result) => decodeEpcBytes(result.bytes) ?? result.text);
  return [...new Set(texts)];
}

function open(image: Uint8Array): Sharp {
  // 'error': decode what is there of a truncated or slightly broken file; the code may be intact.
  return sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, page: 0, failOn: 'error' });
}

async function imageSize(image: Uint8Array): Promise<{ width: number; height: number }> {
  try {
    const { width, height } = await open(image).metadata();
    return { width, height };
  } catch (error) {
    throw new QrImageError(`The file is not an image that can be searched for QR codes: ${(error as Error).message}`, { cause: error });
  }
}

/** Raw RGBA pixels, upright by EXIF, transparency on white, at most maxSide pixels on the long side. */
async function pixels(image: Uint8Array, maxSide: number): Promise<Pixels> {
  try {
    const { data, info } = await open(image)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (error) {
    throw new QrImageError(`The image could not be decoded: ${(error as Error).message}`, { cause: error });
  }
}
