import { describe, expect, it } from 'vitest';
import { buildLayout } from './layout.models.ts';
import { findBic, findIban, findPaymentMeans, findReference, readIban } from './payment.models.ts';

const ibanOf = (text: string) => findIban(buildLayout(text));

describe('findIban', () => {
  it.each([
    ['IBAN: DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['IBAN-Nr.:    DE08 7009 0100 1234 5678 90       Handelsreg.: H A 123', 'DE08700901001234567890'],
    ['Bankverbindung: Sparkasse · IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX', 'DE89370400440532013000'],
    ['bitte auf folgende Bankverbindung: IBAN\nDE75512108001245126199, BIC SOGEDEFFXXX', 'DE75512108001245126199'],
    ['Sparkasse DE89370400440532013000', 'DE89370400440532013000'],
    ['IBAN : FR76 10107 00245 00617052317 39 - BIC : BREDFRPP', 'FR7610107002450061705231739'],
  ])('%j -> %s', (text, iban) => {
    expect(ibanOf(text)?.value).toBe(iban);
  });

  it('is sure of an IBAN whose check digits are right, unsure of one printed with wrong ones', () => {
    expect(ibanOf('IBAN: DE89 3704 0044 0532 0130 00')?.confidence).toBeGreaterThanOrEqual(0.85);
    const wrong = ibanOf('IBAN : DE12 1234 5678 9012 3456 78');
    expect(wrong).toEqual({ value: 'DE12123456789012345678', confidence: 0.55 });
  });

  it.each([
    ['Der Betrag wird von Ihrem Konto DE89 3704 0044 0532 0130 00 abgebucht.'],
    ['Ihre IBAN: DE89 3704 0044 0532 0130 00'],
    ['Zählpunkt: DE0001346484600000000000000100038'],
  ])('takes no creditor IBAN from %j', (text) => {
    expect(ibanOf(text)).toBeUndefined();
  });

  it('reads the longest run of groups that checks out', () => {
    expect(readIban('DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX')).toEqual({ value: 'DE89370400440532013000', valid: true });
    expect(readIban('Musterbank')).toBeUndefined();
  });
});

describe('findBic', () => {
  it.each([
    ['BIC: COBADEFFXXX', 'COBADEFFXXX', 0.85],
    ['Deutsche Bank BIC DEUTDEMMXXX IBAN DE34 7007 0010 0156 9193 01', 'DEUTDEMMXXX', 0.85],
    ['SWIFT-Code: GENODEF1M04', 'GENODEF1M04', 0.85],
  ])('%j -> %s', (text, bic, confidence) => {
    expect(findBic(buildLayout(text))).toEqual({ value: bic, confidence });
  });

  it('finds none under a label without a value', () => {
    expect(findBic(buildLayout('Verkäufer-BIC:\nSeite 2 von 2'))).toBeUndefined();
  });
});

describe('findReference', () => {
  it.each([
    ['Verwendungszweck: RE-2026-001 / K4711', 'RE-2026-001 / K4711'],
    ['Zahlungsreferenz:        Rechnung 181301674', 'Rechnung 181301674'],
    ['Referenz (bitte bei Zahlung angeben)\n2013-471102', '2013-471102'],
    // The sentence's last words before the colon are not part of the reference.
    ['Bitte geben Sie als Verwendungszweck an: KD 5521 0913', 'KD 5521 0913'],
    ['Bitte nennen Sie als Verwendungszweck immer an: AZ-2026/118', 'AZ-2026/118'],
    ['Verwendungszweck: Rechnung 2026-44', 'Rechnung 2026-44'],
    // "Ihrer Überweisung" is the reader's transfer, not another party's reference
    ['Bitte geben Sie bei Ihrer Überweisung als Verwendungszweck an: ZR-90063151', 'ZR-90063151'],
  ])('%j -> %s', (text, reference) => {
    expect(findReference(buildLayout(text))?.value).toBe(reference);
  });

  it.each([['Weitere Referenz:        Abrechnung 2010'], ['Referenz des Käufers: 04011000-12345-34'], ['Ihre Referenz: PO-77'], ['Unsere Referenz: 2026/118']])('%j is no payment reference', (text) => {
    expect(findReference(buildLayout(text))).toBeUndefined();
  });
});

describe('findPaymentMeans', () => {
  it.each([
    ['Der Rechnungsbetrag wird über Ihre Kreditkarte abgebucht.', false, 'direct_debit'],
    ['Der Betrag wird per SEPA-Lastschrift eingezogen.', false, 'direct_debit'],
    ['Der Rechnungsbetrag wurde bereits beglichen.', true, 'paid'],
    ['Betrag dankend erhalten.', false, 'paid'],
    ['Paid through Cash At Hotel', false, 'paid'],
    ['Bitte überweisen Sie den Betrag auf unser Konto.', true, 'transfer'],
    ['Sparkasse IBAN DE89 3704 0044 0532 0130 00', true, 'transfer'],
    ['Vielen Dank für Ihren Einkauf.', false, 'unknown'],
    // conditions are no statements
    ['Wenn bereits bezahlt, nur zu den Akten legen. Bitte überweisen Sie den Betrag.', true, 'transfer'],
    ['Einfacher ist es, wenn Sie uns ein SEPA-Lastschriftmandat erteilen. Überweisen Sie bitte auf folgendes Konto.', true, 'transfer'],
  ] as const)('%j -> %s', (text, iban, means) => {
    expect(findPaymentMeans(buildLayout(text), iban).value).toBe(means);
  });
});
