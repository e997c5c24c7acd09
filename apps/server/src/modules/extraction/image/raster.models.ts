/** sharp (libvips) operations on raw 8-bit gray images: resampling, rotation, PNG in and out. */
import sharp, { type Sharp } from 'sharp';
import { clearDarkBorder } from './border.models.ts';
import type { GrayImage } from './image.types.ts';

const WHITE = { r: 255, g: 255, b: 255 };

export function grayInput(image: GrayImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

export async function toGray(pipeline: Sharp): Promise<GrayImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`Expected 1 channel, got ${info.channels}.`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** A copy whose longer side is at most `maxSide`, optionally blurred (for analysis, not for OCR). */
export async function analysisCopy(image: GrayImage, maxSide: number, blurSigma?: number): Promise<GrayImage> {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  let pipeline = grayInput(image).resize({
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
    fit: 'fill',
  });
  if (blurSigma !== undefined) pipeline = pipeline.blur(blurSigma);
  return toGray(pipeline);
}

/** Turns the image by `degrees` clockwise around its centre, keeping its size; uncovered corners become white. */
export async function rotateKeepingSize(image: GrayImage, degrees: number): Promise<GrayImage> {
  const rotated = await toGray(grayInput(image).rotate(degrees, { background: WHITE }));
  const left = Math.max(0, Math.floor((rotated.width - image.width) / 2));
  const top = Math.max(0, Math.floor((rotated.height - image.height) / 2));
  return toGray(
    grayInput(rotated).extract({ left, top, width: Math.min(image.width, rotated.width), height: Math.min(image.height, rotated.height) }),
  );
}

/** Turns a PNG (or any image sharp reads) by `degrees` clockwise; the result is a gray PNG, white where uncovered. */
/**
 * Black and white at the middle gray: the last resort for a page the OCR could not lay out (a
 * noisy or textured background read as picture, not text). The pipeline has already flattened the
 * light, so one threshold fits the whole page.
 */
export async function binarize(png: Uint8Array): Promise<Uint8Array> {
  const { density } = await sharp(png).metadata();
  let pipeline = sharp(png).toColourspace('b-w').threshold(128);
  if (density) pipeline = pipeline.withDensity(density);
  return new Uint8Array(await pipeline.png().toBuffer());
}

export async function rotate(png: Uint8Array, degrees: number): Promise<Uint8Array> {
  const { density } = await sharp(png).metadata();
  let pipeline = sharp(png).rotate(degrees, { background: WHITE }).toColourspace('b-w');
  if (density) pipeline = pipeline.withDensity(density);
  return new Uint8Array(await pipeline.png().toBuffer());
}

/** The PNG with the dark areas touching its edge painted as paper (border.models.ts), or null when it has none. */
export async function withoutDarkBorder(png: Uint8Array): Promise<Uint8Array | null> {
  const { density } = await sharp(png).metadata();
  const cleared = clearDarkBorder(await toGray(sharp(png)));
  if (!cleared) return null;
  let pipeline = grayInput(cleared);
  if (density) pipeline = pipeline.withDensity(density);
  return new Uint8Array(await pipeline.png().toBuffer());
}
