import { describe, expect, it } from 'vitest';
import { findAppointment } from './appointment.models.ts';

const IMMIGRATION_OFFICE = `Landeshauptstadt München
Kreisverwaltungsreferat
Ausländerbehörde
Ruppertstraße 19, 80337 München

Herrn Rahul Sharma
Leopoldstraße 140
80804 München
                         München, 17.03.2026
Ihr Zeichen: -     Unser Zeichen: KVR-II/221-4471

Verlängerung Ihres Aufenthaltstitels

Sehr geehrter Herr Sharma,

für die Bearbeitung Ihres Antrags vom 02.03.2026 ist eine persönliche Vorsprache erforderlich.

Termin:       Mittwoch, 08.04.2026
Uhrzeit:      10:40 Uhr
Ort:          Ruppertstraße 19, 80337 München, Wartebereich B, Schalter 12

Bitte bringen Sie folgende Unterlagen mit:
1. gültiger Reisepass
2. aktuelles biometrisches Passfoto
3. Arbeitsvertrag und die letzten drei Gehaltsabrechnungen
4. Nachweis über Krankenversicherung

Sollten Sie den Termin nicht wahrnehmen können, teilen Sie uns dies bitte bis 01.04.2026 mit.
`;
const TAX_OFFICE = `Finanzamt Köln-Altstadt
Am Weidenbach 2-4
50676 Köln

Frau Maria Lopez
Severinstraße 50
50678 Köln
                                   Datum 14.05.2026
Steuernummer 214/5123/4567

Besprechung zur Einkommensteuererklärung 2024

Sehr geehrte Frau Lopez,

zur Klärung offener Fragen bitten wir Sie, am 03.06.2026 um 10:00 Uhr bei Herrn Lehmann,
Zimmer 214, vorzusprechen. Bitte legen Sie dabei die Belege zu den Werbungskosten vor.

Mit freundlichen Grüßen
Lehmann
`;
const SMOKE_ALARMS = `Hausverwaltung Sommer & Partner · Kantstraße 44 · 10625 Berlin

An alle Mieterinnen und Mieter
Goethestraße 12
10623 Berlin
                                   Berlin, 02.02.2026

Ankündigung: Wartung der Rauchwarnmelder

Sehr geehrte Mieterinnen und Mieter,

die jährliche Wartung der Rauchwarnmelder findet am
Dienstag, 24.02.2026
in der Zeit von 9:00 bis 13:00 Uhr statt.
Unser Techniker Herr Yilmaz benötigt Zugang zu allen Wohnräumen.
Falls Sie an diesem Tag verhindert sind, vereinbaren Sie bitte bis zum 17.02.2026 einen Ersatztermin.
`;
const PAEDIATRICIAN = `Kinderarztpraxis Dr. Sonja Reimann
Bergstraße 5 | 69120 Heidelberg | Tel 06221 445566

Familie Weber
Neckarweg 3
69118 Heidelberg

Heidelberg, 09.01.2026

Erinnerung an die Vorsorgeuntersuchung U6 von Emil

Liebe Familie Weber,

wir möchten Sie an den Termin zur U6 erinnern:
Freitag, 30. Januar 2026, 8.15 Uhr
Bitte bringen Sie das gelbe Untersuchungsheft, den Impfpass und die Versichertenkarte mit.
`;
const ELECTRICIAN = `Elektro Hartmann GmbH
Meisterbetrieb · Schillerstraße 9 · 73728 Esslingen

Herrn Klaus Berger
Uhlandstraße 22
73734 Esslingen
                                                  21.04.2026

Ihr Auftrag 2026-118: Austausch Zählerschrank

Sehr geehrter Herr Berger,

wie telefonisch besprochen kommt unser Monteur am Montag, den 11.05.2026 gegen 7:30 Uhr zu Ihnen.
Die Arbeiten dauern voraussichtlich 6 Stunden. Der Strom wird ab ca. 8 Uhr abgeschaltet.
Angebot vom 30.03.2026, Betrag 2.480,00 €.
`;
const UK_DENTIST = `City Dental Care
45 King Street, Manchester M2 4LQ

Mr James Brown
18 Oak Avenue
Manchester M20 6RT
                                        3 February 2026
Dear Mr Brown,

This is to confirm your next appointment:

Date: Wednesday 18 February 2026
Time: 3.15pm
Dentist: Dr Priya Patel

Please arrive 10 minutes early and bring a list of any medication you are taking.
`;
const PARENTS_EVENING = `Grundschule Sonnenhügel · Schulweg 1 · 04109 Leipzig

An die Eltern der Klasse 1a
                                            Leipzig, 08.09.2026
Einladung zum ersten Elternabend

Liebe Eltern,

hiermit lade ich Sie herzlich zum ersten Elternabend des Schuljahres ein.
Wann: Dienstag, 22. September, 19:00 Uhr
Wo: Klassenraum 1a (Raum 012), Erdgeschoss

Tagesordnung: Wahl der Elternvertreter, Klassenfahrt, Verschiedenes

Mit freundlichen Grüßen
Katrin Lorenz, Klassenlehrerin
`;
const INSPECTION_STATION = `DEKRA Automobil GmbH
Station Bremen-Nord

Frau Nina Schulz
Vegesacker Str. 80
28757 Bremen

Ihre Buchung Nr. 558812 vom 10.06.2026

Sehr geehrte Frau Schulz,

vielen Dank für Ihre Online-Buchung. Wir erwarten Sie mit Ihrem Fahrzeug HB-NS 220 zur Hauptuntersuchung
am 19.06.2026 um 08:00 Uhr in unserer Station, Lindenweg 4, 28759 Bremen.
Bitte denken Sie an die Zulassungsbescheinigung Teil I und den letzten HU-Bericht.
`;
const EMPLOYMENT_AGENCY = `Agentur für Arbeit Nürnberg
Richard-Wagner-Platz 5, 90443 Nürnberg

Herrn Dimitri Popov
Fürther Str. 190
90429 Nürnberg
                          Nürnberg, 04.05.2026
Ihre Kundennummer: 912A334455

Einladung

Sehr geehrter Herr Popov,

bitte kommen Sie zu einem Gespräch über Ihre berufliche Situation.
Datum/Uhrzeit: 18.05.2026 um 13:30 Uhr
Raum: 4.021
Ansprechpartner: Herr Meißner

Bitte bringen Sie diese Einladung, Ihren Personalausweis und Ihre Bewerbungsunterlagen mit.
Wenn Sie ohne wichtigen Grund nicht erscheinen, tritt eine Sperrzeit ein.
Erreichbar: Mo-Fr 8:00 - 18:00 Uhr, Telefon 0800 4 5555 00
`;
const SOCIAL_COURT = `Sozialgericht Hannover
Leonhardtstraße 15, 30175 Hannover

Az.: S 12 AS 1234/25
                                          22.04.2026
Ladung zur mündlichen Verhandlung

In dem Rechtsstreit
Klaus Meyer ./. Jobcenter Region Hannover
wird Termin zur mündlichen Verhandlung bestimmt auf

Dienstag, 26. Mai 2026, 09:45 Uhr
Sitzungssaal 2.112, 2. Obergeschoss

Sie werden hierzu geladen. Bitte bringen Sie diese Ladung und einen Lichtbildausweis mit.
`;
const EYE_CLINIC = `Augenarztpraxis Dr. Frank Hahn · Königstraße 1 · 70173 Stuttgart

Frau Ute Berg
Neckarstraße 3
70190 Stuttgart
                                    Stuttgart, 02.03.2026
Betreff: Ihr Termin am 17.03.2026

Sehr geehrte Frau Berg,

wir freuen uns, Sie in unserer Praxis begrüßen zu dürfen. Da wir Ihre Pupillen erweitern,
dürfen Sie nach der Untersuchung kein Fahrzeug führen.

Bitte seien Sie um 11:20 Uhr am Empfang.
`;
const HOSPITAL = `Universitätsklinikum Musterstadt                        Klinik für Orthopädie
Ambulanz                                                 Tel. 0123 456-789
                                                         Fax 0123 456-790
Herrn
Georg Albrecht                                           Ihr Zeichen:
Wiesenweg 14                                             Unser Zeichen: OR-4471
12345 Musterstadt                                        Datum: 05.05.2026

Ambulanter Termin in der Orthopädischen Sprechstunde

Sehr geehrter Herr Albrecht,

hiermit bestätigen wir Ihren Termin in unserer Sprechstunde am Montag, 18.05.2026, 8:00 Uhr.
Melden Sie sich bitte 30 Minuten vorher an der Zentralen Patientenaufnahme, Gebäude 3, Erdgeschoss.
Bitte mitbringen:
- Überweisungsschein
- Röntgenbilder und Befunde (falls vorhanden)
- Medikamentenplan
`;
const OCR_GP = `Praxis fur Allgemeinmedizin
Dr.med. Petra Lang
Hauptstr. 8 , 55116 Mainz

Mainz , 12.02.2026

Sehr geehrter Herr Kurz ,

Ihr Termin : Donnerstag , 26.02.2026 , 08 : 45 Uhr
Bitte nuchtern erscheinen (Blutabnahme).
`;
const UK_INTERVIEW = `Dear Mr Novak,

we would like to invite you to an interview at 10:30 am on Thursday, 4 June 2026 at our office,
Room 3.12, 1 Market Square, Leeds LS1 6AA. You will meet our HR manager, Ms. Helen Ward.
Please bring your passport and your certificates.
`;
const CHIMNEY_SWEEP = `Bezirksschornsteinfegermeister Ralf Kuhn
Am Bach 2, 35037 Marburg

Ankündigung Feuerstättenschau

Sehr geehrte Eigentümer,
ich werde am 09.06.2026 in der Zeit zwischen 7.30 und 10.00 Uhr die Feuerstättenschau in Ihrem Gebäude durchführen.
Sollte der Termin nicht passen, rufen Sie mich bitte bis 02.06.2026 an.
`;
describe('findAppointment: senders and layouts', () => {
  it.each([
    ['immigration office, label lines', IMMIGRATION_OFFICE, '2026-03-17', {
      datetime: '2026-04-08T10:40',
      place: 'Ruppertstraße 19, 80337 München, Wartebereich B, Schalter 12',
      with_whom: 'Ausländerbehörde',
      what_to_bring: ['gültiger Reisepass', 'aktuelles biometrisches Passfoto', 'Arbeitsvertrag und die letzten drei Gehaltsabrechnungen', 'Nachweis über Krankenversicherung'],
    }],
    ['tax office, no letter date given', TAX_OFFICE, undefined, {
      datetime: '2026-06-03T10:00', place: 'Zimmer 214', with_whom: 'Herr Lehmann', what_to_bring: ['Belege zu den Werbungskosten'],
    }],
    ['smoke alarm maintenance at the tenant\'s', SMOKE_ALARMS, '2026-02-02', { datetime: '2026-02-24T09:00', place: 'Goethestraße 12, 10623 Berlin', with_whom: 'Herr Yilmaz' }],
    ['paediatrician', PAEDIATRICIAN, '2026-01-09', {
      datetime: '2026-01-30T08:15', place: 'Kinderarztpraxis Dr. Sonja Reimann, Bergstraße 5, 69120 Heidelberg', with_whom: 'Dr. Sonja Reimann',
      what_to_bring: ['gelbe Untersuchungsheft', 'Impfpass', 'Versichertenkarte'],
    }],
    ['electrician coming to the house', ELECTRICIAN, '2026-04-21', { datetime: '2026-05-11T07:30', place: 'Uhlandstraße 22, 73734 Esslingen' }],
    ['English dentist, "3.15pm"', UK_DENTIST, '2026-02-03', { datetime: '2026-02-18T15:15', with_whom: 'Dr Priya Patel' }],
    ['parents\' evening, "Wann:" and "Wo:"', PARENTS_EVENING, '2026-09-08', { datetime: '2026-09-22T19:00', place: 'Klassenraum 1a (Raum 012), Erdgeschoss' }],
    ['inspection station, no letter date', INSPECTION_STATION, undefined, {
      datetime: '2026-06-19T08:00', place: 'Lindenweg 4, 28759 Bremen', what_to_bring: ['Zulassungsbescheinigung Teil I', 'letzten HU-Bericht'],
    }],
    ['employment agency, "Datum/Uhrzeit:"', EMPLOYMENT_AGENCY, '2026-05-04', {
      datetime: '2026-05-18T13:30', place: 'Raum 4.021', with_whom: 'Herr Meißner', what_to_bring: ['Einladung', 'Personalausweis', 'Bewerbungsunterlagen'],
    }],
    ['social court summons', SOCIAL_COURT, '2026-04-22', {
      datetime: '2026-05-26T09:45', place: 'Sitzungssaal 2.112, 2. Obergeschoss', with_whom: 'Sozialgericht Hannover', what_to_bring: ['Ladung', 'Lichtbildausweis'],
    }],
    ['date in the subject, time in the body', EYE_CLINIC, '2026-03-02', { datetime: '2026-03-17T11:20', place: 'Augenarztpraxis Dr. Frank Hahn, Königstraße 1, 70173 Stuttgart', with_whom: 'Dr. Frank Hahn' }],
    ['two-column hospital letter with a bullet list', HOSPITAL, '2026-05-05', {
      datetime: '2026-05-18T08:00', place: 'Gebäude 3, Erdgeschoss', what_to_bring: ['Überweisungsschein', 'Röntgenbilder und Befunde (falls vorhanden)', 'Medikamentenplan'],
    }],
    ['OCR spacing "08 : 45 Uhr"', OCR_GP, '2026-02-12', { datetime: '2026-02-26T08:45', with_whom: 'Dr.med. Petra Lang' }],
    ['English, time before date', UK_INTERVIEW, '2026-05-20', { datetime: '2026-06-04T10:30', place: 'Room 3.12', with_whom: 'Ms. Helen Ward', what_to_bring: ['passport', 'certificates'] }],
    ['chimney sweep, "zwischen 7.30 und 10.00 Uhr"', CHIMNEY_SWEEP, '2026-05-18', { datetime: '2026-06-09T07:30' }],
  ])('%s', (_name, text, issueDate, expected) => {
    expect(findAppointment(text, issueDate ? { issueDate } : {})?.facts).toMatchObject(expected);
  });

  it('takes the profession heading the letter, not its address, for the person', () => {
    expect(findAppointment(CHIMNEY_SWEEP, { issueDate: '2026-05-18' })?.facts.with_whom).toBe('Ralf Kuhn');
  });

  it('is unsure of a time that stands apart from the date', () => {
    expect(findAppointment(EYE_CLINIC, { issueDate: '2026-03-02' })?.confidence.datetime).toBeLessThan(0.7);
  });
});
