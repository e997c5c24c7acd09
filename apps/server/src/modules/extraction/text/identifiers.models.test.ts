import { describe, expect, it } from 'vitest';
import { findCustomerNumber, findInvoiceNumber, findTaxNumber, findVatId } from './identifiers.models.ts';
import { buildLayout } from './layout.models.ts';

const numberOf = (text: string) => findInvoiceNumber(buildLayout(text))?.value;

describe('findInvoiceNumber', () => {
  it.each([
    ['Rechnungsnummer: RE-2026/0815', 'RE-2026/0815'],
    ['Rechnungs-Nr.   4711', '4711'],
    ['Rechnung Nr. 42', '42'],
    ['Rg.-Nr. 2026-17', '2026-17'],
    ['Beleg-Nr        : R87654321012345', 'R87654321012345'],
    ['Invoice Number:        42183017', '42183017'],
    ['Invoice No : # BLR_WFLD20151000982590', 'BLR_WFLD20151000982590'],
    ['Facture n° 2022089083', '2022089083'],
    ['Handelsrechnung (380) Nr. 471102 vom 05.03.2018', '471102'],
    ['Rechnung des Versicherers (575) Nr. 01.234.567.8-2018-1 vom 06.12.2018', '01.234.567.8-2018-1'],
    ['Mietrechnung Nr. 9314110911/00/M/00/N vom 01.10.2018', '9314110911/00/M/00/N'],
    ['Rechnungsnummer\n80333 München        471102', '471102'],
    ['Max Mustermann        Rechnungsnummer\nMusterweg 1        RE-1001', 'RE-1001'],
    ['Avoir AV-2017-0005', 'AV-2017-0005'],
    ['Rechnungsnummer   1234 5678 9012', '1234 5678 9012'],
  ])('%j -> %s', (text, number) => {
    expect(numberOf(text)).toBe(number);
  });

  it.each([
    ['Ursprungsbeleg-Nr  : R87654321012345'],
    ['N° DE FACTURE ASSOCIÉE : F20220003'],
    ['Rechnung gemäß Bestellung Nr. 4711'],
    ['Jahresabrechnung 2025'],
    ['Rechnungsnummer: siehe oben'],
  ])('no invoice number in %j', (text) => {
    expect(numberOf(text)).toBeUndefined();
  });

  it('is less sure when the heading and a sentence name different numbers', () => {
    const text = 'Handelsrechnung Nr. E2018092011804 vom 20.09.2018\nBei Schriftwechsel bitte Belegnummer 2018092011804 angeben';
    const found = findInvoiceNumber(buildLayout(text));
    expect(found?.value).toBe('E2018092011804');
    expect(found?.confidence).toBeLessThan(0.8);
  });
});

describe('customer number, VAT ID and tax number', () => {
  it.each([
    ['Kundennummer: K-55', 'K-55'],
    ['Kunden-Nr. : 009420', '009420'],
    ['Customer No. 77-1', '77-1'],
  ])('customer number in %j is %s', (text, value) => {
    expect(findCustomerNumber(buildLayout(text))?.value).toBe(value);
  });

  it.each([
    ['USt.-Id.-Nr.:        DE136695976', 'DE136695976'],
    ['USt-IdNr. DE 123 475 223', 'DE123475223'],
    ['VAT-ID: DE136695976', 'DE136695976'],
    ['N° TVA : FR 11 123 456 782', 'FR11123456782'],
  ])('VAT ID in %j is %s', (text, value) => {
    expect(findVatId(buildLayout(text))?.value).toBe(value);
  });

  it('does not take the customer VAT ID as the seller one', () => {
    expect(findVatId(buildLayout('N° TVA client FR19787878784'))).toBeUndefined();
  });

  it.each([
    ['Steuernummer:        201/113/40209', '201/113/40209'],
    ['Steuer-Nr     : 5133081508159', '5133081508159'],
    ['St.-Nr. 143/123/45678', '143/123/45678'],
  ])('tax number in %j is %s', (text, value) => {
    expect(findTaxNumber(buildLayout(text))?.value).toBe(value);
  });
});
