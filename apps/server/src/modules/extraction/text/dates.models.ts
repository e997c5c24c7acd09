/**
 * Calendar dates in printed text, German forms first ("25.01.2026", "25.1.26", "14. März 2026"),
 * then ISO and English ("January 14, 2026", "14 Jan 2026", "01/14/2026"). Slash dates are
 * day-first unless that is impossible or the document is clearly American.
 */


/** Weekday names and their short forms as letters print them ("Dienstag", "Di.", "Tuesday", "Tue"): a regex source. */
export const WEEKDAY_WORD = String.raw`Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|Mo|Di|Mi|Do|Fr|Sa|So`;
export type DateOrder = 'dmy' | 'mdy';

export interface DateToken {
  /** "2026-01-25" */
  iso: string;
  raw: string;
  start: number;
  end: number;
}

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, jänner: 1, january: 1, janvier: 1, janv: 1,
  februar: 2, feb: 2, february: 2, février: 2, févr: 2, fevrier: 2,
  märz: 3, maerz: 3, mär: 3, mrz: 3, march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  mai: 5, may: 5,
  juni: 6, jun: 6, june: 6, juin: 6,
  juli: 7, jul: 7, july: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, août: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  oktober: 10, okt: 10, october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  dezember: 12, dez: 12, december: 12, dec: 12, décembre: 12, decembre: 12, déc: 12,
};

/** Month names written out (no abbreviations), lower case, with their month: what an OCR misreading of one is compared with. */
export const FULL_MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries(MONTHS).filter(([name]) => name.length >= 4 && !['sept', 'janv', 'févr', 'juil'].includes(name)),
);

// Longest names first so "Januar" wins over "Jan".
const MONTH_SOURCE = Object.keys(MONTHS)
  .sort((p, q) => q.length - p.length)
  .join('|');

// A four-digit year may touch a clock time: OCR drops the space in "01-06-2018 18:05" more often than
// it adds one, and may lose the minutes after it ("01-06-201818: 3"); then only a year of this or the last century.
const NUMERIC = /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}(?=\d{1,2}:\d{2}(?!\d))|(?:19|20)\d{2}(?=\d{1,2}:(?!\d))|(?:\d{4}|\d{2})(?![\d]|[.,/-]\d))/g;
// "18.02. 2026", "15. 02. 2026": spaces after the dots (typewriter style, or OCR), only before a four-digit year.
const SPACED = /(?<![\d.,/-])(\d{1,2})\.\s?(\d{1,2})\.\s(\d{4})(?![\d]|[.,/-]\d)|(?<![\d.,/-])(\d{1,2})\.\s(\d{1,2})\.(\d{4})(?![\d]|[.,/-]\d)/g;
// OCR sometimes puts a space after a hyphen ("2016- 07-31").
const ISO = /(?<![\d.,/-])(\d{4})-\s?(\d{1,2})-\s?(\d{1,2})(?![\d]|[.,/-]\d)/g;
/** "14. März 2026", "14 March, 2026"; "30, Juli 2025" is how OCR often reads the day's point. */
const DAY_MONTH_NAME = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})[.,]?\s*(${MONTH_SOURCE})(?!\p{L})\.?\s*,?\s*(\d{4})(?!\d)`, 'giu');
const MONTH_NAME_DAY = new RegExp(String.raw`(?<![\p{L}\d])(${MONTH_SOURCE})(?!\p{L})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})(?!\d)`, 'giu');

/** Every date in a line, left to right, without overlaps. */
export function findDates(line: string, order: DateOrder = 'dmy'): DateToken[] {
  const found: DateToken[] = [];
  const add = (match: RegExpMatchArray, iso: string | undefined) => {
    if (!iso) return;
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (found.some((token) => token.start < end && start < token.end)) return;
    found.push({ iso, raw: match[0], start, end });
  };
  for (const match of line.matchAll(ISO)) add(match, isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  for (const match of line.matchAll(NUMERIC)) {
    const [, first = '', separator, second = '', year = ''] = match;
    add(match, numericDate(Number(first), Number(second), fullYear(year), separator === '/' ? order : 'dmy'));
  }
  for (const match of line.matchAll(SPACED)) {
    add(match, isoDate(Number(match[3] ?? match[6]), Number(match[2] ?? match[5]), Number(match[1] ?? match[4])));
  }
  for (const match of line.matchAll(DAY_MONTH_NAME)) {
    add(match, isoDate(Number(match[3]), monthNumber(match[2]), Number(match[1])));
  }
  for (const match of line.matchAll(MONTH_NAME_DAY)) {
    add(match, isoDate(Number(match[3]), monthNumber(match[1]), Number(match[2])));
  }
  return found.sort((p, q) => p.start - q.start);
}

/** The first date in `text`, or undefined. */
export function parseDate(text: string, order: DateOrder = 'dmy'): string | undefined {
  return findDates(text, order)[0]?.iso;
}

/** Replaces dates (and clock times) with spaces of the same length, so numbers can be read around them. */
export function maskDates(line: string, order: DateOrder = 'dmy'): string {
  let masked = line;
  for (const token of findDates(line, order)) {
    masked = masked.slice(0, token.start) + ' '.repeat(token.end - token.start) + masked.slice(token.end);
  }
  return masked.replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/g, (time) => ' '.repeat(time.length));
}

/**
 * Slash dates are ambiguous. A date that only works one way ("14/01/2026", "01/14/2026") decides;
 * without one, day-first unless the caller knows the document is American.
 */
export function detectDateOrder(text: string, american = false): DateOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const match of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?![\d/])/g)) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    if (first > 12 && second <= 12) dayFirst++;
    if (second > 12 && first <= 12) monthFirst++;
  }
  if (dayFirst !== monthFirst) return dayFirst > monthFirst ? 'dmy' : 'mdy';
  return american ? 'mdy' : 'dmy';
}

export function addDays(iso: string, days: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function numericDate(first: number, second: number, year: number, order: DateOrder): string | undefined {
  const preferred = order === 'dmy' ? isoDate(year, second, first) : isoDate(year, first, second);
  // The preferred reading is impossible ("01/14/2026" day-first): the other one is meant.
  return preferred ?? (order === 'dmy' ? isoDate(year, first, second) : isoDate(year, second, first));
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  // Two-digit years on current paperwork: 00-69 are this century.
  return year < 70 ? 2000 + year : 1900 + year;
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase()] ?? 0;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
