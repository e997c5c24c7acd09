/**
 * Days and clock times as appointment letters print them. Days: everything `findDates` reads
 * ("14.04.2026", "14. April 2026", "April 14, 2026") and the short forms without a year that
 * `findDates` leaves alone ("14.4.", "14. April", "14 April"); the year of those is settled later
 * from the letter's date. Times: "9:30", "09.30 Uhr", "14 Uhr", "10:15 h", "10h15", "9:30 am",
 * ranges ("14:00-14:30", "zwischen 8 und 12 Uhr", "von 9 bis 11 Uhr") read as their start.
 * chrono-node's German parser was tried first: it misses "14.4. um 14 Uhr" and "zwischen 8 und
 * 12 Uhr" and hides which weekday was printed, which the weekday check needs.
 */
import type { DateOrder } from '../text/dates.models.ts';
import { findDates, WEEKDAY_WORD } from '../text/dates.models.ts';

export interface DayToken {
  day: number;
  month: number;
  /** Absent when the letter printed none ("am 14.4."). */
  year?: number;
  /** The printed weekday next to the date, 1 = Monday .. 7 = Sunday. */
  weekday?: number;
  raw: string;
  start: number;
  end: number;
  /** Where the printed weekday before the date begins, else `start`. */
  from: number;
}

export interface TimeToken {
  hour: number;
  minute: number;
  raw: string;
  start: number;
  end: number;
  /** Printed as the start of a span ("zwischen 8 und 12 Uhr"). */
  range: boolean;
}

const MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, january: 1, jan: 1, februar: 2, february: 2, feb: 2, märz: 3, maerz: 3, march: 3,
  mär: 3, mar: 3, april: 4, apr: 4, mai: 5, may: 5, juni: 6, june: 6, jun: 6, juli: 7, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nov: 11, dezember: 12, december: 12, dez: 12, dec: 12,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((p, q) => q.length - p.length).join('|');

const WEEKDAYS: [RegExp, number][] = [
  [/^(?:montag|mo|monday|mon)$/iu, 1],
  [/^(?:dienstag|di|tuesday|tue|tues)$/iu, 2],
  [/^(?:mittwoch|mi|wednesday|wed)$/iu, 3],
  [/^(?:donnerstag|do|thursday|thu|thur|thurs)$/iu, 4],
  [/^(?:freitag|fr|friday|fri)$/iu, 5],
  [/^(?:samstag|sonnabend|sa|saturday|sat)$/iu, 6],
  [/^(?:sonntag|so|sunday|sun)$/iu, 7],
];
/** "Dienstag, den ", "Di., ", "Tuesday ": the weekday right before a date. */
const WEEKDAY_BEFORE = new RegExp(String.raw`(?<![\p{L}])(${WEEKDAY_WORD})\.?,?\s*(?:den\s+|dem\s+|the\s+)?$`, 'iu');
/** "14.04.2026 (Dienstag)", "14.04.2026, Di.": the weekday right after it. */
const WEEKDAY_AFTER = new RegExp(String.raw`^\s*[,(]?\s*(${WEEKDAY_WORD})\.?\)?(?![\p{L}])`, 'iu');

// "14.4." or "14.04." closed by a dot and not continued by a year; "Raum 1.12." is a room.
const SHORT_NUMERIC = /(?<![\d.,/:]|(?:Raum|Zimmer|Nr|Saal|Haus)\.?\s?)(\d{1,2})\.(\d{1,2})\.(?!\s?\d)/giu;
const SHORT_NAMED = new RegExp(String.raw`(?<![\p{L}\d.])(\d{1,2})\.?\s*(${MONTH_NAMES})(?!\p{L})\.?(?!\s*,?\s*\d{2,4}(?![:.]\d))`, 'giu');
const SHORT_NAMED_MDY = new RegExp(String.raw`(?<![\p{L}\d])(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d.:])(?!\s*,?\s*\d{4})`, 'giu');
/** "14th April 2026", "the 14th of April": English ordinals, which `findDates` does not read. */
const ORDINAL = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)\s+(?:of\s+)?(${MONTH_NAMES})(?!\p{L})\.?(?:,?\s*(\d{4})(?!\d))?`, 'giu');

/** Every day in `text` (one line or a few), left to right. */
export function findDays(text: string, order: DateOrder = 'dmy'): DayToken[] {
  const found: DayToken[] = [];
  const overlaps = (start: number, end: number) => found.some((token) => token.start < end && start < token.end);
  for (const token of findDates(text, order)) {
    const [year = 0, month = 0, day = 0] = token.iso.split('-').map(Number);
    found.push({ day, month, year, raw: token.raw, start: token.start, end: token.end, from: token.start });
  }
  const add = (day: number, month: number, match: RegExpMatchArray, year?: number) => {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year ?? 2024, month) || overlaps(start, end)) return;
    found.push({ day, month, ...(year ? { year } : {}), raw: match[0], start, end, from: start });
  };
  for (const match of text.matchAll(ORDINAL)) add(Number(match[1]), MONTHS[(match[2] ?? '').toLowerCase()] ?? 0, match, match[3] ? Number(match[3]) : undefined);
  for (const match of text.matchAll(SHORT_NUMERIC)) add(Number(match[1]), Number(match[2]), match);
  for (const match of text.matchAll(SHORT_NAMED)) add(Number(match[1]), MONTHS[(match[2] ?? '').toLowerCase()] ?? 0, match);
  for (const match of text.matchAll(SHORT_NAMED_MDY)) add(Number(match[2]), MONTHS[(match[1] ?? '').toLowerCase()] ?? 0, match);
  for (const token of found) {
    const lead = text.slice(Math.max(0, token.start - 20), token.start);
    const before = WEEKDAY_BEFORE.exec(lead);
    const after = WEEKDAY_AFTER.exec(text.slice(token.end, token.end + 16));
    const weekday = weekdayNumber(before?.[1]) ?? weekdayNumber(after?.[1]);
    if (weekday !== undefined) token.weekday = weekday;
    if (before) token.from = token.start - lead.length + before.index;
  }
  return found.sort((p, q) => p.start - q.start);
}

const HOUR = String.raw`(?:[01]?\d|2[0-3])`;
const CLOCK = String.raw`${HOUR}(?:[:.][0-5]\d)?`;
// Case matters, so no "i" flag: "9 am Dienstag" is German ("am" = on), a bare "am" before a capitalised word is no meridiem.
const MERIDIEM = String.raw`(?:\s?(?:[aApP]\.\s?[mM]\.|[pP][mM]|[aA][mM](?!\s*\p{Lu}))(?![\p{L}]))`;
const MARK = String.raw`(?:\s?(?:Uhr|uhr|UHR|h|hrs)(?![\p{L}]))`;
/** "14:00-14:30", "zwischen 8 und 12 Uhr", "von 9.00 bis 11.00 Uhr", "between 8am and 12pm". */
const RANGE = new RegExp(
  String.raw`(?<![\d.:,])(?:(?:[Zz]wischen|[Vv]on|[Bb]etween|[Ff]rom)\s+)?(${CLOCK})((?:${MARK}|${MERIDIEM})?)\s*(?:-|bis|und|to|and|until)\s*(${CLOCK})((?:${MARK}|${MERIDIEM})?)(?![\d.:]\d)`,
  'gu',
);
/** "9:30", "09:30 Uhr", "9.30 Uhr", "14 Uhr", "10:15 h", "10h15", "9:30 am", "2 pm", and OCR's "08 : 45 Uhr". */
const SINGLE = new RegExp(
  String.raw`(?<![\d.:,])(?:(${HOUR}):([0-5]\d)(?!\d)(?:${MARK}|${MERIDIEM})?|(${HOUR})\.([0-5]\d)(?:${MARK}|${MERIDIEM})|(${HOUR})h([0-5]\d)|(${HOUR})(?:${MARK}|${MERIDIEM})|(${HOUR}) : ?([0-5]\d)${MARK})(?![\d.:]\d)`,
  'gu',
);
const MERIDIEM_AT_END = /(?:^|[\d\s])([ap])\.?\s?m\.?$/iu;
/** A bare "9 h" is as often a duration ("Dauer ca. 1 h"): only a clock time after "um", "ab", "gegen". */
const BARE_HOURS = /^(\d{1,2})\s?h$/iu;
const CLOCK_CUE = /(?:um|ab|gegen|at|by)\s*$/iu;

/** Every clock time in `text`, left to right; a range counts as its start. Mask dates first. */
export function findTimes(text: string): TimeToken[] {
  const found: TimeToken[] = [];
  for (const match of text.matchAll(RANGE)) {
    const [, first = '', firstMark = '', second = '', secondMark = ''] = match;
    // "8-12" alone is a number range; a colon, a dot with minutes, "Uhr" or am/pm makes it a span of time.
    if (!/[:.]/.test(first + second) && firstMark.trim() === '' && secondMark.trim() === '') continue;
    const own = MERIDIEM_AT_END.exec(firstMark)?.[1]?.toLowerCase();
    const shared = MERIDIEM_AT_END.exec(secondMark)?.[1]?.toLowerCase();
    // "9 to 11 am": the meridiem covers both ends; "11 to 1 pm" starts in the morning.
    const start = clock(first, own ?? (hourOf(first) <= hourOf(second) ? shared : undefined));
    if (!start) continue;
    found.push({ ...start, raw: match[0], start: match.index, end: match.index + match[0].length, range: true });
  }
  for (const match of text.matchAll(SINGLE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (found.some((token) => token.start < end && start < token.end)) continue;
    if (BARE_HOURS.test(match[0]) && !CLOCK_CUE.test(text.slice(Math.max(0, start - 8), start))) continue;
    const hour = match[1] ?? match[3] ?? match[5] ?? match[7] ?? match[8] ?? '';
    const minute = match[2] ?? match[4] ?? match[6] ?? match[9] ?? '00';
    const meridiem = MERIDIEM_AT_END.exec(match[0])?.[1]?.toLowerCase();
    const time = clock(`${hour}:${minute}`, meridiem);
    if (time) found.push({ ...time, raw: match[0], start, end, range: false });
  }
  return found.sort((p, q) => p.start - q.start);
}

/** 1 = Monday .. 7 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The year of a date printed without one: the first such day on or after the letter's date
 * (a letter of 12.12.2025 about "8.1." means 8.1.2026). 29.02. waits for a leap year.
 */
export function yearOnOrAfter(day: number, month: number, reference: string): number {
  const [year = 0] = reference.split('-').map(Number);
  for (let candidate = year; candidate < year + 8; candidate++) {
    if (day <= daysIn(candidate, month) && isoDay(candidate, month, day) >= reference) return candidate;
  }
  return year;
}

function weekdayNumber(word: string | undefined): number | undefined {
  if (!word) return undefined;
  return WEEKDAYS.find(([pattern]) => pattern.test(word))?.[1];
}

function hourOf(text: string): number {
  return Number(text.split(/[:.]/)[0]);
}

function clock(text: string, meridiem: string | undefined): { hour: number; minute: number } | undefined {
  const [hourText = '', minuteText = '0'] = text.split(/[:.]/);
  let hour = Number(hourText);
  const minute = Number(minuteText);
  if (meridiem && (hour > 12 || hour === 0)) return undefined;
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}
