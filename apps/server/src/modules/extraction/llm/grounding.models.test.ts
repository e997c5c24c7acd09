import { describe, expect, it } from 'vitest';
import { amountPrinted, groundingText, printedIn } from './grounding.models.ts';

describe('amounts printed in the text', () => {
  it.each([
    ['Gesamtbetrag 1.234,56 €', '1234.56', true],
    ['Total: EUR 1,234.56', '1234.56', true],
    ['Summe 1 234,56 EUR', '1234.56', true],
    ['Summe 1\u00a0234,56 EUR', '1234.56', true],
    ["Betrag CHF 1'234.50", '1234.50', true],
    ['Zu zahlen: 1234,56', '1234.56', true],
    ['Gutschrift -89,99 €', '-89.99', true],
    ['Mahngebühr 5,00 €', '5.00', true],
    ['Mahngebühr 5,- €', '5.00', true],
    ['Gebühr 5 Euro', '5.00', true],
    ['Gebühr 12,50 €', '12.00', false],
    ['Gesamt 189,99 €', '89.99', false],
    ['Gesamt 89,999 kg', '89.99', false],
    ['Summe 1.234,56 €', '234.56', false],
    ['Datum 12.03.2026', '12.00', false],
    ['Rechnung vom 14.03.2026 über 1.234,56 €', '14.03', false],
    ['nothing here', '1.00', false],
    ['Betrag 1.234,56', 'twelve', false],
  ])('%s contains %s: %s', (text, amount, expected) => {
    expect(amountPrinted(groundingText(text), amount)).toBe(expected);
  });
});

describe('identifiers printed in the text', () => {
  it.each([
    ['IBAN DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', true],
    ['Rechnungsnummer: RE-2026-\n0042', 're-2026-0042', true],
    ['Rechnungsnummer: RE-2026-0042', 'RE-2026-0043', false],
    ['Rechnungsnummer: RE-2026-0042', '   ', false],
  ])('%j contains %s: %s', (text, value, expected) => {
    expect(printedIn(groundingText(text), value)).toBe(expected);
  });
});
