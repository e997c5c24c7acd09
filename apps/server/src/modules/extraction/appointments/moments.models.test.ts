import { describe, expect, it } from 'vitest';
import { findDays, findTimes, weekdayOf, yearOnOrAfter } from './moments.models.ts';

const day = (text: string) => findDays(text).map(({ day: d, month, year, weekday }) => ({ d, month, year, weekday }));

describe('findDays', () => {
  it.each([
    ['Dienstag, 14.04.2026', { d: 14, month: 4, year: 2026, weekday: 2 }],
    ['am 14. April 2026', { d: 14, month: 4, year: 2026, weekday: undefined }],
    ['Termin am 14.4. um 14 Uhr', { d: 14, month: 4, year: undefined, weekday: undefined }],
    ['Di., 14.04.', { d: 14, month: 4, year: undefined, weekday: 2 }],
    ['Donnerstag, den 7. Mai', { d: 7, month: 5, year: undefined, weekday: 4 }],
    ['14.04.2026 (Mi)', { d: 14, month: 4, year: 2026, weekday: 3 }],
    ['on Tuesday, 14 April 2026', { d: 14, month: 4, year: 2026, weekday: 2 }],
    ['May 12, 2026', { d: 12, month: 5, year: 2026, weekday: undefined }],
    ['the 12th of May', { d: 12, month: 5, year: undefined, weekday: undefined }],
    ['Friday 3rd July 2026', { d: 3, month: 7, year: 2026, weekday: 5 }],
    ['12.05.26', { d: 12, month: 5, year: 2026, weekday: undefined }],
  ])('%j', (text, expected) => {
    expect(day(text)).toEqual([expected]);
  });

  it.each([
    ['Raum 1.12. im Erdgeschoss'],
    ['Kosten 12.50 €'],
    ['31.02.'],
    ['um 9.30 Uhr'],
  ])('%j is no day', (text) => {
    expect(findDays(text)).toEqual([]);
  });
});

const time = (text: string) => findTimes(text).map(({ hour, minute, range }) => ({ hour, minute, range }));

describe('findTimes', () => {
  it.each([
    ['09:30 Uhr', 9, 30, false],
    ['um 9.30 Uhr', 9, 30, false],
    ['um 14 Uhr', 14, 0, false],
    ['um 10:15 h', 10, 15, false],
    ['16h30', 16, 30, false],
    ['9:30', 9, 30, false],
    ['at 9:30 am', 9, 30, false],
    ['at 2:45 p.m.', 14, 45, false],
    ['3.15pm', 15, 15, false],
    ['12 pm', 12, 0, false],
    ['12:30 am', 0, 30, false],
    ['08 : 45 Uhr', 8, 45, false],
    ['14:00-14:30', 14, 0, true],
    ['zwischen 8 und 12 Uhr', 8, 0, true],
    ['von 9.00 bis 11.00 Uhr', 9, 0, true],
    ['8-12 Uhr', 8, 0, true],
    ['from 9 to 11 am', 9, 0, true],
    ['from 11 to 1 pm', 11, 0, true],
    ['ab 8 h', 8, 0, false],
  ])('%j', (text, hour, minute, range) => {
    expect(time(text)).toEqual([{ hour, minute, range }]);
  });

  it.each([
    ['Dauer ca. 1 h'],
    ['Raum 2.14'],
    ['Seite 1 von 2'],
    ['8-12'],
    ['um 9 am Dienstag'.replace('um 9 ', 'Zimmer 9 ')],
    ['25:00 Uhr'],
  ])('%j is no clock time', (text) => {
    expect(findTimes(text)).toEqual([]);
  });
});

describe('yearOnOrAfter', () => {
  it.each([
    [14, 4, '2026-03-20', 2026],
    [8, 1, '2025-12-15', 2026],
    [15, 12, '2025-12-15', 2025],
    [14, 12, '2025-12-15', 2026],
    [29, 2, '2026-01-10', 2028],
  ])('%i.%i. after %s', (d, month, reference, year) => {
    expect(yearOnOrAfter(d, month, reference)).toBe(year);
  });

  it('knows the weekdays', () => {
    expect(weekdayOf(2026, 4, 14)).toBe(2);
    expect(weekdayOf(2026, 3, 1)).toBe(7);
  });
});
