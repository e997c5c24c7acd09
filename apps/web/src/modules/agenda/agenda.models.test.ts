import { describe, expect, it } from 'vitest';
import { addDays, addMonths, agendaState, dayOfWeek, dueWindow, firstDayOfWeek, monthWeeks, parseLocalDate, shiftAnchor, startOfLocalDay, startOfWeek, visibleDays, weekDays } from './agenda.models.ts';

describe('dayOfWeek', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-11-01', 0],
    ['2026-11-25', 3],
    ['2028-02-29', 2],
    ['1969-12-31', 3],
  ])('%s is weekday %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['2026-11-25', { year: 2026, month: 11, day: 25 }],
    ['2028-02-29', { year: 2028, month: 2, day: 29 }],
    ['2027-02-29', undefined],
    ['2026-13-01', undefined],
    ['25.11.2026', undefined],
    ['', undefined],
  ])('%s', (value, expected) => {
    expect(parseLocalDate(value)).toEqual(expected);
  });
});

describe('firstDayOfWeek', () => {
  it.each([
    [undefined, 1],
    [null, 1],
    [0, 0],
    [6, 6],
    [7, 1],
    [-1, 1],
    [1.5, 1],
  ])('preference %s gives %i', (preference, expected) => {
    expect(firstDayOfWeek(preference)).toBe(expected);
  });
});

describe('startOfWeek and weekDays', () => {
  it.each([
    // Wednesday 2026-11-25
    ['2026-11-25', 1, '2026-11-23'],
    ['2026-11-25', 0, '2026-11-22'],
    ['2026-11-25', 6, '2026-11-21'],
    ['2026-11-25', 3, '2026-11-25'],
    // A Sunday, weeks starting Monday: the week began six days earlier.
    ['2026-11-29', 1, '2026-11-23'],
    ['2026-11-29', 0, '2026-11-29'],
    // Across a year boundary.
    ['2027-01-01', 1, '2026-12-28'],
  ])('the week of %s starting on day %i begins %s', (date, firstDay, expected) => {
    expect(startOfWeek(date, firstDay)).toBe(expected);
    const days = weekDays(date, firstDay);
    expect(days).toHaveLength(7);
    expect(days[0]).toBe(expected);
    expect(days).toContain(date);
  });

  it('keeps seven calendar days in the weeks daylight saving starts and ends (Europe/Berlin)', () => {
    expect(weekDays('2026-03-29', 1)).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(weekDays('2026-10-25', 1)).toEqual(['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25']);
  });
});

describe('monthWeeks', () => {
  it.each([
    // November 2026 starts on a Sunday.
    { month: '2026-11-15', firstDay: 1, weeks: 6, first: '2026-10-26', last: '2026-12-06' },
    { month: '2026-11-15', firstDay: 0, weeks: 5, first: '2026-11-01', last: '2026-12-05' },
    // June 2026 starts on a Monday.
    { month: '2026-06-30', firstDay: 1, weeks: 5, first: '2026-06-01', last: '2026-07-05' },
    { month: '2026-06-30', firstDay: 0, weeks: 5, first: '2026-05-31', last: '2026-07-04' },
    // Leap February 2028 (starts on a Tuesday, 29 days).
    { month: '2028-02-10', firstDay: 1, weeks: 5, first: '2028-01-31', last: '2028-03-05' },
    { month: '2028-02-10', firstDay: 0, weeks: 5, first: '2028-01-30', last: '2028-03-04' },
    // February 2026: 28 days starting on a Sunday fill exactly four weeks starting Sunday.
    { month: '2026-02-01', firstDay: 0, weeks: 4, first: '2026-02-01', last: '2026-02-28' },
    { month: '2026-02-01', firstDay: 1, weeks: 5, first: '2026-01-26', last: '2026-03-01' },
  ])('$month with weeks from day $firstDay: $weeks weeks from $first to $last', ({ month, firstDay, weeks, first, last }) => {
    const grid = monthWeeks(month, firstDay);
    expect(grid).toHaveLength(weeks);
    expect(grid[0]?.[0]).toBe(first);
    expect(grid.at(-1)?.[6]).toBe(last);
    for (const week of grid) {
      expect(week).toHaveLength(7);
      expect(dayOfWeek(week[0] as string)).toBe(firstDay);
    }
    const flat = grid.flat();
    for (let index = 1; index < flat.length; index += 1) expect(flat[index]).toBe(addDays(flat[index - 1] as string, 1));
  });

  it('holds the 29th of a leap February', () => {
    expect(monthWeeks('2028-02-01', 1).flat()).toContain('2028-02-29');
    expect(monthWeeks('2027-02-01', 1).flat()).not.toContain('2027-02-29');
  });
});

describe('addMonths and shiftAnchor', () => {
  it.each([
    ['2026-11-25', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-31', -1, '2025-12-01'],
    ['2028-01-31', 1, '2028-02-01'],
    ['2026-11-25', -12, '2025-11-01'],
  ])('%s plus %i months is the month of %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('moves a week by seven days and a month to the first of the next', () => {
    expect(shiftAnchor('week', '2026-11-25', 1)).toBe('2026-12-02');
    expect(shiftAnchor('week', '2026-11-25', -1)).toBe('2026-11-18');
    expect(shiftAnchor('month', '2026-11-25', 1)).toBe('2026-12-01');
    expect(shiftAnchor('month', '2026-11-25', -1)).toBe('2026-10-01');
  });
});

describe('startOfLocalDay and dueWindow', () => {
  it.each([
    ['2026-11-25', 'Europe/Berlin', '2026-11-24T23:00:00.000Z'],
    ['2026-07-01', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
    // Daylight saving starts at 02:00 on 2026-03-29 and ends at 03:00 on 2026-10-25.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-11-25', 'UTC', '2026-11-25T00:00:00.000Z'],
    ['2026-11-25', 'America/New_York', '2026-11-25T05:00:00.000Z'],
    ['2026-11-25', 'Asia/Kolkata', '2026-11-24T18:30:00.000Z'],
  ])('%s begins in %s at %s', (date, zone, expected) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(expected);
  });

  it('a week across the end of daylight saving spans 7 days and one extra hour', () => {
    const { first, last } = visibleDays('week', '2026-10-21', 1);
    const window = dueWindow(first, last, 'Europe/Berlin');
    expect(window).toEqual({ due_after: '2026-10-18T21:59:59.999Z', due_before: '2026-10-25T23:00:00.000Z' });
    expect(Date.parse(window.due_before) - Date.parse(window.due_after) - 1).toBe((7 * 24 + 1) * 3_600_000);
  });

  it('a week across the start of daylight saving is one hour short', () => {
    const { first, last } = visibleDays('week', '2026-03-25', 1);
    const window = dueWindow(first, last, 'Europe/Berlin');
    expect(window).toEqual({ due_after: '2026-03-22T22:59:59.999Z', due_before: '2026-03-29T22:00:00.000Z' });
    expect(Date.parse(window.due_before) - Date.parse(window.due_after) - 1).toBe((7 * 24 - 1) * 3_600_000);
  });

  it('a date-only task (due at the end of its day) falls inside its day’s window', () => {
    const window = dueWindow('2026-11-27', '2026-11-27', 'Europe/Berlin');
    const endOfDay = '2026-11-27T22:59:59.999Z';
    expect(endOfDay > window.due_after && endOfDay < window.due_before).toBe(true);
  });
});

describe('agendaState', () => {
  it.each([
    ['view=week&date=2026-11-01', { view: 'week', date: '2026-11-01' }],
    ['view=month&date=2028-02-29', { view: 'month', date: '2028-02-29' }],
    ['', { view: 'month', date: '2026-11-25' }],
    ['view=year&date=2027-02-30', { view: 'month', date: '2026-11-25' }],
  ])('%s', (search, expected) => {
    expect(agendaState(new URLSearchParams(search), '2026-11-25')).toEqual(expected);
  });
});
