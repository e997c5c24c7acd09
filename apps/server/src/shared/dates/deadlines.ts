/**
 * Deadlines. An instant is a UTC point in time; a deadline known only as a date ("zahlbar bis
 * 25.01.2026") is stored as 23:59:59.999 of that date in the user's time zone plus the flag
 * `due_is_date`, shown as that date, and overdue from the next local midnight.
 */
import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors/errors.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const knownZones = new Map<string, boolean>();

/** Cached: luxon checks a zone by building an Intl formatter, which is slow on a hot path (the reminder dispatcher). */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = knownZones.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    if (knownZones.size < 1000) knownZones.set(timeZone, valid);
  }
  return valid;
}

/** The instant that represents "by the end of `date`" for someone living in `timeZone`. */
export function endOfLocalDate(date: string, timeZone: string): Date {
  if (!ISO_DATE.test(date)) {
    throw invalidDate(`date must be YYYY-MM-DD, got "${date}"`);
  }
  if (!isValidTimeZone(timeZone)) {
    throw invalidDate(`unknown time zone "${timeZone}"`);
  }
  const local = DateTime.fromISO(date, { zone: timeZone });
  if (!local.isValid) {
    throw invalidDate(`"${date}" is not a calendar date`);
  }
  return local.endOf('day').toJSDate();
}

/** The calendar date (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  const date = DateTime.fromJSDate(instant, { zone: timeZone }).toISODate();
  if (date === null) throw invalidDate(`cannot place ${instant.toISOString()} in "${timeZone}"`);
  return date;
}

/** A date-only deadline keeps its calendar date when the user moves to another time zone. */
export function moveDateDeadline(due: Date, fromZone: string, toZone: string): Date {
  return endOfLocalDate(localDateOf(due, fromZone), toZone);
}

/** Overdue strictly after the deadline: a date-only deadline becomes overdue at the next local midnight. */
export function isOverdue(due: Date, now: Date): boolean {
  return now.getTime() > due.getTime();
}

function invalidDate(message: string): AppError {
  return new AppError({ code: 'dates.invalid', status: 400, message });
}
