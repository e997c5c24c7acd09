/**
 * A letter read as units of meaning: the sentences of its paragraphs (wrapped lines joined, words
 * hyphenated at a line end rejoined) and, each on its own, the lines laid out in columns (a
 * statement row "Mahngebühr   5,00 €", an information block "Rechnungsnummer   2024-117").
 * Threats, conditions and deadlines are judged per sentence, whichever line they were wrapped on.
 */
import type { Layout, Line } from '../text/layout.models.ts';

export interface Unit {
  text: string;
  /** The first line the unit was read from. */
  line: Line;
  /** A line of columns, not running text. */
  columns: boolean;
}

export function readUnits(layout: Layout): Unit[] {
  const units: Unit[] = [];
  let paragraph: { text: string; line: Line } | undefined;
  const flush = () => {
    if (paragraph) units.push(...sentences(paragraph.text, paragraph.line));
    paragraph = undefined;
  };
  const widths = layout.pages.map((page) => Math.max(0, ...page.filter((line) => line.cells.length === 1).map((line) => line.text.length)));
  for (const line of layout.lines) {
    const previous = paragraph ? layout.lines[line.pos - 1] : undefined;
    // A line that stops well short of the text width ends its paragraph (a heading, a salutation, a paragraph's last line).
    const short = previous !== undefined && previous.text.length < 0.55 * (widths[previous.page - 1] ?? 0) && !/[-,]$/.test(previous.text);
    // A sentence that ends with its line ends the paragraph too: the next line may be a row ("Offener Betrag: 119,00 €").
    const ended = previous !== undefined && /[.!?]$/.test(previous.text) && !NO_END.test(previous.text.slice(0, -1));
    if (line.cells.length > 1 || !previous || previous.page !== line.page || short || ended) flush();
    if (line.cells.length > 1) {
      units.push({ text: line.cells.map((cell) => cell.text).join('  '), line, columns: true });
      continue;
    }
    if (!paragraph) {
      paragraph = { text: line.text, line };
      continue;
    }
    // "Inkasso-\nunternehmen" was one word; "Inkasso-\nUnternehmen" keeps its hyphen.
    if (/\p{L}-$/u.test(paragraph.text) && /^\p{Ll}/u.test(line.text)) paragraph.text = paragraph.text.slice(0, -1) + line.text;
    else if (/\p{L}-$/u.test(paragraph.text)) paragraph.text += line.text;
    else paragraph.text += ` ${line.text}`;
  }
  flush();
  return units;
}

/** A full stop after these is an abbreviation or an ordinal ("Nr. 4711", "die 2. Mahnung"), not a sentence end. */
const NO_END = /(?:^|[\s(])(?:\d{1,2}|Nr|No|Str|ca|bzw|ggf|inkl|zzgl|abzgl|evtl|vgl|Tel|Fa|Hr|Fr|Dr|St|Abs|Art|gem|lt|Kd|Re|Rg|Az|Pos|Ziff|[a-z])$/i;

function sentences(text: string, line: Line): Unit[] {
  const result: Unit[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?](?=\s+["„(]?\p{Lu})/gu)) {
    const end = match.index + 1;
    if (match[0] === '.' && NO_END.test(text.slice(start, match.index))) continue;
    result.push({ text: text.slice(start, end).trim(), line, columns: false });
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') result.push({ text: rest, line, columns: false });
  return result;
}
