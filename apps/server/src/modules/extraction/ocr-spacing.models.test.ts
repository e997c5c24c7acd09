import { describe, expect, it } from 'vitest';
import { repairOcrSpacing } from './ocr-spacing.models.ts';
import { repairOcrWords } from './ocr-words.models.ts';
import { extractFromText } from './text/text.models.ts';

describe('repairOcrSpacing', () => {
  it.each([
    // an amount split after its decimal comma
    ['Endbet rag        399, 86 €', 'Endbet rag        399,86 €'],
    ['Gesamtforderung        EUR 1.047, 15', 'Gesamtforderung        EUR 1.047,15'],
    ['12 Monate        5,70        68, 40', '12 Monate        5,70        68,40'],
    ['über 587, 74 EUR ist noch offen', 'über 587,74 EUR ist noch offen'],
    // identifiers split after a dash or slash, and a narrow glyph split from the prefix
    ['Rechnung Nr.       26- 4674- XO', 'Rechnung Nr.       26-4674-XO'],
    ['Rechnung Nr. 2026/ 83831', 'Rechnung Nr. 2026/83831'],
    ['Bel egnumer        I NV- 21926', 'Bel egnumer        INV-21926'],
    ['unsere Rechnung Nr.        | NV- 76821 über', 'unsere Rechnung Nr.        INV-76821 über'],
    // the labels of the bank details
    ['Postbank Birkenwerder,       | BAN DE06680172680007828685', 'Postbank Birkenwerder,       IBAN DE06680172680007828685'],
    ['BI C ACFLDEBSKAR', 'BIC ACFLDEBSKAR'],
    // legal forms
    ['Al pengas @rbH', 'Al pengas GmbH'],
    ['Alpengas GrbH      - Rosenallee 25', 'Alpengas GmbH      - Rosenallee 25'],
    ['Berger Haustechnik @bH', 'Berger Haustechnik GmbH'],
    ['Ihre Sanitär Franke GrbH & Go. KG', 'Ihre Sanitär Franke GmbH & Co. KG'],
    ['Sanitär Franke GmbH & ©. KG   Tel.', 'Sanitär Franke GmbH & Co. KG   Tel.'],
  ])('%s', (line, repaired) => {
    expect(repairOcrSpacing(line)).toBe(repaired);
  });

  it.each([
    ['two amounts in two cells', 'Summe        399,86        86,00'],
    ['a comma in a sentence', 'am 12. Mai 2026, 14 Uhr in Raum 3'],
    ['an enumeration before words', 'Positionen 1, 23 und 4'],
    ['a range of dates', 'Leistungszeitraum 01.09.2025- 30.09.2025'],
    ['a range of times', 'Sprechzeiten 8:00- 12:00 Uhr'],
    ['a dash between spaces', 'Rosenallee 25 - 38876 Tannenberg'],
    ['a dash before a lower-case word', 'Strom- und Gasrechnung'],
    ['values in two cells', 'Rechnungs-Nr.        26-        4674'],
    ['a word that only starts like a legal form', 'Gebühr Gabriel'],
    ['a real mbH', 'Verwaltungsgesellschaft mbH'],
  ])('leaves %s alone', (_name, line) => {
    expect(repairOcrSpacing(line)).toBe(line);
  });
});

describe('spacing repairs before the rules read a photo', () => {
  const letter = [
    'Al pengas @rbH',
    'Alpengas GrbH      - Rosenallee 25        - 38876 Tannenberg',
    'Herrn Klaus Neumann        Bel egnumer        I NV- 21926',
    '                                                          Kundennummer    424025',
    'Postdamm 15',
    '25016 Rotenbühl        Datum        12.09.2025',
    'Rechnung Nr.       I NV- 21926',
    'Summe netto        373,70 €',
    'zzgl.  7 % Umsatzsteuer        26,16 €',
    'Endbet rag        399, 86 €',
    'Zahlbar innerhalb von 14 Tagen nach Rechnungsdatum ohne Abzug.',
  ].join('\n');

  it('reads number, amount and sender that the gaps hid', () => {
    const before = extractFromText(letter);
    const after = extractFromText(repairOcrWords(letter));
    expect(before.facts.invoice_number).not.toBe('INV-21926');
    expect(after.facts.invoice_number).toBe('INV-21926');
    expect(after.facts.amount).toBe('399.86');
    expect(after.facts.sender?.name).toBe('Alpengas GmbH');
  });
});
