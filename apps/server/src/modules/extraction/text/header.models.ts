/**
 * The top of page 1 of a letter: the sender line above the address window ("Firma GmbH ·
 * Straße 1 · 12345 Ort"), the address blocks (the recipient's window, or the sender's own block
 * with telephone and e-mail under it) and the letterhead (the company name at the very top).
 */
import type { Layout, Line } from './layout.models.ts';
import { isRightColumn, looseRegExp } from './layout.models.ts';
import type { NameEvidence } from './blocks.models.ts';
import { clean, hasLegalForm, isAddressLine, isContactLine, isNameLike, isSalutation, PARTY_HEADING, POSTCODE_CITY, REGISTER_DETAILS } from './blocks.models.ts';

/** Separators of a sender line, surest first: "·", "|", "•" and kin; " - " and ", " only when nothing else separates. */
const SEPARATORS = [/\s*[|·•●▪∙⋅]\s*/u, /\s+-\s+/, /,\s+/];
/** A street's house number at the end: "12", "12a", "12 a", "12-14". */
const HOUSE_NUMBER_END = /\s\d{1,4}(?:\s?[a-zA-Z])?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?$/u;
const SENDER_LABEL = /^(?:Absender|Abs\.?)\s*:?\s*/iu;
/** Lines at the top of rendered e-invoices that name the tool, not the sender. */
const BOILERPLATE = looseRegExp(String.raw`Stylesheet|Visualisierung|Codelisten|Lesbarmachung|\(c\)|©|Version|Seite \d|Page \d`);
/** Registration and tax details: a block that carries them belongs to the sender. */
const SENDER_DETAILS = looseRegExp(String.raw`(?<![\p{L}])(?:USt|Steuer|St\.?-?Nr|Handelsreg|Amtsgericht|HR[AB]|Geschäftsführ|Inhaber|IBAN|Bankverbindung|VAT|SIRE[NT])`);
/** How far down page 1 the address window and the letterhead can be. */
const HEADER_LINES = 35;

export interface SenderLine {
  name: string;
  address?: string;
  confidence: number;
  line: Line;
}

export function parseSenderLine(text: string, layout: Pick<Layout, 'splitAfterR'>): Omit<SenderLine, 'line'> | undefined {
  const bare = text.replace(SENDER_LABEL, '');
  for (const [index, separator] of SEPARATORS.entries()) {
    const segments = bare.split(separator).map((part) => part.trim());
    if (segments.length < 2) continue;
    // The line may continue into another column: the name is the last cell before the first
    // separator, the address ends at the first column gap after it.
    const first = segments[0]!.split(/\s{2,}/).pop() ?? '';
    const rest = segments.slice(1);
    rest[rest.length - 1] = rest[rest.length - 1]!.split(/\s{2,}/)[0]!;
    // The sender line carries a postcode after the name; a list of words does not.
    if (!rest.some((part) => /\b\d{4,5}\b/.test(part))) continue;
    // "Muster GmbH · 12345 Ort" (a sender with a PO box prints no street): the town must follow.
    if (segments.length === 2 && !POSTCODE_CITY.test(rest[0] ?? '')) continue;
    // Commas separate much else ("Yuen Long, N.T., 0000, HK"): then the street must follow the name.
    if (index === 2 && !isAddressLine(rest[0] ?? '')) continue;
    if (!isNameLike(first) || isSalutation(first) || /^\d/.test(first)) continue;
    const legal = hasLegalForm(first);
    // "Lindenhain 12 · 12345 Ort · Telefon ...": a first part ending in a house number is the street
    // of a sender line whose name stands elsewhere, whatever the street is called.
    if (!legal && HOUSE_NUMBER_END.test(first)) continue;
    const confidence = index === 2 || segments.length === 2 ? (legal ? 0.75 : 0.6) : legal ? 0.85 : 0.7;
    // "Inh. Jens Holz" names the owner, not a part of the address.
    const address = rest.filter((part) => part !== '' && !/^(?:Inh\.|Inhaber|Geschäftsführ)/iu.test(part));
    return { name: clean(first, layout), address: clean(address.join(', '), layout), confidence };
  }
  return undefined;
}

export function findSenderLine(layout: Layout): SenderLine | undefined {
  const page = layout.pages[0] ?? [];
  // Above the address window, so in the upper part of the page; a line with register details is the imprint.
  for (const line of page.slice(0, Math.min(25, Math.max(6, Math.ceil(page.length * 0.5))))) {
    if (REGISTER_DETAILS.test(line.text)) continue;
    const sender = parseSenderLine(line.text, layout);
    if (sender) return { ...sender, line };
  }
  return undefined;
}

export type BlockRole = 'recipient' | 'sender' | 'unknown';

export interface AddressBlock {
  /** With the salutation when one is printed ("Herrn Max Mustermann"). */
  name: string;
  address?: string;
  legal: boolean;
  role: BlockRole;
  /** How sure the role is. */
  confidence: number;
  lines: Line[];
}

/**
 * Name-and-address blocks in the upper part of page 1, in the left column (the address window)
 * and in the right one. A block under a salutation ("Herrn", "Frau", "Firma") or right under the
 * sender line is the recipient's window; a block followed by telephone, e-mail or tax details is
 * the sender's own. A letter has one of each: when one block's role is known, an undecided other
 * one has the other role. Blocks under a party heading ("Rechnungsempfänger", "Verkäufer") are
 * read with their heading elsewhere.
 */
export function findAddressBlocks(layout: Layout, senderLine: SenderLine | undefined): AddressBlock[] {
  const page = layout.pages[0] ?? [];
  // The upper part only: the foot of a page holds the sender's address again, in its imprint.
  const top = page.slice(0, Math.min(HEADER_LINES, Math.max(10, Math.ceil(page.length * 0.6)))).filter((line) => line !== senderLine?.line);
  // Each column skips the other's lines: a right-hand block interleaves with the window.
  const left = top.flatMap((line) => (isRightColumn(line) ? [] : [{ line, text: line.cells[0]?.text.trim() ?? '' }]));
  const right = top.flatMap((line) => (isRightColumn(line) ? [{ line, text: line.cells[0]?.text.trim() ?? '' }] : line.cells.length > 1 ? [{ line, text: line.cells[line.cells.length - 1]!.text.trim() }] : []));
  const blocks = [...columnBlocks(layout, left, senderLine), ...columnBlocks(layout, right, undefined)].map((block) => ({ ...block, name: clean(block.name, layout), ...(block.address ? { address: clean(block.address, layout) } : {}) }));
  const known = (role: BlockRole) => blocks.some((block) => block.role === role) || (role === 'sender' && senderLine !== undefined);
  return blocks.map((block) => {
    if (block.role !== 'unknown') return block;
    if (known('sender') && !known('recipient')) return { ...block, role: 'recipient' as const, confidence: 0.6 };
    return block;
  });
}

interface ColumnLine {
  line: Line;
  text: string;
}

function columnBlocks(layout: Layout, entries: ColumnLine[], senderLine: SenderLine | undefined): AddressBlock[] {
  const texts = entries.map((entry) => entry.text);
  const page = layout.pages[0] ?? [];
  const blocks: AddressBlock[] = [];
  for (let start = 0; start < entries.length; start++) {
    const block = readAddressBlock(texts, start);
    if (!block) continue;
    const own = texts.slice(start, block.end + 1);
    const lines = entries.slice(start, block.end + 1).map((entry) => entry.line);
    const above = texts.slice(Math.max(0, start - 3), start);
    const after = texts.slice(block.end + 1, block.end + 4);
    start = block.end;
    // Under a party heading the block is read with its heading. With register details it is an
    // imprint: in its own column, or beside it below the top of the page (a footer's columns).
    const imprint = own.some((text) => REGISTER_DETAILS.test(text)) || (lines[0]!.index >= page.length * 0.4 && lines.some((line) => REGISTER_DETAILS.test(line.text)));
    if (above.some((text) => PARTY_HEADING.test(text)) || imprint) continue;
    const contact = [...own, ...after].some((text) => isContactLine(text) || SENDER_DETAILS.test(text));
    const first = lines[0]!;
    const underSenderLine = senderLine !== undefined && first.index > senderLine.line.index && first.index - senderLine.line.index <= 4;
    const legal = hasLegalForm(block.name);
    let role: BlockRole = 'unknown';
    let confidence = 0.5;
    if (block.salutation || underSenderLine) [role, confidence] = ['recipient', block.salutation && underSenderLine ? 0.8 : 0.75];
    else if (contact) [role, confidence] = ['sender', legal ? 0.75 : 0.65];
    blocks.push({ name: block.name, ...(block.address ? { address: block.address } : {}), legal, role, confidence, lines });
  }
  return blocks;
}

const INLINE_SALUTATION = /^(?:Herrn?|Frau|Firma|Familie|Eheleute|Mr\.?|Mrs\.?|Ms\.?)\s+\S/u;

/** Salutation?, one to three name lines, then street and/or postcode and town (and a country). */
function readAddressBlock(texts: string[], start: number): { name: string; address?: string; salutation: boolean; end: number } | undefined {
  let i = start;
  let salutation: string | undefined;
  const first = texts[i] ?? '';
  const inline = INLINE_SALUTATION.test(first);
  if (isSalutation(first) || /^An(?: die| den| das)?$/i.test(first)) {
    salutation = /^An/i.test(first) ? undefined : first;
    i++;
  }
  const names: string[] = [];
  while (i < texts.length && names.length < 3) {
    const text = texts[i]!;
    // A salutation starts the window: the name above it is something else (a logo's text).
    if (isAddressLine(text) || !isNameLike(text) || isContactLine(text) || (i > start && (isSalutation(text) || INLINE_SALUTATION.test(text)))) break;
    names.push(text);
    i++;
  }
  if (names.length === 0) return undefined;
  const address: string[] = [];
  while (i < texts.length && address.length < 3) {
    const text = texts[i]!;
    if (!isAddressLine(text)) break;
    address.push(text);
    i++;
    if (POSTCODE_CITY.test(text) || /^(?:[A-Z]{2}[- ])?\d{4,5}\s/.test(text)) break;
  }
  // A recipient has a town under the name; a name over a street alone is too little to tell.
  if (!address.some((text) => /\b\d{4,5}\b/.test(text) && /\p{L}{2,}/u.test(text.replace(/\d/g, '')))) return undefined;
  const name = salutation ? `${salutation} ${names[0]}` : names[0]!;
  return { name, address: address.join(', '), salutation: salutation !== undefined || inline, end: i - 1 };
}

/**
 * Company names at the very top of page 1 (the letterhead); a name may wrap onto a second line
 * before its legal form. `skip`: the lines of the recipient's window and the sender line;
 * `blocks`: the lines of any address block, whose first line is no logo text either.
 */
export function letterhead(layout: Layout, { skip, blocks }: { skip: Set<Line>; blocks: Set<Line> }): NameEvidence[] {
  const top = (layout.pages[0] ?? []).filter((line) => !BOILERPLATE.test(line.text)).slice(0, 6);
  // On a short page the top lines are the foot as well: a line is the letterhead only in the upper part.
  const upper = (layout.pages[0]?.length ?? 0) * 0.5;
  const found: NameEvidence[] = [];
  top.forEach((line, index) => {
    if (skip.has(line) || (line.index >= upper && index > 0)) return;
    line.cells.forEach((item, cellIndex) => {
      const cell = item.text.trim();
      // "Sold By : X Ltd." is a label's value, read with its label.
      if (!hasLegalForm(cell) || !isNameLike(cell) || /:/.test(cell)) return;
      const previous = top[index - 1];
      const wrapped =
        index === 1 && cellIndex === 0 && previous && previous.cells.length === 1 && !hasLegalForm(previous.text) && !/\d/.test(previous.text) && isNameLike(previous.text) && previous.text.trim().split(/\s+/).length <= 4;
      found.push({ value: clean(wrapped ? `${previous.text.trim()} ${cell}` : cell, layout), confidence: cellIndex === 0 ? 0.75 : 0.65, place: 'header', legal: true, line });
    });
  });
  // A short name alone on the first line, without legal form, is a logo's text: a brand.
  const head = top[0];
  const text = head?.cells[0]?.text.trim() ?? '';
  if (head && !skip.has(head) && !blocks.has(head) && !hasLegalForm(text) && isNameLike(text) && !/[\d:]/.test(text) && text.split(/\s+/).length <= 4 && !PARTY_HEADING.test(text)) {
    found.push({ value: clean(text, layout), confidence: 0.45, place: 'header', legal: false, brand: true, line: head });
  }
  return found;
}
