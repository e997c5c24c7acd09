import { describe, expect, it } from 'vitest';
import { addDays, detectDateOrder, findDates, maskDates, parseDate } from './dates.models.ts';

describe('parseDate', () => {
  it.each([
    ['25.01.2026', '2026-01-25'],
    ['25.1.26', '2026-01-25'],
    ['01.09.13', '2013-09-01'],
    ['14. März 2026', '2026-03-14'],
    ['14 Mär 2026', '2026-03-14'],
    ['6. Januar 2026', '2026-01-06'],
    ['2026-01-25', '2026-01-25'],
    ['January 14, 2026', '2026-01-14'],
    ['August 3 , 2014', '2014-08-03'],
    ['14 Jan 2026', '2026-01-14'],
    ['14/01/2026', '2026-01-14'],
    ['20-10-2015', '2015-10-20'],
    // day-first, but a month 14 does not exist: then it is month-first
    ['01/14/2026', '2026-01-14'],
    ['29.02.2024', '2024-02-29'],
    ['29.02.2023', undefined],
    ['31.04.2026', undefined],
    ['2.1.1', undefined],
    ['Marktstr. 153 2026', undefined],
    // OCR noise: a space after an ISO hyphen, a year touching the clock time
    ['2016- 07-31 13:48', '2016-07-31'],
    ['01-06-201818:05', '2018-06-01'],
    ['01-06-201818', undefined],
    ['Date : 01-06-201818: at;8', '2018-06-01'],
    ['01-06-301818: at', undefined],
    // OCR reads the day's point as a comma
    ['30, Juli 2025', '2025-07-30'],
    ['01-06-20181', undefined],
    ['1-2016-07-31', undefined],
    ['Mittwoch, 18.02. 2026', '2026-02-18'],
    ['bis zum 15. 02. 2026 ab', '2026-02-15'],
    ['18. 02.2026', '2026-02-18'],
    ['1. 2. 24', undefined],
  ])('%s is %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads slash dates month-first for an American document', () => {
    expect(parseDate('02/03/2026', 'mdy')).toBe('2026-02-03');
    expect(parseDate('02/03/2026', 'dmy')).toBe('2026-03-02');
  });

  it('finds every date of a line, in order, with positions', () => {
    const tokens = findDates('Leistungszeitraum 01.01.2026 bis 31.01.2026');
    expect(tokens.map((token) => [token.iso, token.start])).toEqual([
      ['2026-01-01', 18],
      ['2026-01-31', 33],
    ]);
  });

  it('masks dates and clock times so their digits are not read as amounts', () => {
    expect(maskDates('Datum: 30.10.2024 Zeit: 04:59:13 Betrag 5,00')).toBe(`Datum: ${' '.repeat(10)} Zeit: ${' '.repeat(8)} Betrag 5,00`);
  });
});

describe('detectDateOrder', () => {
  it.each([
    ['Invoice date 01/14/2026', false, 'mdy'],
    ['Date 14/01/2026', true, 'dmy'],
    ['Date 02/03/2026', true, 'mdy'],
    ['Date 02/03/2026', false, 'dmy'],
  ] as const)('%s (American: %s) is %s', (text, american, order) => {
    expect(detectDateOrder(text, american)).toBe(order);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-14', 14, '2026-01-28'],
    ['2026-02-20', 14, '2026-03-06'],
    ['2024-02-20', 14, '2024-03-05'],
    ['2025-12-20', 30, '2026-01-19'],
    ['2026-01-14', 0, '2026-01-14'],
  ] as const)('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
