import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { distance, type Quad } from './geometry.models.ts';
import { detectPage } from './page.models.ts';
import { analysisCopy } from './raster.models.ts';
import { cameraCorners, grayOf, letterPage, photographedLetter } from './testing/made-photos.ts';
import type { GrayImage } from './image.types.ts';

const PHOTO = { width: 900, height: 1200 };
let page: GrayImage;

beforeAll(async () => {
  page = await letterPage(420, 594);
});

/** What page detection sees: the photo's small, blurred copy. */
async function seen(bytes: Uint8Array): Promise<GrayImage> {
  return analysisCopy(await grayOf(bytes), 800, 1.5);
}

function scaled(quad: Quad, factor: number): Quad {
  return quad.map((p) => ({ x: (p.x + 0.5) * factor - 0.5, y: (p.y + 0.5) * factor - 0.5 })) as unknown as Quad;
}

describe('detectPage', () => {
  it.each([
    { roll: 0, pitch: 0, yaw: 0 },
    { roll: 8, pitch: 20, yaw: -10 },
    { roll: -15, pitch: -10, yaw: 15 },
    { roll: 35, pitch: 0, yaw: 0, fill: 0.55 },
  ])('finds the corners of a letter photographed at %o', async (pose) => {
    const corners = cameraCorners({ ...PHOTO, fill: 0.7, ...pose });
    const small = await seen(await photographedLetter(page, { ...PHOTO, corners, blur: 1.2 }));
    const found = detectPage(small);
    expect(found).not.toBeNull();
    const truth = scaled(corners, small.width / PHOTO.width);
    found?.quad.forEach((corner, i) => expect(distance(corner, truth[i] as { x: number; y: number })).toBeLessThan(4));
    expect(found?.areaShare).toBeGreaterThan(0.2);
  });

  it('sees no page in a scan, where the paper is the whole image', async () => {
    const scan = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).png().toBuffer();
    expect(detectPage(await seen(scan))).toBeNull();
  });

  it('sees no page when the page runs off the photo (its corners are not all there)', async () => {
    const corners = cameraCorners({ ...PHOTO, fill: 1.1, roll: 10, pitch: 0, yaw: 0 });
    expect(detectPage(await seen(await photographedLetter(page, { ...PHOTO, corners })))).toBeNull();
  });

  it('sees no page in a small note lying on a big table', async () => {
    const corners = cameraCorners({ ...PHOTO, fill: 0.3, roll: 5, pitch: 0, yaw: 0 });
    expect(detectPage(await seen(await photographedLetter(page, { ...PHOTO, corners })))).toBeNull();
  });

  it('sees no page in a round bright shape or in a picture without contrast', async () => {
    const plate = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200"><rect width="100%" height="100%" fill="#333"/><circle cx="450" cy="600" r="380" fill="#eee"/></svg>`;
    expect(detectPage(await seen(await sharp(Buffer.from(plate)).png().toBuffer()))).toBeNull();
    const gray = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 8 } } }).png().toBuffer();
    expect(detectPage(await seen(gray))).toBeNull();
  });
});
