import { describe, expect, it } from 'vitest';
import { earliestEndFrom, isBoundary, isCalendarDate, latestNoticeDay, monthsBetween, nextBoundary, noticePeriodEnd, termEnd, type Period } from './periods.models.ts';

const months = (amount: number): Period => ({ amount, unit: 'months' });
const weeks = (amount: number): Period => ({ amount, unit: 'weeks' });
const days = (amount: number): Period => ({ amount, unit: 'days' });

describe('termEnd: the start day counts, the term ends the day before the anniversary day', () => {
  it.each([
    ['2025-03-01', 12, '2026-02-28'],
    // the day before 01.03.2028 is the leap day
    ['2027-03-01', 12, '2028-02-29'],
    ['2026-01-01', 12, '2026-12-31'],
    ['2025-12-01', 3, '2026-02-28'],
    ['2026-01-15', 1, '2026-02-14'],
    ['2025-03-15', 24, '2027-03-14'],
    // the 30th would end it, February has none: its last day (§ 188(3))
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-31', 2, '2026-03-30'],
    ['2026-01-31', 3, '2026-04-30'],
    // a leap-day start: the day before "29.02." is the 28th, which every February has
    ['2028-02-29', 12, '2029-02-28'],
    ['2024-02-29', 48, '2028-02-28'],
  ] as const)('%s + %i months ends %s', (start, count, end) => {
    expect(termEnd(start, count)).toBe(end);
  });
});

describe('latestNoticeDay: counted back from the day the termination takes effect', () => {
  it.each([
    // "3 Monate zum 31.05." must arrive by the end of February
    ['2026-05-31', months(3), '2026-02-28'],
    ['2028-05-31', months(3), '2028-02-29'],
    // a month end: the whole month counts, 31.03. + 3 months is clamped to 30.06.
    ['2026-06-30', months(3), '2026-03-31'],
    ['2026-12-31', months(3), '2026-09-30'],
    ['2026-02-28', months(1), '2026-01-31'],
    // 28.02.2028 is no month end: the same day one month earlier
    ['2028-02-28', months(1), '2028-01-28'],
    ['2028-02-29', months(1), '2028-01-31'],
    // no 29.02. in 2026: clamped
    ['2026-05-29', months(3), '2026-02-28'],
    ['2028-05-29', months(3), '2028-02-29'],
    ['2026-02-14', months(3), '2025-11-14'],
    ['2027-09-30', months(6), '2027-03-31'],
    // 31.03. - 42 days: 30 back to 01.03., 12 more into February
    ['2026-03-31', weeks(6), '2026-02-17'],
    ['2028-03-31', weeks(6), '2028-02-18'],
    ['2026-01-15', weeks(4), '2025-12-18'],
    ['2026-01-31', days(14), '2026-01-17'],
    ['2028-02-29', days(14), '2028-02-15'],
  ] as const)('ending %s with %j: arrive by %s', (end, period, last) => {
    expect(latestNoticeDay(end, period)).toBe(last);
  });
});

describe('the earliest end of a notice that may take effect on any day', () => {
  it.each([
    ['2026-01-15', months(1), '2026-02-15'],
    // 30.01. + 1 month has no 30.02.: 28.02.; a notice on 31.01. still makes it
    ['2026-01-30', months(1), '2026-02-28'],
    ['2026-01-31', months(1), '2026-02-28'],
    ['2028-01-31', months(1), '2028-02-29'],
    ['2026-02-28', months(1), '2026-03-28'],
    ['2026-03-10', weeks(4), '2026-04-07'],
    ['2026-03-10', days(14), '2026-03-24'],
  ] as const)('notice arriving %s with %j ends %s', (arrival, period, end) => {
    expect(earliestEndFrom(arrival, period)).toBe(end);
    expect(latestNoticeDay(end, period) >= arrival).toBe(true);
  });

  it('counts the notice period forwards from the day after arrival', () => {
    expect(noticePeriodEnd('2026-01-31', months(1))).toBe('2026-02-28');
    expect(noticePeriodEnd('2026-01-17', days(14))).toBe('2026-01-31');
  });
});

describe('calendar boundaries', () => {
  it.each([
    ['2026-02-10', 'month', '2026-02-28'],
    ['2028-02-10', 'month', '2028-02-29'],
    ['2026-02-10', 'quarter', '2026-03-31'],
    ['2026-03-31', 'quarter', '2026-03-31'],
    ['2026-04-01', 'quarter', '2026-06-30'],
    ['2026-02-10', 'year', '2026-12-31'],
  ] as const)('the first %s end on or after %s is %s', (from, boundary, end) => {
    expect(nextBoundary(from, boundary)).toBe(end);
  });

  it('knows which days are boundaries', () => {
    expect(isBoundary('2026-06-30', 'quarter')).toBe(true);
    expect(isBoundary('2026-05-31', 'quarter')).toBe(false);
    expect(isBoundary('2026-05-31', 'month')).toBe(true);
    expect(isBoundary('2026-12-31', 'year')).toBe(true);
  });

  it('counts calendar months between two dates, ignoring the days', () => {
    expect(monthsBetween('2025-01-31', '2025-02-01')).toBe(1);
    expect(monthsBetween('2019-03-01', '2026-01-10')).toBe(82);
    expect(monthsBetween('2026-05-01', '2026-03-31')).toBe(-2);
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('01.03.2025')).toBe(false);
  });
});
