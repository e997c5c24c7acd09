/**
 * The vocabulary of contract terms: clauses, quantities ("drei (3) Monate", "4 Wo.", "12-month",
 * "dreimonatige") and the dates a termination is tied to ("zum Monatsende", "vor Ablauf der
 * Laufzeit", "to the end of the term"). What the phrases mean is decided in `notice.models.ts`.
 */

export type QuantityUnit = 'days' | 'weeks' | 'months' | 'years';
export type TermAnchor = 'end_of_term' | 'end_of_month' | 'end_of_quarter' | 'end_of_year';

export interface Quantity {
  amount: number;
  unit: QuantityUnit;
  start: number;
  end: number;
}

export interface AnchorSpan {
  anchor: TermAnchor;
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = {
  ein: 1, eine: 1, einen: 1, einem: 1, einer: 1, eines: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, fuenf: 5,
  sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwölf: 12, zwoelf: 12, vierzehn: 14,
  achtzehn: 18, zwanzig: 20, vierundzwanzig: 24, dreißig: 30, dreissig: 30, sechsunddreißig: 36,
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, eighteen: 18, twenty: 20, 'twenty-four': 24, thirty: 30, 'thirty-six': 36,
};
// Longest first, so "einen" wins over "ein" and "vierzehn" over "vier".
const WORDS = Object.keys(NUMBER_WORDS).sort((p, q) => q.length - p.length).join('|');
const NUMBER = String.raw`\d{1,3}|${WORDS}`;
const UNIT = String.raw`Monat(?:en?|s)?|Mon\.|Mte?\.|months?|Jahr(?:en?|es)?|years?|yrs?\.?|Wochen?|Wo\.|weeks?|wks?\.?|(?:Kalender)?Tag(?:en?|es)?|Tg\.|(?:calendar\s+)?days?`;
const QUANTITY = new RegExp(
  String.raw`(?<![\p{L}\d.,])(${NUMBER})(?:\s*\(\s*(?:${NUMBER})\s*\))?(?:\s+(?:weitere[nsmr]?|zusätzliche[nsmr]?|volle[nsmr]?|ganze[nsmr]?|further|additional|full|more))?[\s-]*(${UNIT})(?:['’]s?)?(?!\p{L})`,
  'giu',
);
/** "dreimonatige Kündigungsfrist", "4-wöchige Frist", "zwölfmonatige Mindestlaufzeit". */
const ADJECTIVE = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,3}[\s-]?|${WORDS})(monatig|wöchig|woechig|tägig|taegig|jährig|jaehrig)(?:e[nrsm]?)?(?!\p{L})`, 'giu');

/** Every quantity of time in a clause, left to right. */
export function quantities(clause: string): Quantity[] {
  const found: Quantity[] = [];
  for (const pattern of [QUANTITY, ADJECTIVE]) {
    for (const match of clause.matchAll(pattern)) {
      const amount = numberOf(match[1] ?? '');
      const unit = unitOf(match[2] ?? '');
      const start = match.index;
      const end = start + match[0].length;
      if (amount === undefined || !unit || found.some((other) => other.start < end && start < other.end)) continue;
      found.push({ amount, unit, start, end });
    }
  }
  return found.sort((p, q) => p.start - q.start);
}

function numberOf(text: string): number | undefined {
  const trimmed = text.replace(/[\s-]+$/u, '').toLowerCase();
  return /^\d+$/u.test(trimmed) ? Number(trimmed) : NUMBER_WORDS[trimmed];
}

function unitOf(text: string): QuantityUnit | undefined {
  const unit = text.toLowerCase().replace(/^calendar\s+|^kalender/u, '');
  if (/^(?:mon|mt)/u.test(unit)) return 'months';
  if (/^(?:jahr|jähr|jaehr|year|yr)/u.test(unit)) return 'years';
  if (/^(?:wo|wö|week|wk)/u.test(unit)) return 'weeks';
  if (/^(?:tag|täg|taeg|tg|day)/u.test(unit)) return 'days';
  return undefined;
}

const DETERMINER = String.raw`(?:eines|des|jedes|jeden|einem|dem)\s+(?:(?:jeweiligen|jeden|laufenden|beliebigen)\s+)?`;
const END = String.raw`(?:Ende|Ablauf|Schluss|Letzten)\s+`;
const EN_ANY = String.raw`end\s+of\s+(?:a|the|any|each|every)\s+(?:calendar\s+)?`;
const MONTH = String.raw`Monatsende|Monatsletzten|Monatsschluss|Ultimo|${END}${DETERMINER}(?:Kalender)?monats|${EN_ANY}month|month[- ]end|last\s+day\s+of\s+(?:a|the|any)\s+(?:calendar\s+)?month`;
const QUARTER = String.raw`Quartalsende|Quartalsschluss|Vierteljahresende|${END}${DETERMINER}(?:Kalender)?(?:quartals|vierteljahr(?:e)?s)|${EN_ANY}quarter|quarter[- ]end`;
const YEAR = String.raw`Jahresende|Jahresschluss|Jahresultimo|${END}${DETERMINER}(?:Kalender)?jahr(?:e)?s|31\.\s?12\.(?:\d{4}|\d{2})?|31\.\s?Dezember|${EN_ANY}year|year[- ]end|December\s+31(?:st)?|31(?:st)?\s+December`;
const TERM = [
  String.raw`Vertragsende|Laufzeitende|Vertragsablauf`,
  String.raw`${END}(?:der|des|einer|eines)\s+(?:(?:jeweiligen|vereinbarten|ersten|aktuellen|laufenden|festen)\s+)?(?:(?:Mindest|Vertrags|Mindestvertrags|Erst|Grund|Verlängerungs|Gesamt)?laufzeit|(?:Verlängerungs|Vertrags|Bindungs)(?:zeitraum(?:e)?s|periode|zeit|dauer|jahr(?:e)?s)|Abrechnungs(?:monat(?:e)?s|zeitraum(?:e)?s|periode)|Vertrag(?:e)?s|Vertragsverhältnisses|Bindungsfrist|Abonnements?|Mitgliedschaft|Mindestdauer)`,
  // "vor Ablauf" alone; "Ablauf des ..." must name something above.
  String.raw`Ablauf(?!\s+(?:der|des|eines|einer)\s)`,
  String.raw`(?:end|expiry|expiration)\s+of\s+(?:the|this|any|each|a)\s+(?:(?:then[- ])?current\s+|initial\s+|minimum\s+|renewal\s+|respective\s+|contract\s+|subscription\s+|agreement\s+)*(?:term|period|contract|agreement|subscription)`,
  String.raw`term\s+end|expiry|expiration`,
].join('|');
const LEAD = String.raw`(?:(?:jeweils|spätestens|immer|always|each)\s+)?(?:zum|zu|zur|vor(?:\s+dem)?|bis\s+zum|bis|to|before|prior\s+to|at|by|as\s+of|effective\s+(?:at|as\s+of))\s+(?:the\s+)?`;
const ANCHOR = String.raw`(?<!\p{L})${LEAD}(?:(${MONTH})|(${QUARTER})|(${YEAR})|(${TERM}))(?!\p{L})`;
const ANCHORS = new RegExp(ANCHOR, 'giu');
/** Up to three words between a quantity and its anchor ("schriftlich", "written notice"), not a new thought. */
const ANCHOR_AFTER = new RegExp(String.raw`^(?:\s+(?!(?:danach|anschließend|sodann|und|oder|then|thereafter|and|or)(?!\p{L}))[\p{L}'’()-]+){0,3}?\s+${ANCHOR}`, 'iu');

/** "zum 30.06. oder 31.12.", "zum 15. eines Monats": a date we have no anchor for follows the quantity. */
const OTHER_DATE_AFTER = /^(?:\s+[\p{L}'’()-]+){0,3}?\s+(?:jeweils\s+)?(?:zum|zur|zu|bis\s+zum|to|by|as\s+of)\s+(?:the\s+)?\d/iu;

const ANCHOR_OF: TermAnchor[] = ['end_of_month', 'end_of_quarter', 'end_of_year', 'end_of_term'];

function anchorOf(match: RegExpMatchArray): TermAnchor {
  const index = [1, 2, 3, 4].findIndex((group) => match[group] !== undefined);
  return ANCHOR_OF[index] ?? 'end_of_term';
}

/** The anchor that follows a quantity (`after` is the text right behind it); `end` is relative to `after`. */
export function anchorAfter(after: string): { anchor: TermAnchor; end: number } | undefined {
  const match = ANCHOR_AFTER.exec(after);
  return match ? { anchor: anchorOf(match), end: match[0].length } : undefined;
}

export function namesOtherDate(after: string): boolean {
  return OTHER_DATE_AFTER.test(after);
}

export function anchorsIn(clause: string): AnchorSpan[] {
  return [...clause.matchAll(ANCHORS)].map((match) => ({ anchor: anchorOf(match), start: match.index, end: match.index + match[0].length }));
}

/**
 * The text before `index`, about `reach` characters from the start of a word: every cue fits in it,
 * and reading it for each quantity stays linear on a long clause (an OCR page without full stops).
 */
export function lookBack(clause: string, index: number, reach = 200): { text: string; offset: number } {
  if (index <= reach) return { text: clause.slice(0, index), offset: 0 };
  const space = clause.indexOf(' ', index - reach);
  const offset = space === -1 || space >= index ? index : space + 1;
  return { text: clause.slice(offset, index), offset };
}

/** The text after `index`, as far as an anchor or a cue reaches. */
export function lookAhead(clause: string, index: number, reach = 200): string {
  return clause.slice(index, index + reach);
}

/** A new line starts a new clause after a full stop, or when it opens a list item, a paragraph or a label. */
/** A short label, a gap of two or more spaces, a value: the layout keeps table columns apart that way. */
const TABLE_ROW = /^\p{L}[\p{L}\s./()-]{1,40}?\S {2,}\S/u;
const NEW_ITEM = /^(?:[-•*–]\s|§\s*\d|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-z][.)]\s|\p{Lu}[\p{L}\s./()-]{1,40}:)/u;

/** Sentences and list items: wrapped lines joined, words hyphenated at a line end rejoined, ";" splits. */
export function clauses(text: string): string[] {
  const joined = text.replace(/\r\n?/gu, '\n').replace(/(\p{Ll})-[ \t]*\n[ \t]*(\p{Ll})/gu, '$1$2');
  const segments: string[] = [];
  let current = '';
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    // A row of a label/value table ("Kündigungsfrist    3 Monate zum ...") is a clause of its own.
    if (TABLE_ROW.test(line)) {
      if (current) segments.push(current);
      segments.push(line);
      current = '';
      continue;
    }
    if (current && (!line || /[.;!?]$/u.test(current) || NEW_ITEM.test(line))) {
      segments.push(current);
      current = '';
    }
    if (line) current = current ? `${current} ${line}` : line;
  }
  if (current) segments.push(current);
  return segments
    // Not after a number: "15. April 2025" and "zum 31.12. Die ..." are not two sentences.
    .flatMap((segment) => segment.split(/;|(?<=(?<!\d)[.!?])\s+(?=[\p{Lu}§])/u))
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}
