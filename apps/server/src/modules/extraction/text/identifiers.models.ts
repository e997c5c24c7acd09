/**
 * Numbers that identify the document and the parties: invoice number, customer number, the
 * seller's VAT ID (USt-IdNr.) and tax number (Steuernummer).
 */
import type { Layout } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide } from './evidence.models.ts';
import { findLabeled, parseId, parseIdCell } from './labels.models.ts';
import { isHeading, TITLE_NUMBER } from './terms.models.ts';

const INVOICE_NUMBER_LABEL = looseRegExp(
  String.raw`(?<![\p{L}-])(?:Rechnungs?-?\s?(?:nummer|nr\.?|no\.?)|Rechnung\s+(?:Nr\.?|Nummer|#)|Re\.?-?\s?Nr\.?|Rg\.?-?\s?Nr\.?|Gutschrifts?-?\s?(?:nummer|nr\.?)|Gutschrift\s+Nr\.?|Faktura-?\s?(?:nummer|nr\.?)|Belegnummer|Beleg-?\s?Nr\.?|Dokument(?:en)?-?\s?(?:nummer|nr\.?)|Dok\.-?\s?Nr\.?|Invoice\s*(?:number|no\.?|nr\.?|num\.?|#|ID)|Inv\.\s*(?:No\.?|#)|Invoice:|Bill\s*(?:number|no\.?|#)|Credit note (?:number|no\.?)|Facture\s*n°|N°\s*de\s*facture|Numéro de facture)`,
);
/** Numbers of other documents: the original invoice of a correction, an order, a delivery note. */
const OTHER_NUMBER = looseRegExp(String.raw`Ursprung|ursprünglich|Original|associ|liée|Auftrag|Bestell|Liefer|Kunden|Vertrag|Order|Storno zu|zu Rechnung|Bezug`);
/** Words that name any voucher ("Belegnummer", "Dokumentnummer"), not this invoice in particular. */
const GENERIC_LABEL = looseRegExp(String.raw`Beleg|Dokument|Dok\.`);
/**
 * A booking's number: the document's own number only on a receipt or confirmation that prints no
 * invoice number, where it is what the document is filed and quoted by.
 */
const BOOKING_LABEL = looseRegExp(
  String.raw`(?<![\p{L}-])(?:Buchungs-?\s?(?:nummer|nr\.?|code)|Reservierungs-?\s?(?:nummer|nr\.?)|Booking\s*(?:ID|number|no\.?|reference|ref\.?)|Reservation\s*(?:number|no\.?|ID)|Confirmation\s*(?:number|no\.?))(?![\p{L}])`,
);
const CONFIRMATION_TITLE = looseRegExp(String.raw`Quittung|Receipt|Buchungsbestätigung|Reservierungsbestätigung|Zahlungsbestätigung|Booking confirmation|Reservation confirmation|Payment confirmation`);

export function findInvoiceNumber(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  for (const hit of findLabeled(layout, { label: INVOICE_NUMBER_LABEL, exclude: OTHER_NUMBER, parse: parseId, parseCell: parseIdCell })) {
    // "Rechnungsnummer" and "Invoice No." name this invoice; the generic words any voucher.
    const generic = GENERIC_LABEL.test(hit.label);
    evidence.push({ value: hit.value, confidence: (generic ? 0.8 : 0.9) - (hit.relation === 'same-line' ? 0 : 0.08) });
  }
  for (const line of layout.lines) {
    const title = TITLE_NUMBER.exec(line.text);
    const token = title ? parseId(title[2] ?? '') : undefined;
    if (!title || !token || OTHER_NUMBER.test(line.text.slice(Math.max(0, title.index - 25), title.index + title[0].length))) continue;
    // The heading at the top names the document; the same words in a sentence further down may
    // refer to another one ("Belegnummer ... angeben"). Words between the document word and "Nr."
    // ("Beitragsrechnung zur Kfz-Versicherung Nr.") may make it the number of something else.
    const heading = line.page === 1 && line.index < 20 && isHeading(line.text, title.index);
    const direct = (title.groups?.between ?? '').trim() === '';
    evidence.push({ value: token.value, confidence: heading ? (direct ? 0.86 : 0.72) : 0.6 });
  }
  for (const line of layout.lines.filter((item) => item.page === 1 && item.index < 20)) {
    // A heading of the document word and a number alone: "Rechnung 2024-0815", "Rechnung 2026-0815 vom 02.11.2026".
    const heading = TITLE_ALONE.exec(line.cells[0]?.text ?? '');
    const token = heading ? parseId(heading[1] ?? '') : undefined;
    // "Jahresabrechnung 2025", "Rechnung 01/2026", "Rechnung Q1/2026" name a period, not a number.
    if (token && heading && token.raw === heading[1] && !PERIOD.test(token.value)) evidence.push({ value: token.value, confidence: 0.7 });
  }
  if (evidence.length === 0 && layout.lines.some((line) => line.page === 1 && line.index < 10 && CONFIRMATION_TITLE.test(line.text))) {
    for (const hit of findLabeled(layout, { label: BOOKING_LABEL, parse: parseId, parseCell: parseIdCell })) evidence.push({ value: hit.value, confidence: 0.6 });
  }
  return decide(agreeingReadings(evidence));
}

const idKey = (value: string) => value.toLowerCase().replace(/[\s\-_./]/g, '');

/**
 * Readings of one number that only look different support each other instead of competing:
 * - one with its last one or two characters missing ("26-1835-L" beside "26-1835-LY", where the
 *   OCR saw a gap before the "Y") is the whole number cut short;
 * - one with a word glued in front ("GläubigerK-41706" from "Kundennr. GläubigerK-41706", beside
 *   "Kundennummer K-41706") is the number read together with the end of its label.
 */
function agreeingReadings(evidence: Evidence<string>[]): Evidence<string>[] {
  return evidence.map((item) => {
    const own = idKey(item.value);
    const whole = evidence.find((other) => {
      const longer = idKey(other.value);
      return own.length >= 4 && longer.length > own.length && longer.length - own.length <= 2 && longer.startsWith(own);
    });
    const unglued = evidence.find((other) => other.value.length < item.value.length && item.value.endsWith(other.value) && /^\p{L}{3,}$/u.test(item.value.slice(0, -other.value.length)));
    const meant = whole ?? unglued;
    return meant ? { ...item, value: meant.value } : item;
  });
}

const PERIOD = /^(?:(?:0?[1-9]|1[0-2]|Q[1-4])[./-])?(?:19|20)\d{2}$/i;

/** The document word and a number, perhaps dated: "Rechnung 2024-0815", "Invoice 42 dated 01/14/2026". */
const TITLE_ALONE = looseRegExp(
  String.raw`^(?:\p{L}*rechnung|Gutschrift|Rechnungskorrektur|Invoice|Credit note|Facture|Avoir)\s+([\p{L}\d][\p{L}\d_./-]*)(?:\s+(?:vom|from|dated|du)\s+\S.*)?$`,
  'iu',
);

const CUSTOMER_NUMBER_LABEL = looseRegExp(
  String.raw`(?<![\p{L}-])(?:Kunden-?\s?(?:nummer|nr\.?)|Kd\.?-?\s?Nr\.?|Kundenkonto|Debitorennummer|Debitor|Mitgliedsnummer|Vertragskonto|Customer\s*(?:number|no\.?|ID|#)|Account number|Account no\.?|N°\s*de\s*client|Numéro client)`,
);

export function findCustomerNumber(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  for (const hit of findLabeled(layout, { label: CUSTOMER_NUMBER_LABEL, parse: parseId, parseCell: parseIdCell, below: 1 })) {
    evidence.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.85 : 0.75 });
  }
  return decide(agreeingReadings(evidence));
}

const VAT_LABEL = looseRegExp(
  String.raw`USt\.?-?\s?Id(?:ent)?\.?-?\s?(?:Nr|nr)?\.?|USt-?ID|UID(?:-Nr\.?)?|Umsatzsteuer-?\s?Identifikationsnummer|VAT[- ]?(?:ID|Reg(?:istration)?\.?)\s*(?:No\.?|Number)?|VAT No\.?|VAT number|N°\s*(?:de\s*)?TVA|TVA intracom\w*|\bTVA(?=\s*:)`,
);
const BUYER_VAT = looseRegExp(String.raw`client|Kunde|Käufer|Ihre|your|buyer|customer|Leistungsempfänger`);
/** EU VAT ID: country prefix and 8 to 12 characters; "DE 123 456 789" is printed with spaces too. */
const VAT_ID = /\b(?:DE\s?\d{3}\s?\d{3}\s?\d{3}|ATU\s?\d{8}|(?:FR|IT|NL|BE|ES|LU|PL|CZ|DK|SE|FI|IE|PT|AT|GB|CH(?:E)?)[-\s]?[0-9A-Z]{2}[\s.]?[0-9A-Z]{3}[\s.]?[0-9A-Z]{3}[\s.]?[0-9A-Z]{0,5}(?:\s?(?:MWST|TVA|IVA))?)\b/;

export function findVatId(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  const parseVat = (text: string) => {
    const match = VAT_ID.exec(text);
    if (!match || match.index > 4) return undefined;
    return { value: match[0].replace(/[\s.-]/g, '').replace(/(MWST|TVA|IVA)$/, ''), raw: match[0] };
  };
  for (const hit of findLabeled(layout, { label: VAT_LABEL, exclude: BUYER_VAT, parse: parseVat, below: 1 })) {
    evidence.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.85 : 0.75 });
  }
  return decide(evidence);
}

const TAX_NUMBER_LABEL = looseRegExp(String.raw`(?<![\p{L}])(?:Steuer-?\s?(?:nummer|nr\.?)|St\.?-?\s?Nr\.?|Steuernr\.?|Tax (?:ID|number))(?![\p{L}])`);
/** German tax numbers: "201/113/40209", "12 345 67890", "5133081508159". */
const TAX_NUMBER = /^(\d{2,3}\/\d{3,4}\/\d{4,5}|\d{2,3}\s\d{3,4}\s\d{4,5}|\d{10,13})\b/;

export function findTaxNumber(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  const parseTax = (text: string) => {
    const match = TAX_NUMBER.exec(text.trim());
    return match ? { value: match[1] ?? match[0], raw: match[0] } : undefined;
  };
  for (const hit of findLabeled(layout, { label: TAX_NUMBER_LABEL, exclude: BUYER_VAT, parse: parseTax, below: 1 })) {
    evidence.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.8 : 0.7 });
  }
  return decide(evidence);
}
