import { describe, expect, it } from 'vitest';
import { fromDbBool, fromDbJson, pgBigintToNumber, pgTimestampToIso, toDbInstant } from './values.ts';

describe('database values', () => {
  it.each([
    ['2026-01-25 22:59:59.999+00', '2026-01-25T22:59:59.999Z'],
    ['2026-01-25 23:59:59.999+01', '2026-01-25T22:59:59.999Z'],
    ['2026-01-25 22:00:00+00', '2026-01-25T22:00:00.000Z'],
    ['2026-01-25 16:29:59.5-05:30', '2026-01-25T21:59:59.500Z'],
  ])('reads timestamptz %s as %s', (text, iso) => {
    expect(pgTimestampToIso(text)).toBe(iso);
  });

  it('refuses timestamps that are not instants', () => {
    expect(() => pgTimestampToIso('infinity')).toThrow(/cannot be represented/);
    expect(() => pgTimestampToIso('yesterday')).toThrow(/unexpected/);
  });

  it('writes instants as fixed-width UTC text with milliseconds', () => {
    expect(toDbInstant(new Date(Date.UTC(2026, 0, 5, 3, 4, 5)))).toBe('2026-01-05T03:04:05.000Z');
    expect(() => toDbInstant(new Date('nope'))).toThrow(/invalid date/);
  });

  it('reads booleans and JSON from either dialect', () => {
    expect([fromDbBool(1), fromDbBool(0), fromDbBool(true), fromDbBool(false)]).toEqual([true, false, true, false]);
    expect(fromDbJson<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    expect(fromDbJson<{ a: number }>({ a: 1 })).toEqual({ a: 1 });
  });

  it('refuses bigints beyond the safe range', () => {
    expect(pgBigintToNumber('9007199254740991')).toBe(9007199254740991);
    expect(() => pgBigintToNumber('9007199254740993')).toThrow(/safe integer/);
  });
});
