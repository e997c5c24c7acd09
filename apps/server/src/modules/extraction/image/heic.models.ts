/**
 * HEIC/HEIF (iPhone photos) decoded offline with heic-decode (libheif compiled to WebAssembly):
 * sharp's prebuilt libvips reads the HEIF header but has no HEVC decoder. libheif applies the
 * file's own rotation and mirroring (`irot`/`imir`), so the pixels come out upright; the EXIF
 * orientation inside a HEIF file must not be applied again.
 */
import { createRequire } from 'node:module';
import { ImageRejectedError } from './image.errors.ts';
import { assertPixelLimit } from './limits.models.ts';
import type { RgbaImage } from './image.types.ts';

/** The part of heic-decode 2.1 used here (the package has no type declarations). */
interface HeicFrame {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
interface HeicDecodeModule {
  all(input: { buffer: Uint8Array }): Promise<HeicFrame[] & { dispose(): void }>;
}

let loaded: HeicDecodeModule | undefined;

/** Loaded on first use: the WebAssembly bundle costs start-up time that documents without HEIC need not pay. */
function heicDecode(): HeicDecodeModule {
  loaded ??= createRequire(import.meta.url)('heic-decode') as HeicDecodeModule;
  return loaded;
}

export interface DecodeHeicOptions {
  /** Refuse before decoding when the image has more pixels than this. */
  maxPixels?: number;
  /** Top-level image of the file, zero based. Default 0. */
  page?: number;
}

/** Decodes one image of a HEIC/HEIF file to RGBA. Throws ImageRejectedError for damaged or oversized files. */
export async function decodeHeic(bytes: Uint8Array, options: DecodeHeicOptions = {}): Promise<RgbaImage> {
  const page = options.page ?? 0;
  let frames: Awaited<ReturnType<HeicDecodeModule['all']>>;
  try {
    frames = await heicDecode().all({ buffer: bytes });
  } catch (error) {
    throw damaged(error);
  }
  try {
    const frame = frames[page];
    if (!frame) {
      throw new ImageRejectedError('page_not_found', `The HEIC file has ${frames.length} image(s); image ${page + 1} does not exist.`);
    }
    if (options.maxPixels !== undefined) assertPixelLimit(frame.width, frame.height, options.maxPixels);
    let decoded: Awaited<ReturnType<HeicFrame['decode']>>;
    try {
      decoded = await frame.decode();
    } catch (error) {
      throw damaged(error);
    }
    return { data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), width: decoded.width, height: decoded.height };
  } finally {
    frames.dispose();
  }
}

function damaged(cause: unknown): ImageRejectedError {
  return new ImageRejectedError('damaged', 'The HEIC photo could not be read; the file is damaged or incomplete.', { cause });
}
