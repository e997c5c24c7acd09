import { describe, expect, it } from 'vitest';
import { gluedPieces, lexiconWordFor, monthNameFor, repairOcrWords } from './ocr-words.models.ts';
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
    // the thin "i" a phone photo loses
    ['Mtglied', 'Mitglied'],
    ['Mtgliedschaft', 'Mitgliedschaft'],
    ['Erstiaufzeit', 'Erstlaufzeit'],
    ['Erstiautzeit', 'Erstlaufzeit'],
    ['Lautzeit', 'Laufzeit'],
    // an "ü" read as "ii"
    ['Mahngebiihr', 'Mahngebühr'],
    ['Kiindigungsfrist', 'Kündigungsfrist'],
    ['Mahngebiihren', 'Mahngebühren'],
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

describe('monthNameFor', () => {
  it('takes the same month in two languages as one answer', () => {
    expect(monthNameFor('Julv')).toBe('juli');
  });
});

describe('gluedPieces', () => {
  it.each([
    ['Monatzum', ['Monat', 'zum']],
    ['umjeweils', ['um', 'jeweils']],
    ['Fristvonzwei', ['Frist', 'von', 'zwei']],
    ['Ablaufdes', ['Ablauf', 'des']],
    ['jeweilsein', ['jeweils', 'ein']],
  ])('parts %s', (word, pieces) => {
    expect(gluedPieces(word)).toEqual(pieces);
  });

  it.each([
    ['small words only', 'vorab'],
    ['a word that is not all pieces', 'Mindestlaufzeit'],
    ['a piece itself', 'Laufzeit'],
    ['a lexicon word', 'Kündigungsfrist'],
    ['content words only', 'Laufzeitende'],
  ])('leaves %s whole', (_name, word) => {
    expect(gluedPieces(word)).toBeUndefined();
  });
});

describe('repairOcrWords', () => {
  it('keeps the case the OCR read and everything around the words', () => {
    expect(repairOcrWords('RECHNUNGSDETUM: 19.12.2025, rechnungsdatun 20.12.2025 (Rechnungsdetum)')).toBe(
      'RECHNUNGSDATUM: 19.12.2025, rechnungsdatum 20.12.2025 (Rechnungsdatum)',
    );
  });

  it.each([
    ['Zahl ungseri nner ung', 'Zahlungserinnerung'],
    ['Bel egnunmer: 418244431', 'Belegnummer: 418244431'],
    ['ab dem Dat um di eses Schreibens', 'ab dem Datum di eses Schreibens'],
    ['Zahl bar ohne Abzug', 'Zahlbar ohne Abzug'],
    ['Mahnkost en   10,00 EUR', 'Mahnkosten   10,00 EUR'],
    ['Gesant forderung 682,11', 'Gesamtforderung 682,11'],
    ['Kunden nummer: 4711', 'Kundennummer: 4711'],
    ['Ihr Nachzahiungsbetr ag        206,03', 'Ihr Nachzahlungsbetrag        206,03'],
  ])('joins the pieces of a split label: %s', (read, meant) => {
    expect(repairOcrWords(read)).toBe(meant);
  });

  it.each([
    ['pieces that are no label together', 'bei der Durchsicht'],
    ['a piece after a column gap', 'Zahl  bar'],
    ['a capitalised next word', 'Rechnung Nummer'],
    ['pieces across lines', 'Zahl\nbar'],
  ])('does not join %s', (_name, text) => {
    expect(repairOcrWords(text)).toBe(text);
  });

  it.each([
    ['Termin am Dienstag, 17. Mirz 2026, um 15:40 Uhr', 'Termin am Dienstag, 17. März 2026, um 15:40 Uhr'],
    ['am 29. Novenber 2024.', 'am 29. November 2024.'],
    ['9. SEPTENBER 2025', '9. SEPTEMBER 2025'],
  ])('reads a misread month between a day and a year: %s', (read, meant) => {
    expect(repairOcrWords(read)).toBe(meant);
  });

  it.each([
    ['a word that is no month', '17. Stück 2026'],
    ['a month name outside a date', 'Mirz 2026'],
    ['a misreading as near to two months', '3. Jupi 2025'],
  ])('leaves %s alone', (_name, text) => {
    expect(repairOcrWords(text)).toBe(text);
  });

  it.each([
    ['Kündigungsfrist        1 MonatzumEndeder Laufzeit', 'Kündigungsfrist        1 Monat zum Ende der Laufzeit'],
    ['Kündigungsfrist:1MonatzumAblaufdes Versicherungsjahres', 'Kündigungsfrist:1Monat zum Ablauf des Versicherungsjahres'],
    ['verlängert er sich umjeweilsein Jahr', 'verlängert er sich um jeweils ein Jahr'],
    ['BeginnderLaufzeit   01.05.2026', 'Beginn der Laufzeit   01.05.2026'],
  ])('parts glued words: %s', (read, meant) => {
    expect(repairOcrWords(read)).toBe(meant);
  });

  it.each([['GmbH'], ['MwSt.'], ['HanseMerkur Versicherung AG'], ['USt-IdNr.'], ['zum Laufzeitende']])('keeps %s', (text) => {
    expect(repairOcrWords(text)).toBe(text);
  });

  it('gives the text rules back fields whose labels the OCR misread or split', () => {
    const text = 'Elektro Beispiel GmbH\nRechnung Nr.: RG 2025-522\nRechnungsdetum: 31. Oktober 2025\nSumme 508,99 €\nZahl bar ohne Abzug bis 14. November 2025.';
    expect(extractFromText(text).facts).not.toHaveProperty('issue_date');
    expect(extractFromText(text).facts).not.toHaveProperty('due_date');
    const repaired = extractFromText(repairOcrWords(text)).facts;
    expect(repaired.issue_date).toBe('2025-10-31');
    expect(repaired.due_date).toBe('2025-11-14');
  });
});
