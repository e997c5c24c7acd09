/**
 * The date math of the agenda, pure: local dates are 'YYYY-MM-DD' strings (calendar days in the
 * user's time zone), computed on UTC noon-free day numbers so daylight saving never shifts a day.
 * Only `startOfLocalDay` touches a time zone: it turns a local date into the instant its midnight is.
 */

export type AgendaView = 'month' | 'week';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses 'YYYY-MM-DD'; undefined for anything else (including 2026-02-30). */
export function parseLocalDate(value: string | null | undefined): { year: number; month: number; day: number } | undefined {
  const match = value ? LOCAL_DATE.exec(value) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function isLocalDate(value: string | null | undefined): value is string {
  return parseLocalDate(value) !== undefined;
}

function dayNumber(date: string): number {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new Error(`not a local date: ${date}`);
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / DAY_MS;
}

function fromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The user's first day of the week (0 = Sunday … 6 = Saturday), Monday unless they chose another. */
export function firstDayOfWeek(preference: number | null | undefined): number {
  return typeof preference === 'number' && Number.isInteger(preference) && preference >= 0 && preference <= 6 ? preference : 1;
}

/** The first day of the week `date` is in. */
export function startOfWeek(date: string, firstDay: number): string {
  return addDays(date, -((dayOfWeek(date) - firstDay + 7) % 7));
}

/** The seven days of the week `date` is in. */
export function weekDays(date: string, firstDay: number): string[] {
  const start = startOfWeek(date, firstDay);
  return Array.from({ length: 7 }, (_, index) => addDays(start, index));
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole months to the month of `date`; answers the first of that month. */
export function addMonths(date: string, months: number): string {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new Error(`not a local date: ${date}`);
  const index = parsed.year * 12 + (parsed.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/**
 * The weeks a month view shows: full weeks (7 days each, starting on `firstDay`) from the week of
 * the 1st to the week of the last day, so days of the neighbouring months fill the edges.
 */
export function monthWeeks(date: string, firstDay: number): string[][] {
  const first = firstOfMonth(date);
  const parsed = parseLocalDate(first);
  if (!parsed) throw new Error(`not a local date: ${date}`);
  const last = addDays(first, daysInMonth(parsed.year, parsed.month) - 1);
  const weeks: string[][] = [];
  for (let start = startOfWeek(first, firstDay); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, index) => addDays(start, index)));
  }
  return weeks;
}

/** Whether `date` lies in the same month as `reference`. */
export function sameMonth(date: string, reference: string): boolean {
  return date.slice(0, 7) === reference.slice(0, 7);
}

/** The local days a view shows, first to last (inclusive). */
export function visibleDays(view: AgendaView, date: string, firstDay: number): { first: string; last: string; days: string[] } {
  const days = view === 'week' ? weekDays(date, firstDay) : monthWeeks(date, firstDay).flat();
  return { first: days[0] as string, last: days[days.length - 1] as string, days };
}

/** Where the previous/next buttons lead: a month or a week away. */
export function shiftAnchor(view: AgendaView, date: string, direction: -1 | 1): string {
  return view === 'week' ? addDays(date, 7 * direction) : addMonths(date, direction);
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - (instant - (instant % 1000));
}

/**
 * The instant a local day begins in `timeZone` (its midnight, or the first moment after a gap when
 * a zone skips midnight).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const wall = dayNumber(date) * DAY_MS;
  let guess = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(guess, timeZone);
  if (second !== guess) {
    // The offset changed between the two guesses (a DST switch near midnight): take the one that
    // really shows this day's midnight, or the later one when midnight does not exist.
    guess = Math.max(guess, second);
  }
  return new Date(guess);
}

/**
 * The API filter for tasks due on the visible days: `due_after` and `due_before` are exclusive, so
 * the window opens 1 ms before the first day starts and closes when the day after the last begins.
 */
export function dueWindow(first: string, last: string, timeZone: string): { due_after: string; due_before: string } {
  return {
    due_after: new Date(startOfLocalDay(first, timeZone).getTime() - 1).toISOString(),
    due_before: startOfLocalDay(addDays(last, 1), timeZone).toISOString(),
  };
}

/** The URL state of the agenda, with sane defaults for anything missing or mistyped. */
export function agendaState(params: URLSearchParams, today: string): { view: AgendaView; date: string } {
  const view = params.get('view') === 'week' ? 'week' : 'month';
  const raw = params.get('date');
  return { view, date: isLocalDate(raw) ? raw : today };
}

/** A local date as a JS Date at UTC midnight, for Intl formatting with timeZone 'UTC'. */
export function utcDate(date: string): Date {
  return new Date(dayNumber(date) * DAY_MS);
}
