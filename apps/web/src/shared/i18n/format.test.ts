import { describe, expect, it } from 'vitest';
import { daysBetween, formatAmount, formatDate, formatDateTime, localDateOf, relativeDue } from './format.ts';

describe('format', () => {
  it.each([
    ['2026-11-25', 'DD.MM.YYYY', '25.11.2026'],
    ['2026-11-25', 'YYYY-MM-DD', '2026-11-25'],
    ['2026-11-25', 'MM/DD/YYYY', '11/25/2026'],
  ] as const)('formats %s as %s', (date, format, expected) => {
    expect(formatDate(date, format)).toBe(expected);
  });

  it('takes the local date in the user\'s zone, not UTC', () => {
    expect(localDateOf('2026-11-25T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-26');
    expect(localDateOf('2026-11-25T23:30:00Z', 'America/New_York')).toBe('2026-11-25');
  });

  it('counts whole days across the DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-11-26', '2026-11-23')).toBe(-3);
  });

  it('shows date and time in the zone', () => {
    expect(formatDateTime('2026-07-01T07:00:00Z', { language: 'de', timeZone: 'Europe/Berlin', dateFormat: 'DD.MM.YYYY' })).toBe('01.07.2026, 09:00');
  });

  it('formats amounts per language from decimal strings', () => {
    expect(formatAmount('1234.5', 'EUR', 'de').replace(/\s/g, ' ')).toBe('1.234,50 €');
    expect(formatAmount('1234.5', 'EUR', 'en')).toBe('€1,234.50');
  });

  it.each([
    ['2026-11-26', 'de', 'heute'],
    ['2026-11-27', 'de', 'morgen'],
    ['2026-11-29', 'de', 'noch 3 Tage'],
    ['2026-11-24', 'de', 'seit 2 Tagen fällig'],
    ['2026-11-29', 'en', '3 days left'],
    ['2026-11-25', 'en', 'due since yesterday'],
  ] as const)('says how far %s is (%s)', (due, language, expected) => {
    expect(relativeDue(due, '2026-11-26', language)).toBe(expected);
  });
});
