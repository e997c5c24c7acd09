/**
 * Every driver reads the same pixels: the upload decoded once with sharp, turned upright by its
 * EXIF orientation, flattened onto white (a transparent PNG would otherwise read as black), made
 * 8-bit grayscale, and scaled down when huge. Bytes sharp cannot decode fail here with a clear
 * error instead of a leptonica message on stderr. Word boxes refer to this image; OcrResult's
 * width and height say its size.
 *
 * The engine gets the format it reads fastest (measured on an A4 page at 300 dpi):
 * - `pgm` (binary PNM, no compression) for tesseract.js: the bytes are copied into the worker and
 *   decoded by leptonica in WebAssembly, where skipping PNG's inflate saves about 0.1-0.2 s.
 * - `png` (zlib level 1, 0.5 MB, about 20 ms to make) for the CLI: tesseract reads stdin through
 *   a C++ stream, and 8.7 MB of PGM took 0.2-0.3 s longer to read than 0.5 MB of PNG.
 */
import sharp from 'sharp';
import { OcrError } from './ocr.errors.ts';

/**
 * Larger pages are scaled down to this many pixels (a 200-megapixel phone photo, say). A4 at 600 dpi
 * is 35 MP; beyond 100 MP nothing gets more legible, and tesseract.js runs out of WebAssembly memory
 * somewhere below 256 MP and then answers with an empty page instead of an error.
 */
export const MAX_PIXELS = 100_000_000;

export interface PageImage {
  /** 8-bit grayscale, as PGM (P5) or PNG. */
  bytes: Buffer;
  width: number;
  height: number;
}

export async function preparePageImage(
  input: Uint8Array,
  { format, maxPixels = MAX_PIXELS }: { format: 'pgm' | 'png'; maxPixels?: number },
): Promise<PageImage> {
  if (input.byteLength === 0) throw new OcrError('unreadable_image', 'The image is empty.');
  try {
    // failOn 'error': a scan with a slightly truncated JPEG tail is still worth reading.
    const image = sharp(input, { failOn: 'error' });
    const { width = 0, height = 0 } = await image.metadata();
    let pipeline = image.rotate().flatten({ background: '#ffffff' }).toColourspace('b-w');
    if (width * height > maxPixels) {
      const longSide = Math.floor(Math.max(width, height) * Math.sqrt(maxPixels / (width * height)));
      pipeline = pipeline.resize({ width: longSide, height: longSide, fit: 'inside' });
    }
    if (format === 'png') {
      const { data, info } = await pipeline.png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer({ resolveWithObject: true });
      return { bytes: data, width: info.width, height: info.height };
    }
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
    const header = Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii');
    return { bytes: Buffer.concat([header, data]), width: info.width, height: info.height };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new OcrError('unreadable_image', `The image cannot be read (${detail}).`, { cause: error });
  }
}
