import { describe, expect, it } from 'vitest';
import { lexiconWordFor, repairOcrWords } from './ocr-words.models.ts';
import { extractFromText } from './text/text.models.ts';

describe('lexiconWordFor', () => {
  it.each([
    ['Rechnungsdetum', 'Rechnungsdatum'],
    ['Rechnungsdatun', 'Rechnungsdatum'],
    ['Kündigungsfrlst', 'Kündigungsfrist'],
    // long compounds may be two letters off
    ['Verwendungszwcck', 'Verwendungszweck'],
    ['Vervvendungszweck', 'Verwendungszweck'],
    ['Mahngebuhr', 'Mahngebühr'],
  ])('%s is %s', (word, meant) => {
    expect(lexiconWordFor(word)).toBe(meant);
  });

  it.each([
    ['a lexicon word itself', 'Rechnungsdatum'],
    ['a short word with real neighbours', 'Summen'],
    ['a word near no label', 'Hausmeister'],
    ['a real word one letter from a label of another meaning', 'Förderung'],
    ['a medium word two letters off', 'Zabibar'],
  ])('leaves %s alone', (_name, word) => {
    expect(lexiconWordFor(word)).toBeUndefined();
  });

  it('leaves a word alone that is equally near two labels', () => {
    // one letter from "Mahngebühr" and one from "Mahngebühren"
    expect(lexiconWordFor('Mahngebührn')).toBeUndefined();
  });
});

describe('repairOcrWords', () => {
  it('keeps the case the OCR read and everything around the words', () => {
    expect(repairOcrWords('RECHNUNGSDETUM: 19.12.2025, rechnungsdatun 20.12.2025 (Rechnungsdetum)')).toBe(
      'RECHNUNGSDATUM: 19.12.2025, rechnungsdatum 20.12.2025 (Rechnungsdatum)',
    );
  });

  it('gives the text rules back a field whose label the OCR misread', () => {
    const text = 'Elektro Beispiel GmbH\nRechnung Nr.: RG 2025-522\nRechnungsdetum: 31. Oktober 2025\nSumme 508,99 €';
    expect(extractFromText(text).facts.issue_date).toBeUndefined();
    expect(extractFromText(repairOcrWords(text)).facts.issue_date).toBe('2025-10-31');
  });
});
