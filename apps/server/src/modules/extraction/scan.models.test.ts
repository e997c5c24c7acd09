import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOcrDriver } from './ocr/ocr.drivers.ts';
import type { OcrDriver } from './ocr/ocr.types.ts';
import { inBatches, scanImage, type ScanSettings } from './scan.models.ts';
import { invoiceLetter, scannedPage } from './testing/made-documents.ts';

let driver: OcrDriver;
let settings: ScanSettings;
beforeAll(async () => {
  driver = (await chooseOcrDriver({})).driver;
  settings = { ocr: async () => driver, languages: ['deu', 'eng'], pageTimeoutMs: 60_000, parallelPages: 1, maxPixels: 100_000_000 };
});
afterAll(async () => driver.close());

const LETTER = invoiceLetter({ number: 'R-2026-0815', issueDate: '2026-11-02', seller: 'Stadtwerke Musterstadt GmbH', buyer: 'Anna Beispiel', net: '100.00', tax: '19.00', gross: '119.00' });

describe('scanImage', () => {
  it('reads an upright scan without asking for its orientation', async () => {
    const outcome = await scanImage(await scannedPage(LETTER), 'image/png', settings, 'Page 1');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.page.text).toContain('R-2026-0815');
    expect(outcome.page.steps.some((step) => step.startsWith('rotated'))).toBe(false);
    expect(outcome.page.confidence).toBeGreaterThan(0.75);
  });

  it('turns a page that lies on its side the right way up', { timeout: 60_000 }, async () => {
    const sideways = await sharp(await scannedPage(LETTER)).rotate(90).png().toBuffer();
    const outcome = await scanImage(sideways, 'image/png', settings, 'Page 1');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.page.steps).toContain('rotated 270');
    expect(outcome.page.text).toContain('R-2026-0815');
  });

  it('reads a page in black and white when the gray page gave nothing, and says so', { timeout: 60_000 }, async () => {
    // Stands in for a textured background that hides the text from the layout analysis: the gray
    // page reads as nothing, only a page of pure black and white pixels is passed to the real OCR.
    const grayBlind: OcrDriver = {
      ...driver,
      recognize: async (png, options) => {
        if ((await distinctValues(png)) <= 2) return driver.recognize(png, options);
        return { text: '', words: [], confidence: 0, width: 1000, height: 1400, languages: 'deu+eng' };
      },
      detectRotation: async () => ({ rotation: 0, confidence: 0 }),
    };
    const outcome = await scanImage(await scannedPage(LETTER), 'image/png', { ...settings, ocr: async () => grayBlind }, 'Page 1');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.page.steps).toContain('binarised');
    expect(outcome.page.text).toContain('R-2026-0815');
  });

  it('paints a dark border as paper when the page read as nothing, and says so', { timeout: 60_000 }, async () => {
    // Stands in for a till slip whose black torn ends make the layout analysis take the whole image
    // for a picture: a page with black at its top edge reads as nothing.
    const borderBlind: OcrDriver = {
      ...driver,
      recognize: async (png, options) => {
        if ((await topRowMean(png)) > 80) return driver.recognize(png, options);
        return { text: '', words: [], confidence: 0, width: 1000, height: 1400, languages: 'deu+eng' };
      },
      detectRotation: async () => ({ rotation: 0, confidence: 0 }),
    };
    const page = await scannedPage(LETTER);
    const { width = 0 } = await sharp(page).metadata();
    const banded = await sharp(page)
      .composite([{ input: { create: { width, height: 30, channels: 3, background: '#000000' } }, top: 0, left: 0 }])
      .png()
      .toBuffer();
    const outcome = await scanImage(banded, 'image/png', { ...settings, ocr: async () => borderBlind }, 'Page 1');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.page.steps).toContain('dark border cleared');
    expect(outcome.page.text).toContain('R-2026-0815');
  });

  it('reads a page again with a threshold per neighbourhood when its confident words leave much of the print unread', { timeout: 60_000 }, async () => {
    // Stands in for a shaded photo whose letterhead and table the layout analysis dropped: with one
    // threshold for the page only the lower half of its words is read, with confidence; adaptive reads it all.
    const asked: (string | undefined)[] = [];
    const halfBlind: OcrDriver = {
      ...driver,
      recognize: async (png, options) => {
        asked.push(options.threshold);
        const reading = await driver.recognize(png, options);
        if (options.threshold === 'adaptive') return reading;
        const middle = [...reading.words].sort((p, q) => p.box.y0 - q.box.y0)[Math.floor(reading.words.length / 2)]!.box.y0;
        const lower = reading.words.filter((word) => word.box.y0 >= middle);
        const lines = reading.lines?.map((line) => ({ ...line, words: line.words.filter((word) => lower.includes(word)) })).filter((line) => line.words.length > 0);
        return { ...reading, words: lower, lines, text: lower.map((word) => word.text).join(' '), confidence: 0.93 };
      },
      detectRotation: async () => ({ rotation: 0, confidence: 0 }),
    };
    const outcome = await scanImage(await scannedPage(LETTER), 'image/png', { ...settings, ocr: async () => halfBlind }, 'Page 1');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(asked).toEqual([undefined, 'adaptive']);
    expect(outcome.page.steps).toContain('adaptive threshold');
    expect(outcome.page.text).toContain('R-2026-0815');
  });

  it('reads a page once when its words cover its print', { timeout: 60_000 }, async () => {
    const asked: (string | undefined)[] = [];
    const counting: OcrDriver = { ...driver, recognize: async (png, options) => (asked.push(options.threshold), driver.recognize(png, options)) };
    const outcome = await scanImage(await scannedPage(LETTER), 'image/png', { ...settings, ocr: async () => counting }, 'Page 1');
    expect(outcome.ok && outcome.page.steps).not.toContain('adaptive threshold');
    expect(asked).toEqual([undefined]);
  });

  it('skips a page that takes longer than its limit, with a warning', async () => {
    const outcome = await scanImage(await scannedPage(LETTER), 'image/png', { ...settings, pageTimeoutMs: 1 }, 'Page 3');
    expect(outcome).toEqual({ ok: false, warning: 'Page 3: reading took longer than 0 s and was skipped.' });
  });
});

async function topRowMean(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let x = 0; x < info.width; x++) sum += data[x] as number;
  return sum / info.width;
}

async function distinctValues(png: Uint8Array): Promise<number> {
  const { data } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return new Set(data).size;
}

describe('inBatches', () => {
  it('keeps the order and never runs more than asked at once', async () => {
    let running = 0;
    let most = 0;
    const results = await inBatches([5, 1, 4, 2, 3], 2, async (value) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, value * 5));
      running -= 1;
      return value * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
