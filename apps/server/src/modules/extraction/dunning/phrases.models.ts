/**
 * The vocabulary of dunning letters, shared by the readers in this folder. Patterns are written
 * with umlauts; `words` makes them accept what OCR and ASCII-only senders print instead ("ae",
 * or the bare vowel) and the kerning split after "r" ("Mahngebühr" also as "Mahngebuehr").
 */
import { loose } from '../text/layout.models.ts';

export function words(source: string, flags = 'iu'): RegExp {
  const tolerant = loose(source)
    .replace(/ä/g, '(?:ä|ae|a)')
    .replace(/ö/g, '(?:ö|oe|o)')
    .replace(/ü/g, '(?:ü|ue|u)')
    .replace(/ß/g, '(?:ß|ss)');
  return new RegExp(tolerant, flags);
}

/** Number words a deadline or a dunning stage is written with. */
const NUMBER_WORDS: Record<string, number> = {
  ein: 1, eine: 1, einer: 1, einem: 1, einen: 1, eines: 1, one: 1, a: 1, an: 1,
  zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4, fünf: 5, fuenf: 5, funf: 5, five: 5,
  sechs: 6, six: 6, sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9, nine: 9, zehn: 10, ten: 10,
  elf: 11, zwölf: 12, zwoelf: 12, zwolf: 12, twelve: 12, vierzehn: 14, fourteen: 14, fünfzehn: 15, fuenfzehn: 15, funfzehn: 15,
  fifteen: 15, zwanzig: 20, twenty: 20, einundzwanzig: 21, dreißig: 30, dreissig: 30, thirty: 30,
};

export const NUMBER_WORD_SOURCE = Object.keys(NUMBER_WORDS)
  .sort((p, q) => q.length - p.length)
  .join('|');

/** "7", "sieben", "7 (sieben)", "sieben (7)" -> 7. */
export function quantity(text: string): number | undefined {
  const digits = /\d{1,3}/.exec(text);
  if (digits) return Number(digits[0]);
  const word = /\p{L}+/u.exec(text.toLowerCase());
  return word ? NUMBER_WORDS[word[0]] : undefined;
}

/**
 * Words that make a clause about a later step, not this letter: a threat ("andernfalls übergeben
 * wir die Forderung einem Inkassobüro"), a condition ("bei Zahlungsverzug berechnen wir je
 * Mahnung 5,00 €") or a negation ("dies ist keine Mahnung").
 */
export const NOT_THIS_LETTER = words(
  String.raw`(?<![\p{L}])(?:andernfalls|anderenfalls|ansonsten|sonst|falls|sofern|sollten?|wenn|bei\s+(?:weiterem|weiterer|erneutem|erneuter|Zahlungsverzug|Nichtzahlung|Verzug)|je(?:de)?\s+(?:weitere\s+)?Mahnung|pro\s+Mahnung|für\s+jede|ab\s+der|im\s+Falle?|werden\s+wir|müssen\s+wir|sehen\s+wir\s+uns|gezwungen|vorbehalten|behalten\s+uns|übergeben|weiterleiten|weitergeben|abgeben|einschalten|Einschaltung|beauftragen\s+müssen|vor\s+(?:der\s+|dem\s+)?(?:Übergabe|Abgabe|Einleitung|Einschaltung|Inkasso\p{L}*|gerichtlich\p{L}*)|Beauftragung|übertragen|(?:nach|bei)\s+(?:\p{L}+\s+){0,2}?Ablauf|fruchtlos\p{L}*|ergebnislos\p{L}*|ohne\s+weitere\p{L}*|kein(?:e|en|er|em)?|nächste|künftig|otherwise|if\s+(?:you|we|payment)|will\s+be|we\s+will|may\s+be|unless|no\s+(?:reminder|dunning))(?![\p{L}])`,
);

/** The letter says money is owed and late: without this, a word like "Mahnung" is only mentioned. */
export const CLAIM = words(
  String.raw`überfällig|(?<![\p{L}])nicht\s+(?:\p{L}+\s+){0,4}?(?:eingegangen|bezahlt|beglichen|ausgeglichen|erhalten|gezahlt|überwiesen|verbucht|festgestellt|feststellen|nachgekommen)|nicht\s+(?:fristgerecht|rechtzeitig|vollständig)|(?<![\p{L}])offen(?:e|en|er|es)?\s+(?:Betrag|Beträge|Posten|Rechnung|Rechnungen|Forderung|Forderungen|Saldo|Summe|Rechnungsbetrag|Restbetrag)|noch\s+offen|(?:ist|sind|steht|stehen)\s+(?:\p{L}+\s+){0,3}?offen|aussteh\p{L}*|(?:steht|stehen)\s+(?:\p{L}+\s+){0,3}?aus(?![\p{L}])|still\s+(?:open|unpaid|outstanding|due)|(?:weiterhin|immer\s+noch|noch\s+immer)\s+(?:\p{L}+\s+)?offen|Zahlungseingang|Rückstand|rückständig|(?:im|in)\s+(?:Zahlungs)?verzug|Zahlungsverzug|übersehen|unbezahlt|unbeglichen|(?:Fälligkeit|Zahlungsziel|Zahlungsfrist)\s+(?:\p{L}+\s+){0,4}?(?:überschritten|verstrichen|abgelaufen)|fällig\s+(?:seit|war|gewesen)|Hauptforderung|(?:offene|Ihre|unsere|die|der)\s+Forderung|Gesamtforderung|not\s+(?:yet\s+)?(?:been\s+)?(?:paid|received|settled)|overdue|outstanding|past\s+due|unpaid|balance\s+due`,
);

/** A sentence about money: the late thing is a payment, not a tax return or a library book. */
export const MONEY = words(
  String.raw`Betrag|Beträge|Rechnung|Zahlung|Forderung|Beitr(?:ag|äge)|Miete|Summe|Saldo|Posten|Gebühr|Abschlag|€|EUR|\d,\d\d(?!\d)|invoice|payment|amount|balance|bill|paid|\$|£`,
);

/** Money moves: a deadline sentence says what must be paid by when. */
export const PAYMENT = words(
  String.raw`überweis|zahl|begleich|ausgleich|Ausgleich|Eingang|eingehen|gutgeschrieben|Betrag|Forderung|Frist|\bpay|remit|settle|transfer|\bfunds?\b`,
);

/** Periods that are not the new payment deadline: objection periods, past due dates, cut-off days. */
export const NOT_A_DEADLINE = words(
  String.raw`Widerspruch|Einspruch|Widerruf|Rückfrage|berücksichtigt|überschritten|abgelaufen|verstrichen|(?<![\p{L}])(?:war|waren|wäre|hatten|was|were)(?![\p{L}])|ursprünglich|seit\s+dem|(?<![\p{L}])Stand(?![\p{L}])|Buchungen|Zahlungseingänge\s+bis|considered|originally|Skonto|Rechnungsdatum|Lieferdatum|Leistungsdatum`,
);
