import { describe, expect, it } from 'vitest';
import { buildLayout } from './layout.models.ts';
import { addDays } from './dates.models.ts';
import { findDueDate, findIssueDate, findRelativeTerm } from './terms.models.ts';

const issueOf = (text: string) => findIssueDate(buildLayout(text), 'dmy')?.value;
const dueOf = (text: string, issue = '2026-01-14') => findDueDate(buildLayout(text), 'dmy', { value: issue, confidence: 0.9 });

describe('findRelativeTerm', () => {
  it.each([
    ['Zahlbar innerhalb von 14 Tagen ohne Abzug.', 14],
    ['zahlbar innerhalb 30 Tagen netto', 30],
    ['Zahlungsziel: 30 Tage', 30],
    ['14 Tage netto', 14],
    ['Zahlung innerhalb 8 Tagen mit 2% Skonto, innerhalb 30 Tagen netto', 30],
    ['Payment due within 21 days', 21],
    ['Net 30', 30],
    ['Zahlbar sofort rein netto', 0],
    ['Die Rechnung ist sofort fällig.', 0],
    ['Rechnungsbetrag zahlbar ohne Abzug sofort nach Erhalt der Rechnung.', 0],
    ['Zahlbar inner halb 30 Tagen netto', 30],
    ['Der Rechnungsbetrag ist innerhalb von 21 Tagen ab Rechnungsdatum fällig.', 21],
    ['Den Betrag bitte binnen 10 Tagen nach Erhalt zu überweisen.', 10],
    ['Bitte überweisen Sie den Betrag innerhalb von 14 Tagen auf unser Konto.', 14],
    ['Zahlbar innerhalb von 30 Tagen netto. Bei Zahlung innerhalb von 8 Tagen gewähren wir 2 % Skonto.', 30],
  ])('%s -> %i days', (text, days) => {
    expect(findRelativeTerm(buildLayout(text))?.days).toBe(days);
  });

  it.each([
    ['Bei Zahlung innerhalb 14 Tagen gewähren wir 2 % Skonto.'],
    ['Der Schuldner kommt in Verzug, wenn er nicht innerhalb von 30 Tagen nach Fälligkeit leistet.'],
    ['Lieferung innerhalb von 3 Tagen'],
    ['Widerspruch ist innerhalb von 14 Tagen möglich.'],
    ['Innerhalb von 14 Tagen erhalten Sie Ihre Unterlagen.'],
  ])('no due term in %s', (text) => {
    expect(findRelativeTerm(buildLayout(text))).toBeUndefined();
  });
});

describe('findIssueDate', () => {
  it.each([
    ['Rechnungsdatum: 14.01.2026', '2026-01-14'],
    ['Rechnungsdatum\n14.01.2026', '2026-01-14'],
    ['Rechnungsdatum/Lieferdatum   14 Januar 2026', '2026-01-14'],
    ['Rechnung Nr. 4711 vom 05.03.2026', '2026-03-05'],
    ['Invoice # RE-1/2 issued at 2019-06-10', '2019-06-10'],
    ['München, den 01.11.2024', '2024-11-01'],
    ['                    München, 03.02.2026', '2026-02-03'],
    // a weekday before a date is no place: "Mi., 21.01.2026" in the body is an appointment
    ['Frau                  Datum       13. Dezember 2025\nSabine Ziegler\n\nSehr geehrte Frau Ziegler,\nBitte kommen Sie:\nDatum:      Mi., 21.01.2026\nUhrzeit:    15:00 Uhr', '2025-12-13'],
    ['Invoice Date: August 3 , 2014', '2014-08-03'],
    // delivery, order and due dates are other dates
    ['Lieferdatum: 10.01.2026\nBestell-Datum: 02.01.2026\nDatum: 12.01.2026', '2026-01-12'],
  ])('%j -> %s', (text, iso) => {
    expect(issueOf(text)).toBe(iso);
  });

  it('prefers the letter date over the date of an invoice a reminder refers to', () => {
    const text = '2. Mahnung\nDatum: 10.02.2026\nfür die Rechnung Nr. 2025-1 vom 05.01.2026 ist noch offen';
    expect(issueOf(text)).toBe('2026-02-10');
  });

  it('does not take a date in a column whose label names another date', () => {
    const columns = 'Herrn Jens Köhler        Rechnungs-Nr.        INV-55332\n66843 Mühlbach        Leistungszeitraum bis   6. September 2025\n                         Fälligkeit        9. Oktober 2025';
    expect(issueOf(columns)).toBeUndefined();
    // ... while a date standing alone at the top still is the letter's date
    expect(issueOf(`${columns}\n                         Daum        19. September 2025`)).toBe('2025-09-19');
  });

  it('takes a date printed with its clock time near the top, as a till or ticket machine prints it, on any paper', () => {
    expect(issueOf('RELAIS OULMES\nle 30/03/2018 a 12:36 CAISSIER 1\nCAFE CREME 12.00\nTotal Facture : 56.00 DH')).toBe('2018-03-30');
    // not when the date is another one's (a validity), nor below the top of a long page
    expect(issueOf('Gutschein\ngültig bis 30.03.2018 12:00\nWert 20,00 €')).toBeUndefined();
    const long = ['Rechnung', ...Array.from({ length: 30 }, (_, index) => `Position ${index + 1}  1,00 €`), 'gedruckt 30.03.2018 12:36'].join('\n');
    expect(issueOf(long)).toBeUndefined();
  });

  it('takes the letter date over the dates of the services listed under a "Datum" column', () => {
    const bill = [
      'Praxis Dr. Weber                                      Datum:          31.01.2026',
      '',
      'Datum         GOÄ-Nr.   Leistung                                   Faktor      Betrag',
      '26.12.2025    410       Ultraschalluntersuchung eines Organs       3,5         40,81 €',
      '26.12.2025    250       Blutentnahme                               2,3          5,36 €',
      '26.12.2025    3         Eingehende Beratung                        2,3         20,10 €',
      '02.01.2026    7         Vollständige körperliche Untersuchung      3,5         32,66 €',
    ].join('\n');
    expect(issueOf(bill)).toBe('2026-01-31');
    // a reference row whose last column is the date is no row of services
    expect(issueOf('Kd.-Nr.:      Re.-Nr.:      Auftrag:      Datum:\n3716043       8949694       A-27417       03.03.26')).toBe('2026-03-03');
  });

  it('does not take the date of an associated invoice', () => {
    expect(issueOf('DATE DE FACTURE ASSOCIÉE : 01/01/2022\nDate : 31/01/2022')).toBe('2022-01-31');
  });
});

describe('findDueDate', () => {
  it.each([
    ['fällig am 28.02.2026', '2026-02-28'],
    ['Fälligkeitsdatum: 28.02.2026', '2026-02-28'],
    ['Zahlbar bis: 28.02.2026', '2026-02-28'],
    ['Bitte überweisen Sie den Betrag bis zum 28.02.2026 auf unser Konto.', '2026-02-28'],
    ['Please remit until 2026-02-28.', '2026-02-28'],
    ['Due Date: 02/28/2026', '2026-02-28'],
    ['Der Betrag wird am 25.01.2026 von Ihrem Konto abgebucht.', '2026-01-25'],
    ['Beschreibung        Fälligkeit        Teilzahlung\nZahlbar mit 2% Skonto bis        14.12.2025\nZahlbar ohne Abschlag bis        31.12.2025', '2025-12-31'],
    ['Zahlbar innerhalb 30 Tagen netto bis 04.04.2026, 3% Skonto innerhalb 10 Tagen bis 15.03.2026', '2026-04-04'],
    ['Bitte zahlen Sie den offenen Betrag samt Mahngebühr bis zum 24.02.2026.', '2026-02-24'],
    // "Vertragskonto" ends in "skonto": no discount
    ['Vertragskonto        Datum          Fällig am\nK-453834             30.09.2025     13.10.2025', '2025-10-13'],
    ['Wir bitten um Ausgleich bis spätestens 3.1.2026.', '2026-01-03'],
    ['Den Rechnungsbetrag von € 51,84 buchen wir am 05.07.2026 von Ihrem Konto ab.', '2026-07-05'],
    ['Der Betrag wird per SEPA-Lastschrift frühestens am 29.12.2025 von Ihrem Konto DE42 XXXX XXXX XXXX\nXX73 51 eingezogen.', '2025-12-29'],
  ])('%j -> %s', (text, iso) => {
    expect(dueOf(text).date?.value).toBe(iso);
    expect(dueOf(text).rule).toBeUndefined();
  });

  it.each([
    ['Zu zahlen bis: 28.02.2026', '2026-02-28'],
    ['Fälligkeit der Zahlung: 28.02.2026', '2026-02-28'],
    ['Bitte zahlen Sie bis spätestens zum 28.02.2026 ein.', '2026-02-28'],
    // the date wrapped onto the next line
    ['Bitte überweisen Sie den Rechnungsbetrag bis zum\n28.02.2026 auf das unten genannte Konto.', '2026-02-28'],
  ])('reads the wording %j as due on %s', (text, iso) => {
    expect(dueOf(`Rechnung\n${text}`).date?.value).toBe(iso);
  });

  it.each([
    ['Bitte zahlen Sie innerhalb der nächsten 14 Tage.', 14],
    ['Bitte überweisen Sie den Betrag in den nächsten 14 Tagen.', 14],
    ['netto 14 Tage', 14],
    ['Payment terms: 30 days net', 30],
    ['Zahlung innerhalb 2 Wochen', 14],
    ['Zahlungsziel: 4 Wochen', 28],
    ['Bitte zahlen Sie den offenen Betrag binnen zwei Wochen.', 14],
    ['Zahlbar innerhalb einer Woche.', 7],
    ['Wir bitten um Begleichung innerhalb von 14 Tagen.', 14],
    ['Bitte überweisen Sie den Betrag bis spätestens 14 Tage nach Erhalt dieser Rechnung.', 14],
    ['Die Rechnung ist zahlbar bei Erhalt.', 0],
  ])('reads the term %j as %i days', (text, days) => {
    expect(dueOf(`Rechnung\n${text}`, '2026-01-14').date?.value).toBe(addDays('2026-01-14', days));
  });

  it('reads no payment term in a delivery promise or a withdrawal period', () => {
    expect(dueOf('Lieferung innerhalb von 2 Wochen.').date).toBeUndefined();
    expect(dueOf('Sie können binnen zwei Wochen widerrufen.').date).toBeUndefined();
  });

  it('computes a relative term from the issue date and keeps its words', () => {
    const due = dueOf('Zahlbar innerhalb von 14 Tagen ohne Abzug.', '2026-02-03');
    expect(due.date?.value).toBe('2026-02-17');
    expect(due.rule).toBe('Zahlbar innerhalb von 14 Tagen ohne Abzug');
    // computed dates are never surer than the issue date they come from
    expect(due.date?.confidence).toBeLessThan(0.9);
  });

  it('takes the net term beside a discount', () => {
    const due = dueOf('Zahlbar innerhalb von 7 Tagen mit 3 % Skonto (2.247,56 EUR) oder innerhalb von 30 Tagen ohne\nAbzug.', '2025-11-17');
    expect(due.date?.value).toBe('2025-12-17');
    expect(due.rule).toBe('innerhalb von 30 Tagen ohne');
  });

  it('keeps the words but has no date without an issue date', () => {
    const due = findDueDate(buildLayout('14 Tage netto'), 'dmy', undefined);
    expect(due).toEqual({ rule: '14 Tage netto' });
  });

  it('ignores a discount deadline and service periods', () => {
    expect(dueOf('Bei Zahlung bis 10.02.2026 abzüglich 2 % Skonto\nLeistungszeitraum 01.01.2026 bis 31.01.2026').date).toBeUndefined();
  });
});
