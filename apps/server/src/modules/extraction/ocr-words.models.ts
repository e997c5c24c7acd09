/**
 * Label words as OCR misreads them: "Rechnungsdetum", "Rechnungsdatun", "Kündigungsfrlst". The text
 * rules find a field by its label, so one wrong letter in the label loses the field even when the
 * value beside it was read perfectly. Before the rules read OCR text, a word that is one letter
 * away (two for long compounds) from exactly one word of a lexicon of the labels German and
 * English paperwork prints is taken for that word.
 *
 * Only long words are repaired: short ones have real neighbours ("Summe"/"Summen", "Termin"/
 * "Termine"), long compounds rarely do, and where one does it is an inflection of the same label,
 * which the rules read the same way. Words with a real neighbour of another meaning stay out of the
 * lexicon ("Forderung"/"Förderung", "Restbetrag"/"Festbetrag"). A word with two equally near
 * lexicon words is left alone.
 * The stored text stays what the OCR read; only the rules see the repaired words.
 */
import { distance } from 'fastest-levenshtein';

/** Words that carry a field's label or decide a document's class; at least MIN_LENGTH letters. */
const LEXICON = [
  // dates and numbers of the document
  'Rechnungsdatum', 'Rechnungsnummer', 'Rechnungsbetrag', 'Rechnungssumme', 'Belegdatum', 'Belegnummer', 'Ausstellungsdatum',
  'Leistungsdatum', 'Leistungszeitraum', 'Lieferdatum', 'Kundennummer', 'Vertragsnummer', 'Mitgliedsnummer', 'Versicherungsnummer',
  'Steuernummer', 'Aktenzeichen', 'Gutschrift', 'Rechnungskorrektur', 'Stornorechnung',
  // paying
  'Verwendungszweck', 'Zahlungsreferenz', 'Mandatsreferenz', 'Bankverbindung', 'Kontoinhaber', 'Fälligkeit', 'Fälligkeitsdatum',
  'Zahlungsziel', 'Zahlungsfrist', 'Zahlungstermin', 'spätestens', 'überweisen', 'Überweisung', 'Lastschrift', 'abgebucht', 'eingezogen',
  'Gesamtbetrag', 'Endbetrag', 'Gesamtsumme', 'Bruttobetrag', 'Nettobetrag', 'Zwischensumme', 'Umsatzsteuer', 'Mehrwertsteuer',
  // dunning
  'Zahlungserinnerung', 'Mahngebühr', 'Mahngebühren', 'Mahnkosten', 'Verzugszinsen', 'Hauptforderung', 'Zahlungsverzug',
  // contracts
  'Kündigung', 'Kündigungsfrist', 'Kündigungstermin', 'Mindestlaufzeit', 'Mindestvertragslaufzeit', 'Vertragslaufzeit', 'Vertragsbeginn',
  'Vertragsende', 'verlängert', 'Verlängerung',
  // appointments
  'Einladung', 'mitbringen', 'Versichertenkarte', 'Personalausweis', 'Sprechstunde',
  // English
  'Invoice', 'Reference', 'Payment', 'Customer',
];
const MIN_LENGTH = 7;
/** From this length a word may be two letters away. */
const LONG = 12;

const BY_LOWER = new Map(LEXICON.map((word) => [word.toLowerCase(), word]));

/** The lexicon word `word` stands for, when it is exactly one's near neighbour; else undefined. */
export function lexiconWordFor(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < MIN_LENGTH || BY_LOWER.has(lower)) return undefined;
  const allowed = lower.length >= LONG ? 2 : 1;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  let tied = false;
  for (const [candidate, spelled] of BY_LOWER) {
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    const apart = distance(lower, candidate);
    if (apart < bestDistance) {
      best = spelled;
      bestDistance = apart;
      tied = false;
    } else if (apart === bestDistance) tied = true;
  }
  return best && !tied ? best : undefined;
}

/** `text` with every misread label word replaced by the lexicon's spelling (in the misread word's case). */
export function repairOcrWords(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const repaired = lexiconWordFor(word);
    if (!repaired) return word;
    if (word === word.toUpperCase()) return repaired.toUpperCase();
    const first = word[0] === word[0]!.toUpperCase() ? repaired[0]!.toUpperCase() : repaired[0]!.toLowerCase();
    return first + repaired.slice(1);
  });
}
