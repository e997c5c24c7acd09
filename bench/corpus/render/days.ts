/**
 * Calendar days as ISO strings ('2026-03-02'), without time zones: what a letter prints is a day.
 * Small and self-contained on purpose: the corpus's truth must not come from the code it checks.
 */

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function parseDay(iso: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO day: ${iso}`);
  const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (ymd.month < 1 || ymd.month > 12 || ymd.day < 1 || ymd.day > daysInMonth(ymd.year, ymd.month)) throw new Error(`no such day: ${iso}`);
  return ymd;
}

export function formatDay({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days since 1970-01-01 (proleptic Gregorian), for day arithmetic. */
export function dayNumber(iso: string): number {
  const { year, month, day } = parseDay(iso);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(days: number): string {
  const date = new Date(days * 86_400_000);
  return formatDay({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The month `months` later (or earlier), the day clamped to that month's length. */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = parseDay(iso);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return formatDay({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

export function isLastDayOfMonth(iso: string): boolean {
  const { year, month, day } = parseDay(iso);
  return day === daysInMonth(year, month);
}

export function endOfMonth(iso: string): string {
  const { year, month } = parseDay(iso);
  return formatDay({ year, month, day: daysInMonth(year, month) });
}

/** The last day of the quarter `iso` lies in. */
export function endOfQuarter(iso: string): string {
  const { year, month } = parseDay(iso);
  const last = Math.ceil(month / 3) * 3;
  return formatDay({ year, month: last, day: daysInMonth(year, last) });
}

/** 0 Sunday .. 6 Saturday. */
export function weekday(iso: string): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

export function compareDays(p: string, q: string): number {
  return p < q ? -1 : p > q ? 1 : 0;
}

export function maxDay(p: string, q: string): string {
  return p >= q ? p : q;
}
