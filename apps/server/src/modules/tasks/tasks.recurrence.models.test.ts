import { describe, expect, it } from 'vitest';
import { endOfLocalDate } from '../../shared/dates/deadlines.ts';
import { fromRRule, nextOccurrence, nthOccurrence, toRRule, UnsupportedRRuleError, type RecurrenceRule } from './tasks.recurrence.models.ts';

const BERLIN = 'Europe/Berlin';
const rule = (overrides: Partial<RecurrenceRule>): RecurrenceRule => ({ frequency: 'monthly', interval: 1, end_date: null, occurrences_count: null, anchor: 'due', ...overrides });
const iso = (date: Date) => date.toISOString();

describe('occurrences anchored to the due date (Europe/Berlin)', () => {
  it.each([
    ['monthly on the 31st keeps the 31st where a month has one', rule({}), '2026-01-31T09:00:00.000Z', [2, 3, 4, 5], ['2026-02-28T09:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z', '2026-05-31T08:00:00.000Z']],
    ['yearly on Feb 29 comes back in leap years', rule({ frequency: 'yearly' }), '2024-02-29T11:00:00.000Z', [2, 3, 4, 5], ['2025-02-28T11:00:00.000Z', '2026-02-28T11:00:00.000Z', '2027-02-28T11:00:00.000Z', '2028-02-29T11:00:00.000Z']],
    ['daily at 09:00 stays 09:00 across the spring change', rule({ frequency: 'daily' }), '2026-03-28T08:00:00.000Z', [2, 3], ['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']],
    ['weekly at 10:00 stays 10:00 across the autumn change', rule({ frequency: 'weekly' }), '2026-10-19T08:00:00.000Z', [2, 3], ['2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z']],
    ['every 2 months', rule({ interval: 2 }), '2026-01-15T09:00:00.000Z', [2, 3, 4], ['2026-03-15T09:00:00.000Z', '2026-05-15T08:00:00.000Z', '2026-07-15T08:00:00.000Z']],
    ['a date-only deadline on the 31st stays the end of the day', rule({}), iso(endOfLocalDate('2026-01-31', BERLIN)), [2, 3], [iso(endOfLocalDate('2026-02-28', BERLIN)), iso(endOfLocalDate('2026-03-31', BERLIN))]],
    ['a date-only deadline across the spring change stays the end of the day', rule({ frequency: 'daily' }), iso(endOfLocalDate('2026-03-28', BERLIN)), [2, 3], [iso(endOfLocalDate('2026-03-29', BERLIN)), iso(endOfLocalDate('2026-03-30', BERLIN))]],
  ])('%s', (_label, series, first, indexes, expected) => {
    expect(indexes.map((n) => iso(nthOccurrence(series, new Date(first), n, BERLIN)))).toEqual(expected);
  });
});

describe('the next instance', () => {
  const base = { firstDue: new Date('2026-01-31T09:00:00.000Z'), previousDue: new Date('2026-01-31T09:00:00.000Z'), completedIndex: 1, completedAt: new Date('2026-01-30T18:00:00.000Z'), timeZone: BERLIN, now: new Date('2026-01-30T18:00:00.000Z') };

  it('follows the series', () => {
    expect(nextOccurrence({ ...base, rule: rule({}) })).toEqual({ index: 2, due: new Date('2026-02-28T09:00:00.000Z'), overdue: false });
  });

  it.each([
    ['COUNT counts the first occurrence', rule({ occurrences_count: 2 }), 2, null],
    ['COUNT allows the last one', rule({ occurrences_count: 3 }), 2, 3],
    ['an end date stops the series', rule({ end_date: new Date('2026-03-30T00:00:00.000Z') }), 2, null],
    ['an end date on the occurrence keeps it', rule({ end_date: new Date('2026-03-31T08:00:00.000Z') }), 2, 3],
  ])('%s', (_label, series, completedIndex, expectedIndex) => {
    expect(nextOccurrence({ ...base, rule: series, completedIndex })?.index ?? null).toBe(expectedIndex);
  });

  it('says when the next instance would already be overdue', () => {
    const late = nextOccurrence({ ...base, rule: rule({}), completedAt: new Date('2026-03-10T10:00:00.000Z'), now: new Date('2026-03-10T10:00:00.000Z') });
    expect(late).toEqual({ index: 2, due: new Date('2026-02-28T09:00:00.000Z'), overdue: true });
  });

  it('counts from the completion when anchored to it, keeping the time of day', () => {
    const next = nextOccurrence({ ...base, rule: rule({ frequency: 'weekly', anchor: 'completion' }), completedAt: new Date('2026-03-26T16:00:00.000Z'), now: new Date('2026-03-26T16:00:00.000Z') });
    // done on Thursday 26 March; the task was due at 10:00 local; next Thursday 10:00 is summer time
    expect(next).toEqual({ index: 2, due: new Date('2026-04-02T08:00:00.000Z'), overdue: false });
  });
});

describe('RRULE', () => {
  it.each([
    ['FREQ=MONTHLY', { frequency: 'monthly', interval: 1, occurrences_count: null, end_date: null }],
    ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=10', { frequency: 'weekly', interval: 2, occurrences_count: 10, end_date: null }],
    ['FREQ=YEARLY;UNTIL=20301231T235959Z', { frequency: 'yearly', interval: 1, occurrences_count: null, end_date: new Date('2030-12-31T23:59:59.000Z') }],
    ['FREQ=DAILY;UNTIL=20261231;WKST=MO', { frequency: 'daily', interval: 1, occurrences_count: null, end_date: new Date('2026-12-31T23:59:59.000Z') }],
  ])('reads %s', (text, expected) => {
    expect(fromRRule(text)).toEqual(expected);
  });

  it.each([
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', ['BYMONTHDAY']],
    ['FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9', ['BYDAY', 'BYHOUR']],
    ['FREQ=HOURLY', ['FREQ=HOURLY']],
    ['FREQ=DAILY;INTERVAL=0', ['INTERVAL=0']],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231', ['COUNT with UNTIL']],
  ])('names what it cannot honour in %s', (text, parts) => {
    const error = (() => {
      try {
        fromRRule(text);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedRRuleError);
    expect((error as UnsupportedRRuleError).parts).toEqual(parts);
  });

  it('writes what it reads', () => {
    for (const text of ['FREQ=MONTHLY', 'FREQ=WEEKLY;INTERVAL=2;COUNT=10', 'FREQ=YEARLY;UNTIL=20301231T235959Z']) {
      expect(toRRule(fromRRule(text))).toBe(text);
    }
  });
});
