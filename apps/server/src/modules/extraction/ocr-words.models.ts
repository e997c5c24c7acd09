/**
 * Label words as OCR misreads them: "Rechnungsdetum", "Kündigungsfrlst", or split into pieces
 * ("Zahl ungseri nner ung", "Bel egnunmer", "Dat um": tesseract reads letter spacing on photos
 * as word gaps). The text rules find a field by its label, so one wrong letter or one gap in the
 * label loses the field even when the value beside it was read perfectly. Before the rules read OCR
 * text, two repairs run, both against a lexicon of the labels German and English paperwork prints:
 *
 * - a word one letter away (two for long compounds) from exactly one lexicon word is taken for it;
 * - pieces joined by single spaces, each after the first starting in lower case, that together
 *   are a lexicon word (or, from 7 letters, one letter away from one) are joined into it;
 * - a word between a day ("17.") and a year that is one letter away from a month name, or two for
 *   long names, is that month ("17. Mirz 2026", "29. Novenber 2024"), unless two months are as near;
 * - a word the OCR glued together where it missed a narrow gap is parted when it is wholly made of
 *   the words of terms and periods, at least one of them a small word ("MonatzumEndeder" -> "Monat
 *   zum Ende der", "umjeweils", "Fristvonzwei"); compounds of content words ("Laufzeitende") and
 *   names written in camel case ("HanseMerkur") stay whole.
 *
 * Then the gaps and glyphs of numbers, identifiers and legal forms are repaired line by line
 * (`ocr-spacing.models.ts`: "399, 86 €", "26- 4674- XO", "GrbH").
 *
 * Only long words are repaired letter by letter: short ones have real neighbours ("Summe"/"Summen",
 * "Rechnung"/"Rechnungs-Nr."), long compounds rarely do, and where one does it is an inflection of
 * the same label, which the rules read the same way. Words with a real neighbour of another meaning
 * stay out of the lexicon ("Forderung"/"Förderung", "Restbetrag"/"Festbetrag"). A word with two
 * equally near lexicon words is left alone. The stored text stays what the OCR read; only the rules
 * see the repaired words.
 */
import { distance } from 'fastest-levenshtein';
import { FULL_MONTH_NAMES } from './text/dates.models.ts';
import { repairOcrSpacing } from './ocr-spacing.models.ts';

/** Words that carry a field's label or decide a document's class; at least MIN_LENGTH letters. */
const LEXICON = [
  // dates and numbers of the document
  'Rechnungsdatum', 'Rechnungsnummer', 'Rechnungsbetrag', 'Rechnungssumme', 'Belegdatum', 'Belegnummer', 'Ausstellungsdatum',
  'Leistungsdatum', 'Leistungszeitraum', 'Lieferdatum', 'Kundennummer', 'Vertragsnummer', 'Mitgliedsnummer', 'Versicherungsnummer',
  'Steuernummer', 'Aktenzeichen', 'Gutschrift', 'Rechnungskorrektur', 'Stornorechnung',
  // paying
  'Verwendungszweck', 'Zahlungsreferenz', 'Mandatsreferenz', 'Bankverbindung', 'Kontoinhaber', 'Fälligkeit', 'Fälligkeitsdatum',
  'Zahlungsziel', 'Zahlungsfrist', 'Zahlungstermin', 'spätestens', 'überweisen', 'Überweisung', 'Lastschrift', 'abgebucht', 'eingezogen',
  'Gesamtbetrag', 'Nachzahlung', 'Nachzahlungsbetrag', 'Endbetrag', 'Gesamtsumme', 'Bruttobetrag', 'Nettobetrag', 'Zwischensumme', 'Umsatzsteuer', 'Mehrwertsteuer',
  // dunning
  'Zahlungserinnerung', 'Mahngebühr', 'Mahngebühren', 'Mahnkosten', 'Verzugszinsen', 'Hauptforderung', 'Gesamtforderung', 'Zahlungsverzug',
  // contracts
  'Kündigung', 'Kündigungsfrist', 'Kündigungstermin', 'Mindestlaufzeit', 'Mindestvertragslaufzeit', 'Vertragslaufzeit', 'Vertragsbeginn',
  'Laufzeit', 'Erstlaufzeit', 'Grundlaufzeit',
  'Vertragsende', 'verlängert', 'Verlängerung', 'Mitglied', 'Mitgliedschaft',
  // appointments
  'Einladung', 'mitbringen', 'Versichertenkarte', 'Personalausweis', 'Sprechstunde',
  // English
  'Invoice', 'Reference', 'Payment', 'Customer',
];
/** Shorter label words: only pieces that join to exactly one of them are repaired. */
const JOIN_ONLY = ['Datum', 'Betrag', 'Summe', 'fällig', 'zahlbar', 'Mahnung', 'Rechnung', 'Erinnerung', 'Empfänger', 'Kunden', 'Nummer'];
const MIN_LENGTH = 7;
/** At most this many pieces are joined into one word. */
const MAX_PIECES = 5;
/** From this length a word may be two letters away. */
const LONG = 12;

const BY_LOWER = new Map(LEXICON.map((word) => [word.toLowerCase(), word]));
const JOINABLE = new Map([...LEXICON, ...JOIN_ONLY].map((word) => [word.toLowerCase(), word]));

/**
 * The candidate (lower case -> meaning) nearest to `lower`, at most `allowed` letters away;
 * undefined when none is, or when candidates of different meanings are as near.
 */
function uniqueNearest<T>(lower: string, candidates: ReadonlyMap<string, T>, allowed: number): string | undefined {
  let best: { candidate: string; meaning: T; apart: number } | undefined;
  let tied = false;
  for (const [candidate, meaning] of candidates) {
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    const apart = distance(lower, candidate);
    if (apart > allowed) continue;
    if (!best || apart < best.apart) {
      best = { candidate, meaning, apart };
      tied = false;
    } else if (apart === best.apart && meaning !== best.meaning) tied = true;
  }
  return best && !tied ? best.candidate : undefined;
}

/** The lexicon word `word` stands for, when it is exactly one's near neighbour (at most `most` letters away); else undefined. */
export function lexiconWordFor(word: string, most = 2): string | undefined {
  // The OCR reads an "ü" as "ii" ("Mahngebiihr"): German writes no "ii", so that is one letter, not two.
  const lower = word.toLowerCase().replaceAll('ii', 'ü');
  if (lower.length < MIN_LENGTH || BY_LOWER.has(word.toLowerCase())) return undefined;
  if (BY_LOWER.has(lower)) return BY_LOWER.get(lower);
  const nearest = uniqueNearest(lower, BY_LOWER, Math.min(most, lower.length >= LONG ? 2 : 1));
  return nearest === undefined ? undefined : BY_LOWER.get(nearest);
}

/** The lexicon word that pieces joined stand for (exactly, or one letter away), or undefined. */
function joinedWord(joined: string): string | undefined {
  return JOINABLE.get(joined.toLowerCase()) ?? lexiconWordFor(joined, 1);
}

/** `word` spelled as the lexicon has it, in the case the OCR read it in. */
function inCaseOf(word: string, spelled: string): string {
  if (word.length > 1 && word === word.toUpperCase()) return spelled.toUpperCase();
  const first = word[0] === word[0]!.toUpperCase() ? spelled[0]!.toUpperCase() : spelled[0]!.toLowerCase();
  return first + spelled.slice(1);
}

/** `text` with split and misread label words repaired (each in the case the OCR read it in). */
export function repairOcrWords(text: string): string {
  return text
    .split('\n')
    .map((line) => repairOcrSpacing(repairLine(line)))
    .join('\n');
}

/** The month a misread month name stands for, spelled as written out; undefined when none or two are as near. */
export function monthNameFor(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 4 || FULL_MONTH_NAMES.has(lower)) return undefined;
  return uniqueNearest(lower, FULL_MONTH_NAMES, lower.length >= 7 ? 2 : 1);
}

/** "17. Mirz 2026" -> "17. März 2026": a day, a word, a year. */
const DAY_WORD_YEAR = /(\d{1,2}\.?\s{0,2})(\p{L}{4,10})(\.?,?\s{1,2}\d{4})(?!\d)/gu;

/** Small words that glue to their neighbours. */
const GLUE_WORDS = ['zum', 'zur', 'der', 'des', 'den', 'dem', 'von', 'vom', 'mit', 'bis', 'um', 'am', 'im', 'ab', 'auf', 'für', 'nach', 'vor', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'je', 'pro'];
/** The words of terms and periods they glue to; a glued word is parted only when one of these is in it. */
const GLUE_CONTENT = [
  'monat', 'monate', 'monaten', 'monats', 'woche', 'wochen', 'jahr', 'jahre', 'jahren', 'jahres', 'tage', 'tagen', 'ende', 'ablauf', 'beginn',
  'frist', 'laufzeit', 'jeweils', 'vertrag', 'vertrags', 'kündigung', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'zwölf', 'quartal', 'quartals',
  'monatsende', 'quartalsende', 'jahresende', 'rechnung', 'betrag', 'datum', 'termin',
];
const SMALL = new Set(GLUE_WORDS);
const CONTENT = new Set(GLUE_CONTENT);
const PIECES = [...GLUE_WORDS, ...GLUE_CONTENT];

/** `word` cut into known pieces (fewest first), with at least one small and one content word; else undefined. */
export function gluedPieces(word: string): string[] | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 5 || SMALL.has(lower) || CONTENT.has(lower) || BY_LOWER.has(lower)) return undefined;
  // best[i]: the fewest pieces that make up lower.slice(0, i)
  const best: (number[] | undefined)[] = [[]];
  for (let end = 1; end <= lower.length; end += 1) {
    for (const piece of PIECES) {
      const start = end - piece.length;
      if (start < 0 || lower.slice(start, end) !== piece) continue;
      const before = best[start];
      if (before && (!best[end] || best[end]!.length > before.length + 1)) best[end] = [...before, end];
    }
  }
  const cuts = best[lower.length];
  if (!cuts || cuts.length < 2) return undefined;
  const pieces = cuts.map((cut, index) => word.slice(index === 0 ? 0 : cuts[index - 1], cut));
  const kinds = pieces.map((piece) => CONTENT.has(piece.toLowerCase()));
  return kinds.includes(true) && kinds.includes(false) ? pieces : undefined;
}

/** "MonatzumEndeder" -> "Monat zum Ende der". */
function partGlued(line: string): string {
  return line.replace(/\p{L}+/gu, (word) => gluedPieces(word)?.join(' ') ?? word);
}

function repairLine(line: string): string {
  return repairWords(partGlued(line)).replace(DAY_WORD_YEAR, (whole, day: string, word: string, year: string) => {
    const month = monthNameFor(word);
    return month ? day + inCaseOf(word, month) + year : whole;
  });
}

function repairWords(line: string): string {
  // Words and what separates them, alternating: [word, gap, word, gap, ...] after a leading gap.
  const parts = line.split(/(\p{L}+)/u);
  const out: string[] = [parts[0] ?? ''];
  for (let index = 1; index < parts.length; index += 2) {
    const word = parts[index]!;
    let joinedTo = index;
    let replacement: string | undefined;
    let joined = word;
    // A long label word on its own is never the start of a longer one ("verlängert er" stays).
    const whole = BY_LOWER.has(word.toLowerCase());
    for (let next = index + 2; !whole && next < parts.length && (next - index) / 2 < MAX_PIECES; next += 2) {
      const piece = parts[next]!;
      if (parts[next - 1] !== ' ' || piece[0] !== piece[0]!.toLowerCase() || piece[0] === piece[0]!.toUpperCase()) break;
      joined += piece;
      const meant = joinedWord(joined);
      if (meant) {
        replacement = meant;
        joinedTo = next;
      }
    }
    if (replacement) {
      out.push(inCaseOf(word, replacement), parts[joinedTo + 1] ?? '');
      index = joinedTo;
      continue;
    }
    const meant = lexiconWordFor(word);
    out.push(meant ? inCaseOf(word, meant) : word, parts[index + 1] ?? '');
  }
  return out.join('');
}
