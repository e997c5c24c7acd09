/**
 * What kind of document this is, from weighted words: a word in the heading area near the top
 * counts three times as much as the same word in the body, each cue counts once per area, and the
 * confidence reflects how far the winner is ahead of the runner-up. German first, English second.
 * A trained classifier replaces this later; these rules must get invoices and credit notes right.
 */
import type { DocumentType } from '../../../db/schema.ts';
import type { Layout } from './layout.models.ts';
import { collapseLetterSpacing, loose } from './layout.models.ts';
import { round } from './evidence.models.ts';
import { receiptScore } from './receipts.models.ts';

export type TextDocumentType = Extract<DocumentType, 'invoice' | 'credit_note' | 'reminder' | 'contract' | 'receipt' | 'appointment' | 'other'>;

interface Cue {
  type: Exclude<TextDocumentType, 'other'>;
  pattern: RegExp;
  weight: number;
}

const cue = (type: Cue['type'], source: string, weight: number): Cue => ({ type, pattern: new RegExp(loose(source), 'iu'), weight });

/**
 * A corrected or cancelling invoice ("Rechnungskorrektur", "Stornorechnung"): EN 16931 codes it
 * 384, an invoice, whatever the sign of its totals. It is a credit note only when it calls itself
 * one (`SELF_CREDIT` in its heading), like an e-invoice with an explicit credit note type code.
 */
const CORRECTION = new RegExp(
  loose(String.raw`(?<![\p{L}])(?:Rechnungs-?korrektur|Korrekturrechnung|Rechnungsberichtigung|(?:korrigierte|berichtigte) Rechnung|Stornorechnung|Rechnungsstorno|Storno(?:beleg)?|Corrected invoice|Corrective invoice|Invoice correction|Facture rectificative)(?![\p{L}])`),
  'iu',
);
/** The document names itself a credit note: the word starts a heading line or cell ("Gutschrift Nr. 5", "CREDIT NOTE"). */
const SELF_CREDIT = new RegExp(loose(String.raw`(?:^|\s{2,})(?:Gutschrift(?:sanzeige)?|Rechnungsgutschrift|Credit note|Credit memo|Avoir|Note de crédit)(?![\p{L}])`), 'imu');

const CUES: Cue[] = [
  cue('invoice', String.raw`(?<![\p{L}])\p{L}*rechnung(?![\p{L}])`, 3),
  // A doctor's bill ("Privatliquidation"), a lawyer's or notary's ("Kostennote", "Honorarnote").
  cue('invoice', String.raw`(?<![\p{L}])(?:\p{L}*liquidation|Kostennote|Honorarnote)(?![\p{L}])`, 3),
  cue('invoice', String.raw`Rechnungs-?(?:nummer|nr|datum|betrag)`, 1.5),
  cue('invoice', String.raw`(?<![\p{L}])(?:invoice|facture|bill)(?![\p{L}])`, 3),
  cue('invoice', String.raw`(?<![\p{L}])(?:MwSt|USt|Umsatzsteuer|VAT)(?![\p{L}])`, 0.5),
  cue('invoice', String.raw`zahlbar|Zahlungsziel|payment terms|Zahlungsbedingungen`, 0.5),
  cue('credit_note', String.raw`(?<![\p{L}])(?:Gutschrift|Gutschriftsanzeige|Rechnungsgutschrift)(?![\p{L}])|credit note|credit memo|(?<![\p{L}])avoir(?![\p{L}])|gutgeschrieben|Erstattung|refund`, 3),
  cue('reminder', String.raw`Mahnung|Zahlungserinnerung|Inkasso|Mahngebühr|Mahnstufe|Mahnbescheid|überfällig|Zahlungsverzug|payment reminder|overdue|final notice|past due|Letzte Aufforderung`, 3.5),
  cue('contract', String.raw`(?<![\p{L}])Vertrag(?![\p{L}])|Vertragsbestätigung|Vertragsbeginn|Vertragslaufzeit|Vertragsende|Kündigungsfrist|Mindestlaufzeit|(?<![\p{L}])Laufzeit|Verlängerung|Kündigung|contract|agreement|terms of service`, 2),
  cue('receipt', String.raw`Kassenbon|Kassenbeleg|Quittung|Barzahlung|(?<![\p{L}])Bar(?![\p{L}])|Betrag (?:dankend )?erhalten|Rückgeld|(?<![\p{L}])gegeben(?![\p{L}])|Bon-?Nr|(?<![\p{L}])TSE(?![\p{L}])|receipt|(?<![\p{L}])cash(?![\p{L}])|(?<![\p{L}])change(?![\p{L}])|(?<![\p{L}])Beleg(?![\p{L}-])`, 2),
  cue('appointment', String.raw`(?<![\p{L}])Termin(?![\p{L}])|Ihr Termin|Terminbestätigung|Einladung|Vorladung|bitte erscheinen|Sprechstunde|appointment|(?<![\p{L}])visit(?![\p{L}])`, 2.5),
];

const TITLE_LINES = 15;
const TITLE_FACTOR = 3;
/** Tendered and change alone reach it; so do three till words, or two and a time of sale. */
const RECEIPT_THRESHOLD = 4.5;

export interface Classification {
  type: TextDocumentType;
  confidence: number;
  reason: string;
}

/** A negative total alone does not make a credit note: corrections and refunds of invoices are invoices. */
export function classify(layout: Layout): Classification {
  // The heading area: the upper part of page 1, at least its first 15 lines (a letterhead and an
  // address window can fill those before the subject line).
  const titleLines = Math.min(25, Math.max(TITLE_LINES, Math.round((layout.pages[0]?.length ?? 0) * 0.4)));
  const inTitle = (line: Layout['lines'][number]) => line.page === 1 && line.index < titleLines;
  const title = layout.lines.filter(inTitle).map((line) => collapseLetterSpacing(line.text)).join('\n');
  const body = layout.lines.filter((line) => !inTitle(line)).map((line) => line.text).join('\n');
  const selfCredit = SELF_CREDIT.exec(title);
  const scores = new Map<Cue['type'], number>();
  const words = new Map<Cue['type'], string[]>();
  const add = (type: Cue['type'], weight: number, word: string) => {
    scores.set(type, (scores.get(type) ?? 0) + weight);
    const list = words.get(type) ?? [];
    if (!list.includes(word)) list.push(word);
    words.set(type, list);
  };
  // A heading that names the document a credit note outweighs the invoice it refers to ("zu Rechnung Nr. 4711").
  if (selfCredit) add('credit_note', 3 * TITLE_FACTOR, selfCredit[0].trim());
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
  if (till >= RECEIPT_THRESHOLD) add('receipt', till * 1.5, 'till slip');

  const ranked = [...scores.entries()].sort((p, q) => q[1] - p[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2) return { type: 'other', confidence: round(best ? 0.5 : 0.6), reason: best ? 'no clear cue words' : 'no cue words' };
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  const strength = Math.min(1, best[1] / 6);
  const confidence = Math.min(0.95, Math.max(0.2, (0.45 + 0.5 * margin) * (0.6 + 0.4 * strength)));
  const deciding = (words.get(best[0]) ?? []).slice(0, 3).map((word) => `"${word}"`);
  let reason = `words: ${deciding.join(', ')}`;
  if (correction && best[0] === 'invoice') reason += `; "${correction}" is a corrected invoice (EN 16931 type 384), not a credit note`;
  if (correction && best[0] === 'credit_note' && selfCredit) reason += `; the correction calls itself "${selfCredit[0].trim()}"`;
  return { type: best[0], confidence: round(confidence), reason };
}
