/**
 * A letter as one flat text of trimmed lines, empty lines kept: an empty line ends a paragraph,
 * and an appointment's sentence, place and what-to-bring list do not run across paragraphs.
 * Positions of tokens are offsets into `text`, so a window around a date can span wrapped lines.
 */
import { detectDateOrder, type DateOrder } from '../text/dates.models.ts';
import { normalizeText } from '../text/layout.models.ts';

export interface LetterLine {
  index: number;
  text: string;
  /** Offset of the line in the letter's text. */
  start: number;
}

export interface Letter {
  text: string;
  lines: LetterLine[];
  order: DateOrder;
}

export function readLetter(raw: string): Letter {
  const lines: LetterLine[] = [];
  let offset = 0;
  // A page break ends a paragraph like an empty line does.
  for (const [index, line] of normalizeText(raw).replace(/\f/g, '\n\n').split('\n').entries()) {
    const text = unglue(line.trim());
    lines.push({ index, text, start: offset });
    offset += text.length + 1;
  }
  const text = lines.map((line) => line.text).join('\n');
  return { text, lines, order: detectDateOrder(text) };
}

/**
 * OCR of a photo often loses the spaces around dates and times ("Terminam20.02.2026,um09.00Uhr"):
 * a space goes back between a word and a date or time, and between a time and "Uhr". Only here,
 * where dates and times are looked for; identifiers and IBANs elsewhere keep their letters and digits together.
 */
export function unglue(line: string): string {
  return line
    .replace(/(Uhr)(?=\p{L})/gu, '$1 ')
    .replace(/(\p{Ll})(?=\d{1,2}[.:]\d{1,2}(?:[.:]|\s*Uhr|\s*h\b|$|[\s,]))/gu, '$1 ')
    .replace(/(\p{Ll}{3,})(?=(?:19|20)\d{2}(?!\d))/gu, '$1 ')
    .replace(/(\d)(?=(?:Uhr|um|bei|im|in|bis)(?!\p{L}))/gu, '$1 ')
    .replace(/,(?=um\s|\d{1,2}[.:]\d{2})/gu, ', ');
}

export function lineAt(letter: Letter, offset: number): LetterLine {
  let found = letter.lines[0] ?? { index: 0, text: '', start: 0 };
  for (const line of letter.lines) {
    if (line.start > offset) break;
    found = line;
  }
  return found;
}

/** Words a full stop follows without ending the sentence ("Dr. med.", "Str. 5", "ca. 30"). */
const ABBREVIATION = /(?:^|[^\p{L}])(?:Dr|med|dent|vet|Prof|Dipl|Str|Nr|Tel|ca|bzw|ggf|inkl|evtl|geb|Hr|Fr|Frl|St|z\.B|u\.a|vgl|Abs|Az|Mo|Di|Mi|Do|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Dez|Dec|OG|EG|UG|Zi|Mr|Mrs|Ms|[A-ZÄÖÜ])$/u;
const WINDOW = 220;

/**
 * The sentence around [start, end): back to the previous full stop, "!" or "?" that ends a word
 * (not the dot of "14.04." or "Dr.") or empty line, forward to the next one; at most WINDOW
 * characters each way.
 */
export function sentenceAround(letter: Letter, start: number, end: number): { start: number; end: number } {
  const text = letter.text;
  let from = start;
  const floor = Math.max(0, start - WINDOW);
  while (from > floor) {
    if (text.startsWith('\n\n', from - 2) || (/[.!?]/.test(text[from - 2] ?? '') && /\s/.test(text[from - 1] ?? '') && endsSentence(text, from - 2))) break;
    from--;
  }
  let to = end;
  const ceiling = Math.min(text.length, end + WINDOW);
  while (to < ceiling) {
    if (text.startsWith('\n\n', to) || (/[.!?]/.test(text[to] ?? '') && /\s|$/.test(text[to + 1] ?? '') && endsSentence(text, to))) break;
    to++;
  }
  return { start: from, end: Math.min(text.length, to + 1) };
}

/** Whether `text` contains the end of a sentence ("Uhr. Bitte"), not just an abbreviation's dot ("Di. 14.04."). */
export function hasSentenceEnd(text: string): boolean {
  for (const match of text.matchAll(/[.!?](?=\s)/gu)) if (endsSentence(text, match.index)) return true;
  return false;
}

/** Whether the ".", "!" or "?" at `index` closes a sentence. */
function endsSentence(text: string, index: number): boolean {
  if (text[index] !== '.') return true;
  const before = text.slice(Math.max(0, index - 12), index);
  // "14.04." and "2." (an ordinal) are numbers; "Uhr." and "2026." end sentences.
  if (/(?:^|[^\d])\d{1,2}$/.test(before) || /\d{1,2}\.\d{1,2}$/.test(before)) return false;
  return !ABBREVIATION.test(before);
}

/** The text of a paragraph from `line` on, lines joined with spaces, words split by a hyphen at a line end rejoined. */
export function joinLines(lines: string[]): string {
  return lines.reduce((joined, line) => {
    if (joined === '') return line;
    if (/\p{Ll}-$/u.test(joined) && /^\p{Ll}/u.test(line)) return joined.slice(0, -1) + line;
    return `${joined} ${line}`;
  }, '');
}
