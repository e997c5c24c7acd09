/**
 * When a document was issued and when it must be paid: labelled dates, the date in the title
 * ("Rechnung Nr. 4711 vom 05.03.2026"), payment sentences ("Bitte überweisen Sie bis zum ...") and
 * relative terms ("zahlbar innerhalb von 14 Tagen", "binnen zwei Wochen", "Payment terms: 30 days net",
 * "sofort ohne Abzug", "zahlbar bei Erhalt") computed from the issue date. Not yet: months ("innerhalb
 * eines Monats") and "bis zum Monatsende", which need calendar arithmetic rather than days.
 */
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp, nextLines } from './layout.models.ts';
import type { DateOrder } from './dates.models.ts';
import { addDays, findDates, WEEKDAY_WORD } from './dates.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide, round } from './evidence.models.ts';
import { dateWithTime } from './receipts.models.ts';
import type { Parsed } from './labels.models.ts';
import { findLabeled } from './labels.models.ts';

const DOC_WORD = String.raw`\p{L}*(?:rechnung|gutschrift|korrektur|rechnungskorrektur|liquidation)|Kostennote|Honorarnote|invoice|credit note|facture|avoir|quittung|receipt|beleg`;
/** "Handelsrechnung (380) Nr. 471102", "Invoice # RE-1/2", "Facture n° F-1". */
export const TITLE_NUMBER = looseRegExp(
  String.raw`(?<![\p{L}-])(?:${DOC_WORD})(?<between>(?:\s+[\p{L}.]+){0,3}?)(?:\s*\(\d{3}\))?\s*(?:Nr\.?|No\.?|Nummer|Number|#|n°|Num\.?)\s*[:.]?\s*#?\s*([\p{L}\d][\p{L}\d_./-]*)`,
  'iu',
);

const ISSUE_LABEL = looseRegExp(
  String.raw`(?:Rechnungs|Beleg|Gutschrifts?|Ausstellungs|Dokument|Korrektur)-?\s?[Dd]atum|Datum der (?:Rechnung|Gutschrift)|Invoice date|Date of issue|Issue date|Date de (?:la )?facture|Billing date|Bill date|Date d'émission`,
);
/** A date something lasts until: a voucher's, a ticket's, an offer's. */
const VALIDITY = looseRegExp(String.raw`gültig|valid|expir|bis\s|until|Ablauf`);
/** The date of another document the letter refers to ("Date de facture associée", "Ursprungsrechnung vom"). */
const RELATED_DOCUMENT = looseRegExp(String.raw`associ|liée|Ursprung|ursprünglich|original|Bezug|related|vorherig|début|debut|\bfin\b|prestation`);
const GENERIC_DATE_LABEL = looseRegExp(String.raw`(?<![\p{L}-])(?:Datum|Date|Dated|Ausgestellt am|Erstellt am)(?![\p{L}-])`);
/** Dates of other events: delivery, order, service period, birth, printing, due. */
const OTHER_DATE = looseRegExp(
  String.raw`Leistung|Liefer|Bestell|Auftrag|Vertrag|Fällig|Geburt|Druck|Buchung|Zahlung|Eingang|Versand|Beginn|Ende|delivery|due|order|start|end|échéance|livraison|commande|Check|Abschluss|Lieferschein|Stand|associ|liée|début|debut|\bfin\b|prestation`,
);

export function findIssueDate(layout: Layout, order: DateOrder): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  const parseDate = (text: string): Parsed<string> | undefined => {
    const token = findDates(text, order)[0];
    // The date must follow the label closely, not be any date later on the line.
    return token && token.start <= 3 ? { value: token.iso, raw: token.raw } : undefined;
  };
  const labelled = new Set<string>();
  for (const hit of findLabeled(layout, { label: ISSUE_LABEL, exclude: RELATED_DOCUMENT, parse: parseDate, below: 1 })) {
    evidence.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.9 : 0.85 });
    labelled.add(hit.value);
  }
  for (const hit of findLabeled(layout, { label: GENERIC_DATE_LABEL, exclude: OTHER_DATE, parse: parseDate, below: 1 })) {
    // A "Datum" column over the rows of services: the first row's date is a service's, not the letter's.
    if (hit.relation === 'below' && isItemRow(hit.valueLine)) continue;
    const pageLines = layout.pages[hit.line.page - 1]?.length ?? 1;
    // "Datum: 30.10.2024  Zeit: 04:59" at the foot of a page is when it was printed.
    const atFoot = hit.line.index > pageLines * 0.8 && pageLines > 10;
    evidence.push({ value: hit.value, confidence: atFoot ? 0.5 : 0.7 });
  }
  for (const line of layout.lines) {
    const title = TITLE_NUMBER.exec(line.text);
    if (title) {
      const after = line.text.slice(title.index + title[0].length);
      const dated = /^\s*(?:vom|from|dated|issued (?:at|on)|du|v\.)(?:\s+(.*))?$/iu.exec(after);
      const nextLine = nextLines(layout, line, 1)[0];
      const text = dated ? ((dated[1] ?? '').trim() === '' && nextLine ? nextLine.text : dated[1] ?? '') : '';
      const token = findDates(text, order)[0];
      // Only a heading dates this document; "... für die Rechnung Nr. 4711 vom 05.01." in a
      // reminder's sentence dates the invoice it refers to.
      const heading = isHeading(line.text, title.index) && line.page === 1;
      if (token && token.start === 0) evidence.push({ value: token.iso, confidence: heading ? 0.88 : 0.6 });
    }
    // "München, den 01.11.2024" or "München, 01.11.2024": the place and date line of a letter.
    for (const cell of line.cells) {
      const placeDate = /^(\p{Lu}[\p{L} .()/-]{1,40}),\s*(?:den|the|le)?\s*(.+)$/u.exec(cell.text.trim());
      // "Mi., 21.01.2026", "Dienstag, 14. April": a weekday is no place; such a date is an appointment's.
      const placed = placeDate && !WEEKDAY.test(placeDate[1] ?? '') ? findDates(placeDate[2] ?? '', order)[0] : undefined;
      if (placed && placed.start === 0 && placed.raw.length === (placeDate?.[2] ?? '').trim().length && line.page === 1) {
        evidence.push({ value: placed.iso, confidence: 0.8 });
      }
    }
    const denDate = /,\s*den\s+(.+)$/iu.exec(line.text);
    const placed = denDate ? findDates(denDate[1] ?? '', order)[0] : undefined;
    if (placed && placed.start === 0 && line.page === 1) evidence.push({ value: placed.iso, confidence: 0.8 });
    // A date with its clock time near the top ("le 30/03/2018 à 12:36"): when a till or a ticket
    // machine printed the paper, whatever the paper calls itself.
    if (line.page === 1 && line.index < Math.max(12, (layout.pages[0]?.length ?? 0) * 0.4) && !OTHER_DATE.test(line.text) && !VALIDITY.test(line.text)) {
      const stamped = dateWithTime(line.text, order);
      if (stamped) evidence.push({ value: stamped, confidence: 0.6 });
    }
    // A date standing alone at the top of a letter, or next to the title, is its date; not one
    // whose cell a label of another date precedes ("Leistungszeitraum bis   6. September 2025").
    if (line.page === 1 && line.index < 20 && !isItemRow(line)) {
      for (const [index, cell] of line.cells.entries()) {
        if (index > 0 && OTHER_DATE.test(line.cells[index - 1]!.text)) continue;
        const token = findDates(cell.text, order)[0];
        if (token && token.raw.length >= cell.text.trim().length - 1) {
          evidence.push({ value: token.iso, confidence: title ? 0.75 : 0.55 });
        }
      }
    }
  }
  // Only an explicit label ("Rechnungsdatum", "Invoice date") may promise; a dated heading or a
  // date standing at the top, however many agree, stays a good guess.
  const found = decide(evidence);
  return found && !labelled.has(found.value) ? { value: found.value, confidence: Math.min(found.confidence, UNLABELLED_DATE_CEILING) } : found;
}

const UNLABELLED_DATE_CEILING = 0.88;

/** A row of a table of services or goods: three cells or more, the last an amount ("26.12.2025   410   Ultraschall   40,81 €"). */
function isItemRow(line: Line): boolean {
  const last = line.cells[line.cells.length - 1]?.text ?? '';
  return line.cells.length >= 3 && /\d[.,]\d{2}(?![\d.])\s*(?:€|EUR)?\s*$/u.test(last) && findDates(last).length === 0;
}
const WEEKDAY = new RegExp(String.raw`^(?:${WEEKDAY_WORD})\.?$`, 'iu');

/** The document word opens its line or cell: a heading, not a word in a sentence. */
export function isHeading(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return before.trim() === '' || /\s{2,}$/.test(before) || /^[\d.\s]*$/.test(before);
}

/** A discount deadline is no due date ("Skonto" as a word: not the end of "Vertragskonto"). */
const SKONTO = looseRegExp(String.raw`(?<![\p{L}])Skonto|discount|escompte`);
/** Day counts in legal boilerplate and delivery promises are no payment terms. */
const NOT_A_TERM = looseRegExp(String.raw`(?<![\p{L}])Skonto|discount|escompte|Verzug|Mahnung|nach Fälligkeit|Bestellung|Lieferung|delivery`);
const DUE_LABEL = looseRegExp(
  String.raw`(?<![\p{L}])(?:fällig(?:\s+(?:am|bis|zum))?|Fälligkeit(?:stag|sdatum|stermin)?(?:\s+(?:der\s+Zahlung|des\s+(?:Rechnungs)?[Bb]etrag(?:e)?s))?|zahlbar\s+(?:bis|spätestens)(?:\s+(?:zum|am))?|Zahlungsziel|Zahlungstermin|Zahlungsfrist|spätestens\s+(?:am|bis)(?:\s+zum)?|Due date|Payment due(?: date)?|due (?:on|by)|pay(?:able)? by|Date d'échéance|échéance|Abbuchung am|Einzug am)(?![\p{L}])`,
);
const PAYMENT_WORDS = looseRegExp(String.raw`zahlbar|zahlen|überweis|Zahlung|begleichen|Ausgleich|ausgleichen|Betrag|remit|pay|abgebucht|eingezogen|Lastschrift`);
/** The day the money is taken: "wird am ... abgebucht", "buchen wir am ... ab", "per SEPA-Lastschrift frühestens am ...". */
const DEBIT_DAY = looseRegExp(String.raw`abgebucht|eingezogen|Abbuchung|belastet|debited|charged|(?:buchen|ziehen)\s+wir|Lastschrift(?!\s*-?\s*mandat)`);
const UNTIL_WORDS = String.raw`(?:bis|until|by|spätestens)(?:\s+(?:zum|spätestens|am))*\s*:?`;
const UNTIL = new RegExp(String.raw`${UNTIL_WORDS}\s+`, 'giu');
/** A clause that ends where its date should begin: the date is on the next line ("... bis zum" / "28.02.2026 auf ..."). */
const UNTIL_AT_END = new RegExp(String.raw`${UNTIL_WORDS}$`, 'iu');

export interface DueDate {
  date?: Found<string>;
  /** The relative term's words, when the date was computed from the issue date. */
  rule?: string;
}

export function findDueDate(layout: Layout, order: DateOrder, issue: Found<string> | undefined): DueDate {
  const evidence: Evidence<string>[] = [];
  const parseDate = (text: string): Parsed<string> | undefined => {
    const token = findDates(text, order)[0];
    return token && token.start <= 12 && !SKONTO.test(text.slice(0, token.start)) ? { value: token.iso, raw: token.raw } : undefined;
  };
  for (const hit of findLabeled(layout, { label: DUE_LABEL, parse: parseDate, below: 2, acceptBelow: (line) => !SKONTO.test(line.text) })) {
    if (SKONTO.test(hit.line.text.slice(0, Math.max(0, hit.line.text.indexOf(hit.label))))) continue;
    evidence.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.85 : 0.8 });
  }
  for (const line of layout.lines) {
    for (const clause of clauses(line.text)) {
      if (!PAYMENT_WORDS.test(clause) || SKONTO.test(clause)) continue;
      for (const until of clause.matchAll(UNTIL)) {
        const token = findDates(clause.slice(until.index + until[0].length), order)[0];
        if (token && token.start === 0) evidence.push({ value: token.iso, confidence: 0.8 });
      }
      if (UNTIL_AT_END.test(clause)) {
        const next = nextLines(layout, line, 1)[0];
        const token = next ? findDates(next.text.trim(), order)[0] : undefined;
        if (token && token.start === 0) evidence.push({ value: token.iso, confidence: 0.75 });
      }
    }
  }
  for (const line of layout.lines) {
    for (const clause of clauses(line.text)) {
      // "Der Betrag wird am 25.01.2026 von Ihrem Konto abgebucht": the day the money goes.
      if (!DEBIT_DAY.test(clause)) continue;
      const on = /\b(?:am|zum|on)\s+(.+)$/iu.exec(clause);
      const token = on ? findDates(on[1] ?? '', order)[0] : undefined;
      if (token && token.start === 0) evidence.push({ value: token.iso, confidence: 0.8 });
    }
  }
  const explicit = decide(evidence);
  if (explicit) return { date: explicit };
  const relative = findRelativeTerm(layout);
  if (!relative || !issue) return relative ? { rule: relative.words } : {};
  return {
    date: { value: addDays(issue.value, relative.days), confidence: round(Math.min(issue.confidence, 0.85) - 0.05) },
    rule: relative.words,
  };
}

export interface RelativeTerm {
  days: number;
  words: string;
}

/** A number of days or weeks, in digits or words: "14 Tagen", "zwei Wochen", "einer Woche", "30 days". */
const COUNT_WORDS: Record<string, number> = {
  ein: 1, eine: 1, einer: 1, einem: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, zwölf: 12,
  vierzehn: 14, zwanzig: 20, einundzwanzig: 21, dreißig: 30, one: 1, two: 2, three: 3, four: 4, seven: 7, ten: 10, fourteen: 14, thirty: 30,
};
const COUNT = String.raw`(?:\d{1,3}|${Object.keys(COUNT_WORDS).sort((p, q) => q.length - p.length).join('|')})`;
const UNIT = String.raw`(?:Kalender)?(?:Tagen|Tage|Tg\.?|Wochen|Woche|days|weeks?|jours)(?![\p{L}])`;
const PERIOD_SOURCE = String.raw`${COUNT}\s*${UNIT}`;
const PERIOD = looseRegExp(String.raw`(${COUNT})\s*(${UNIT})`);
/** Words between "innerhalb" and the period: "von", "der nächsten", "den nächsten". */
const WITHIN = String.raw`(?:innerhalb|binnen|within|in|sous)\s+(?:von\s+|der\s+nächsten\s+|den\s+nächsten\s+|the\s+next\s+)?`;

const DAYS_TERM = looseRegExp(
  String.raw`(?:zahlbar|Zahlung|Zahlungsziel|Zahlungsfrist|Zahlungsbedingung(?:en)?|Zahlungskondition(?:en)?|fällig|payable|payment(?:\s+terms)?|due|Paiement)\s*:?[^.;:]{0,40}?(?:${WITHIN})?${PERIOD_SOURCE}(?:\s+(?:rein\s+)?netto(?:\s+Kasse)?|\s+net|\s+ohne Abzug)?|${PERIOD_SOURCE}\s+(?:rein\s+)?(?:netto|net)(?![\p{L}])|(?<![\p{L}])(?:netto|net)\s+(?:${PERIOD_SOURCE}|\d{1,3}(?![\d.,]))` +
    // The verb after the period: "ist innerhalb von 21 Tagen ab Rechnungsdatum fällig", "binnen 14 Tagen zu überweisen"
    String.raw`|(?:innerhalb|binnen)\s+(?:von\s+|der\s+nächsten\s+|den\s+nächsten\s+)?${PERIOD_SOURCE}[^.;:]{0,60}?(?:fällig|zahlbar|zu zahlen|zu bezahlen|zu begleichen|zu überweisen|auszugleichen)` +
    // The verb or its noun before it: "Bitte überweisen Sie den Betrag innerhalb von 14 Tagen", "Wir bitten um Begleichung binnen zwei Wochen",
    // "bis spätestens 14 Tage nach Erhalt"
    String.raw`|(?:überweisen|begleichen|bezahlen|zahlen|Begleichung|Überweisung|Ausgleich)(?![\p{L}])[^.;:]{0,50}?(?:${WITHIN}|(?:bis\s+)?spätestens\s+)${PERIOD_SOURCE}`,
);

/** The days a matched term gives: its count times 7 for weeks; "net 30" is days. */
function periodDays(words: string): number | undefined {
  const period = PERIOD.exec(words);
  if (!period) {
    const net = /(?:netto|net)\s+(\d{1,3})/iu.exec(words);
    return net ? Number(net[1]) : undefined;
  }
  const count = /^\d/u.test(period[1]!) ? Number(period[1]) : COUNT_WORDS[period[1]!.toLowerCase()];
  if (count === undefined) return undefined;
  return /^(?:Woche|week)/iu.test(period[2]!) ? count * 7 : count;
}
const IMMEDIATE = looseRegExp(
  String.raw`(?:zahlbar|fällig|payable|due|Zahlung)\s+(?:ist\s+)?(?:sofort|bei Erhalt|nach Erhalt|immediately|upon receipt|on receipt)(?:\s+(?:rein\s+)?netto|\s+ohne Abzug)?|sofort\s+(?:fällig|zahlbar|nach Erhalt|ohne Abzug)|(?:zahlbar\s+)?ohne Abzug(?:\s+sofort)?|Paiement immédiat|due upon receipt`,
);

/** The alternative to a discount: "... mit 2 % Skonto oder innerhalb von 30 Tagen (netto / ohne Abzug)". */
const NET_AFTER_SKONTO = looseRegExp(String.raw`(?<![\p{L}])oder\s+(?:innerhalb|binnen)\s+(?:von\s+)?(\d{1,3})\s*(?:Kalender)?(?:Tagen|Tage)\b(?:\s+(?:rein\s+)?netto|\s+ohne(?:\s+Abzug)?)?`);

/** "zahlbar innerhalb von 14 Tagen", "14 Tage netto", "sofort", "ohne Abzug"; Skonto clauses are no due term, but the net term beside one is. */
export function findRelativeTerm(layout: { lines: readonly Pick<Layout['lines'][number], 'text'>[] }): RelativeTerm | undefined {
  for (const line of layout.lines) {
    for (const clause of clauses(line.text)) {
      // "innerhalb von 7 Tagen mit 3 % Skonto oder innerhalb von 30 Tagen ohne Abzug": the term without discount.
      const net = SKONTO.test(clause) ? NET_AFTER_SKONTO.exec(clause) : null;
      if (net) return { days: Number(net[1]), words: net[0].replace(/^oder\s+/iu, '').trim() };
      if (NOT_A_TERM.test(clause)) continue;
      const term = DAYS_TERM.exec(clause);
      const count = term ? periodDays(term[0]) : undefined;
      if (term && count !== undefined && count <= 180) return { days: count, words: term[0].trim() };
      const now = IMMEDIATE.exec(clause);
      if (now) return { days: 0, words: now[0].trim() };
    }
  }
  return undefined;
}

/** The days a stated payment term gives ("zahlbar innerhalb von 14 Tagen" 14, "sofort fällig" 0), if it names them. */
export function termDays(words: string): number | undefined {
  return findRelativeTerm({ lines: words.split('\n').map((text) => ({ text })) })?.days;
}

/**
 * Parts of a line that belong together: split at ";", ", " before a new thought, column gaps and
 * sentence ends ("... 30 Tagen netto. Bei Zahlung innerhalb von 8 Tagen 2 % Skonto.").
 */
export function clauses(text: string): string[] {
  return text.split(/;|,\s+(?=\d+\s*%|\p{L})|\s{2,}(?=\p{Lu})|(?<=\p{Ll}{3})\.\s+(?=\p{Lu})/u).map((part) => part.trim()).filter(Boolean);
}

