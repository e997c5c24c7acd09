import { describe, expect, it } from 'vitest';
import { findAppointment } from './appointment.models.ts';

/** A short letter around one body, with a letterhead, an address window and a date line. */
function letter(body: string, date = '15.04.2026'): string {
  return `Praxis am Markt · Marktplatz 3 · 79098 Freiburg

Frau
Lena Vogel
Talstraße 9
79102 Freiburg
                                        Freiburg, ${date}

Sehr geehrte Frau Vogel,

${body}

Mit freundlichen Grüßen
Ihr Praxisteam`;
}

describe('findAppointment: wordings and time formats', () => {
  it.each([
    ['Ihr Termin: Dienstag, 12.05.2026, 09:30 Uhr', '2026-05-12T09:30'],
    ['wir erwarten Sie am 12. Mai 2026 um 9.30 Uhr.', '2026-05-12T09:30'],
    ['Termin am 12.5. um 14 Uhr', '2026-05-12T14:00'],
    ['Ihr nächster Termin: 12.05.26 um 10:15 h', '2026-05-12T10:15'],
    ['Ihre Untersuchung ist am 12.05.2026, 14:00-14:30.', '2026-05-12T14:00'],
    ['Bitte kommen Sie um 8:15 Uhr am Dienstag, 12.05.2026 zur Blutabnahme.', '2026-05-12T08:15'],
    ['Ihr Termin wurde auf Di., 12.05.2026, 11 Uhr gelegt.', '2026-05-12T11:00'],
    ['Wir haben für Sie einen Termin vereinbart: 12.05.2026 (Di), 7.45 Uhr', '2026-05-12T07:45'],
    ['Ihr Termin zur Vorsorgeuntersuchung findet am 12.05.2026 von 10.00 bis 10.30 Uhr statt.', '2026-05-12T10:00'],
    ['Ihr Kontrolltermin: 12.05.2026 um 16h30', '2026-05-12T16:30'],
    ['Your appointment is scheduled for May 12, 2026 at 2:45 p.m.', '2026-05-12T14:45'],
    ['We look forward to seeing you for your check-up on the 12th of May at 11 am.', '2026-05-12T11:00'],
    ['Am 12.05.2026 um 9 Uhr haben Sie einen Termin bei Dr. Albers.', '2026-05-12T09:00'],
  ])('%j', (body, datetime) => {
    expect(findAppointment(letter(body), { issueDate: '2026-04-15' })?.facts.datetime).toBe(datetime);
  });

  it.each([
    // The next such day on or after the letter's date, across New Year.
    ['Ihr nächster Termin: Do., 8.1. um 14 Uhr', '15.12.2025', '2025-12-15', '2026-01-08T14:00'],
    ['Termin am 5. Januar um 10:00 Uhr', '28.12.2026', '2026-12-28', '2027-01-05T10:00'],
    ['Termin am 20.12. um 10:00 Uhr', '28.11.2026', '2026-11-28', '2026-12-20T10:00'],
  ])('%j in a letter of %s', (body, printed, issueDate, datetime) => {
    expect(findAppointment(letter(body, printed), { issueDate })?.facts.datetime).toBe(datetime);
  });

  it('lowers the confidence when the weekday contradicts the date', () => {
    const right = findAppointment(letter('Ihr Termin: Dienstag, 12.05.2026, 10:00 Uhr'), { issueDate: '2026-04-15' });
    const wrong = findAppointment(letter('Ihr Termin: Montag, 12.05.2026, 10:00 Uhr'), { issueDate: '2026-04-15' });
    expect(right?.confidence.datetime).toBeGreaterThanOrEqual(0.9);
    expect(wrong?.facts.datetime).toBe('2026-05-12T10:00');
    expect(wrong?.confidence.datetime).toBeLessThanOrEqual(0.5);
  });

  it('is less sure of a year it had to infer', () => {
    const printed = findAppointment(letter('Ihr Termin: 12.05.2026, 10:00 Uhr'), { issueDate: '2026-04-15' });
    const inferred = findAppointment(letter('Ihr Termin: 12.05., 10:00 Uhr'), { issueDate: '2026-04-15' });
    expect(inferred?.facts.datetime).toBe('2026-05-12T10:00');
    expect(inferred?.confidence.datetime).toBeLessThan(printed?.confidence.datetime ?? 0);
  });
});

describe('findAppointment: the appointment among other dates', () => {
  it.each([
    ['cancellation deadline before it', 'Ihr Termin ist am 12.05.2026 um 9:00 Uhr. Bitte sagen Sie bis zum 08.05.2026 ab, falls Sie verhindert sind.', '2026-05-12T09:00'],
    ['cancellation deadline first', 'Falls Sie verhindert sind, sagen Sie bitte bis spätestens 08.05. ab. Ihr Termin: 12.05.2026, 09:00 Uhr.', '2026-05-12T09:00'],
    ['date of birth', 'Patientin: Lena Vogel, geb. 03.06.1990\nIhr Termin: 12.05.2026, 08:30 Uhr', '2026-05-12T08:30'],
    ['past date of an earlier letter', 'bezugnehmend auf Ihr Schreiben vom 02.04.2026 laden wir Sie zu einem Gespräch am 12.05.2026 um 13:00 Uhr ein.', '2026-05-12T13:00'],
    ['office hours', 'Sprechzeiten: Mo-Fr 8-12 Uhr, Mo und Do 14-18 Uhr\nIhr Termin: 12.05.2026, 15:20 Uhr', '2026-05-12T15:20'],
    ['a moved appointment', 'Ihr Termin am 28.04.2026 um 9 Uhr muss leider verschoben werden. Neuer Termin: Freitag, 15.05.2026, 11:30 Uhr.', '2026-05-15T11:30'],
    ['the old one named second', 'Statt am 28.04.2026 um 9 Uhr findet Ihr Termin nun am 15.05.2026 um 11:30 Uhr statt.', '2026-05-15T11:30'],
    ['a cancellation deadline with a time, next to the word "Termin"', 'Bitte sagen Sie den Termin bis spätestens Freitag, 08.05.2026, 12:00 Uhr ab, wenn Sie verhindert sind. Wir erwarten Sie am 12.05.2026 um 10:00 Uhr.', '2026-05-12T10:00'],
    ['a reply deadline with a time', 'Bitte bestätigen Sie bis zum 05.05.2026, 12:00 Uhr. Ihr Termin: 12.05.2026 um 10:00 Uhr.', '2026-05-12T10:00'],
  ])('%s', (_name, body, datetime) => {
    expect(findAppointment(letter(body), { issueDate: '2026-04-15' })?.facts.datetime).toBe(datetime);
  });

  it('reads the time from the line below a date', () => {
    const text = letter('wir haben folgenden Termin für Sie reserviert:\n\nDienstag, 2. Juni 2026\n10:00 Uhr\nPraxis am Markt, Raum 3');
    expect(findAppointment(text, { issueDate: '2026-04-15' })?.facts).toMatchObject({ datetime: '2026-06-02T10:00', place: 'Raum 3' });
  });

  it('reads a table of date, time and place', () => {
    const text = letter('Ihre Termine zur Physiotherapie:\n\nDatum          Uhrzeit     Ort\n19.05.2026     15:45       Raum 3\n26.05.2026     15:45       Raum 3');
    expect(findAppointment(text, { issueDate: '2026-04-15' })?.facts.datetime).toBe('2026-05-19T15:45');
  });

  it('reads labelled date, time and place lines', () => {
    const text = letter(
      'Einladung zur Beratung\n\nDatum: 12.05.2026\nUhrzeit: 08:45 Uhr\nOrt: Agentur für Arbeit Hamburg, Kurt-Schumacher-Allee 16, 20097 Hamburg\nIhre Ansprechpartnerin: Frau Nowak',
    );
    expect(findAppointment(text, { issueDate: '2026-04-15' })?.facts).toMatchObject({
      datetime: '2026-05-12T08:45',
      place: 'Agentur für Arbeit Hamburg, Kurt-Schumacher-Allee 16, 20097 Hamburg',
      with_whom: 'Frau Nowak',
    });
  });

  it('keeps a day without a time, without inventing one', () => {
    const reading = findAppointment(letter('Ihr Termin zur Zählerablesung: 12.05.2026 (ganztägig).'), { issueDate: '2026-04-15' });
    expect(reading).toBeDefined();
    expect(reading?.facts.datetime).toBeUndefined();
  });
});

const INVOICE = `Malerbetrieb Schmitt GmbH · Gartenweg 5 · 34117 Kassel

Herrn
Paul Weber
Lindenstraße 8
34119 Kassel
                                  Rechnungsdatum: 01.04.2026
                                  Rechnungsnummer: R-2026-0412
                                  Leistungsdatum: 28.03.2026

Rechnung

Pos.  Beschreibung                          Menge    Betrag
1     Malerarbeiten Wohnzimmer              1        1.250,00 €
      Summe netto                                    1.250,00 €
      USt 19 %                                         237,50 €
      Gesamtbetrag                                   1.487,50 €

Zahlbar bis 15.04.2026 ohne Abzug. Vielen Dank für Ihren Auftrag.
Bankverbindung: IBAN DE89 3704 0044 0532 0130 00`;

const CONTRACT = `Stadtnetz Telekommunikation GmbH · Hafenstraße 1 · 28195 Bremen

Frau
Jana Kraus
Ostertorsteinweg 40
28203 Bremen
                                  Bremen, 10.04.2026

Ihre Auftragsbestätigung Glasfaser 500

Sehr geehrte Frau Kraus,

vielen Dank für Ihren Auftrag. Vertragsbeginn: 01.05.2026
Mindestlaufzeit: 24 Monate, Kündigungsfrist: 1 Monat zum Ende der Laufzeit.
Ihr Anschluss wird am 01.05.2026 freigeschaltet. Der monatliche Preis beträgt 49,99 €.
Unsere Hotline erreichen Sie Mo-Fr 8-20 Uhr.`;

const DUNNING = `Versandhaus Nord GmbH · Postfach 10 20 30 · 20095 Hamburg

Herrn
Stefan Kühn
Am Anger 3
99084 Erfurt
                                  Hamburg, 14.04.2026

2. Mahnung

Sehr geehrter Herr Kühn,

leider konnten wir zu unserer Rechnung Nr. 774411 vom 02.03.2026 noch keinen Zahlungseingang feststellen.
Bitte überweisen Sie den offenen Betrag von 89,90 € zzgl. 5,00 € Mahngebühr bis zum 28.04.2026.
Sollten Sie Fragen haben, erreichen Sie uns telefonisch Mo-Fr von 8:00 bis 18:00 Uhr.`;

const RECEIPT = `BÄCKEREI SONNENSCHEIN
Hauptstraße 12, 01067 Dresden
Datum: 14.04.2026   Uhrzeit: 07:42
2x Brötchen        0,80
1x Kaffee          2,40
SUMME EUR          3,20
Vielen Dank für Ihren Besuch!`;

const NO_DATE = `AOK Niedersachsen · Postfach 1 · 30001 Hannover

Herrn Ali Yıldız
Kastanienweg 2
30159 Hannover
                                  Hannover, 09.04.2026

Sehr geehrter Herr Yıldız,

für die Beratung zu Ihrem Antrag vereinbaren Sie bitte einen Termin mit uns.
Unsere Geschäftsstelle ist Mo-Fr 8-16 Uhr für Sie geöffnet, Do bis 18 Uhr.`;

const PAST_TREATMENT = `Praxis Dr. med. Ingrid Sommer · Bahnhofstraße 4 · 90402 Nürnberg

Herrn Felix Maier
Rosenau 7
90429 Nürnberg
                                  Nürnberg, 20.03.2026

Privatliquidation

für die Behandlung am 12.03.2026 um 10 Uhr (Termin in unserer Praxis) berechnen wir:
Beratung, Untersuchung                           46,92 €
Bitte überweisen Sie den Betrag bis zum 20.04.2026.`;

const TAX_ASSESSMENT = `Finanzamt Musterstadt
Bescheid für 2024 über Einkommensteuer
                                     Datum: 10.04.2026
Festgesetzt werden: Einkommensteuer 1.234,00 €
Bitte zahlen Sie den Betrag bis zum 13.05.2026.
Einspruch kann bis 11.05.2026 eingelegt werden.
Sprechzeiten der Servicestelle: Mo-Do 8:00-15:30 Uhr, Fr 8:00-12:00 Uhr`;

const INSURANCE_POLICY = `Musterversicherung AG
Versicherungsschein Nr. HR-4471-2026
Versicherungsbeginn: 01.05.2026, 00:00 Uhr
Ablauf: 01.05.2027, 00:00 Uhr
Zahlweise: jährlich, Beitrag 312,40 €`;

describe('findAppointment: letters that set no appointment', () => {
  it.each([
    ['an invoice with a due date', INVOICE, '2026-04-01'],
    ['a contract with a start date', CONTRACT, '2026-04-10'],
    ['a dunning letter', DUNNING, '2026-04-14'],
    ['a till receipt with a time', RECEIPT, '2026-04-14'],
    ['a letter asking to make an appointment', NO_DATE, '2026-04-09'],
    ['a bill for a past appointment', PAST_TREATMENT, '2026-03-20'],
    ['a tax assessment with deadlines and office hours', TAX_ASSESSMENT, '2026-04-10'],
    ['an insurance policy starting at midnight', INSURANCE_POLICY, '2026-04-20'],
  ])('%s', (_name, text, issueDate) => {
    expect(findAppointment(text, { issueDate })).toBeUndefined();
    // Without the caller's date the letter's own date must do.
    expect(findAppointment(text, {})).toBeUndefined();
  });
});
