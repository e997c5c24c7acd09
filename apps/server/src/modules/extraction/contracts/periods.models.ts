/**
 * Calendar arithmetic for contract periods after §§ 187, 188 BGB, on plain dates ('YYYY-MM-DD',
 * no time zone: a contract date is the same calendar day everywhere). The rules and their choices
 * are explained in `notice.models.ts`; in short:
 * - A term counts from the start day (§ 187(2)) and ends on the day before the day numbered like
 *   the start day (§ 188(2) second case), or on the last day of the month if that month has no such
 *   day (§ 188(3)): 01.03.2025 + 12 months ends 28.02.2026, 31.01.2026 + 1 month ends 28.02.2026.
 * - A notice period counts from the day after the notice arrives (§ 187(1)) and ends on the day
 *   numbered like the arrival day (§ 188(2) first case), clamped to the month end (§ 188(3)).
 *   Backwards, the last day a notice can arrive is the latest day from which that forward
 *   period still ends on or before the termination day.
 */
import { DateTime } from 'luxon';

export type PeriodUnit = 'days' | 'weeks' | 'months';

export interface Period {
  amount: number;
  unit: PeriodUnit;
}

/** Calendar boundaries a termination may be tied to. */
export type Boundary = 'month' | 'quarter' | 'year';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

function text(date: DateTime): string {
  const iso = date.toISODate();
  if (iso === null) throw new RangeError(`not a calendar date: ${date.invalidReason ?? 'unknown'}`);
  return iso;
}

export function isCalendarDate(value: string): boolean {
  return ISO_DATE.test(value) && day(value).isValid;
}

export function addDays(iso: string, days: number): string {
  return text(day(iso).plus({ days }));
}

/** `months` later, the day clamped to the month end. */
export function addMonths(iso: string, months: number): string {
  return text(day(iso).plus({ months }));
}

/** Calendar months from the month of `from` to the month of `to`, ignoring the days. */
export function monthsBetween(from: string, to: string): number {
  const [a, b] = [day(from), day(to)];
  return (b.year - a.year) * 12 + (b.month - a.month);
}

export function isLastDayOfMonth(iso: string): boolean {
  const date = day(iso);
  return date.day === date.daysInMonth;
}

/** The last day of a term of `months` months that begins on `start` (start day included). */
export function termEnd(start: string, months: number): string {
  const begin = day(start);
  const month = begin.startOf('month').plus({ months });
  // Starting on the 1st: the term ends with the previous month.
  if (begin.day === 1) return text(month.minus({ days: 1 }));
  return text(month.set({ day: Math.min(begin.day - 1, month.endOf('month').day) }));
}

/** The day a notice period ends when the notice arrives on `arrival` (arrival day not counted). */
export function noticePeriodEnd(arrival: string, period: Period): string {
  // luxon clamps a missing day to the month end ("31.01. + 1 month" = 28.02.), as § 188(3) does.
  return text(day(arrival).plus({ [period.unit]: period.amount }));
}

/** The last day a notice can arrive for a termination that takes effect at the end of `endsOn`. */
export function latestNoticeDay(endsOn: string, period: Period): string {
  const end = day(endsOn);
  if (period.unit !== 'months') return text(end.minus({ [period.unit]: period.amount }));
  const earlier = end.minus({ months: period.amount });
  // A termination at a month end may be given up to the last day of the month n months before:
  // "3 Monate zum 30.06." until 31.03., because 31.03. + 3 months is clamped to 30.06.
  return text(isLastDayOfMonth(endsOn) ? earlier.endOf('month').startOf('day') : earlier);
}

/** The earliest termination day for a notice that arrives on `arrival` when any day is allowed. */
export function earliestEndFrom(arrival: string, period: Period): string {
  let end = noticePeriodEnd(arrival, period);
  // Clamping can make a nearby earlier day reachable too; step back while it still is.
  while (latestNoticeDay(addDays(end, -1), period) >= arrival) end = addDays(end, -1);
  return end;
}

export function isBoundary(iso: string, boundary: Boundary): boolean {
  return nextBoundary(iso, boundary) === iso;
}

/** The first month, quarter or year end on or after `iso`. */
export function nextBoundary(iso: string, boundary: Boundary): string {
  return text(day(iso).endOf(boundary).startOf('day'));
}
