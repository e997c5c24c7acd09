import { describe, expect, it } from 'vitest';
import { isoDateFromCefact, isoDateFromXsd, isPositiveDecimal, isZeroDecimal, normaliseDecimal, normaliseIban, singleLine } from './values.models.ts';

describe('normaliseDecimal', () => {
  it.each([
    ['300.00', '300.00'],
    ['300', '300'],
    ['  42.5 ', '42.5'],
    ['+5', '5'],
    ['-8.79', '-8.79'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['007.10', '7.10'],
    ['0.00101', '0.00101'],
    ['-0.00', '0.00'],
    ['1.5E2', '150'],
    ['1.25e1', '12.5'],
    ['1.5E-2', '0.015'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseDecimal(raw)).toBe(expected);
  });

  it.each(['', ' ', '.', '1,234.56', '12 EUR', 'NaN', 'Infinity', '0x10', '1e999', '--1'])('refuses %j', (raw) => {
    expect(normaliseDecimal(raw)).toBeUndefined();
  });

  it('always yields a plain decimal', () => {
    for (const raw of ['1e5', '-2.50E+1', '9.99', '000', '-.5']) {
      expect(normaliseDecimal(raw)).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  it('tells zero and positive amounts apart', () => {
    expect(isZeroDecimal('0.00')).toBe(true);
    expect(isZeroDecimal('0.01')).toBe(false);
    expect(isZeroDecimal(undefined)).toBe(false);
    expect(isPositiveDecimal('0.01')).toBe(true);
    expect(isPositiveDecimal('-1')).toBe(false);
    expect(isPositiveDecimal('0')).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['20180305', '102', '2018-03-05'],
    ['20180305', undefined, '2018-03-05'],
    ['2018-03-05', '102', '2018-03-05'],
    ['20240229', '102', '2024-02-29'],
    ['20230229', '102', undefined],
    ['20181301', '102', undefined],
    ['201803', '610', undefined],
    ['201810', '616', undefined],
  ])('CEFACT %j format %j -> %j', (raw, format, expected) => {
    expect(isoDateFromCefact(raw, format)).toBe(expected);
  });

  it.each([
    ['2026-01-25', '2026-01-25'],
    ['2026-01-25Z', '2026-01-25'],
    ['2026-01-25+01:00', '2026-01-25'],
    ['2026-01-25T10:00:00', '2026-01-25'],
    ['25.01.2026', undefined],
    ['2026-02-30', undefined],
  ])('xsd:date %j -> %j', (raw, expected) => {
    expect(isoDateFromXsd(raw)).toBe(expected);
  });
});

describe('text normal forms', () => {
  it('writes IBANs without spaces in upper case', () => {
    expect(normaliseIban(' de02 1203 0000 0000 2020 51 ')).toBe('DE02120300000000202051');
    expect(normaliseIban('  ')).toBeUndefined();
  });

  it('puts a wrapped name on one line', () => {
    expect(singleLine('MVM Musterhafter\n   Versicherungsverein a.G. ')).toBe('MVM Musterhafter Versicherungsverein a.G.');
    expect(singleLine(' \n ')).toBeUndefined();
  });
});
