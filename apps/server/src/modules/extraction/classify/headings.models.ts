/**
 * The strongest cue to a document's kind: a heading that names it ("2. Mahnung", "Gutschrift Nr. 5",
 * "Terminbestätigung", "Bescheid für 2024 über Einkommensteuer"). A heading is a line or cell near the
 * top of page 1 that starts with such a name (after "Betreff:", "Ihre", "neue" and the like) and is
 * no sentence: short, no amount of money, no pronoun, no full stop after a word. When several
 * headings name different kinds, the one a letter is really about wins: a dunning letter quotes the
 * invoice, a credit note names the invoice it corrects, an appointment letter the passport it is for.
 */
import type { Layout, Line } from '../text/layout.models.ts';
import { collapseLetterSpacing, loose, repairSplitWords } from '../text/layout.models.ts';
import type { TextDocumentType } from './labels.models.ts';

export interface Heading {
  type: TextDocumentType;
  /** The name as printed ("2. Mahnung"). */
  phrase: string;
  /** A corrected invoice ("Rechnungskorrektur"): an invoice whatever its sign (EN 16931 type 384). */
  correction?: boolean;
}

const END = String.raw`(?![\p{L}])`;
/** A hyphenated qualifier may come first ("Kfz-Versicherung", "Online-Rechnung"). */
const names = (type: TextDocumentType, source: string, correction = false) => ({ type, pattern: new RegExp(`^(?:[\\p{L}\\d]+-)?(?:${loose(source)})${END}`, 'iu'), correction });

/** Tried in this order on each line: the more specific name first ("Versicherungsschein" before "Schein"). */
const NAMES = [
  names('reminder', String.raw`(?:\d\s?\.?\s*(?:und\s+letzte\s+)?|(?:erste|zweite|dritte|letzte)\s+(?:und\s+letzte\s+)?)?(?:Mahnung|Zahlungserinnerung)|Mahnbescheid|Zahlungsaufforderung|Inkasso\p{L}*|Letzte Aufforderung|Forderungsaufstellung|Zahlungsverzug|Offene Forderung|Erinnerung an (?:die|unsere|Ihre|eine|ein) (?:(?:offene|ausstehende|unbezahlte)n? )?(?:Zahlung|Rechnung|Forderung|Betrag)|Payment reminder|Reminder of payment|Final (?:payment )?notice|Overdue notice|Past due notice`),
  names('credit_note', String.raw`Gutschrift(?:sanzeige)?|Rechnungsgutschrift|Credit note|Credit memo|Avoir|Note de crédit`),
  names('invoice', String.raw`Rechnungs-?korrektur|Korrekturrechnung|Rechnungsberichtigung|(?:korrigierte|berichtigte) Rechnung|Stornorechnung|Rechnungsstorno|Corrected invoice|Corrective invoice|Invoice correction|Facture rectificative`, true),
  names('tax_document', String.raw`\p{L}*steuerbescheid|Bescheid (?:für (?:das Jahr )?\d{4} )?über (?:die )?\p{L}*steuer|\p{L}*steuerbescheinigung|Ausdruck der elektronischen Lohnsteuerbescheinigung|Zuwendungsbestätigung|Spendenbescheinigung|Spendenquittung|Bestätigung über Geldzuwendungen|Vorauszahlungsbescheid|Festsetzung (?:der|von) \p{L}*steuer|Einspruchsentscheidung|Rentenbezugsmitteilung|Tax assessment(?: notice)?|Notice of assessment|Tax statement`),
  names('insurance', String.raw`\p{L}*versicherungsschein|\p{L}*versicherungsvertrag|Nachtrag zu[mr]? (?:Versicherungsschein|Police)|\p{L}*police|Versicherungspolice|Beitragsanpassung|Beitragserhöhung|Beitragsmitteilung|Versicherungsbestätigung|Versicherungsnachweis|\p{L}*versicherung|Schadenmeldung|Schadensmeldung|Insurance policy|Policy schedule|Certificate of insurance|Premium (?:adjustment|notice)`),
  names('prescription', String.raw`(?:E-|Kassen|Privat|Folge|Wiederholungs|Betäubungsmittel)?rezept|(?:Grünes|Blaues|Rosa) Rezept|(?:Ärztliche |Heilmittel|Hilfsmittel|Arzneimittel|Arznei)verordnung|Verordnung (?:von|über|für|häuslicher)|Prescription`),
  names('identity_document', String.raw`(?:vorläufiger )?Personalausweis|(?:Kinder)?reisepass|(?:elektronischer )?Aufenthaltstitel|Aufenthaltserlaubnis|Niederlassungserlaubnis|Aufenthaltskarte|Fiktionsbescheinigung|\p{L}*führerschein|Schwerbehindertenausweis|(?:Ablauf|Gültigkeit|Ungültigkeit) (?:der Gültigkeit )?(?:Ihres|des) (?:Personalausweises|Reisepasses|Ausweises|Passes|Aufenthaltstitels)|Passport(?: renewal)?|Identity card|ID card|Residence permit|Driving licen[cs]e`),
  names('appointment', String.raw`Termin(?:bestätigung|vereinbarung|erinnerung|mitteilung|änderung|verschiebung|einladung|absage)|\p{L}+(?<!zahlungs|liefer|abgabe|kündigungs|fälligkeits|leistungs)termin|(?:Ihr |Ihr nächster |Ihr neuer )?Termin (?:am|im|in|bei|beim|zur|zum|für)|Erinnerung an Ihren Termin|(?:Bestätigung|Erinnerung|Verschiebung|Verlegung|Änderung|Absage) (?:Ihres|des|unseres|eines) (?:\p{L}+ )?\p{L}*termins|Einladung|(?:Vor)?ladung|Appointment(?: confirmation| reminder)?|Invitation`),
  names('contract', String.raw`\p{L}*vertrag|Vertrags(?:bestätigung|änderung|verlängerung|übersicht|unterlagen|daten)|Preisanpassung|Preiserhöhung|Änderung (?:der|Ihrer) (?:Preise|Vertragsbedingungen|Allgemeinen Geschäftsbedingungen|AGB)|Contract|(?:Service |Tenancy |Rental |Lease )?Agreement`),
  names('invoice', String.raw`\p{L}*rechnung|Privatliquidation|Liquidation|Kostennote|Honorarnote|(?:Tax )?Invoice|Bill|Facture`),
  names('receipt', String.raw`Kassenbon|Kassenbeleg|Quittung|Zahlungsbeleg|Kaufbeleg|Einzahlungsbeleg|(?:Payment |Sales |Cash )?Receipt`),
  names('other', String.raw`Kündigungsbestätigung|Bestätigung (?:Ihrer|der) (?:Kündigung|Adressänderung|Anschriftenänderung|Namensänderung|Änderung|Bankverbindung)|\p{L}*änderungsbestätigung|Eingangsbestätigung|Zahlungseingang\p{L}*|Zahlungsbestätigung|(?:Ihre )?Zahlung ist eingegangen|Jahres(?:übersicht|information|mitteilung)|Kundenbrief|Kundeninformation|Kundenmagazin|Infobrief|Rundschreiben|Neuigkeiten|\p{L}*nachrichten|Mitgliederinformation|Hinweise (?:nach|gemäß) Art\.?|Kontoauszug|Depotauszug|Rechnungsabschluss|(?:Verdienst|Entgelt|Lohn|Gehalts|Bezüge)abrechnung|Renteninformation|Lieferschein|Bestellbestätigung|Versandbestätigung|Wahlbenachrichtigung|Datenschutz\p{L}*|Newsletter|Bank statement|Payslip`),
];
/** A payslip's or a bank statement's name contains an invoice's ("Verdienstabrechnung"): they are checked first. */
const NOT_INVOICE = /^(?:Verdienst|Entgelt|Lohn|Gehalts|Bezüge)abrechnung|^Rechnungsabschluss/iu;

const PREFIX = new RegExp(
  String.raw`^(?:(?:Betreff|Betr|Subject|Re|AW|WG|Fwd?)\s*[.:]\s*)?(?:(?:Ihre?|Unsere?|Your|Our|Die|Der|Das)\s+)?(?:(?:neue[rs]?|aktuelle|monatliche|jährliche|elektronische|digitale|vorläufige|endgültige|geänderte|wichtige|freundliche)\s+)?`,
  'iu',
);
/** What makes a line a sentence rather than a heading. */
const SENTENCE = /\b(?:Sie|wir|ich|Ihnen|uns|bitte|please|we|you)\b|\p{Ll}{2,}[.!?]$/u;
const MONEY = /\d[.,]\d{2}(?![\d.])/;
/** The labels of a letter's reference row ("Vertrag      Datum", the values on the line below). */
const COLUMN_LABEL = /^(?:Datum|Unser Zeichen|Ihr Zeichen|Ihre Nachricht vom|Kundennummer|Kunden-Nr\.?|Vertragsnummer|Vertragskonto|Aktenzeichen|Ansprechpartner(?:in)?|Durchwahl|Telefon|Date|Our ref(?:erence)?|Your ref(?:erence)?)$/iu;
const TITLE_LINES = 25;

/** The document's naming heading, if it has one; the others it found when they name other kinds. */
export function findHeading(layout: Layout): { heading: Heading; others: Heading[] } | undefined {
  const found: Heading[] = [];
  for (const line of titleLines(layout)) {
    const heading = namedBy(line, layout);
    if (heading && !found.some((other) => other.type === heading.type && other.phrase === heading.phrase)) found.push(heading);
  }
  if (found.length === 0) return undefined;
  const heading = found.find((candidate) => !found.some((other) => dominates(other, candidate))) ?? found[0]!;
  return { heading, others: found.filter((other) => other.type !== heading.type) };
}

function titleLines(layout: Layout): Line[] {
  const page = layout.pages[0] ?? [];
  return page.slice(0, Math.min(TITLE_LINES, Math.max(15, Math.round(page.length * 0.4))));
}

function namedBy(line: Line, layout: Layout): Heading | undefined {
  // A table row, not a heading: "Rechnung 2026-4 vom 02.02.      119,00 €".
  if (MONEY.test(line.text)) return undefined;
  // A row of column labels whose values stand below: "Vertrag" there means "contract number".
  if (line.cells.length > 1 && !/\d/u.test(line.text) && line.cells.some((cell) => COLUMN_LABEL.test(cell.text.trim()))) return undefined;
  // A heading stands alone or in its own cell ("Rechnung          Seite 1 von 2").
  for (const cell of line.cells) {
    const text = repairSplitWords(collapseLetterSpacing(cell.text), layout).replace(PREFIX, '');
    if (SENTENCE.test(text) || text.split(/\s+/).length > 9) continue;
    const other = NOT_INVOICE.exec(text);
    if (other) return { type: 'other', phrase: other[0] };
    for (const { type, pattern, correction } of NAMES) {
      const match = pattern.exec(text);
      // A name right before a colon labels a field ("Vertrag: DSL 100", "Termin: 14.03."); "Rechnung Nr.: 5" is a heading.
      if (match && !/^\s*:/.test(text.slice(match[0].length))) return { type, phrase: match[0], ...(correction ? { correction } : {}) };
    }
  }
  return undefined;
}

/** Which kind a letter is about when its headings name two. */
const DOMINANCE: Partial<Record<TextDocumentType, readonly TextDocumentType[]>> = {
  // A dunning letter names the invoice (or the contract, the tax) whose payment it chases.
  reminder: ['invoice', 'credit_note', 'contract', 'insurance', 'tax_document', 'receipt', 'appointment', 'other'],
  // A credit note names the invoice it corrects.
  credit_note: ['invoice', 'contract', 'receipt', 'other'],
  // An appointment to apply for a passport or to see the tax office is an appointment.
  appointment: ['identity_document', 'tax_document', 'prescription', 'insurance', 'other'],
  // An invoice for a contract's service names the contract; a premium invoice the policy.
  invoice: ['contract', 'receipt', 'insurance', 'other'],
  tax_document: ['other', 'receipt'],
  insurance: ['contract', 'other'],
  identity_document: ['other'],
  prescription: ['other'],
  contract: ['other'],
};

function dominates(winner: Heading, loser: Heading): boolean {
  if (winner.type === loser.type) return false;
  // A correction that calls itself a credit note is one; otherwise a correction is an invoice however it credits.
  if (loser.correction && winner.type === 'credit_note') return true;
  if (winner.correction && loser.type === 'invoice') return true;
  return DOMINANCE[winner.type]?.includes(loser.type) ?? false;
}
