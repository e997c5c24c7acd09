/**
 * The contract every OCR driver passes (native tesseract, tesseract.js). One driver per test file,
 * made once: starting an engine is the slow part, and production keeps one for the process's life.
 * The pages are drawn by the tests themselves (ocr.test-pages.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrError } from './ocr.errors.ts';
import { blankPage, LETTER, letterPage, rotated, scannedLetterPage, shadedPhotoPage } from './ocr.test-pages.ts';
import { OcrTimeoutError, type OcrDriver, type OcrOptions, type OcrResult } from './ocr.types.ts';

const OPTIONS: OcrOptions = { languages: ['deu', 'eng'], timeoutMs: 60_000 };
const SLOW = 90_000;
const TILL_SLIP = fileURLToPath(new URL('../../../../../../../shared/fixtures/public/sroie/495.jpg', import.meta.url));

/** The letter's words with a letter or digit in them ("·" is a separator, not a word). */
const EXPECTED_WORDS = [
  LETTER.sender,
  ...LETTER.recipient,
  ...LETTER.rightColumn.flat(),
  LETTER.subject,
  ...LETTER.body,
  ...LETTER.table.flat(),
  ...LETTER.payment,
  ...LETTER.closing,
]
  .flatMap((line) => line.split(/\s+/))
  .filter((word) => /[\p{L}\p{N}]/u.test(word));

export function ocrDriverTestSuite(name: string, createDriver: () => Promise<OcrDriver>, { skip = false }: { skip?: boolean } = {}) {
  describe.skipIf(skip)(`OCR driver: ${name}`, () => {
    let driver: OcrDriver;
    let page: Buffer;
    let clean: OcrResult;

    beforeAll(async () => {
      [driver, page] = await Promise.all([createDriver(), letterPage({ dpi: 300 })]);
      clean = await driver.recognize(page, { ...OPTIONS, dpi: 300 });
    }, SLOW);

    afterAll(async () => {
      await driver?.close();
    });

    it('reads a German letter: umlauts and ß, amounts, dates, the IBAN', () => {
      expect(driver.name).toBe(name);
      expect(foundShare(clean)).toBeGreaterThanOrEqual(0.95);
      for (const word of ['Müller-Weiß', 'Gärtnerstraße', 'München', 'Wärme', 'überweisen', 'Beträge.', 'Grüßen']) {
        expect(clean.text).toContain(word);
      }
      expect(clean.text).toMatch(/1\.234,56 €/);
      expect(clean.text).toMatch(/1\.114,56 €/);
      expect(clean.text).toContain('14.03.2026');
      expect(clean.text).toContain('28.03.2026');
      expect(clean.text.replace(/ /g, '')).toContain('IBANDE89370400440532013000');
      expect(clean.text).toContain('COBADEFFXXX');
      expect(clean.languages).toBe('deu+eng');
    });

    it('gives every word a confidence in 0..1 and a box inside the image, where it is printed', () => {
      expect([clean.width, clean.height]).toEqual([2479, 3508]);
      for (const word of clean.words) {
        expect(word.text.trim()).not.toBe('');
        expect(word.confidence).toBeGreaterThanOrEqual(0);
        expect(word.confidence).toBeLessThanOrEqual(1);
        expect(word.box.x0).toBeGreaterThanOrEqual(0);
        expect(word.box.y0).toBeGreaterThanOrEqual(0);
        expect(word.box.x1).toBeGreaterThan(word.box.x0);
        expect(word.box.y1).toBeGreaterThan(word.box.y0);
        expect(word.box.x1).toBeLessThanOrEqual(clean.width);
        expect(word.box.y1).toBeLessThanOrEqual(clean.height);
      }
      const mean = clean.words.reduce((sum, word) => sum + word.confidence, 0) / clean.words.length;
      expect(clean.confidence).toBeCloseTo(mean, 6);
      expect(clean.confidence).toBeGreaterThan(0.85);
      // Drawn at x = 340 pt, baseline 140 pt (300 dpi: 4.17 px per pt), 11 pt high.
      const label = clean.words.find((word) => word.text === 'Rechnungsnummer');
      expect(label?.box.x0).toBeGreaterThan(1380);
      expect(label?.box.x0).toBeLessThan(1450);
      expect(label?.box.y1).toBeGreaterThan(560);
      expect(label?.box.y1).toBeLessThan(610);
      const total = clean.words.find((word) => word.text === 'Gesamtbetrag');
      expect(total!.box.y0).toBeGreaterThan(label!.box.y1);
    });

    it('lays the words out in lines: labels and values on one line, in reading order', () => {
      const lines = clean.text.split('\n');
      for (const [label, value] of [...LETTER.rightColumn, ...LETTER.table]) {
        const pattern = new RegExp(`${escape(label)} {2,}${escape(value)}$`);
        expect(lines.some((line) => pattern.test(line)), `${label} … ${value} in\n${clean.text}`).toBe(true);
      }
      const order = ['Herrn Jörg', 'Rechnung für Strom', 'Sehr geehrter', 'Gesamtbetrag', 'IBAN', 'Mit freundlichen'].map((start) =>
        lines.findIndex((line) => line.includes(start)),
      );
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((p, q) => p - q)).toEqual(order);
      expect(lines.find((line) => line.includes('Sehr geehrter'))?.trim()).toBe('Sehr geehrter Herr Müller-Weiß,');
    });

    it(
      'reads a blurred, noisy, slightly skewed JPEG scan',
      async () => {
        const scan = await driver.recognize(await scannedLetterPage(), OPTIONS);
        expect(foundShare(scan)).toBeGreaterThanOrEqual(0.9);
        expect(scan.text).toMatch(/Gesamtbetrag {2,}1\.234,56 €/);
        expect(scan.text).toMatch(/Rechnungsnummer {2,}4711/);
        expect(scan.text.replace(/ /g, '')).toContain('DE89370400440532013000');
        expect(scan.confidence).toBeGreaterThan(0.7);
      },
      SLOW,
    );

    it(
      'reads a shaded, grainy photo with threshold "adaptive" that one threshold for the page cannot read',
      async () => {
        const photo = await shadedPhotoPage();
        const [global, adaptive] = [await driver.recognize(photo, { ...OPTIONS, dpi: 300 }), await driver.recognize(photo, { ...OPTIONS, dpi: 300, threshold: 'adaptive' })];
        expect(foundShare(adaptive)).toBeGreaterThanOrEqual(0.8);
        expect(adaptive.text).toMatch(/Gesamtbetrag {2,}1\.234,56 €/);
        expect(foundShare(global)).toBeLessThan(0.5);
      },
      SLOW,
    );

    it.skipIf(!existsSync(TILL_SLIP))(
      'reads a till slip as one column with layout "block", keeping amounts the page layout analysis loses',
      async () => {
        // A receipt photo of the public development set (../shared/fixtures); without it, skipped.
        const photo = await readFile(TILL_SLIP);
        const [auto, block] = [await driver.recognize(photo, OPTIONS), await driver.recognize(photo, { ...OPTIONS, layout: 'block' })];
        const totalLine = /^\s*Total {2,}8\.70\s*$/m;
        expect(block.text).toMatch(totalLine);
        expect(block.text).toMatch(/CASH {2,}10\.00/);
        // What the default layout analysis makes of the same slip: the labels without their amounts.
        expect(auto.text).not.toMatch(totalLine);
      },
      SLOW,
    );

    it(
      'tells how far a page is turned',
      async () => {
        const upright = await letterPage({ dpi: 200 });
        for (const turn of [0, 90, 180, 270] as const) {
          const image = turn === 0 ? upright : await rotated(upright, turn);
          const guess = await driver.detectRotation(image, OPTIONS);
          expect(guess, `turned ${turn}°`).toMatchObject({ rotation: turn });
          expect(guess.confidence).toBeGreaterThan(0.5);
          expect(guess.confidence).toBeLessThanOrEqual(1);
        }
      },
      SLOW,
    );

    it(
      'gives up at the time limit with OcrTimeoutError, and reads the next page',
      async () => {
        for (const timeoutMs of [1, 300]) {
          const started = performance.now();
          await expect(driver.recognize(page, { ...OPTIONS, timeoutMs })).rejects.toBeInstanceOf(OcrTimeoutError);
          expect(performance.now() - started).toBeLessThan(timeoutMs + 2_000);
        }
        const strip = await sharp(page).extract({ left: 0, top: 520, width: 2479, height: 240 }).png().toBuffer();
        const after = await driver.recognize(strip, OPTIONS);
        expect(after.text).toMatch(/Rechnungsnummer {2,}4711/);
        await expect(driver.detectRotation(page, { ...OPTIONS, timeoutMs: 1 })).rejects.toBeInstanceOf(OcrTimeoutError);
      },
      SLOW,
    );

    it('answers pages asked for at the same time', { timeout: SLOW }, async () => {
      const strips = await Promise.all(
        [520, 1440].map((top) => sharp(page).extract({ left: 0, top, width: 2479, height: 240 }).png().toBuffer()),
      );
      const [first, second] = await Promise.all(strips.map((strip) => driver.recognize(strip, OPTIONS)));
      expect(first?.text).toContain('Rechnungsnummer');
      expect(second?.text).toContain('Grundpreis');
    });

    it('finds nothing on a blank page: empty text, confidence 0, upright', { timeout: SLOW }, async () => {
      const blank = await blankPage();
      const result = await driver.recognize(blank, OPTIONS);
      expect(result).toMatchObject({ text: '', words: [], confidence: 0, width: 1240, height: 1754 });
      expect(await driver.detectRotation(blank, OPTIONS)).toEqual({ rotation: 0, confidence: 0 });
    });

    it('refuses bytes that are no image with a clear error', async () => {
      for (const bytes of [Buffer.from('%PDF-1.7 this is not a picture'), Buffer.alloc(0), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])]) {
        const failure = driver.recognize(bytes, OPTIONS);
        await expect(failure).rejects.toBeInstanceOf(OcrError);
        await expect(failure).rejects.toMatchObject({ code: 'ocr.unreadable_image', message: expect.stringMatching(/image/) });
      }
      await expect(driver.detectRotation(Buffer.from('garbage'), OPTIONS)).rejects.toMatchObject({ code: 'ocr.unreadable_image' });
    });

    it('says which language data is missing', async () => {
      await expect(driver.recognize(page, { ...OPTIONS, languages: ['deu', 'xyz'] })).rejects.toMatchObject({
        code: 'ocr.language_missing',
        message: expect.stringContaining('xyz'),
      });
    });
  });
}

/** Share of the letter's words that were read exactly (as words, so "4711" counts wherever it is). */
function foundShare(result: OcrResult): number {
  const read = new Map<string, number>();
  for (const word of result.words) read.set(word.text, (read.get(word.text) ?? 0) + 1);
  let found = 0;
  for (const word of EXPECTED_WORDS) {
    const left = read.get(word) ?? 0;
    if (left > 0) {
      found++;
      read.set(word, left - 1);
    }
  }
  return found / EXPECTED_WORDS.length;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
