import { describe, expect, it } from 'vitest';
import { InvalidSnoozeError, snoozeUntil } from './reminders.snooze.models.ts';

const zone = 'Europe/Berlin';
const morning = '08:00';

describe('snoozeUntil', () => {
  it.each([
    ['15m', '2026-11-26T10:00:00.000Z', '2026-11-26T10:15:00.000Z'],
    ['1h', '2026-11-26T10:00:00.000Z', '2026-11-26T11:00:00.000Z'],
    ['3h', '2026-11-26T22:30:00.000Z', '2026-11-27T01:30:00.000Z'],
    // 26 Nov is a Thursday; Berlin is UTC+1 in winter.
    ['tomorrow', '2026-11-26T22:30:00.000Z', '2026-11-27T07:00:00.000Z'],
    ['tomorrow', '2026-11-26T10:00:00.000Z', '2026-11-27T07:00:00.000Z'],
    ['next_week', '2026-11-26T10:00:00.000Z', '2026-11-30T07:00:00.000Z'],
    // Saturday 28 March 2026, the night before summer time: Sunday morning is UTC+2.
    ['tomorrow', '2026-03-28T12:00:00.000Z', '2026-03-29T06:00:00.000Z'],
    ['2026-11-27T09:30:00+01:00', '2026-11-26T10:00:00.000Z', '2026-11-27T08:30:00.000Z'],
  ])('%s at %s -> %s', (until, now, expected) => {
    expect(snoozeUntil({ until, now: new Date(now), zone, morning }).toISOString()).toBe(expected);
  });

  it.each([
    ['later', /must be one of/],
    ['2026-11-27', /must be one of/],
    ['2026-11-25T09:00:00Z', /not in the future/],
    ['2027-02-01T09:00:00Z', /more than 30 days/],
  ])('refuses %s', (until, message) => {
    expect(() => snoozeUntil({ until, now: new Date('2026-11-26T10:00:00.000Z'), zone, morning })).toThrow(InvalidSnoozeError);
    expect(() => snoozeUntil({ until, now: new Date('2026-11-26T10:00:00.000Z'), zone, morning })).toThrow(message);
  });
});
