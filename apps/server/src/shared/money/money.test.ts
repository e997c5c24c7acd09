import { describe, expect, it } from 'vitest';
import { currencyExponent, formatAmount, parseAmount } from './money.ts';

describe('money', () => {
  it.each([
    ['89.99', 'EUR', 8999],
    ['89.9', 'EUR', 8990],
    ['89', 'EUR', 8900],
    [89.99, 'EUR', 8999],
    [0.1, 'EUR', 10],
    ['-12.50', 'EUR', -1250],
    ['1500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
    [' 7.05 ', 'EUR', 705],
  ] as const)('parses %j %s to %i minor units', (input, currency, expected) => {
    expect(parseAmount(input, currency)).toBe(expected);
  });

  it.each([
    ['89.999', 'EUR', /more than 2 decimal places/],
    ['1,50', 'EUR', /decimal like/],
    ['abc', 'EUR', /decimal like/],
    ['', 'EUR', /decimal like/],
    ['1.5', 'JPY', /more than 0 decimal places/],
    [Number.NaN, 'EUR', /finite/],
    [1e21, 'EUR', /out of range/],
    ['99999999999999999999', 'EUR', /too large/],
    ['1.00', 'eur', /ISO 4217/],
  ] as const)('refuses %j %s', (input, currency, message) => {
    expect(() => parseAmount(input, currency)).toThrow(message);
  });

  it.each([
    [8999, 'EUR', '89.99'],
    [5, 'EUR', '0.05'],
    [-1250, 'EUR', '-12.50'],
    [0, 'EUR', '0.00'],
    [1500, 'JPY', '1500'],
    [1234, 'KWD', '1.234'],
  ] as const)('formats %i %s as %s', (minor, currency, expected) => {
    expect(formatAmount(minor, currency)).toBe(expected);
  });

  it('round-trips through the decimal string', () => {
    for (const minor of [1, 99, 100, 123456789, -42]) {
      expect(parseAmount(formatAmount(minor, 'EUR'), 'EUR')).toBe(minor);
    }
  });

  it('knows the exponent of common currencies', () => {
    expect([currencyExponent('EUR'), currencyExponent('JPY'), currencyExponent('CHF')]).toEqual([2, 0, 2]);
  });
});
