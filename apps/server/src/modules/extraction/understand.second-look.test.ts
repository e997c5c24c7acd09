/**
 * The second look at a photo: read again at full resolution only when the first reading, at the
 * photo's own modest resolution, missed what its kind of letter is about; the second reading only
 * fills gaps. The OCR here is a stand-in that answers by the size of the image it is given.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrDriver, OcrResult } from './ocr/ocr.types.ts';
import type { ScanSettings } from './scan.models.ts';
import { missesWhatMatters, understandFiles } from './understand.models.ts';

const INVOICE_START = 'Stadtwerke Musterstadt GmbH\nRechnung\nRechnungsdatum: 02.11.2026\n';
const INVOICE_END = 'Gesamtbetrag: 119,00 €\nZahlbar bis 20.11.2026';

function reading(text: string, width: number, height: number): OcrResult {
  const words = text.split(/\s+/).map((word, index) => ({ text: word, confidence: 0.9, box: { x0: index * 10, y0: 0, x1: index * 10 + 9, y1: 10 } }));
  return { text, words, confidence: 0.9, width, height, languages: 'deu+eng' };
}

/** Reads `small` from an image under 2000 px wide (the photo as it is), `large` from a larger one (upscaled). */
function standIn(small: string, large: string): { driver: OcrDriver; widths: number[] } {
  const widths: number[] = [];
  const driver: OcrDriver = {
    name: 'tesseract',
    recognize: async (png) => {
      const { width = 0, height = 0 } = await sharp(png).metadata();
      widths.push(width);
      return reading(width < 2000 ? small : large, width, height);
    },
    detectRotation: async () => ({ rotation: 0, confidence: 1 }),
    close: async () => {},
  };
  return { driver, widths };
}

/** A blank page photographed at about 157 dpi (A4, 1300 px across), no resolution in the file. */
const photo = async (width = 1300) => new Uint8Array(await sharp({ create: { width, height: Math.round(width * 1.414), channels: 3, background: '#ffffff' } }).jpeg().toBuffer());

/** A page photographed under uneven light: a gray gradient from top to bottom. */
const shadedPhoto = async (width: number) => {
  const height = Math.round(width * 1.414);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#f4f4f4"/><stop offset="1" stop-color="#8a8a8a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg().toBuffer());
};

const settings = (driver: OcrDriver): ScanSettings => ({ ocr: async () => driver, languages: ['deu', 'eng'], pageTimeoutMs: 10_000, parallelPages: 1, maxPixels: 100_000_000 });

describe('the second look at a photo', () => {
  it('reads the photo again at full resolution when the invoice number was missed, and takes only what was missing', async () => {
    const { driver, widths } = standIn(`${INVOICE_START}${INVOICE_END}`, `Stadtwerke Musterstadt GmbH\nRechnung\nRechnungsnummer: R-2026-0815\nRechnungsdatum: 03.11.2026\n${INVOICE_END}`);
    const understanding = await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(driver) });
    // The upscaled page, in gray and in black and white.
    expect(widths).toEqual([1300, 2470, 2470]);
    expect(understanding.facts).toMatchObject({ invoice_number: 'R-2026-0815', issue_date: '2026-11-02', amount: '119.00' });
    expect(understanding.fields.invoice_number?.source).toBe('ocr');
    expect(understanding.fields.invoice_number!.confidence).toBeLessThan(understanding.fields.issue_date!.confidence);
    expect(understanding.sources).toEqual(['ocr', 'ocr-second-look', 'ocr-second-look']);
    // What is stored and searched is the first reading.
    expect(understanding.text).not.toContain('R-2026-0815');
  });

  it('takes no second look when the first reading has what matters', async () => {
    const complete = standIn(`${INVOICE_START}Rechnungsnummer: R-1\n${INVOICE_END}`, '');
    const understanding = await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(complete.driver) });
    expect(complete.widths).toEqual([1300]);
    expect(understanding.sources).toEqual(['ocr']);
  });

  it('reads a photo already at full resolution once more in black and white only, where the gray reading lost the letterhead', async () => {
    const widths: number[] = [];
    const thresholded: boolean[] = [];
    const driver: OcrDriver = {
      name: 'tesseract',
      recognize: async (png) => {
        const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
        const blackAndWhite = new Set(data).size <= 2;
        widths.push(info.width);
        thresholded.push(blackAndWhite);
        return reading(blackAndWhite ? `${INVOICE_START}Rechnungsnummer: R-2026-0815\n${INVOICE_END}` : `Rechnung\n${INVOICE_END}`, info.width, info.height);
      },
      detectRotation: async () => ({ rotation: 0, confidence: 1 }),
      close: async () => {},
    };
    const understanding = await understandFiles([{ bytes: await shadedPhoto(2480), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(driver) });
    expect(widths).toEqual([2480, 2480]);
    expect(thresholded).toEqual([false, true]);
    expect(understanding.facts).toMatchObject({ invoice_number: 'R-2026-0815', issue_date: '2026-11-02', amount: '119.00' });
    expect(understanding.sources).toEqual(['ocr', 'ocr-second-look']);
    expect(understanding.ocrPages[0]!.steps).not.toContain('binarised');
  });

  it.each([
    ['an invoice without its number', { type: 'invoice', facts: { amount: '10.00', issue_date: '2026-01-02' } }, true],
    ['a complete invoice', { type: 'invoice', facts: { amount: '10.00', issue_date: '2026-01-02', invoice_number: 'R-1' } }, false],
    ['a dunning letter without the invoice it is about', { type: 'reminder', facts: { amount: '10.00', due_date: '2026-01-20' } }, true],
    ['a contract without its cancellation date', { type: 'contract', facts: { contract: { start_date: '2026-01-01' } } }, true],
    ['a contract with it', { type: 'contract', facts: { contract: { last_cancellation_date: '2026-09-30' } } }, false],
    ['an appointment without its time', { type: 'appointment', facts: {} }, true],
    ['a receipt without its date', { type: 'receipt', facts: { amount: '4.80' } }, true],
    ['a letter that asks for nothing', { type: 'other', facts: {} }, false],
  ] as const)('%s: %s', (_label, understanding, expected) => {
    expect(missesWhatMatters(understanding)).toBe(expected);
  });
});

describe('the till-slip look', () => {
  const SLIP_TOP = 'SANYU STATIONERY SHOP\nCASH SALES COUNTER\nCashier: Ann\nDate: 15/07/2017 10:49\n';
  const SLIP_END = '\nThank you, please come again';

  /** Answers `auto` for the usual layout analysis and `block` for the one-column reading; `confidence` per word. */
  function byLayout(readings: { auto: string; block: string }, confidence = 0.9): { driver: OcrDriver; layouts: string[] } {
    const layouts: string[] = [];
    const driver: OcrDriver = {
      name: 'tesseract',
      recognize: async (png, options) => {
        const { width = 0, height = 0 } = await sharp(png).metadata();
        const layout = options.layout ?? 'auto';
        layouts.push(layout);
        const result = reading(readings[layout], width, height);
        return { ...result, confidence, words: result.words.map((word) => ({ ...word, confidence })) };
      },
      detectRotation: async () => ({ rotation: 0, confidence: 1 }),
      close: async () => {},
    };
    return { driver, layouts };
  }

  it('reads a slip whose total was not made sure once more as one column, which leads when surer of the total', async () => {
    const { driver, layouts } = byLayout({ auto: `${SLIP_TOP}TOTAL 12.00${SLIP_END}`, block: `${SLIP_TOP}TOTAL 12.50\nCASH 20.00\nCHANGE 7.50${SLIP_END}` });
    const understanding = await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(driver) });
    expect(layouts).toEqual(['auto', 'block']);
    expect(understanding.type).toBe('receipt');
    expect(understanding.facts).toMatchObject({ amount: '12.50', issue_date: '2017-07-15' });
    expect(understanding.sources).toEqual(['ocr-block', 'ocr']);
    // Counted a little less than the same confirmation would count in the first reading.
    expect(understanding.fields.amount!.confidence).toBeLessThan(0.9 * 0.9);
  });

  it('keeps the first reading when the one-column reading is no surer of the total', async () => {
    const { driver, layouts } = byLayout({ auto: `${SLIP_TOP}TOTAL 12.00${SLIP_END}`, block: `${SLIP_TOP}TOTAL 11.00${SLIP_END}` });
    const understanding = await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(driver) });
    expect(layouts).toEqual(['auto', 'block']);
    expect(understanding.facts.amount).toBe('12.00');
    expect(understanding.sources).toEqual(['ocr']);
  });

  it('takes no further look at a slip whose total is confirmed on a clean page, nor at a letter', async () => {
    const confirmed = byLayout({ auto: `${SLIP_TOP}TOTAL 12.00\nCASH 20.00\nCHANGE 8.00${SLIP_END}`, block: '' }, 0.95);
    expect((await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(confirmed.driver) })).facts.amount).toBe('12.00');
    expect(confirmed.layouts).toEqual(['auto']);

    const letter = byLayout({ auto: `${INVOICE_START}Rechnungsnummer: R-1\n${INVOICE_END}`, block: '' });
    expect((await understandFiles([{ bytes: await photo(), mime: 'image/jpeg' }], { maxPages: 50, scan: settings(letter.driver) })).type).toBe('invoice');
    expect(letter.layouts).toEqual(['auto']);
  });
});
