import { describe, expect, it } from 'vitest';
import { canonicalMoney, detectDecimalMark, findAmounts, isMoney, parseNumber, toCents } from './numbers.models.ts';

describe('detectDecimalMark', () => {
  it.each([
    ['Summe 1.234,56 €\nMwSt 19,00', ','],
    ['Total $1,234.56\nTax 12.50', '.'],
    ['Preis 0,0520 je kWh', ','],
    ['Unit price 0.025', '.'],
    // "1.000" alone could be either: German wins without evidence; dates do not count.
    ['Menge 1.000\nDatum 05.03.2018', ','],
    ['', ','],
  ])('%j uses %s', (text, mark) => {
    expect(detectDecimalMark(text)).toBe(mark);
  });
});

describe('parseNumber', () => {
  it.each([
    ['1.234,56', ',', '1234.56'],
    ['1234,5', ',', '1234.5'],
    ['1.000', ',', '1000'],
    ['0,00', ',', '0.00'],
    ['1,234.56', '.', '1234.56'],
    ['1,000', '.', '1000'],
    ['0.025', '.', '0.025'],
    // a number with both marks shows its own convention
    ['1.234,56', '.', '1234.56'],
    ["1'234.50", '.', '1234.50'],
    ['12.34.56', ',', undefined],
    ['1.23', ',', undefined],
    ['12,3456789', ',', undefined],
  ] as const)('%s with mark %s is %s', (raw, mark, expected) => {
    expect(parseNumber(raw, mark)).toBe(expected);
  });
});

describe('findAmounts', () => {
  const values = (line: string, mark: ',' | '.' = ',') => findAmounts(line, mark).map((token) => [token.value, token.currency ?? null, token.percent]);
  it.each([
    ['Gesamtbetrag 1.234,56 €', [['1234.56', 'EUR', false]]],
    ['Gesamtbetrag EUR 1.234,56', [['1234.56', 'EUR', false]]],
    ['Bruttosumme        -8,79', [['-8.79', null, false]]],
    ['Gutschrift 49,99-', [['-49.99', null, false]]],
    ['Umsatzsteuer 19 %   6,38', [['19', null, true], ['6.38', null, false]]],
    ['Grand Total   Rs 1939', [['1939', 'INR', false]]],
    ['(35,13 €)', [['35.13', 'EUR', false]]],
    // identifiers, units and words are no amounts
    ['RK21012345 Zitronensäure 100ml', []],
    ['Art-Nr-4711', []],
    // thousands grouped with single spaces (DIN 5008), with cents
    ['au capital de 120 000,00 €', [['120000.00', 'EUR', false]]],
    ['Gesamtbetrag 1 250,00 EUR', [['1250.00', 'EUR', false]]],
    ['Summe netto 12 345 678,90', [['12345678.90', null, false]]],
    // table columns stand further apart: a quantity and a price stay two numbers
    ['Notenmaterial   1  250,00   250,00', [['1', null, false], ['250.00', null, false], ['250.00', null, false]]],
    // no cents: a number grouped with a space is not read as one (its tail is unknowable)
    ['Kundennummer 120 000', [['120', null, false]]],
  ] as const)('%s', (line, expected) => {
    expect(values(line)).toEqual(expected);
  });

  it('reads English amounts with the dot mark', () => {
    expect(values('Total   $1,296.00', '.')).toEqual([['1296.00', 'USD', false]]);
    expect(values('Total   1 296.00', '.')).toEqual([['1296.00', null, false]]);
  });

  it('tells money from other numbers', () => {
    const [price, integer, euros] = findAmounts('9,90  20  300 €', ',');
    expect([isMoney(price!), isMoney(integer!), isMoney(euros!)]).toEqual([true, false, true]);
  });
});

describe('cents', () => {
  it.each([
    ['-8.79', -879n],
    ['18310.63', 1831063n],
    ['0.025', undefined],
    ['abc', undefined],
  ] as const)('%s is %s cents', (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it('writes money with two decimals and no negative zero', () => {
    expect([canonicalMoney('-0.00'), canonicalMoney('5'), canonicalMoney('12.5')]).toEqual(['0.00', '5.00', '12.50']);
  });
});
