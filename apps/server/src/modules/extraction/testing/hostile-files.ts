/** Files made to hurt: bombs, lies and garbage, for `npm run test:hostile`. */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A grayscale PNG whose header says `width` x `height`, with `rows` as its pixel data (filter byte
 * and pixels per row, deflated): the whole image, or just its first row for a header that lies.
 */
export function grayPng(width: number, height: number, rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A real decompression bomb: a valid grayscale PNG of `width` x `height` black pixels whose
 * compressed data is tiny (a 15000 x 15000 one is about 220 KB and would decode to 225 MB).
 */
export function bombPng(width: number, height: number): Buffer {
  return grayPng(width, height, Buffer.alloc((width + 1) * height));
}

/** A PNG whose header claims `width` x `height` pixels; its data is one row (never decoded). */
export function pngClaiming(width: number, height: number): Buffer {
  return grayPng(width, height, Buffer.alloc(width + 1));
}

/** Random bytes behind a real PDF header: every parser step meets garbage. */
export function randomPdf(size = 20_000): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);
}

/** A valid JPEG cut off in the middle of its image data. */
export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#f4f1ea' } })
    .composite([{ input: Buffer.from('<svg width="1200" height="1600"><text x="100" y="300" font-size="80">Rechnung 4711</text></svg>') }])
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length / 2));
}

/** A PDF with `pages` empty pages. */
export async function manyPagesPdf(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let index = 0; index < pages; index += 1) pdf.addPage([595, 842]);
  return Buffer.from(await pdf.save());
}

/** A photo of `width` x `height` pixels with some structure (not a flat colour that compresses to nothing). */
export async function hugePhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c8c8c8', noise: { type: 'gaussian', mean: 200, sigma: 20 } } }).jpeg({ quality: 60 }).toBuffer();
}
