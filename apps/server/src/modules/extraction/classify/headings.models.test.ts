import { describe, expect, it } from 'vitest';
import { buildLayout } from '../text/layout.models.ts';
import { findHeading } from './headings.models.ts';

const headingOf = (text: string) => findHeading(buildLayout(text))?.heading;

describe('headings that name the document', () => {
  it.each([
    ['2. Mahnung', 'reminder', '2. Mahnung'],
    ['Betreff: Letzte Mahnung', 'reminder', 'Letzte Mahnung'],
    ['3.Mahnung – Kundennummer 4471', 'reminder', '3.Mahnung'],
    ['Zweite und letzte Mahnung', 'reminder', 'Zweite und letzte Mahnung'],
    ['Inkassoauftrag 2026/118', 'reminder', 'Inkassoauftrag'],
    ['Gutschrift Nr. GS-5', 'credit_note', 'Gutschrift'],
    ['Rechnungskorrektur Nr. 7', 'invoice', 'Rechnungskorrektur'],
    ['Ihre neue Rechnung', 'invoice', 'Rechnung'],
    ['Rechnung Nr.: 2026-1', 'invoice', 'Rechnung'],
    ['FACTURE N° : F-1', 'invoice', 'FACTURE'],
    ['Terminbestätigung', 'appointment', 'Terminbestätigung'],
    ['Bestätigung Ihres Termins', 'appointment', 'Bestätigung Ihres Termins'],
    ['Verlegung Ihres Beratungstermins', 'appointment', 'Verlegung Ihres Beratungstermins'],
    ['Ihr Termin im Bürgerbüro', 'appointment', 'Termin im'],
    ['Einladung zur Eigentümerversammlung', 'appointment', 'Einladung'],
    ['Einkommensteuerbescheid 2024', 'tax_document', 'Einkommensteuerbescheid'],
    ['Bescheid für 2024 über Einkommensteuer', 'tax_document', 'Bescheid für 2024 über Einkommensteuer'],
    ['Zuwendungsbestätigung', 'tax_document', 'Zuwendungsbestätigung'],
    ['Nachtrag zum Versicherungsschein', 'insurance', 'Nachtrag zum Versicherungsschein'],
    ['Ihre Kfz-Versicherung 2027', 'insurance', 'Kfz-Versicherung'],
    ['Beitragsanpassung zum 01.01.', 'insurance', 'Beitragsanpassung'],
    ['E-Rezept', 'prescription', 'E-Rezept'],
    ['Heilmittelverordnung', 'prescription', 'Heilmittelverordnung'],
    ['Ihr Personalausweis läuft ab', 'identity_document', 'Personalausweis'],
    ['Ablauf Ihres Reisepasses', 'identity_document', 'Ablauf Ihres Reisepasses'],
    ['Mietvertrag', 'contract', 'Mietvertrag'],
    // A confirmed cancellation asks nothing more of the reader: no action, like a confirmed change of address.
    ['Bestätigung Ihrer Kündigung', 'other', 'Bestätigung Ihrer Kündigung'],
    ['Bestätigung Ihrer Adressänderung', 'other', 'Bestätigung Ihrer Adressänderung'],
    ['Ihre Zahlung ist eingegangen', 'other', 'Zahlung ist eingegangen'],
    ['Quittung Nr. 12', 'receipt', 'Quittung'],
    ['Erinnerung an eine offene Rechnung', 'reminder', 'Erinnerung an eine offene Rechnung'],
    // A confirmed payment of an invoice asks nothing more; it is no till receipt.
    ['Zahlungsbestätigung', 'other', 'Zahlungsbestätigung'],
    ['Vereinsnachrichten Frühjahr 2025', 'other', 'Vereinsnachrichten'],
    ['Neuigkeiten aus dem Verein', 'other', 'Neuigkeiten'],
    ['Verdienstabrechnung Mai 2026', 'other', 'Verdienstabrechnung'],
    ['Kontoauszug 3/2026', 'other', 'Kontoauszug'],
    ['W A R E N R E C H N U N G   Seite 1', 'invoice', 'WARENRECHNUNG'],
  ])('%j names a %s', (line, type, phrase) => {
    expect(headingOf(`Muster GmbH\n${line}\nText`)).toMatchObject({ type, phrase });
  });

  it.each([
    ['a sentence', 'Rechnungen erhalten Sie künftig per E-Mail.'],
    ['a sentence with a pronoun', 'Rechnung und Lieferschein schicken wir Ihnen getrennt'],
    ['a field label', 'Vertrag: DSL 100'],
    ['a field label for a date', 'Termin: 14.03.2026'],
    ['a table row with an amount', 'Rechnung 2026-4 vom 02.02.   119,00 €'],
    ['a word inside another', 'Rechnungsnummer 4711'],
    ['a name that only starts the line', 'Vertragsnummer 55-1'],
    ['a due date', 'Zahlungstermin 15.04.'],
    ['a column label in the reference row', 'Vertrag            Datum\n395862984           09.01.2026'],
  ])('%s is no heading: %j', (_name, line) => {
    expect(headingOf(`Muster GmbH\n${line}`)).toBeUndefined();
  });

  it('looks only near the top of the first page', () => {
    expect(headingOf(`${'Zeile\n'.repeat(40)}Mahnung`)).toBeUndefined();
    expect(headingOf('Seite 1\fMahnung')).toBeUndefined();
  });

  it.each([
    ['a dunning letter quoting the invoice', 'Rechnung Nr. 4711 vom 03.02.2026\n2. Mahnung', 'reminder', ['invoice']],
    ['a credit note naming the invoice', 'Rechnung 2026-12\nGutschrift Nr. 5', 'credit_note', ['invoice']],
    ['a credit note that is also a correction', 'Stornorechnung\nGutschriftsanzeige Nr. 5', 'credit_note', ['invoice']],
    ['an appointment to apply for a passport', 'Reisepass\nTerminbestätigung', 'appointment', ['identity_document']],
    ['an invoice for a contract', 'Mobilfunkvertrag\nRechnung März', 'invoice', ['contract']],
    ['the first of two equals', 'Mietvertrag\nVersicherungsschein', 'insurance', ['contract']],
  ])('%s: the letter is about what the dominant heading names', (_name, lines, type, others) => {
    const found = findHeading(buildLayout(lines));
    expect(found?.heading.type).toBe(type);
    expect(found?.others.map((other) => other.type)).toEqual(others);
  });
});
