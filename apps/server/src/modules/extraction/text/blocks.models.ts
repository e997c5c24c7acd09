/**
 * Reading names and addresses: what a company or person name looks like on a letter, and the
 * blocks under a heading ("Verkäufer", "Rechnungsempfänger", "Bill to") that hold one.
 */
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp, nextLines, repairSplitWords } from './layout.models.ts';

/**
 * Legal forms that end a company name (German first, then the forms foreign senders of German
 * paperwork use). Case matters for the short ones: "AB" is a Swedish company, "ab" a preposition.
 */
export const LEGAL_FORM = new RegExp(
  String.raw`(?<![\p{L}])(?:G[mM][bB][hH](?:\s*&\s*Co\.?(?:\s*(?:KG(?:aA)?|OHG))?)?|gGmbH|mbH|AG|KGaA|KG|OHG|oHG|GbR|PartG(?:\s?mbB)?|mbB|e\.\s?K(?:fm)?\.|e\.\s?V\.|eG|UG(?:\s*\(haftungsbeschränkt\))?|SE|a\.\s?G\.|VVaG|AöR|K\.?d\.?ö\.?R\.?|Ltd\.?|Limited|Inc\.?|LLC|LLP|PLC|plc|Corp\.?|Corporation|S\.?A\.?S?\.?|SARL|Sarl|S\.?à\s?r\.?l\.?|S\.?r\.?l\.?|SRL|S\.?p\.?A\.?|Sp\.\s?z\s?o\.\s?o\.?|B\.?V\.?|N\.?V\.?|GesmbH|Pvt\.?\s*Ltd\.?|Pte\.?\s*Ltd\.?|A\/S|ApS|Oyj?|AB(?![\d-]))(?![\p{L}])`,
  'u',
);
const STREET = looseRegExp(String.raw`(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|markt|promenade|stieg|steig|pfad|graben|kamp|twiete|wall|zeile|anger|redder|deich|winkel|hof|feld|berg|park|garten|brücke|höhe|grund|road|street|st\.|avenue|ave\.|lane|drive|way|rue|chemin|boulevard|bd\.?)\s*\d|^\d+[a-z]?\s+\p{L}+(?:\s\p{L}+)*\s(?:Street|St\.|Road|Avenue|Ave)|^\d+[a-z]?,?\s+(?:rue|avenue|boulevard|bd|chemin|place|allée|impasse|quai|route)\b|Postfach|P\.?O\.? Box`);
/** "12345 Ort", "D-12345 Ort", "DE 12345 Ort": the town line of an address. */
export const POSTCODE_CITY = /^(?:[A-Z]{1,2}[- ]?)?\d{4,5}\s+\p{L}/u;
const CONTACT = /@|www\.|https?:|\b(?:Tel|Telefon|Fax|Telefax|Mobil|E-?Mail|Phone|Email|Web|fon|Internet)\b\.?\s*[:.(+\d]/i;
const SALUTATION = /^(?:Herrn?|Frau|Firma|Fa\.|Familie|Eheleute|Mr\.?|Mrs\.?|Ms\.?|Monsieur|Madame|z\.\s?Hd\.?)$/i;
const LABEL_WORDS = looseRegExp(
  String.raw`^(?:Inh\.|Inhaber|GLN|Lief-Nr|Kunden|Nummer|Nr\.|Globale|USt|Steuer|IBAN|BIC|Seite|Page|Datum|Date|Beträge|Hinweis|Betreff|Referenz|Währung|Ansprechpartner|Abteilung|Bemerkung|Inhalt|Geschäftsführ|Handelsregister|Amtsgericht|Sitz|Bankverbindung|Kontonr|BLZ|Deutschland|Germany|Account|Invoice|Rechnung|Total|Summe|Qualifizierung|Anwendungsempfehlung|Gesamt|Betrag|Netto|Brutto|Zahl|Fällig|Leistung|Liefer|Bestell|Auftrag|Position|Menge|Beschreibung|Adresse|Lieferadresse|Livraison|Delivery|Shipping)`,
);
const DOC_TITLE = looseRegExp(String.raw`\b(?:\p{L}*rechnung|Gutschrift|Invoices?|Mahnung|Quittung|Receipt|Facture|Avoir)\b`);

/** Where a name was printed: places that are independent of each other confirm a name. */
export type Place = 'label' | 'header' | 'imprint' | 'payment';

export interface NameEvidence {
  value: string;
  confidence: number;
  place: Place;
  /** The name carries a legal form (GmbH, AG, Ltd., ...): a legal entity, not a brand. */
  legal: boolean;
  /** A logo's text or a trading name, not the legal entity. */
  brand?: boolean;
  /** Where it is printed: one line confirms a name once, whatever it looks like. */
  line: Line;
}

/** Register and management details: only a company's own imprint prints them. */
export const REGISTER_DETAILS = looseRegExp(
  String.raw`Geschäftsführ|Amtsgericht|Registergericht|Handelsregister|\bHR[AB]\b|Sitz der Gesellschaft|Sitz:|Vorstand|Aufsichtsrat|(?<![\p{L}])Inhaber|Si[èe]ge social|\bRCS\b|Registered Office|Regd\. office|au capital|Company No|Reg\. No|\bCIN\b`,
);
/** A cell that is only a party heading: "Verkäufer", "Käufer/Leistungsempfänger:", "Bill to". */
export const PARTY_HEADING = looseRegExp(
  String.raw`^(?:Verkäufer|Käufer|Lieferant|Rechnungs(?:empfänger|adresse|steller|ersteller|aussteller)|Leistungs(?:empfänger|erbringer)|Warenempfänger|Liefer(?:adresse|anschrift)|Abweichender \p{L}+|Absender|Empfänger|Kunde|Auftrag(?:geber|nehmer)|Vermieter|Mieter|Bill(?:ed)? to|Ship to|Sold (?:to|by)|Seller|Buyer|Customer|Supplier|Vendor|From|Invoice to|(?:Billing|Shipping|Delivery) Address|Service Provider|Adresse (?:du client|de facturation|de livraison)|Destinataire|Fournisseur|Vendeur)(?:\s*\/\s*[\p{L}-]+)?\s*:?$`,
);

export function isSalutation(text: string): boolean {
  return SALUTATION.test(text.trim());
}

export function hasLegalForm(text: string): boolean {
  return LEGAL_FORM.test(text);
}

/** A line (or cell) that can be a company or person name, not an address, contact or label line. */
export function isNameLike(text: string): boolean {
  const value = text.trim();
  if (value.length < 2 || value.length > 80 || !/\p{L}{2,}/u.test(value)) return false;
  if (/^[([*•#"-]/.test(value) || /:$/.test(value) || isSalutation(value)) return false;
  if (/Copyright|©|\(c\)|Seite \d|Page \d/i.test(value)) return false;
  if (CONTACT.test(value) || STREET.test(value) || POSTCODE_CITY.test(value)) return false;
  const legal = hasLegalForm(value);
  if (!legal && (LABEL_WORDS.test(value) || DOC_TITLE.test(value))) return false;
  if (!legal && /^[\p{L} ./-]{1,30}:\s*\S/u.test(value)) return false;
  const digits = (value.match(/\d/g) ?? []).length;
  return digits <= value.length * 0.25;
}

/** Telephone, fax, e-mail or web address: what a sender prints under its address, a recipient does not. */
export function isContactLine(text: string): boolean {
  return CONTACT.test(text);
}

export function isAddressLine(text: string): boolean {
  const value = text.trim();
  return STREET.test(value) || POSTCODE_CITY.test(value) || /^(?:[A-Z]{2}[- ])?\d{4,5}\b/.test(value);
}

export interface BlockName {
  name: string;
  address?: string;
  /** The name was printed after "Name:" or right under the heading. */
  labelled: boolean;
  line: Line;
}

/**
 * The party named in the block under a heading cell: "Name: X" (with a first line printed above
 * it when the value wraps), or else the first line that looks like a name.
 */
export function readBlock(layout: Layout, heading: Line, cellIndex: number, stop: RegExp): BlockName | undefined {
  const lines = nextLines(layout, heading, 9);
  const texts: BlockText[] = [];
  for (const line of lines) {
    const text = blockCell(line, heading, cellIndex);
    if (text === undefined) continue;
    if (stop.test(text)) break;
    // Label/value rows ("Name:    X", "Anschrift:    Y") span the columns of a one-column block.
    texts.push({ line, text, full: cellIndex === 0 && heading.cells.length === 1 ? line.text.trim() : text });
  }
  for (let i = 0; i < texts.length; i++) {
    const { line, full } = texts[i]!;
    const named = /^(?:Name|Nom|Firma|Company)\s*:\s*(.+)$/iu.exec(full);
    if (named) {
      let name = named[1]!.trim().split(/\s{2,}/)[0]!;
      const before = texts[i - 1]?.text;
      // A long name wraps: its first line sits above the "Name:" label (vertically centred label).
      if (before && !/:/.test(before) && !/\d/.test(before) && (isNameLike(before) || isSalutation(before))) name = `${before} ${name}`;
      return { name: clean(name, layout), address: addressAfter(texts.slice(i + 1), layout), labelled: true, line };
    }
  }
  for (let i = 0; i < Math.min(texts.length, 5); i++) {
    const { line, text } = texts[i]!;
    if (!isNameLike(text)) continue;
    const before = texts[i - 1]?.text;
    const name = before && isSalutation(before) ? `${before} ${text}` : text;
    // Under the heading only label rows ("Nummer: 4711", "GLN ...") may come before the name;
    // a product code or a wrapped column title before it means this was no party heading.
    const structured = texts.slice(0, i).every((item) => /:|^(?:GLN|Nr\.?|Nummer|ILN)\b/i.test(item.text));
    return { name: clean(name, layout), address: addressAfter(texts.slice(i + 1), layout), labelled: structured || hasLegalForm(text), line };
  }
  return undefined;
}

/** The text of the heading's column on a line of its block. */
function blockCell(line: Line, heading: Line, cellIndex: number): string | undefined {
  if (heading.cells.length > 1 && line.cells.length > 1) return line.cells[cellIndex]?.text;
  const only = line.cells[0]?.text;
  // A line with one cell under a right-hand heading lost its position: it may belong to the left
  // column. Only a company name (legal form) is taken from it.
  if (cellIndex > 0 && line.cells.length === 1) return only !== undefined && hasLegalForm(only) ? only : undefined;
  return line.cells.length === 1 || cellIndex === 0 ? only : undefined;
}

interface BlockText {
  line: Line;
  text: string;
  full: string;
}

function addressAfter(rest: BlockText[], layout: Layout): string | undefined {
  const parts: string[] = [];
  for (const { full } of rest.slice(0, 4)) {
    const labelled = /^(?:Anschrift|Adresse|Address)\s*:/i.test(full);
    const value = full.replace(/^(?:Anschrift|Adresse|Address)\s*:\s*/i, '').trim();
    if (!isAddressLine(value) && parts.length === 0 && !labelled) continue;
    if (CONTACT.test(value) || /:/.test(value)) break;
    parts.push(value);
    if (POSTCODE_CITY.test(value) || /^(?:[A-Z]{2}[- ])?\d{4,5}\s/.test(value)) break;
  }
  return parts.length > 0 ? clean(parts.join(', '), layout) : undefined;
}

export function clean(value: string, layout: Pick<Layout, 'splitAfterR'>): string {
  return repairSplitWords(value, layout)
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:·•●▪∙⋅|-]+|[\s,;:·•●▪∙⋅|]+$/gu, '')
    .trim();
}

/** Comparable form of a name: case, punctuation and the legal form do not tell two parties apart. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(new RegExp(LEGAL_FORM.source, 'giu'), ' ')
    .replace(/^(?:herrn?|frau|firma|fa\.)\s+/i, '')
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim();
}
