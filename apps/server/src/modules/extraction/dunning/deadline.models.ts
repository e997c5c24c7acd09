/**
 * The new payment deadline a dunning letter sets.
 *
 * Absolute: a date after "bis (zum/spätestens)", "until", "by", or a label ("Zahlungsfrist:",
 * "neue Frist", "Pay by"), in a sentence about paying; "bis zum 15.02." without a year takes the
 * first such day on or after the letter's date. Relative, counted from the letter's date: "innerhalb
 * von 7 Tagen", "binnen einer Woche", "Frist von 10 Tagen", "bis spätestens 14 Tage nach Zugang",
 * "within 7 days" (calendar days, added to the letter date; a deadline is not moved off a weekend:
 * the letter's own arithmetic does not do so either), "5 Werktage" (Monday to Friday; public
 * holidays are not known here), "zwei Wochen", "einen Monat" (the same day of the next month, or
 * its last day: 31.01. + 1 month = 28.02.), "bis Ende des Monats" / "bis Ende nächsten Monats".
 * Not deadlines: the original due date ("war fällig am"), the cut-off day of booked payments
 * ("Zahlungseingänge bis 28.01. sind berücksichtigt"), objection periods, dates before the letter.
 * A printed date beats a computed one; when both agree, the deadline is confirmed.
 */
import { addDays, findDates, type DateOrder } from '../text/dates.models.ts';
import type { Evidence, Found } from '../text/evidence.models.ts';
import { decide, round } from '../text/evidence.models.ts';
import { NOT_A_DEADLINE, NUMBER_WORD_SOURCE, PAYMENT, quantity, words } from './phrases.models.ts';
import type { Unit } from './units.models.ts';

export interface Deadline {
  date: string;
  /** The words a relative deadline was computed from. */
  rule?: string;
  confidence: number;
}

const UNTIL = words(
  String.raw`(?:(?<![\p{L}])(?:bis|spätestens|until|by|before|no\s+later\s+than|not\s+later\s+than)(?:\s+(?:zum|am|spätestens|zum\s+spätestens|spätestens\s+(?:zum|am|bis(?:\s+zum)?)|einschließlich|jedoch|the))*|(?:Zahlungsfrist|neue\s+Frist|Frist|Zahlungstermin|(?:neues\s+)?Zahlungsziel|Zahlung\s+bis|zahlbar\s+bis|Zahlungseingang\s+bis|fällig\s+(?:am|bis|zum)|Fälligkeit(?:sdatum)?|Deadline|Due\s+date|Pay(?:ment)?\s+by)\s*:?)\s*(?:\p{L}+,?\s+(?:den\s+)?|den\s+)?$`,
);
const SHORT_DATE = /^(\d{1,2})\.\s?(?:(\d{1,2})\.(?!\s?\d)|(\p{L}{3,})(?!\p{L})\.?(?!\s*\d))/u;
const QTY = String.raw`\d{1,3}|${NUMBER_WORD_SOURCE}`;
const RELATIVE = words(
  String.raw`(?<![\p{L}\d])(${QTY})\s*(?:\(\s*(?:${QTY})\s*\)\s*)?(Kalendertag\p{L}*|Werktag\p{L}*|Bankarbeitstag\p{L}*|Arbeitstag\p{L}*|Geschäftstag\p{L}*|Tag\p{L}*|Wochen?|Monat\p{L}*|business\s+days?|working\s+days?|days?|weeks?|months?)(?![\p{L}])`,
  'giu',
);
const RELATIVE_BEFORE = words(String.raw`(?:innerhalb|binnen|within|(?<![\p{L}])in|nächsten|next|Frist\s+von|Frist\s*:|Zahlungsfrist|spätestens|bis\s+zu|of)\s*(?:von\s+|der\s+|den\s+|einer\s+Frist\s+von\s+)?$`);
const RELATIVE_AFTER = words(String.raw`^\s*(?:nach|ab|from|after|of)\s+(?:dem\s+|the\s+)?(?:Zugang|Erhalt|Eingang|Zustellung|Empfang|Datum|heute|receipt|date)(?:\s+(?:dieses|des|this|of\s+this)\s+(?:Schreibens|Briefes|letter|notice))?`);
const MONTH_END = words(String.raw`(?:bis|until|by)\s+(?:zum\s+|spätestens\s+)?(?:Ende\s+(?:des\s+|dieses\s+)?(?:laufenden\s+|aktuellen\s+)?Monats|Monatsende|(?:the\s+)?end\s+of\s+(?:the|this)\s+month)|(?:bis|until|by)\s+(?:zum\s+)?(?:Ende\s+(?:des\s+)?(?:nächsten|kommenden|folgenden)\s+Monats|(?:the\s+)?end\s+of\s+next\s+month)`, 'giu');

/** Parts of a sentence: the words around a date decide whether it is the deadline. */
function clauseAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf(',', index), text.lastIndexOf(';', index)) + 1;
  const rest = text.slice(index).search(/[,;]\s/);
  return text.slice(start, rest < 0 ? text.length : index + rest);
}

export function addMonths(iso: string, months: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

export function addBusinessDays(iso: string, days: number): string {
  let date = iso;
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return date;
}

function endOfMonth(iso: string, months: number): string {
  return addDays(addMonths(`${iso.slice(0, 7)}-01`, months + 1), -1);
}

/** "15.02." or "15. Februar" after "bis": the first such day on or after the letter's date. */
function shortDate(text: string, base: string): string | undefined {
  const match = SHORT_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(base.slice(0, 4));
  for (const candidate of [year, year + 1]) {
    const iso = findDates(match[2] ? `${match[1]}.${match[2]}.${candidate}` : `${match[1]}. ${match[3]} ${candidate}`)[0]?.iso;
    if (iso && iso >= base) return iso;
  }
  return undefined;
}

function absoluteDates(unit: Unit, order: DateOrder, base: string | undefined): Evidence<string>[] {
  const evidence: Evidence<string>[] = [];
  const paying = PAYMENT.test(unit.text);
  const tokens = findDates(unit.text, order).map((token) => ({ iso: token.iso, start: token.start, short: false }));
  if (base) {
    for (const match of unit.text.matchAll(/(?<![\d.])\d{1,2}\.\s?(?:\d{1,2}\.(?!\s?\d)|\p{L}{3,}(?!\p{L})\.?(?!\s*\d))/gu)) {
      const iso = shortDate(match[0], base);
      if (iso && !tokens.some((token) => token.start <= match.index && match.index < token.start + 10)) tokens.push({ iso, start: match.index, short: true });
    }
  }
  for (const token of tokens) {
    const before = unit.text.slice(Math.max(0, token.start - 60), token.start);
    const until = UNTIL.exec(before);
    if (!until || NOT_A_DEADLINE.test(clauseAt(unit.text, token.start))) continue;
    if (base && token.iso < base) continue;
    const labelled = !/^\s*(?:bis|spätestens|until|by|before|no|not)/iu.test(until[0]);
    if (!paying && !labelled) continue;
    const confidence = (labelled && unit.columns ? 0.88 : paying ? 0.85 : 0.8) - (token.short ? 0.05 : 0);
    evidence.push({ value: token.iso, confidence });
  }
  return evidence;
}

interface Relative {
  date: string;
  rule: string;
}

function relativeDates(unit: Unit, base: string): Relative[] {
  if (!PAYMENT.test(unit.text)) return [];
  const found: Relative[] = [];
  for (const match of unit.text.matchAll(RELATIVE)) {
    const beforeStart = Math.max(0, match.index - 40);
    const before = unit.text.slice(beforeStart, match.index);
    const lead = RELATIVE_BEFORE.exec(before);
    const after = RELATIVE_AFTER.exec(unit.text.slice(match.index + match[0].length));
    if (!lead && !after) continue;
    if (NOT_A_DEADLINE.test(clauseAt(unit.text, match.index))) continue;
    const count = quantity(match[1] ?? '');
    const unitWord = (match[2] ?? '').toLowerCase();
    if (count === undefined || count === 0 || count > 92) continue;
    let date: string;
    if (/werk|arbeit|business|working|geschäft/.test(unitWord)) date = addBusinessDays(base, count);
    else if (/woche|week/.test(unitWord)) date = addDays(base, 7 * count);
    else if (/monat|month/.test(unitWord)) date = addMonths(base, count);
    else date = addDays(base, count);
    // The rule starts with the whole word that leads it ("Nachfrist von 8 Tagen").
    let start = lead ? beforeStart + lead.index : match.index;
    while (start > 0 && /\p{L}/u.test(unit.text[start - 1] ?? '')) start--;
    const rule = unit.text.slice(start, match.index + match[0].length + (after ? after[0].length : 0)).replace(/\s+/g, ' ').trim();
    found.push({ date, rule });
  }
  for (const match of unit.text.matchAll(MONTH_END)) {
    if (!PAYMENT.test(unit.text)) continue;
    found.push({ date: endOfMonth(base, /nächst|kommend|folgend|next/iu.test(match[0]) ? 1 : 0), rule: match[0].trim() });
  }
  return found;
}

/**
 * `base` is the letter's date; `baseConfidence` how sure that date is (the caller's, or one read
 * from the text). Without it only printed dates can be read.
 */
export function findDeadline(units: Unit[], order: DateOrder, base: Found<string> | undefined): Deadline | undefined {
  const absolute = decide(units.flatMap((unit) => absoluteDates(unit, order, base?.value)));
  const relatives = base ? units.flatMap((unit) => relativeDates(unit, base.value)) : [];
  const relative = relatives[0];
  if (absolute) {
    // "innerhalb von 7 Tagen, d. h. bis zum 17.02.2026": the sum checks the printed date.
    const agrees = relatives.some((item) => item.date === absolute.value);
    const confidence = agrees ? Math.min(0.93, absolute.confidence + 0.05) : relative ? absolute.confidence - 0.1 : absolute.confidence;
    return { date: absolute.value, ...(agrees && relative ? { rule: relatives.find((item) => item.date === absolute.value)?.rule } : {}), confidence: round(confidence) };
  }
  if (!relative || !base) return undefined;
  const disagree = relatives.some((item) => item.date !== relative.date);
  const confidence = Math.min(base.confidence, 0.85) - 0.03 - (disagree ? 0.2 : 0);
  return { date: relative.date, rule: relative.rule, confidence: round(confidence) };
}
