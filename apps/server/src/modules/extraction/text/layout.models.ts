/**
 * A document's text as pages of lines of cells. `readPdf` (and later OCR) lays a page out as lines
 * in reading order with columns kept apart by two or more spaces, so a cell is a run of text
 * between such gaps: "Rechnungsnummer" | "4711", or one column of a table row. A line's leading
 * spaces say how far right it starts (its indentation); they are kept apart from its text.
 */

export interface Cell {
  text: string;
  /** Offset of the cell in its line's text. */
  start: number;
}

export interface Line {
  /** 1-based page number. */
  page: number;
  /** Index of the line on its page. */
  index: number;
  /** Index of the line in the whole document. */
  pos: number;
  /** Text without the leading indentation. */
  text: string;
  cells: Cell[];
  /** Leading spaces of the laid-out line: about one per character width from the page's left-most text. */
  indent: number;
}

export interface Layout {
  pages: Line[][];
  lines: Line[];
  /**
   * Some PDF fonts kern after an "r" so far that the text layer gets a space inside the word
   * ("Br uttosumme", "Liefer ant GmbH"). True when the document shows that; names read from such a
   * document are repaired with `repairSplitWords`.
   */
  splitAfterR: boolean;
  /**
   * OCR of a photo can read letter spacing as word gaps anywhere ("Haust echni k", "Möbel haus").
   * True when the common words of letters show that; names are then repaired with `repairSplitWords`.
   */
  splitAnywhere: boolean;
}

export function buildLayout(text: string): Layout {
  const pages = normalizeText(text)
    .split('\f')
    .map((pageText) => pageText.split('\n'));
  const lines: Line[] = [];
  const laidOut = pages.map((pageLines, pageIndex) =>
    pageLines.flatMap((raw) => {
      const lineText = raw.trim();
      if (lineText === '') return [];
      const indent = raw.length - raw.trimStart().length;
      return [{ page: pageIndex + 1, index: 0, pos: 0, text: lineText, cells: splitCells(lineText), indent }];
    }),
  );
  for (const page of laidOut) {
    page.forEach((line, index) => {
      line.index = index;
      line.pos = lines.length;
      lines.push(line);
    });
  }
  return { pages: laidOut, lines, splitAfterR: hasSplitAfterR(lines), splitAnywhere: hasSplitAnywhere(lines) };
}

/**
 * NFKC folds ligatures and full-width forms; the no-break and thin spaces PDFs use become plain
 * spaces, the Unicode minus a hyphen, tabs a column gap.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ')
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/\t/g, '  ');
}

export function splitCells(line: string): Cell[] {
  const cells: Cell[] = [];
  const pattern = /\S(?:.*?\S)?(?=\s{2,}|\s*$)/g;
  for (const match of line.matchAll(pattern)) cells.push({ text: match[0], start: match.index });
  return cells;
}

/**
 * Makes a label pattern tolerant of the kerning split: every "r" followed by a letter may be
 * followed by one space ("Zahlbetr ag" still matches "Zahlbetrag"). Only for label words, never
 * for values.
 */
export function loose(source: string): string {
  return source.replace(/r(?=[a-zäöüß])/g, 'r ?');
}

/** `text` as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function looseRegExp(source: string, flags = 'iu'): RegExp {
  return new RegExp(loose(source), flags);
}

/** Words every invoice layout prints; finding one split after an "r" reveals the kerning problem. */
const SPLIT_PROBES = [
  'Verkäufer', 'Käufer', 'Bruttosumme', 'Zahlbetrag', 'Rechnungskorrektur', 'Artikel', 'Lieferant',
  'Lieferschein', 'Warenwert', 'Kategorie', 'Steuerbasisbetrag', 'Betrag', 'Handelsregister',
  'Geschäftsführer', 'Geschäftsführung', 'innerhalb', 'Amtsgericht', 'Rechnungsbetrag', 'Ursprung',
  'Nettopreis', 'Nummer', 'Vereinbarung',
];

function hasSplitAfterR(lines: Line[]): boolean {
  const probes = SPLIT_PROBES.map((word) => new RegExp(word.replace(/r(?=[a-zäöüß])/g, 'r ?'), 'iu'));
  let split = 0;
  for (const line of lines) {
    for (const probe of probes) {
      const match = probe.exec(line.text);
      if (match && /r [a-zäöüß]/.test(match[0])) split++;
    }
  }
  // One split word could be a typo; two are the font.
  return split >= 2;
}

/** Words of a letter's greeting, closing and footer that no label lexicon repairs before the rules read them. */
const LETTER_PROBES = [
  'freundlichen', 'Grüßen', 'geehrte', 'geehrter', 'Schreiben', 'gegenstandslos', 'betrachten', 'bereits', 'veranlasst',
  'Telefon', 'Amtsgericht', 'Geschäftsführer', 'Geschäftsführung', 'Zahlungseingang', 'erhalten', 'folgende',
];

/** Two lines with a common word split before a lower-case piece ("G rüßen", "Schrei ben"): the OCR splits words. */
function hasSplitAnywhere(lines: Line[]): boolean {
  const probes = LETTER_PROBES.map((word) => new RegExp(`(?<!\\p{L})${[...word].join(' ?')}(?!\\p{L})`, 'iu'));
  const split = lines.filter((line) => probes.some((probe) => / \p{Ll}/u.test(probe.exec(line.text)?.[0] ?? ''))).length;
  return split >= 2;
}

/** Lower-case words that legitimately follow another inside names and addresses. */
const STANDALONE_LOWER = new Set([
  'und', 'oder', 'der', 'die', 'das', 'den', 'dem', 'des', 'von', 'vom', 'zu', 'zum', 'zur', 'am', 'an',
  'im', 'in', 'auf', 'bei', 'mit', 'für', 'de', 'la', 'le', 'du', 'di', 'da', 'van', 'and', 'of', 'the',
  'a', 'e', 'et', 'mbh', 'mbb', 'co', 'eg', 'str', 'straße', 'strasse',
]);

/**
 * Joins "Liefer ant" back to "Lieferant" in a document where the font split words after "r", and
 * "Möbel haus", "Haust echni k" back to "Möbelhaus", "Haustechnik" where the OCR split them anywhere:
 * a lower-case piece is the rest of the word before it, unless it is a small word of names
 * ("für", "am", "und") or abbreviated ("med.", "e.K.").
 */
export function repairSplitWords(value: string, layout: Pick<Layout, 'splitAfterR'> & { splitAnywhere?: boolean }): string {
  const keep = (tail: string) => STANDALONE_LOWER.has(tail.replace(/\.$/, '').toLowerCase());
  if (layout.splitAnywhere) return value.replace(/(?<=\p{L}) (\p{Ll}+)(?![\p{L}.])/gu, (whole, tail: string) => (keep(tail) ? whole : tail));
  if (!layout.splitAfterR) return value;
  return value.replace(/(\p{L}r) ([a-zäöüß][\p{L}.]*)/gu, (whole, head: string, tail: string) => (keep(tail) ? whole : head + tail));
}

/** "W A R E N R E C H N U N G" -> "WARENRECHNUNG": letter-spaced headings, for word matching. */
export function collapseLetterSpacing(text: string): string {
  return text.replace(/(?<![\p{L}\d])(?:\p{L} ){2,}\p{L}(?![\p{L}\d])/gu, (run) => run.replace(/ /g, ''));
}

/** The text of the lines around `line` (same page), for context checks. */
export function around(layout: Layout, line: Line, before: number, after: number): Line[] {
  const page = layout.pages[line.page - 1] ?? [];
  return page.slice(Math.max(0, line.index - before), line.index + after + 1);
}

/**
 * A line that starts well right of the page's left column: a right-hand block (the sender's
 * contact column, the information block beside the address window), not the address window.
 */
export function isRightColumn(line: Line): boolean {
  return line.indent >= RIGHT_COLUMN_INDENT;
}

/** About a third of a line of body text: right of any left-column indentation, left of the middle. */
const RIGHT_COLUMN_INDENT = 24;

export function nextLines(layout: Layout, line: Line, count: number): Line[] {
  const page = layout.pages[line.page - 1] ?? [];
  return page.slice(line.index + 1, line.index + 1 + count);
}
