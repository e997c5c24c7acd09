import { describe, expect, it } from 'vitest';
import { endOfLocalDate, isOverdue, isValidTimeZone, localDateOf, moveDateDeadline } from './deadlines.ts';

describe('date-only deadlines', () => {
  it.each([
    ['2026-01-25', 'Europe/Berlin', '2026-01-25T22:59:59.999Z'],
    ['2026-07-25', 'Europe/Berlin', '2026-07-25T21:59:59.999Z'],
    ['2026-01-25', 'UTC', '2026-01-25T23:59:59.999Z'],
    ['2026-01-25', 'America/New_York', '2026-01-26T04:59:59.999Z'],
    // the day the clocks go forward in Berlin has 23 hours; its end is still 23:59:59.999 local
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T21:59:59.999Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-25T22:59:59.999Z'],
  ])('%s in %s ends at %s', (date, zone, expected) => {
    expect(endOfLocalDate(date, zone).toISOString()).toBe(expected);
  });

  it('is overdue only from the next local midnight', () => {
    const due = endOfLocalDate('2026-01-25', 'Europe/Berlin');
    expect(isOverdue(due, new Date('2026-01-25T22:59:59.999Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-01-25T23:00:00.000Z'))).toBe(true);
  });

  it('is shown as its date in the user zone', () => {
    expect(localDateOf(endOfLocalDate('2026-01-25', 'Asia/Tokyo'), 'Asia/Tokyo')).toBe('2026-01-25');
  });

  it('keeps its calendar date when the user changes time zone', () => {
    const due = endOfLocalDate('2026-01-25', 'Europe/Berlin');
    const moved = moveDateDeadline(due, 'Europe/Berlin', 'America/Los_Angeles');
    expect(moved.toISOString()).toBe('2026-01-26T07:59:59.999Z');
    expect(localDateOf(moved, 'America/Los_Angeles')).toBe('2026-01-25');
  });

  it.each([
    ['2026-02-30', 'UTC', /not a calendar date/],
    ['25.01.2026', 'UTC', /YYYY-MM-DD/],
    ['2026-01-25', 'Mars/Olympus', /unknown time zone/],
  ])('refuses %s in %s', (date, zone, message) => {
    expect(() => endOfLocalDate(date, zone)).toThrow(message);
  });

  it('checks time zones against the IANA database', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Europe/Bielefeld')).toBe(false);
  });
});
