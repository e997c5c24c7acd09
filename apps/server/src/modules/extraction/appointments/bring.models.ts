/**
 * What to bring to an appointment, as a clean list of things:
 * - in prose: "Bitte bringen Sie Ihre Versichertenkarte und die Überweisung mit.", "Bitte denken
 *   Sie an Ihren Impfpass.", "Bitte legen Sie ... vor", "Please bring your passport and ...";
 * - as a list after a line ending in ":" ("Mitzubringen sind:", "Bitte bringen Sie folgende
 *   Unterlagen mit:", "What to bring:"): bullet lines ("-", "•", "1.", "a)"), or short lines up
 *   to an empty line, or the rest of the line ("Mitzubringen: Personalausweis, Meldebescheinigung").
 * Items are split at commas, "und", "sowie", "and"; articles and possessives are dropped
 * ("Ihren gültigen Personalausweis" -> "gültigen Personalausweis"); "oder" stays inside an item,
 * since either thing will do.
 */
import { looseRegExp } from '../text/layout.models.ts';
import type { Letter } from './letter.models.ts';
import { joinLines } from './letter.models.ts';

/** Opens a request to bring things; the things follow (prose) or a list does (colon). */
const BRING_OPENING = looseRegExp(
  String.raw`(?<![\p{L}])(?:(?:bitte\s+)?bringen\s+Sie(?:\s+bitte)?|(?:bitte\s+)?denken\s+Sie(?:\s+bitte)?\s+an|bitte\s+legen\s+Sie|legen\s+Sie\s+bitte|bitte\s+halten\s+Sie|halten\s+Sie\s+bitte|please\s+(?:bring|remember\s+to\s+bring|have)|bring\s+along|you\s+will\s+need(?:\s+to\s+bring)?)(?![\p{L}])`,
  'iu',
);
/** Closes prose: the verb particle after the things ("... mit.", "... vor.", "... bereit."). */
const BRING_CLOSING = /\s(?:mit|vor|bereit|zum\s+Termin\s+mit)\s*(?:\([^)]{0,60}\)\s*)?(?:[.!]|$)|[.!](?:\s|$)/iu;
/** A heading line whose list follows: "Mitzubringen sind:", "Bitte mitbringen:", "What to bring:". */
const BRING_HEADING = looseRegExp(
  String.raw`(?:Mitzubringen(?:\s+sind)?|(?:Bitte\s+)?mitbringen|Mitbringen|Benötigte\s+Unterlagen|Erforderliche\s+Unterlagen|Folgende\s+Unterlagen|Unterlagen\s+zum\s+Termin|Checkliste|What\s+to\s+bring|Please\s+bring|Required\s+documents|Bitte\s+nicht\s+vergessen)[^:\n]{0,80}:\s*(.*)$`,
  'iu',
);
/** List marks, and what OCR makes of a round bullet ("«", "»", "°", "—"). */
const BULLET = /^(?:[-–—•*·▪◦○□☐✓>«»°]|\d{1,2}[.)]|[a-z]\))\s*(.+)$/u;
const STOP_LINE = /^(?:Mit\s+freundlichen|Freundliche\s+Grüße|Viele\s+Grüße|Sollten|Falls|Bitte|Wir|Ihr\s+|Ihre\s+|Kind\s+regards|Yours|Best\s+regards|If\s|Please)/iu;
/** Articles, possessives and fillers before a thing. */
const LEADING = /^(?:(?:Ihr(?:e[nmrs]?)?|die|der|das|den|dem|des|ein(?:e[nmrs]?)?|diese[nmrs]?|your|the|a|an|this|these|alle|beide|sämtliche|etwaige|ggf\.|gegebenenfalls|falls\s+vorhanden|bitte|auch|noch|unbedingt|dazu|dabei|hierzu|hierfür|außerdem|zudem|zu\s+diesem\s+Termin|zum\s+Gespräch|zur\s+Vorsprache|zum\s+Termin|zu\s+Ihrem\s+Termin|zur\s+Untersuchung|folgende|along|with\s+you)\s+)+/iu;
const TRAILING = /\s*(?:mit|vor|bereit|with\s+you|along)?\s*[.,;:!]*\s*$/iu;

/** The things the letter asks to bring, in the order printed, without repeats. */
export function findWhatToBring(letter: Letter): string[] {
  const items: string[] = [];
  const add = (values: string[]) => {
    for (const value of values) if (!items.some((item) => item.toLowerCase() === value.toLowerCase())) items.push(value);
  };
  const lines = letter.lines;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]?.text ?? '';
    const heading = BRING_HEADING.exec(text);
    const opening = BRING_OPENING.exec(text);
    if (heading && (!opening || heading.index <= opening.index)) {
      const rest = (heading[1] ?? '').trim();
      add(rest !== '' ? splitItems(rest) : listBelow(letter, index));
      continue;
    }
    if (!opening) continue;
    // The request may wrap: read on to the end of its paragraph.
    const paragraph: { text: string; index: number }[] = [{ text: text.slice(opening.index + opening[0].length), index }];
    for (let next = index + 1; next < lines.length && (lines[next]?.text ?? '') !== '' && paragraph.length < 6; next++) {
      if (BULLET.test(lines[next]?.text ?? '')) break;
      paragraph.push({ text: lines[next]?.text ?? '', index: next });
    }
    const prose = joinLines(paragraph.map((line) => line.text.trim()));
    const closing = BRING_CLOSING.exec(prose);
    const colon = prose.indexOf(':');
    if (colon >= 0 && (!closing || colon < closing.index)) {
      // "Bitte bringen Sie folgende Unterlagen mit:": the things follow the colon on its line, or below it.
      const colonLine = paragraph.find((line) => line.text.includes(':')) ?? paragraph[0]!;
      const inline = colonLine.text.slice(colonLine.text.indexOf(':') + 1).trim();
      add(inline !== '' ? splitItems(untilClosing(inline)) : listBelow(letter, colonLine.index));
      continue;
    }
    add(splitItems(untilClosing(prose)));
  }
  return items;
}

function untilClosing(prose: string): string {
  const closing = BRING_CLOSING.exec(prose);
  return closing ? prose.slice(0, closing.index) : prose;
}

/** The list under a heading line: bullets, or short lines up to an empty line or a sentence. */
function listBelow(letter: Letter, headingIndex: number): string[] {
  const found: string[] = [];
  let previousBullet = false;
  for (const line of letter.lines.slice(headingIndex + 1, headingIndex + 16)) {
    const text = line.text;
    if (text === '') {
      if (found.length === 0) continue;
      break;
    }
    const bullet = BULLET.exec(text);
    if (bullet) {
      found.push(...splitItems(bullet[1] ?? '', false));
      previousBullet = true;
      continue;
    }
    // A bullet's wrapped second line continues it.
    if (previousBullet && /^\p{Ll}/u.test(text) && found.length > 0) {
      found[found.length - 1] = clean(`${found[found.length - 1]} ${text}`) ?? found[found.length - 1]!;
      continue;
    }
    if (STOP_LINE.test(text) || text.length > 70 || /[.!?]$/u.test(text) || /:$/u.test(text)) break;
    found.push(...splitItems(text, false));
    previousBullet = false;
  }
  return found;
}

/** "Ihre Versichertenkarte, die Überweisung und Ihren Impfpass" -> three things. */
function splitItems(text: string, splitAnd = true): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  // Commas inside parentheses ("Lichtbild (biometrisch, 35 x 45 mm)") or a number ("13,00 €") do not separate things.
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    const decimal = char === ',' && /\d/u.test(text[index - 1] ?? '') && /\d/u.test(text[index + 1] ?? '');
    if ((char === ',' || char === ';') && depth === 0 && !decimal) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const pieces = splitAnd ? parts.flatMap((part) => part.split(/\s+(?:und|sowie|and|as\s+well\s+as|&)\s+(?![^(]*\))/iu)) : parts;
  return pieces.map((piece) => clean(piece)).filter((piece): piece is string => piece !== undefined);
}

function clean(raw: string): string | undefined {
  let value = raw.replace(/\s+/gu, ' ').trim();
  value = value.replace(TRAILING, '').replace(LEADING, '').replace(TRAILING, '').trim();
  if (value.length < 2 || value.length > 80) return undefined;
  // A whole sentence is not a thing to bring.
  if (value.split(' ').length > 8) return undefined;
  return value;
}
