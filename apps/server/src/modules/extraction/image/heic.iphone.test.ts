/**
 * Real iPhone photos (Apple's HEIC layout: a grid of HEVC tiles, `irot`, thumbnail, ICC profile),
 * which the self-made HEIC of decode.models.test.ts does not have. They come from exiv2's Debian
 * source package and are fetched by `scripts/fetch-test-photos.sh` (CI runs it); without them this
 * file is skipped and says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffType } from '../../documents/documents.sniff.models.ts';
import { makeThumbnail } from '../thumbnail.models.ts';
import { imageInfo, loadGray } from './decode.models.ts';
import { decodeHeic } from './heic.models.ts';

const folder = path.resolve(import.meta.dirname, '../../../../../../.cache/test-photos');
const upright = path.join(folder, 'IMG_3578.heic');
const turned = path.join(folder, '2021-02-13-1929.heic');
const missing = !existsSync(upright) || !existsSync(turned);
if (missing) console.warn(`heic.iphone.test.ts skipped: no iPhone photos in ${folder} (run scripts/fetch-test-photos.sh)`);

/** Share of pixels whose strongest and weakest colour channels are far apart: a colour card has many. */
function saturatedShare(rgba: Uint8Array): number {
  let saturated = 0;
  for (let index = 0; index < rgba.length; index += 4 * 16) {
    const [r, g, b] = [rgba[index]!, rgba[index + 1]!, rgba[index + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 80) saturated += 1;
  }
  return saturated / (rgba.length / (4 * 16));
}

describe.skipIf(missing)('a real iPhone HEIC', () => {
  it('is accepted as HEIC from its bytes', async () => {
    expect(await sniffType(new Uint8Array(readFileSync(upright)))).toBe('image/heic');
  });

  it('decodes offline to the full 12 megapixel picture, tiles joined', async () => {
    const decoded = await decodeHeic(new Uint8Array(readFileSync(upright)));
    expect(decoded).toMatchObject({ width: 4032, height: 3024 });
    expect(decoded.data.length).toBe(4032 * 3024 * 4);
    // The colour checker card: many strongly coloured pixels, which a failed or gray decode has not.
    expect(saturatedShare(decoded.data)).toBeGreaterThan(0.05);
  });

  it('comes out upright when the container turns it, and is not turned a second time by its EXIF', async () => {
    const bytes = new Uint8Array(readFileSync(turned));
    // The file stores 4032 x 3024 tiles and turns them with an `irot` box; its EXIF says "Rotate 90 CW" as well.
    expect(Buffer.from(bytes).includes('irot')).toBe(true);
    expect(await decodeHeic(bytes)).toMatchObject({ width: 3024, height: 4032 });
    expect(await imageInfo(bytes, 'image/heic')).toMatchObject({ width: 3024, height: 4032 });
    const loaded = await loadGray(bytes, 'image/heic', { maxPixels: 100_000_000 });
    expect(loaded.image).toMatchObject({ width: 3024, height: 4032 });
    expect(loaded.steps).toEqual([]);
  });

  it('gets a portrait thumbnail of the turned photo', async () => {
    const thumbnail = await makeThumbnail(new Uint8Array(readFileSync(turned)), 'image/heic');
    expect(thumbnail).not.toBeNull();
    const meta = await sharp(thumbnail!).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(320);
    expect(meta.height).toBe(Math.round((320 * 4032) / 3024));
  });
});
