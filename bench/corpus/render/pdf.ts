/**
 * Draws a family's pages as a born-digital PDF: pdf-lib's standard fonts (Helvetica, Times,
 * Courier) in WinAnsi encoding, so umlauts, ß, € and „quotes“ survive into the text layer. The
 * output carries no dates or random IDs: the same pages give the same bytes.
 */
import { PDFDocument, StandardFontEmbedder, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { PageSpec, TextRun } from '../corpus.types.ts';

export const PAGE_WIDTH = 595;
export const PAGE_HEIGHT = 842;

export type FontName = NonNullable<TextRun['font']>;

const STANDARD: Record<FontName, StandardFonts> = {
  sans: StandardFonts.Helvetica,
  'sans-bold': StandardFonts.HelveticaBold,
  serif: StandardFonts.TimesRoman,
  'serif-bold': StandardFonts.TimesRomanBold,
  mono: StandardFonts.Courier,
};

const embedders = new Map<FontName, StandardFontEmbedder>();

function embedder(font: FontName): StandardFontEmbedder {
  let found = embedders.get(font);
  if (!found) {
    found = StandardFontEmbedder.for(STANDARD[font] as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
    embedders.set(font, found);
  }
  return found;
}

/** Width of `text` in points. */
export function textWidth(text: string, font: FontName = 'sans', size = 10): number {
  return embedder(font).widthOfTextAtSize(text, size);
}

/** The first character WinAnsi (and so the standard fonts) cannot show, or undefined. */
export function unencodable(text: string): string | undefined {
  for (const char of text) {
    try {
      embedder('sans').encodeText(char);
    } catch {
      return char;
    }
  }
  return undefined;
}

/**
 * Words laid into lines no wider than `width`; a word longer than a line stands alone. A short
 * token is not parted from a number that follows it, nor digit groups from each other, so that
 * "RG 2025-977", "EUR 813,14", "VZ 7817 0394 15" and a grouped IBAN stay on one line.
 */
export function wrapText(text: string, width: number, font: FontName = 'sans', size = 10): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of gluedWords(text)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, font, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function gluedWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/\s+/).filter((part) => part !== '')) {
    const previous = words[words.length - 1];
    const lastToken = previous?.slice(previous.lastIndexOf(' ') + 1);
    if (previous !== undefined && lastToken !== undefined && lastToken.length <= 4 && /^[\p{L}\d]+$/u.test(lastToken) && /^\d/.test(token)) words[words.length - 1] = `${previous} ${token}`;
    else words.push(token);
  }
  return words;
}

export class UnrenderableTextError extends Error {
  override name = 'UnrenderableTextError';
}

export async function renderPdf(pages: readonly PageSpec[], options: { title?: string } = {}): Promise<Uint8Array> {
  if (pages.length === 0) throw new Error('a document needs at least one page');
  const pdf = await PDFDocument.create({ updateMetadata: false });
  if (options.title) pdf.setTitle(options.title);
  const fonts = new Map<FontName, PDFFont>();
  const fontFor = async (name: FontName) => {
    let font = fonts.get(name);
    if (!font) {
      font = await pdf.embedFont(STANDARD[name]);
      fonts.set(name, font);
    }
    return font;
  };
  for (const spec of pages) {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    for (const rule of spec.rules ?? []) {
      page.drawLine({ start: { x: rule.x1, y: PAGE_HEIGHT - rule.y1 }, end: { x: rule.x2, y: PAGE_HEIGHT - rule.y2 }, thickness: rule.width ?? 0.5, color: rgb(0, 0, 0) });
    }
    for (const run of spec.runs) {
      if (run.text === '') continue;
      const bad = unencodable(run.text);
      if (bad !== undefined) throw new UnrenderableTextError(`"${bad}" (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) cannot be drawn with the standard fonts (WinAnsi): ${JSON.stringify(run.text)}`);
      const name = run.font ?? 'sans';
      const size = run.size ?? 10;
      const font = await fontFor(name);
      const x = run.align === 'right' ? run.x - font.widthOfTextAtSize(run.text, size) : run.x;
      page.drawText(run.text, { x, y: PAGE_HEIGHT - run.y, size, font, color: rgb(0, 0, 0) });
    }
  }
  return pdf.save({ useObjectStreams: false });
}
