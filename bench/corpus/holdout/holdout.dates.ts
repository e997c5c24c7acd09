/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), written for the holdout family alone so that its
 * truth does not share code (or mistakes) with the extraction rules it scores. Pure: no clock, no
 * time zone (every date is a civil date; UTC is only used as a proleptic day counter).
 */

export type IsoDate = string;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIso(iso: IsoDate): Ymd {
  const match = ISO.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const ymd = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new Error(`no such day: ${iso}`);
  }
  return ymd;
}

export function toIso({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function dayNumber(iso: IsoDate): number {
  const { y, m, d } = parseIso(iso);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(n: number): IsoDate {
  const date = new Date(n * 86_400_000);
  return toIso({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(iso) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Year and month `months` after (or before) the given one. */
export function shiftMonth(y: number, m: number, months: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** Same day number `months` later; a day the target month lacks becomes its last day (BGB § 188 (3)). */
export function addMonthsClamped(iso: IsoDate, months: number): IsoDate {
  const { y, m, d } = parseIso(iso);
  const target = shiftMonth(y, m, months);
  return toIso({ ...target, d: Math.min(d, daysInMonth(target.y, target.m)) });
}

export function endOfMonth(iso: IsoDate): IsoDate {
  const { y, m } = parseIso(iso);
  return toIso({ y, m, d: daysInMonth(y, m) });
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayIndex(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((dayNumber(iso) + 3) % 7) + 7) % 7;
}

export function minIso(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxIso(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
