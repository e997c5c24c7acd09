import { describe, expect, it } from 'vitest';
import { findAppointment } from './appointment.models.ts';

const DENTIST = `
Zahnarztpraxis Dr. med. dent. Jana Krüger
Lindenallee 7 · 50968 Köln
Tel. 0221 123456 · praxis@zahnarzt-krueger.de

Zahnarztpraxis Dr. Krüger · Lindenallee 7 · 50968 Köln
Herrn
Markus Becker
Rosenweg 12
50667 Köln
                                                   Köln, 23.03.2026

Terminbestätigung

Sehr geehrter Herr Becker,

wir bestätigen Ihnen folgenden Termin in unserer Praxis:

Ihr Termin: Dienstag, 14.04.2026, 09:30 Uhr
Behandlung: Professionelle Zahnreinigung

Bitte bringen Sie Ihre Versichertenkarte und Ihr Bonusheft mit.
Sollten Sie den Termin nicht wahrnehmen können, sagen Sie bitte bis zum 10.04.2026 ab.

Sprechzeiten: Mo-Fr 8-12 Uhr, Di und Do 14-18 Uhr

Mit freundlichen Grüßen
Ihr Praxisteam
`;

const CITIZENS_OFFICE = `
Bezirksamt Pankow von Berlin
Bürgeramt Prenzlauer Berg
Fröbelstraße 17, 10405 Berlin

Bezirksamt Pankow · Fröbelstraße 17 · 10405 Berlin
Frau
Aylin Demir
Schönhauser Allee 88
10439 Berlin
                                              Datum: 02.04.2026
                                              Geschäftszeichen: BA-PB 2026/4471

Ihr Antrag auf Ausstellung eines Personalausweises

Sehr geehrte Frau Demir,

Ihr neuer Personalausweis liegt zur Abholung bereit. Wir laden Sie zur
persönlichen Vorsprache am 14. April 2026 um 9.30 Uhr in das Bürgeramt
Prenzlauer Berg, Raum 2.14, ein. Ihre Sachbearbeiterin ist Frau Schulze.

Mitzubringen sind:
- Ihr bisheriger Personalausweis
- ein aktuelles biometrisches Lichtbild
- Meldebescheinigung

Öffnungszeiten: Mo, Di, Do 8-15 Uhr

Mit freundlichen Grüßen
Im Auftrag
Schulze
`;

const JOBCENTER = `
Jobcenter Berlin Mitte
Seydelstraße 2-5, 10117 Berlin

Jobcenter Berlin Mitte · Seydelstraße 2-5 · 10117 Berlin
Herrn
Tobias Lang
Brunnenstraße 41
10115 Berlin
                                              Berlin, 13.04.2026
                                              Kundennummer: 123D456789
                                              BG-Nummer: 12345BG0067890

Einladung

Sehr geehrter Herr Lang,

bitte kommen Sie am Montag, 04.05.2026 um 10:15 h in das Jobcenter Berlin Mitte,
Seydelstraße 2-5, 10117 Berlin, Zimmer 3.07. Ich möchte mit Ihnen über Ihre
berufliche Situation sprechen (Einladung nach § 59 SGB II). Ihr Gespräch findet
bei Herrn Brandt statt.

Bitte bringen Sie folgende Unterlagen mit:
• Ihren Personalausweis
• Ihren aktuellen Lebenslauf
• Nachweise über Ihre Bewerbungen seit dem 01.01.2026

Geburtsdatum laut unseren Unterlagen: 12.03.1988.
Wenn Sie ohne wichtigen Grund nicht erscheinen, kann Ihr Bürgergeld gemindert werden.

Mit freundlichen Grüßen
Brandt
`;

const TUEV = `
TÜV Rheinland Kraftfahrt GmbH
Prüfstelle Köln-Ost

Herrn Jonas Wolff
Eichenweg 3
51069 Köln
                                                         Köln, 20.04.2026

Terminbestätigung Hauptuntersuchung (HU/AU)

Sehr geehrter Herr Wolff,

vielen Dank für Ihre Buchung. Ihr Fahrzeug mit dem Kennzeichen K-JW 412 ist angemeldet.

Termin zur Hauptuntersuchung: Do., 21.05.2026, 14:00-14:30 Uhr
Prüfstelle: TÜV Rheinland Prüfstelle Köln-Ost, Frankfurter Straße 12, 51065 Köln

Bitte bringen Sie die Zulassungsbescheinigung Teil I (Fahrzeugschein) und
den letzten Prüfbericht mit.

Mit freundlichen Grüßen
Ihr TÜV Rheinland Team
`;

const COURT = `
Amtsgericht Musterstadt
Gerichtsstraße 1
12345 Musterstadt

Amtsgericht Musterstadt, Gerichtsstraße 1, 12345 Musterstadt
Frau
Petra Neumann
Kirchgasse 4
12347 Musterstadt
                                                         20.04.2026
Aktenzeichen: 3 C 123/26

Ladung

In dem Rechtsstreit Hansen ./. Neumann werden Sie zum Termin zur mündlichen Verhandlung geladen.

Der Termin wird bestimmt auf
Donnerstag, 28.05.2026, 11:00 Uhr,
Saal 112, im Amtsgericht Musterstadt, Gerichtsstraße 1, 12345 Musterstadt.

Das persönliche Erscheinen der Beklagten wird angeordnet. Vorsitzende: Richterin am Amtsgericht Dr. Hoffmann

Bitte bringen Sie diese Ladung und Ihren Personalausweis mit.
`;

const METER_READING = `
Stadtwerke Neustadt GmbH · Postfach 1120 · 67401 Neustadt

Eheleute
Sabine und Uwe Roth
Weinstraße 21
67433 Neustadt

Zählerablesung

Sehr geehrte Frau Roth, sehr geehrter Herr Roth,

am Mittwoch, 13.05., zwischen 8 und 12 Uhr werden wir die Zählerstände in Ihrem Haus ablesen.
Unser Mitarbeiter Herr Koch kann sich ausweisen. Bitte sorgen Sie dafür, dass die Zähler frei
zugänglich sind. Ist der Termin für Sie ungünstig, melden Sie sich bitte bis zum 08.05.

Mit freundlichen Grüßen
Stadtwerke Neustadt GmbH
`;

const SCHOOL = `
Gesamtschule am Park
Parkstraße 10, 44135 Dortmund

An die Eltern von Mia Hoffmann, Klasse 7b
                                                       Dortmund, den 20.04.2026

Einladung zum Elterngespräch

Liebe Eltern,

ich möchte Sie herzlich zu einem Gespräch über die Leistungen Ihrer Tochter einladen.
Das Elterngespräch findet am Donnerstag, den 7. Mai um 16 Uhr im Raum 104 statt.
Bitte bringen Sie das Zeugnisheft mit.

Mit freundlichen Grüßen
Klassenlehrerin Frau Petersen
`;

const ENGLISH = `
Riverside Medical Centre
12 Harley Street, London W1G 9PF

Ms Claire Smith
4 Elm Road
London N1 2AB
                                                   26 March 2026
Dear Ms Smith,

Your appointment with Dr. Emily Carter is on Tuesday, 14 April 2026 at 9:30 am at our practice.
Please bring your insurance card and a list of your current medications.
If you cannot attend, please let us know by 10 April 2026.

Kind regards,
Reception
`;

describe('findAppointment: letters', () => {
  it.each([
    ['dentist, labelled with weekday', DENTIST, '2026-03-23', '2026-04-14T09:30'],
    ['citizens office, named month and dotted time', CITIZENS_OFFICE, '2026-04-02', '2026-04-14T09:30'],
    ['job centre, "10:15 h", birth date and list date around', JOBCENTER, '2026-04-13', '2026-05-04T10:15'],
    ['vehicle inspection, time range', TUEV, '2026-04-20', '2026-05-21T14:00'],
    ['court summons, date on the line below its label', COURT, '2026-04-20', '2026-05-28T11:00'],
    ['meter reading between 8 and 12, year from the letter', METER_READING, '2026-04-27', '2026-05-13T08:00'],
    ['school, "7. Mai um 16 Uhr" without a year', SCHOOL, '2026-04-20', '2026-05-07T16:00'],
    ['English, am/pm', ENGLISH, '2026-03-26', '2026-04-14T09:30'],
  ])('%s', (_name, text, issueDate, datetime) => {
    expect(findAppointment(text, { issueDate })?.facts.datetime).toBe(datetime);
  });

  it('reads the letter date itself when the caller has none', () => {
    expect(findAppointment(CITIZENS_OFFICE, {})?.facts.datetime).toBe('2026-04-14T09:30');
    expect(findAppointment(SCHOOL, {})?.facts.datetime).toBe('2026-05-07T16:00');
  });

  it.each([
    [DENTIST, '2026-03-23', { with_whom: 'Dr. med. dent. Jana Krüger', what_to_bring: ['Versichertenkarte', 'Bonusheft'] }],
    [CITIZENS_OFFICE, '2026-04-02', {
      place: 'Bürgeramt Prenzlauer Berg, Raum 2.14',
      with_whom: 'Frau Schulze',
      what_to_bring: ['bisheriger Personalausweis', 'aktuelles biometrisches Lichtbild', 'Meldebescheinigung'],
    }],
    [JOBCENTER, '2026-04-13', {
      place: 'Zimmer 3.07, Jobcenter Berlin Mitte, Seydelstraße 2-5, 10117 Berlin',
      with_whom: 'Herr Brandt',
      what_to_bring: ['Personalausweis', 'aktuellen Lebenslauf', 'Nachweise über Ihre Bewerbungen seit dem 01.01.2026'],
    }],
    [TUEV, '2026-04-20', {
      place: 'TÜV Rheinland Prüfstelle Köln-Ost, Frankfurter Straße 12, 51065 Köln',
      what_to_bring: ['Zulassungsbescheinigung Teil I (Fahrzeugschein)', 'letzten Prüfbericht'],
    }],
    [COURT, '2026-04-20', {
      place: 'Saal 112, Amtsgericht Musterstadt, Gerichtsstraße 1, 12345 Musterstadt',
      with_whom: 'Dr. Hoffmann',
      what_to_bring: ['Ladung', 'Personalausweis'],
    }],
    [METER_READING, '2026-04-27', { place: 'Weinstraße 21, 67433 Neustadt', with_whom: 'Herr Koch' }],
    [SCHOOL, '2026-04-20', { place: 'Raum 104', with_whom: 'Frau Petersen', what_to_bring: ['Zeugnisheft'] }],
    [ENGLISH, '2026-03-26', { with_whom: 'Dr. Emily Carter', what_to_bring: ['insurance card', 'list of your current medications'] }],
  ])('details of letter %#', (text, issueDate, expected) => {
    expect(findAppointment(text, { issueDate })?.facts).toMatchObject(expected);
  });

  it('does not take a table\'s header row for a place', () => {
    const text = ['Stadt Marienwerth', 'Am Kirchberg 64a · 57387 Marienwerth', '', 'Terminbestätigung', '', 'Ort          Datum', 'Rathaus      03.11.2025', '', 'Ihr Termin: Mo., 03.11.2025 - 10:20 Uhr'].join('\n');
    expect(findAppointment(text, { issueDate: '2025-10-20' })?.facts.place).not.toBe('Datum');
  });

  it('takes the sender\'s name and address for "in unserer Praxis"', () => {
    expect(findAppointment(DENTIST, { issueDate: '2026-03-23' })?.facts.place).toMatch(/^Zahnarztpraxis Dr\. .*Krüger, Lindenallee 7.*50968 Köln/u);
  });

  it.each([
    ['Anschrift: Bürgeramt Marienwerth, Raum 0.19, Am Kirchberg 64a, 57387 Marienwerth'],
    ['Sie finden uns hier: Bürgeramt Marienwerth, Raum 0.19, Am Kirchberg 64a, 57387 Marienwerth'],
    ['Wo              Bürgeramt Marienwerth, Raum 0.19, Am Kirchberg 64a, 57387 Marienwerth'],
  ])('reads a place labelled %j', (line) => {
    const text = ['Stadt Marienwerth', 'Am Kirchberg 64a · 57387 Marienwerth', '', 'Terminbestätigung', '', 'Ihr Termin: Mo., 03.11.2025 - 10:20 Uhr', '', line].join('\n');
    expect(findAppointment(text, { issueDate: '2025-10-20' })?.facts.place).toBe('Bürgeramt Marienwerth, Raum 0.19, Am Kirchberg 64a, 57387 Marienwerth');
  });

  it('promises only a labelled, unambiguous reading', () => {
    expect(findAppointment(DENTIST, { issueDate: '2026-03-23' })?.confidence.datetime).toBeGreaterThanOrEqual(0.9);
    expect(findAppointment(TUEV, { issueDate: '2026-04-20' })?.confidence.datetime).toBeGreaterThanOrEqual(0.9);
    // "... zwischen 8 und 12 Uhr werden wir ... ablesen": a meeting word in the sentence, no label.
    expect(findAppointment(METER_READING, { issueDate: '2026-04-27' })?.confidence.datetime).toBeLessThan(0.9);
  });
});
