/**
 * Weighted cue words, for documents whose heading names no kind: a word in the heading area near the
 * top counts three times as much as the same word in the body, each cue counts once per area, and a
 * till slip's cues together make a receipt. These rules got invoices and credit notes right before
 * the classifier had more classes; their weights for those two are unchanged.
 */
import type { Layout } from '../text/layout.models.ts';
import { collapseLetterSpacing, loose } from '../text/layout.models.ts';
import { receiptScore } from '../text/receipts.models.ts';
import type { TextDocumentType } from './labels.models.ts';

export type CueType = Exclude<TextDocumentType, 'other'>;

interface Cue {
  type: CueType;
  pattern: RegExp;
  weight: number;
}

const cue = (type: CueType, source: string, weight: number): Cue => ({ type, pattern: new RegExp(loose(source), 'iu'), weight });

/**
 * A corrected or cancelling invoice ("Rechnungskorrektur", "Stornorechnung"): EN 16931 codes it
 * 384, an invoice, whatever the sign of its totals. It is a credit note only when it calls itself
 * one (`SELF_CREDIT` in its heading), like an e-invoice with an explicit credit note type code.
 */
export const CORRECTION = new RegExp(
  loose(String.raw`(?<![\p{L}])(?:Rechnungs-?korrektur|Korrekturrechnung|Rechnungsberichtigung|(?:korrigierte|berichtigte) Rechnung|Stornorechnung|Rechnungsstorno|Storno(?:beleg)?|Corrected invoice|Corrective invoice|Invoice correction|Facture rectificative)(?![\p{L}])`),
  'iu',
);
/** The document names itself a credit note: the word starts a heading line or cell ("Gutschrift Nr. 5", "CREDIT NOTE"). */
const SELF_CREDIT = new RegExp(loose(String.raw`(?:^|\s{2,})(?:Gutschrift(?:sanzeige)?|Rechnungsgutschrift|Credit note|Credit memo|Avoir|Note de crédit)(?![\p{L}])`), 'imu');

const CUES: Cue[] = [
  // "-rechnung" but not a payslip's or bank statement's "-abrechnung"/"Rechnungsabschluss".
  cue('invoice', String.raw`(?<![\p{L}])(?!(?:Verdienst|Entgelt|Lohn|Gehalts|Bezüge)abrechnung)\p{L}*rechnung(?![\p{L}])`, 3),
  // A doctor's bill ("Privatliquidation"), a lawyer's or notary's ("Kostennote", "Honorarnote").
  cue('invoice', String.raw`(?<![\p{L}])(?:\p{L}*liquidation|Kostennote|Honorarnote)(?![\p{L}])`, 3),
  cue('invoice', String.raw`Rechnungs-?(?:nummer|nr|datum|betrag)`, 1.5),
  cue('invoice', String.raw`(?<![\p{L}])(?:invoice|facture|bill)(?![\p{L}])`, 3),
  cue('invoice', String.raw`(?<![\p{L}])(?:MwSt|USt|Umsatzsteuer|VAT)(?![\p{L}])`, 0.5),
  cue('invoice', String.raw`zahlbar|Zahlungsziel|payment terms|Zahlungsbedingungen`, 0.5),
  cue('credit_note', String.raw`(?<![\p{L}])(?:Gutschrift|Gutschriftsanzeige|Rechnungsgutschrift)(?![\p{L}])|credit note|credit memo|(?<![\p{L}])avoir(?![\p{L}])|gutgeschrieben|Erstattung|refund`, 3),
  cue('reminder', String.raw`Mahnung|Zahlungserinnerung|Inkasso|Mahngebühr|Mahnstufe|Mahnbescheid|überfällig|Zahlungsverzug|payment reminder|overdue|final notice|past due|Letzte Aufforderung`, 3.5),
  cue('contract', String.raw`(?<![\p{L}])Vertrag(?![\p{L}])|Vertragsbestätigung|Vertragsbeginn|Vertragslaufzeit|Vertragsende|Kündigungsfrist|Mindestlaufzeit|(?<![\p{L}])Laufzeit|Verlängerung|(?<!an)Kündigung|contract|agreement|terms of service`, 2),
  cue('receipt', String.raw`Kassenbon|Kassenbeleg|Quittung|Barzahlung|(?<![\p{L}])Bar(?![\p{L}])|Betrag (?:dankend )?erhalten|Rückgeld|(?<![\p{L}])gegeben(?![\p{L}])|Bon-?Nr|(?<![\p{L}])TSE(?![\p{L}])|receipt|(?<![\p{L}])cash(?![\p{L}])|(?<![\p{L}])change(?![\p{L}])|(?<![\p{L}])Beleg(?![\p{L}-])`, 2),
  cue('appointment', String.raw`(?<![\p{L}])Termin(?![\p{L}])|Ihr Termin|Terminbestätigung|Einladung|Vorladung|bitte erscheinen|Sprechstunde|Ablesung|appointment|(?<![\p{L}])visit(?![\p{L}])`, 2.5),
  // Invoices print the seller's tax number and "Umsatzsteuer", so only an assessment's own words count.
  cue('tax_document', String.raw`Steuerbescheid|Einkommensteuer|Lohnsteuerbescheinigung|Solidaritätszuschlag|(?<![\p{L}])festgesetzt|Veranlagung|Zuwendungsbestätigung|Spendenbescheinigung|Einspruch|tax assessment`, 2),
  cue('insurance', String.raw`Versicherungsschein|Versicherungsnehmer|Versicherungsbeginn|Versicherungssumme|Versicherungsschutz|Beitragsanpassung|Schadenfreiheitsklasse|Selbstbeteiligung|(?<![\p{L}])Police(?![\p{L}])|policyholder|premium`, 2),
  cue('prescription', String.raw`(?<![\p{L}])(?:E-)?Rezept(?![\p{L}])|Rezeptcode|(?<![\p{L}])verordnet|Heilmittelverordnung|Hilfsmittelverordnung|Dosierung|einlösen|prescription`, 2),
  // Appointment letters ask to bring the ID card: these words weigh less than an appointment's.
  cue('identity_document', String.raw`Personalausweis|Reisepass|Aufenthaltstitel|Aufenthaltserlaubnis|(?<![\p{L}])Ausweis(?:es)?(?![\p{L}])|passport|residence permit`, 1.5),
  cue('identity_document', String.raw`(?:läuft|lief) (?:am \S+ )?ab|abgelaufen|Gültigkeit|nicht mehr gültig|expires|expiry`, 1),
];

const TITLE_LINES = 15;
const TITLE_FACTOR = 3;
/** Tendered and change alone reach it; so do three till words, or two and a time of sale. */
const RECEIPT_THRESHOLD = 4.5;

export interface CueScores {
  /** Each kind's score, highest first. */
  ranked: [CueType, number][];
  /** The words that gave each kind its score, as printed. */
  words: Map<CueType, string[]>;
  /** A correction's name ("Rechnungskorrektur"), when the document has one. */
  correction?: string;
  /** "Gutschrift" starting a heading line, when it does. */
  selfCredit?: string;
  /** Whether the document reads as a till slip (cash and change, cashier, a time of sale). */
  tillSlip: boolean;
}

/** A negative total alone does not make a credit note: corrections and refunds of invoices are invoices. */
export function scoreCues(layout: Layout): CueScores {
  // The heading area: the upper part of page 1, at least its first 15 lines (a letterhead and an
  // address window can fill those before the subject line).
  const titleLines = Math.min(25, Math.max(TITLE_LINES, Math.round((layout.pages[0]?.length ?? 0) * 0.4)));
  const inTitle = (line: Layout['lines'][number]) => line.page === 1 && line.index < titleLines;
  const title = layout.lines.filter(inTitle).map((line) => collapseLetterSpacing(line.text)).join('\n');
  const body = layout.lines.filter((line) => !inTitle(line)).map((line) => line.text).join('\n');
  const selfCredit = SELF_CREDIT.exec(title)?.[0].trim();
  const scores = new Map<CueType, number>();
  const words = new Map<CueType, string[]>();
  const add = (type: CueType, weight: number, word: string) => {
    scores.set(type, (scores.get(type) ?? 0) + weight);
    const list = words.get(type) ?? [];
    if (!list.includes(word)) list.push(word);
    words.set(type, list);
  };
  // A heading that names the document a credit note outweighs the invoice it refers to ("zu Rechnung Nr. 4711").
  if (selfCredit) add('credit_note', 3 * TITLE_FACTOR, selfCredit);
  let correction: string | undefined;
  for (const [area, factor] of [[title, TITLE_FACTOR], [body, 1]] as const) {
    for (const { type, pattern, weight } of CUES) {
      const match = pattern.exec(area);
      // "Rechnung" inside "Rechnungskorrektur" is the correction's word, not an invoice cue.
      if (match && !(type === 'invoice' && CORRECTION.test(match[0]))) add(type, weight * factor, match[0]);
    }
    const found = CORRECTION.exec(area);
    if (found) {
      correction ??= found[0];
      // Refund words in its text ("gutgeschrieben") do not make a correction a credit note; its name does.
      add(selfCredit ? 'credit_note' : 'invoice', (selfCredit ? 3 : 4) * factor, found[0]);
    }
  }

  // A till slip's cues together (cash and change, cashier, a time of sale) outweigh the "Tax Invoice" its heading may print.
  const till = receiptScore(layout);
  const tillSlip = till >= RECEIPT_THRESHOLD;
  if (tillSlip) add('receipt', till * 1.5, 'till slip');

  const ranked = [...scores.entries()].sort((p, q) => q[1] - p[1]);
  return { ranked, words, tillSlip, ...(correction ? { correction } : {}), ...(selfCredit ? { selfCredit } : {}) };
}
