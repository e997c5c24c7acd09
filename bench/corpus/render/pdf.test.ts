import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../apps/server/src/modules/extraction/pdf/pdf.models.ts';
import { renderPdf, textWidth, unencodable, UnrenderableTextError, wrapText } from './pdf.ts';

describe('renderPdf', () => {
  it('keeps umlauts, ß, € and German quotes in the text layer, in every font', async () => {
    const fonts = ['sans', 'sans-bold', 'serif', 'serif-bold', 'mono'] as const;
    const pdf = await renderPdf([
      { runs: fonts.map((font, index) => ({ text: `Grüße aus Köln – Straße „Übersee“: 1.234,56 € (${font})`, x: 60, y: 100 + index * 20, font, size: 10 })) },
      { runs: [{ text: 'Mahngebühr 5,00 €', x: 535, y: 100, align: 'right' }], rules: [{ x1: 60, y1: 110, x2: 535, y2: 110 }] },
    ]);
    const content = await readPdf(pdf);
    expect(content.pageCount).toBe(2);
    for (const font of fonts) expect(content.pages[0]!.text).toContain(`Grüße aus Köln – Straße „Übersee“: 1.234,56 € (${font})`);
    expect(content.pages[1]!.text).toContain('Mahngebühr 5,00 €');
  });

  it('gives the same bytes for the same pages (no dates, no random ids)', async () => {
    const pages = [{ runs: [{ text: 'Rechnung Nr. 4711', x: 60, y: 100 }] }];
    expect(Buffer.from(await renderPdf(pages)).equals(Buffer.from(await renderPdf(pages)))).toBe(true);
  });

  it('refuses what WinAnsi cannot encode, naming the character', async () => {
    expect(unencodable('Frist → 14 Tage')).toBe('→');
    expect(unencodable('Grüße €')).toBeUndefined();
    await expect(renderPdf([{ runs: [{ text: 'Frist → 14 Tage', x: 60, y: 100 }] }])).rejects.toThrow(UnrenderableTextError);
    await expect(renderPdf([{ runs: [{ text: 'Frist → 14 Tage', x: 60, y: 100 }] }])).rejects.toThrow(/U\+2192/);
  });
});

describe('text measure', () => {
  it('wraps at the width and keeps every word', () => {
    const text = 'Bitte überweisen Sie den offenen Betrag innerhalb von 7 Tagen auf das unten genannte Konto.';
    const lines = wrapText(text, 150, 'sans', 10);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 'sans', 10)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe(text);
    expect(textWidth('iiii', 'mono', 10)).toBe(textWidth('MMMM', 'mono', 10));
  });
});
