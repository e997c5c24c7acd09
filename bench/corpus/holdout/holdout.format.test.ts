import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, weekdayIndex } from './holdout.dates.ts';
import { formatAmount, formatDate, formatTime, numberWord } from './holdout.format.ts';
import { isWorkingDay, nextWorkingDay } from './holdout.holidays.ts';
import { germanIban, ibanIsValid } from './holdout.names.ts';
import { createRng } from './holdout.random.ts';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

describe('printing', () => {
  it.each([
    ['numeric', '05.03.2026'],
    ['numeric_short', '5.3.2026'],
    ['numeric_2digit', '05.03.26'],
    ['long', '5. März 2026'],
    ['iso', '2026-03-05'],
  ] as const)('date style %s', (style, expected) => {
    expect(plain(formatDate('2026-03-05', style))).toBe(expected);
  });

  it.each([
    ['de_symbol', '1.234,56 €'],
    ['eur_prefix', 'EUR 1234,56'],
    ['spaced_eur', '1 234,56 EUR'],
    ['de_eur', '1.234,56 EUR'],
    ['symbol_prefix', '€ 1.234,56'],
  ] as const)('amount style %s', (style, expected) => {
    expect(plain(formatAmount(123456, style))).toBe(expected);
  });

  it('prints small amounts and negative ones', () => {
    expect(plain(formatAmount(5, 'de_symbol'))).toBe('0,05 €');
    expect(plain(formatAmount(-123400, 'de_eur'))).toBe('-1.234,00 EUR');
  });

  it('prints times and number words', () => {
    expect(plain(formatTime(9, 5, 'colon'))).toBe('9:05 Uhr');
    expect(plain(formatTime(9, 30, 'dot'))).toBe('09.30 Uhr');
    expect(plain(formatTime(14, 0, 'bare'))).toBe('14 Uhr');
    expect(numberWord(14)).toBe('vierzehn');
    expect(numberWord(45)).toBe('45');
  });
});

describe('calendar', () => {
  it('knows weekdays, month arithmetic and leap days', () => {
    expect(weekdayIndex('2026-03-05')).toBe(3); // Thursday
    expect(weekdayIndex('2024-02-29')).toBe(3);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsClamped('2025-11-30', 3)).toBe('2026-02-28');
  });

  it.each([
    ['2026-04-03', false], // Good Friday
    ['2026-04-06', false], // Easter Monday
    ['2026-05-14', false], // Ascension
    ['2026-05-25', false], // Whit Monday
    ['2025-10-03', false], // Day of German Unity (a Friday)
    ['2026-03-07', false], // Saturday
    ['2026-05-15', true],
    ['2025-12-24', true],
  ])('%s is a working day: %s', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });

  it('moves to the next working day', () => {
    expect(nextWorkingDay('2026-04-03')).toBe('2026-04-07');
    expect(nextWorkingDay('2025-12-25')).toBe('2025-12-29');
  });
});

describe('IBANs', () => {
  it('are valid German IBANs', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i += 1) {
      const iban = germanIban(rng);
      expect(iban).toMatch(/^DE\d{20}$/);
      expect(ibanIsValid(iban)).toBe(true);
    }
    expect(ibanIsValid('DE89370400440532013000')).toBe(true);
    expect(ibanIsValid('DE89370400440532013001')).toBe(false);
  });
});
