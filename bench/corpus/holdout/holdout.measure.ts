/**
 * Text widths with the metrics of the PDF standard fonts (pdf-lib's AFM tables), assuming the
 * renderer draws sans/serif/mono as Helvetica/Times/Courier. Measuring also proves the text is
 * WinAnsi-encodable: pdf-lib throws for anything else.
 */
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import type { TextRun } from '../corpus.types.ts';
import { NB } from './holdout.format.ts';

export type FontFace = NonNullable<TextRun['font']>;

/** pdf-lib types the embedder's argument with its own font-name enum; the strings are the same. */
type EmbedderFont = Parameters<typeof StandardFontEmbedder.for>[0];

const FACES: Record<FontFace, StandardFonts> = {
  sans: StandardFonts.Helvetica,
  'sans-bold': StandardFonts.HelveticaBold,
  serif: StandardFonts.TimesRoman,
  'serif-bold': StandardFonts.TimesRomanBold,
  mono: StandardFonts.Courier,
};

const embedders = new Map<FontFace, StandardFontEmbedder>();

function embedder(font: FontFace): StandardFontEmbedder {
  let found = embedders.get(font);
  if (!found) {
    found = StandardFontEmbedder.for(FACES[font] as string as EmbedderFont);
    embedders.set(font, found);
  }
  return found;
}

export function textWidth(text: string, font: FontFace, size: number): number {
  return embedder(font).widthOfTextAtSize(text.replace(/\u00a0/g, ' '), size);
}

export function boldOf(font: FontFace): FontFace {
  if (font === 'sans') return 'sans-bold';
  if (font === 'serif') return 'serif-bold';
  return font;
}

/**
 * Greedy line breaking at plain spaces; non-breaking spaces keep a value together. `\n` forces a
 * break. A single word wider than the line is broken by characters rather than overflowing.
 */
export function wrap(text: string, font: FontFace, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (textWidth(line, font, size) > width) {
        let cut = line.length - 1;
        while (cut > 1 && textWidth(line.slice(0, cut), font, size) > width) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines.map((l) => l.split(NB).join(' '));
}
