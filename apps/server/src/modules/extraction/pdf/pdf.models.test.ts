import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encryptedPdf, imageOnlyPdf, textPdf } from '../testing/made-documents.ts';
import { layoutLines, PdfReadError, readPdf, renderFirstPage } from './pdf.models.ts';

const item = (str: string, x: number, y: number, fontSize = 10) => ({ str, x, y, width: str.length * fontSize * 0.5, fontSize });

describe('layoutLines', () => {
  it('puts items on one baseline into one line, in reading order, whatever their stream order', () => {
    const text = layoutLines([item('4711', 300, 700), item('Rechnungsnummer', 50, 700.5), item('Seite 1', 50, 40), item('Kopf', 50, 800)]);
    expect(text.split('\n')).toEqual(['Kopf', 'Rechnungsnummer' + ' '.repeat(8) + '4711', 'Seite 1']);
  });

  it('keeps words of a sentence one space apart and columns at least two apart', () => {
    const text = layoutLines([item('Zahlbar', 50, 500), item('bis', 87, 500), item('12,00', 200, 500)]);
    expect(text).toMatch(/^Zahlbar bis {2,}12,00$/);
  });

  it('drops items that are only whitespace', () => {
    expect(layoutLines([item(' ', 10, 10), item('A', 20, 10)])).toBe('A');
  });
});

describe('readPdf', () => {
  it('reads each page text, the attachments, and marks pages without text for OCR', async () => {
    const pdf = await textPdf([['Rechnung Nr. 4711', 'Gesamtbetrag: 1.234,56 €', 'Grüße aus Köln, Straße 5'], []], { attachXml: { filename: 'factur-x.xml', xml: '<x/>' } });
    const content = await readPdf(pdf);
    expect(content.pageCount).toBe(2);
    expect(content.pages[0]).toMatchObject({ number: 1, needsOcr: false });
    expect(content.pages[0]!.text.split('\n')).toEqual(['Rechnung Nr. 4711', 'Gesamtbetrag: 1.234,56 €', 'Grüße aus Köln, Straße 5']);
    expect(content.pages[1]).toMatchObject({ number: 2, needsOcr: true, text: '' });
    expect(content.attachments.map((attachment) => [attachment.filename, Buffer.from(attachment.content).toString()])).toEqual([['factur-x.xml', '<x/>']]);
  });

  it('reads at most maxPages pages but reports the real count', async () => {
    const content = await readPdf(await textPdf([['eins'], ['zwei'], ['drei']]), { maxPages: 1 });
    expect(content.pageCount).toBe(3);
    expect(content.pages).toHaveLength(1);
  });

  it('marks an image-only page for OCR', async () => {
    expect((await readPdf(await imageOnlyPdf())).pages.map((page) => page.needsOcr)).toEqual([true]);
  });

  it.each([
    ['password-protected', () => Promise.resolve(encryptedPdf()), 'encrypted'],
    ['truncated', async () => (await textPdf([['Rechnung']])).subarray(0, 200), 'damaged'],
    ['not a PDF at all', () => Promise.resolve(Buffer.from('hello')), 'damaged'],
  ])('refuses a %s PDF with the reason', async (_name, make, reason) => {
    const error = await readPdf(await make()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PdfReadError);
    expect((error as PdfReadError).reason).toBe(reason);
  });

  it('renders page 1 as a PNG of the asked width, with the text drawn', async () => {
    const png = await renderFirstPage(await textPdf([['Rechnung', 'Gesamtbetrag 1.234,56 €']]), 600);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(Buffer.from(png).readUInt32BE(16)).toBe(600);
    const { channels } = await sharp(png).flatten({ background: '#ffffff' }).stats();
    expect(channels[0]!.min).toBeLessThan(100); // dark text on the page, not a blank one
  });
});
