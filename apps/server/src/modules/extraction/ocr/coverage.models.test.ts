import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { unreadInk } from './coverage.models.ts';
import type { Box, OcrWord } from './ocr.types.ts';

const WIDTH = 1240;
const HEIGHT = 1754;

/** Rows of "words": dark bars 60 × 20 px, 20 px apart, like lines of print at 150 dpi. */
function printedLines(top: number, count: number): Box[] {
  const boxes: Box[] = [];
  for (let line = 0; line < count; line++) {
    for (let x = 100; x + 60 <= 1100; x += 80) boxes.push({ x0: x, y0: top + line * 40, x1: x + 60, y1: top + line * 40 + 20 });
  }
  return boxes;
}

/**
 * A page with the boxes printed as words (dark strokes, 2 px of every 4) on paper that darkens from
 * top to bottom (shade, no print); `solid` boxes are filled (a logo, a bar).
 */
async function page(boxes: readonly Box[], { shade = false, solid = [] as readonly Box[] } = {}): Promise<Uint8Array> {
  const data = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) data.fill(shade ? Math.round(240 - (110 * y) / HEIGHT) : 245, y * WIDTH, (y + 1) * WIDTH);
  for (const box of boxes) {
    for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) if (x % 4 < 2) data[y * WIDTH + x] = 30;
  }
  for (const box of solid) for (let y = box.y0; y < box.y1; y++) data.fill(30, y * WIDTH + box.x0, y * WIDTH + box.x1);
  return sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } }).png().toBuffer();
}

const words = (boxes: readonly Box[]): OcrWord[] => boxes.map((box) => ({ text: 'Wort', confidence: 0.9, box }));

describe('unreadInk', () => {
  const letterhead = printedLines(100, 6);
  const body = printedLines(700, 10);

  it('is 0 when every printed line was read, and 1 when nothing was', async () => {
    const image = await page([...letterhead, ...body]);
    expect(await unreadInk(image, words([...letterhead, ...body]))).toBeLessThan(0.05);
    expect(await unreadInk(image, [])).toBe(1);
  });

  it('tells the share of print a reading left out: a dropped letterhead', async () => {
    const image = await page([...letterhead, ...body]);
    const unread = await unreadInk(image, words(body));
    // The letterhead has 6 of the 16 lines.
    expect(unread).toBeGreaterThan(0.3);
    expect(unread).toBeLessThan(0.45);
  });

  it('does not take the inside of a logo or a bar for print', async () => {
    const image = await page(body, { solid: [{ x0: 100, y0: 100, x1: 300, y1: 300 }, { x0: 350, y0: 150, x1: 1150, y1: 210 }] });
    // Their edges still count, but below 0.2 of the print cells; counted whole they were 0.26.
    expect(await unreadInk(image, words(body))).toBeLessThan(0.2);
  });

  it('does not take shade on the paper for print', async () => {
    const image = await page(body, { shade: true });
    expect(await unreadInk(image, words(body))).toBeLessThan(0.05);
    expect(await unreadInk(await page([], { shade: true }), [])).toBe(0);
  });

  it('does not count a word without a letter or digit as reading the print under it', async () => {
    const image = await page(body);
    expect(await unreadInk(image, body.map((box) => ({ text: '—', confidence: 0.9, box })))).toBe(1);
  });
});
