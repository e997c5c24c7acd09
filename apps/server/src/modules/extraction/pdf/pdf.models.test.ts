import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encryptedPdf, imageOnlyPdf, textPdf } from '../testing/made-documents.ts';
import { buildLayout, isRightColumn } from '../text/layout.models.ts';
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

  it('indents a line by its distance from the page\'s left-most text, one space per character width', () => {
    // Helvetica-like items: 5 points per character at 10 points.
    const text = layoutLines([item('Herrn', 50, 700), item('Kundennummer 4711', 350, 690), item('Max Mustermann', 50, 680), item('Datum 14.01.2026', 350, 670)]);
    expect(text.split('\n')).toEqual(['Herrn', ' '.repeat(60) + 'Kundennummer 4711', 'Max Mustermann', ' '.repeat(60) + 'Datum 14.01.2026']);
  });

  it('measures indentation with the body text\'s character width, not a large heading\'s', () => {
    const text = layoutLines([item('RECHNUNG', 50, 800, 24), item('Zeile eins', 50, 700), item('Zeile zwei', 50, 690), item('rechts', 150, 680)]);
    expect(text.split('\n')[3]).toBe(' '.repeat(20) + 'rechts');
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

  it('keeps a right-hand block apart from the address window on a real page', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    // DIN 5008: the window at 25 mm from the left, the sender's block at 125 mm.
    const lines: [string, number, number][] = [
      ['Muster GmbH · Hauptstraße 1 · 12345 Musterstadt', 71, 700],
      ['Herrn', 71, 680], ['Kundennummer 4711', 354, 680],
      ['Max Mustermann', 71, 668],
      ['Telefon 0221 123', 354, 656],
      ['Lindenweg 3', 71, 644],
      ['80333 München', 71, 632],
    ];
    for (const [text, x, y] of lines) page.drawText(text, { x, y, size: 10, font });
    const content = await readPdf(Buffer.from(await pdf.save()));
    const layout = buildLayout(content.pages[0]!.text);
    expect(layout.lines.map((line) => [line.text, isRightColumn(line)])).toEqual([
      ['Muster GmbH · Hauptstraße 1 · 12345 Musterstadt', false],
      [expect.stringMatching(/^Herrn {2,}Kundennummer 4711$/), false],
      ['Max Mustermann', false],
      ['Telefon 0221 123', true],
      ['Lindenweg 3', false],
      ['80333 München', false],
    ]);
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
