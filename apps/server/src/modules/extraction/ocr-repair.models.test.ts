import { describe, expect, it } from 'vitest';
import { ibansInOcrText, repairIban } from './ocr-repair.models.ts';

describe('repairIban', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', false],
    ['DE89 37O4 OO44 O532 O13O OO', 'DE89370400440532013000', true],
    ['DE89 3704 0044 0S32 0I30 00', 'DE89370400440532013000', true],
    ['DEB9 3704 0044 0532 0130 00', 'DE89370400440532013000', true],
    ['D389 3704 0044 0532 0130 00', undefined, false], // the country code is letters: 3 is not E's look-alike
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819', false],
    ['GB29 NW8K 6O16 1331 9268 19', 'GB29NWBK60161331926819', true], // letters where letters belong, digits where digits do
    ['DE89 3704 0044 0532 0130 01', undefined, false], // a wrong digit: no look-alike repairs a checksum
    ['XX89 3704 0044 0532 0130 00', undefined, false],
    ['DE89 3704', undefined, false],
  ])('%s -> %s', (raw, iban, repaired) => {
    const reading = repairIban(raw);
    if (iban === undefined) expect(reading).toBeUndefined();
    else expect(reading).toEqual({ iban, repaired });
  });
});

describe('ibansInOcrText', () => {
  it('finds IBANs in a line of OCR text, each once', () => {
    const text = 'Bankverbindung: Sparkasse IBAN: DE89 37O4 OO44 O532 O13O OO BIC: COBADEFFXXX\nIBAN DE89370400440532013000';
    expect(ibansInOcrText(text)).toEqual([{ iban: 'DE89370400440532013000', repaired: true }]);
  });

  it('finds nothing where no checksum holds', () => {
    expect(ibansInOcrText('Kundennummer 1234 5678 9012 3456 Telefon 0221 12345678')).toEqual([]);
  });
});
