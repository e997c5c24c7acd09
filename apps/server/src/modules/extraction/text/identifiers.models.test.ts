import { describe, expect, it } from 'vitest';
import { findCustomerNumber, findInvoiceNumber, findTaxNumber, findVatId } from './identifiers.models.ts';
import { buildLayout } from './layout.models.ts';

const numberOf = (text: string) => findInvoiceNumber(buildLayout(text))?.value;

describe('findInvoiceNumber', () => {
  it.each([
    ['Rechnungsnummer: RE-2026/0815', 'RE-2026/0815'],
    // a heading cut short by an OCR gap supports the whole number beside it
    ['Rechnungs-Nr.   26-1835-LY\nRechnung Nr. 26-1835-L Y', '26-1835-LY'],
    ['Rechnungs-Nr.   2026/83831\nRechnung Nr. 2026/ 83831', '2026/83831'],
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
    ['Rechnungsnr.: 2026/0042', '2026/0042'],
    ['Rechnungsnummer: Nr. 4711', '4711'],
    ['Invoice: # 42-A', '42-A'],
    ['Rechnungsnummer: NO12345', 'NO12345'],
    ['RE-Nr. R26-0099', 'R26-0099'],
    ['Re.-Nr.: 88123', '88123'],
    ['Dokumentnummer   DN-7781', 'DN-7781'],
    ['Dokument-Nr. 5501234', '5501234'],
    ['Fakturanummer 9000123', '9000123'],
    ['Invoice #: INV-2026-0042', 'INV-2026-0042'],
    ['Inv. No. 7788', '7788'],
    ['Bill No. B/2026/17', 'B/2026/17'],
    ['Rechnung 2026-0815 vom 02.11.2026', '2026-0815'],
    ['Gutschrift Nr. GS-2026-003', 'GS-2026-003'],
    ['Privatliquidation Nr. 2026-0042 vom 03.02.2026', '2026-0042'],
    ['Rechnungsnummer   Kundennummer   Datum\nR-1001   K-77   01.02.2026', 'R-1001'],
    // two values the OCR ran together under a header of four columns
    ['Aktenzeichen   Gläubigerin   Rechnungs-Nr   Datum\n22-200568   Kfz-Meisterbetrieb Seidel e.K. INV-3840-26   14.04.2026', 'INV-3840-26'],
    ['Kundennummer: 4711-0815\nRechnungsnummer: 2026.0001', '2026.0001'],
    ['PAYMENT RECEIPT\nBooking ID   Payment Mode\nQX7781   Cash', 'QX7781'],
    ['Buchungsbestätigung\nBuchungsnummer: HB-55120', 'HB-55120'],
  ])('%j -> %s', (text, number) => {
    expect(numberOf(text)).toBe(number);
  });

  it.each([
    ['Ursprungsbeleg-Nr  : R87654321012345'],
    ['N° DE FACTURE ASSOCIÉE : F20220003'],
    ['Rechnung gemäß Bestellung Nr. 4711'],
    ['Jahresabrechnung 2025'],
    ['Rechnungsnummer: siehe oben'],
    ['Kundennummer: 4711\nAuftragsnummer: A-12\nBestellnummer 4500012345\nLieferscheinnummer LS-9'],
    ['Steuernummer: 143/123/45678\nUSt-IdNr.: DE123456789\nIBAN DE02 1203 0000 0000 2020 51'],
    ['Telefon 0221 123456\nDatum 01.02.2026'],
    ['Rechnung 01/2026'],
    ['Rechnung Q3/2025'],
    ['Ihre Bestellung\nBooking ID: QX7781'],
    ['Order confirmation\nBooking ID: QX7781'],
  ])('no invoice number in %j', (text) => {
    expect(numberOf(text)).toBeUndefined();
  });

  it('takes a booking number for a receipt only when no invoice number is printed', () => {
    const text = 'Payment receipt\nInvoice No. R-99\nBooking ID   QX7781';
    expect(numberOf(text)).toBe('R-99');
    expect(findInvoiceNumber(buildLayout('Payment receipt\nBooking ID   QX7781'))?.confidence).toBeLessThan(0.9);
  });

  it.each([
    ['Rechnungsnummer: 4711', true],
    ['Invoice Number: 4711', true],
    ['Rechnung Nr. 4711', true],
    ['Belegnummer: 4711', false],
    ['Rechnung 4711', false],
    ['Avoir AV-1', false],
  ])('promises (>= 0.9) only with an explicit invoice number label: %j', (text, sure) => {
    expect((findInvoiceNumber(buildLayout(text))?.confidence ?? 0) >= 0.9).toBe(sure);
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
    ['Aktenzeichen   Gläubigerin   Kundennummer   Datum\n25-305456   Kontor Haas Versand GmbH 79-684249   25.08.2026', '79-684249'],
    // the end of the label glued to the number in the text layer, the number alone in a sentence
    ['Aktenzeichen       AZ-2025-62547\nKundennr. GläubigerK-41706\n\nDie Forderung zu Ihrer Kundennummer K-41706 ist offen.', 'K-41706'],
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

  it('does not part a value row under a two-column header', () => {
    expect(findCustomerNumber(buildLayout('Name   Kundennummer\nMusterweg 1234'))).toBeUndefined();
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
