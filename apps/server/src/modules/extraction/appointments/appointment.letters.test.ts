import { describe, expect, it } from 'vitest';
import { findAppointment } from './appointment.models.ts';

/** Letters written after the rules, to see them generalise: name, text, letter date, expected datetime (undefined: no appointment). */
const LETTERS: [string, string, string, string | undefined][] = [
['orthodontist, weekday abbreviation and indented line', `Kieferorthopädische Praxis Dr. Tim Brandes
Marienplatz 4 · 80331 München

Sehr geehrte Eltern von Lukas,

gerne bestätigen wir den nächsten Kontrolltermin für Lukas:
  Mo 04.05.2026   15:40 Uhr
Bitte denken Sie daran, die Zahnspange mitzubringen.
`, '2026-04-14', '2026-05-04T15:40'],
['registry office, "Dieser findet am Freitag, dem ..."', `Standesamt Köln
Anmeldung der Eheschließung

Sehr geehrte Frau Yilmaz, sehr geehrter Herr Berger,

für die Anmeldung Ihrer Eheschließung haben wir für Sie einen Termin reserviert. Dieser findet am
Freitag, dem 12. Juni 2026, um 11.00 Uhr im Historischen Rathaus, Rathausplatz 2, 50667 Köln statt.
Bitte bringen Sie beide Ihre Personalausweise, beglaubigte Abschriften aus dem Geburtenregister
und erweiterte Meldebescheinigungen mit.
`, '2026-05-08', '2026-06-12T11:00'],
['vaccination, "Datum:" and "Uhrzeit:" lines', `Hausarztpraxis Nord
Dr. med. Olga Wagner · Dr. med. Peter Stein

Liebe Patientin, lieber Patient,

Ihr Impftermin (Grippeschutzimpfung):
Datum: 21.10.2026
Uhrzeit: 10:20
Bitte Impfausweis mitbringen!
`, '2026-10-01', '2026-10-21T10:20'],
['flat handover with a meeting point', `Wohnbau GmbH
Kundenservice

Wohnungsübergabe

Sehr geehrter Herr Schmid,

wie vereinbart findet die Übergabe Ihrer Wohnung am 30.06.2026 um 16:00 Uhr statt. Treffpunkt ist vor der
Haustür, Gartenstraße 8, 04107 Leipzig. Bitte bringen Sie alle Schlüssel mit.
Die Kaution wird nach Abnahme innerhalb von 6 Monaten abgerechnet.
`, '2026-06-10', '2026-06-30T16:00'],
['insurance assessor, "gegen 14 Uhr"', `HDI Versicherung AG · Schadenabteilung

Ihr Schaden Nr. 2026-447-118 vom 03.05.2026

Sehr geehrte Frau Klein,

unser Sachverständiger Herr Dipl.-Ing. Martin Roth wird den Schaden an Ihrem Fahrzeug am 20.05.2026 gegen 14 Uhr besichtigen.
Bitte halten Sie den Fahrzeugschein bereit.
`, '2026-05-12', '2026-05-20T14:00'],
['parents\' day with two slots: the first', `Gymnasium am Wall

Elternsprechtag

Liebe Eltern,

Ihre Gesprächstermine am Elternsprechtag, Donnerstag, 19.11.2026:
16:10 Uhr   Herr Kaiser (Mathematik), Raum 204
16:30 Uhr   Frau Lenz (Englisch), Raum 112
`, '2026-11-02', '2026-11-19T16:10'],
['job interview', `Müller Logistik GmbH · Personalabteilung

Ihre Bewerbung als Lagerist

Sehr geehrter Herr Aksoy,

vielen Dank für Ihre Bewerbung vom 10.03.2026. Wir möchten Sie gerne persönlich kennenlernen und laden
Sie zu einem Vorstellungsgespräch am Mittwoch, 25.03.2026, um 13:00 Uhr in unsere Niederlassung,
Industriestraße 14, 68169 Mannheim ein. Ihr Gesprächspartner ist Herr Weiß.
`, '2026-03-16', '2026-03-25T13:00'],
['tax adviser proposing a date', `Kanzlei Hoffmann & Partner Steuerberater

Sehr geehrter Herr Lindner,

zur Besprechung Ihres Jahresabschlusses schlagen wir folgenden Termin vor:
Dienstag, 14. Juli 2026, 17:30 Uhr, in unserer Kanzlei.
Bitte bestätigen Sie den Termin bis 07.07.2026.
`, '2026-06-30', '2026-07-14T17:30'],
['gym cancellation confirmation', `Fitnessstudio Power GmbH
Kündigungsbestätigung

Sehr geehrte Frau Roth,

hiermit bestätigen wir Ihre Kündigung zum 31.07.2026. Ihr letzter Trainingstag ist der 31.07.2026.
Unsere Öffnungszeiten: Mo-Fr 6-23 Uhr, Sa-So 8-20 Uhr.
`, '2026-05-02', undefined],
['annual electricity bill', `Stadtwerke Musterstadt
Jahresverbrauchsabrechnung 2025
Abrechnungszeitraum 01.01.2025 - 31.12.2025
Zählerstand am 31.12.2025: 14.223 kWh
Der nächste Abschlag in Höhe von 78,00 € wird am 15.02.2026 abgebucht.
Ablesung der Zähler erfolgt jährlich.
`, '2026-01-20', undefined],
['payslip with working hours', `Abrechnung der Brutto/Netto-Bezüge für Februar 2026
Personalnummer 00471   Eintritt 01.09.2021
Auszahlung am 27.02.2026
Arbeitszeit: 08:00 - 16:30 Uhr, Pause 30 Minuten
`, '2026-02-25', undefined],
['glasses ready for pick-up during opening hours', `Optik Schneider

Liebe Frau Graf,

Ihre neue Brille ist fertig und kann ab sofort bei uns abgeholt werden. Wir sind Mo-Fr von 9 bis 18 Uhr für Sie da.
`, '2026-03-10', undefined],
['an appointment the sender calls off', `Praxis Dr. Roth

Sehr geehrter Herr Kranz,

leider müssen wir Ihren Termin am 14.04.2026 um 9:00 Uhr absagen, da die Praxis an diesem Tag geschlossen ist.
Bitte vereinbaren Sie telefonisch einen neuen Termin.
`, '2026-04-02', undefined],
['ISO date and time, English labels', `Appointment confirmation
Patient: John Doe, DOB 1980-02-14
Appointment: 2026-04-14 09:30
Location: Clinic B, Room 12
`, '2026-04-01', '2026-04-14T09:30'],
['"14.04.2026 – 09:30 Uhr"', `Ihr Termin: 14.04.2026 – 09:30 Uhr
Ort: Praxis Dr. Lehmann, Raum 5`, '2026-04-01', '2026-04-14T09:30'],
['a series: the first one', `Ihre Behandlungstermine (Physiotherapie, 6 x Krankengymnastik):
Mo 13.04.2026 08:00 Uhr
Mi 15.04.2026 08:00 Uhr
Mo 20.04.2026 08:30 Uhr
Bitte bringen Sie ein Handtuch mit.`, '2026-04-01', '2026-04-13T08:00'],
['imprint with a date and a doctor as managing director', `Sehr geehrte Frau Maier,

wir laden Sie zur Nachuntersuchung am 05.05.2026 um 10:45 Uhr ein.

Mit freundlichen Grüßen
Klinikum Süd gGmbH · Sitz Nürnberg · Amtsgericht Nürnberg HRB 12345 · Stand 01.01.2026
Sparkasse Nürnberg IBAN DE12 7605 0101 0001 2345 67 · Geschäftsführer: Dr. Karl Ende`, '2026-04-20', '2026-05-05T10:45'],
['reminder "morgen, Dienstag, ..."', `Terminerinnerung

Wir erinnern Sie an Ihren Termin morgen, Dienstag, 14.04.2026 um 15:00 Uhr bei Frau Dr. Stein.`, '2026-04-13', '2026-04-14T15:00'],
['bailiff\'s summons', `Obergerichtsvollzieherin Sabine Hahn
Postfach 12 34, 60311 Frankfurt am Main

Terminsbestimmung zur Abgabe der Vermögensauskunft

In der Zwangsvollstreckungssache ... bestimme ich Termin zur Abgabe der Vermögensauskunft auf
Mittwoch, 06.05.2026, 09:00 Uhr,
in meinem Geschäftszimmer, Zeil 42, 60313 Frankfurt am Main, Zimmer 3.
Sie haben ein vollständiges Vermögensverzeichnis mitzubringen.`, '2026-04-15', '2026-05-06T09:00'],
['no year, letter in December, weekday confirms', `Sehr geehrte Frau Ott,
Ihr nächster Termin: Dienstag, 5. Januar, 8:30 Uhr`, '2026-12-10', '2027-01-05T08:30'],
['radiology, "Anmeldung: 07:50 Uhr" below the date', `Radiologie am Dom · Domplatz 2 · 48143 Münster
Sehr geehrter Herr Peters,
wir haben für Sie einen MRT-Termin vereinbart.
Untersuchung: MRT Knie links
Termin: Freitag, 22.05.2026
Anmeldung: 07:50 Uhr, Untersuchungsbeginn 08:10 Uhr
Bitte bringen Sie Ihre Überweisung und Vorbefunde mit.`, '2026-05-04', '2026-05-22T07:50'],
['vehicle registration office', `Straßenverkehrsamt Kreis Unna
Ihre Online-Terminbuchung
Vorgangsnummer: 44-1182
Ihr gebuchter Termin: 03.06.2026 um 11:45 Uhr, Schalter 7
Mitzubringen: eVB-Nummer, Personalausweis, SEPA-Lastschriftmandat für die Kfz-Steuer`, '2026-05-28', '2026-06-03T11:45'],
['public health officer, heading names the meeting', `Gesundheitsamt der Stadt Essen
Amtsärztliche Untersuchung

Sehr geehrte Frau Koç,

im Auftrag Ihres Dienstherrn bitten wir Sie, sich am Dienstag, dem 16. Juni 2026 um 8.30 Uhr im Gesundheitsamt, Hindenburgstraße 29, 45127 Essen, Zimmer E.14, einzufinden.
Bitte bringen Sie Ihre Brille (falls vorhanden) und aktuelle ärztliche Befunde mit.`, '2026-06-01', '2026-06-16T08:30'],
['nursery, compound "Eingewöhnungsgespräch" and "2.7."', `Kita Sonnenschein
Eingewöhnungsgespräch

Liebe Familie Hansen,
wir freuen uns, Sie zum Eingewöhnungsgespräch am 2.7. um 15.30 Uhr in der Kita begrüßen zu dürfen.`, '2026-06-15', '2026-07-02T15:30'],
['English boiler service "between 8am and 12pm"', `Dear Ms Taylor,
Our engineer will carry out the annual boiler service at your property on Monday 8 June 2026 between 8am and 12pm.
Please ensure access to the boiler.`, '2026-05-25', '2026-06-08T08:00'],
['pension advice, "09:00 - 10:00 Uhr"', `Deutsche Rentenversicherung Bund
Beratungstermin

Sehr geehrter Herr Vogt,
Ihr Beratungstermin in unserer Auskunfts- und Beratungsstelle:
Mittwoch, 10.06.2026, 09:00 - 10:00 Uhr
Auskunfts- und Beratungsstelle Berlin-Mitte, Schlossplatz 1, 10178 Berlin
Bitte bringen Sie Ihren Personalausweis und Ihre Versicherungsunterlagen mit.`, '2026-05-20', '2026-06-10T09:00'],
['garage, "Werkstatttermin" and "Do,"', `Autohaus König GmbH
Sehr geehrter Herr Demir,
Ihr Werkstatttermin: Do, 28.05.2026, Fahrzeugannahme 7:30 Uhr, Abholung ab 16 Uhr.`, '2026-05-20', '2026-05-28T07:30'],
['court payment order', `Amtsgericht Hagen - Mahngericht -
Mahnbescheid
Datum: 05.05.2026
Hauptforderung: Rechnung vom 01.02.2026, 450,00 €
Wenn Sie die Forderung bestreiten, können Sie innerhalb von zwei Wochen ab Zustellung Widerspruch erheben.`, '2026-05-05', undefined],
['new opening hours from a date', `Bürgeramt Mitte
Geänderte Öffnungszeiten
Ab dem 01.06.2026 gelten neue Öffnungszeiten: Mo, Di, Do 8:00-16:00 Uhr, Mi 11:00-19:00 Uhr.
Termine können online gebucht werden.`, '2026-05-20', undefined],
['bank card shipping and validity dates', `Sparkasse Musterstadt
Ihre neue Kreditkarte wird am 15.06.2026 versandt. Die alte Karte ist bis 30.06.2026 gültig.
Unser Kundenservice ist täglich von 8 bis 20 Uhr für Sie erreichbar.`, '2026-06-01', undefined],
['town hall, "Der Termin findet statt:" and date - time', `Stadt Neustadt - Bürgeramt

Terminbestätigung Bürgeramt

Sehr geehrter Herr Wendt,

Ihre Terminbuchung für die Dienstleistung „Wohnsitz anmelden“ ist bestätigt. Der Termin findet statt:
Mo., 03.11.2025 - 10:20 Uhr
Anschrift: Bürgeramt Neustadt, Raum 0.19, Am Markt 4, 12345 Neustadt
`, '2025-10-10', '2025-11-03T10:20'],
['dentist, the day and its month on two lines, no year', `Zahnarztpraxis Dr. Roth

Ihre Kontrolluntersuchung

Sehr geehrter Herr Lorenz,

Ihre halbjährliche Kontrolluntersuchung steht an. Wir haben für Sie einen Termin reserviert am Dienstag, 15.
September, um 11.45 Uhr bei Dr. med. dent. Jana Roth.
`, '2026-08-04', '2026-09-15T11:45'],
['job centre, "Datum:" and "Uhrzeit:" rows after "Bitte kommen Sie:"', `Jobcenter Grünstadt
                                        Datum        13. Dezember 2025
Frau Sabine Ziegler

Einladung zu einem Gespräch

Sehr geehrte Frau Ziegler,

ich möchte mit Ihnen über Ihre berufliche Situation sprechen. Bitte kommen Sie:
Datum:                        Mi., 21.01.2026
Uhrzeit:                      15:00 Uhr
Adresse:                      Jobcenter Grünstadt, Raum 2.40, Ringstraße 96, 61888 Grünstadt
`, '2025-12-13', '2026-01-21T15:00'],
];

describe('findAppointment: more letters', () => {
  it.each(LETTERS)('%s', (_name, text, issueDate, datetime) => {
    const reading = findAppointment(text, { issueDate });
    if (datetime === undefined) expect(reading).toBeUndefined();
    else expect(reading?.facts.datetime).toBe(datetime);
  });

  it.each([
    ['job interview', { place: 'Industriestraße 14, 68169 Mannheim', with_whom: 'Herr Weiß' }],
    ['insurance assessor, "gegen 14 Uhr"', { with_whom: 'Herr Dipl.-Ing. Martin Roth', what_to_bring: ['Fahrzeugschein'] }],
    ['flat handover with a meeting point', { place: 'Gartenstraße 8, 04107 Leipzig', what_to_bring: ['Schlüssel'] }],
    ['registry office, "Dieser findet am Freitag, dem ..."', { what_to_bring: ['Personalausweise', 'beglaubigte Abschriften aus dem Geburtenregister', 'erweiterte Meldebescheinigungen'] }],
    ['bailiff\'s summons', { place: 'Zimmer 3', with_whom: 'Sabine Hahn' }],
    ['imprint with a date and a doctor as managing director', { with_whom: 'Klinikum Süd gGmbH' }],
    ['a series: the first one', { what_to_bring: ['Handtuch'] }],
    ['public health officer, heading names the meeting', { place: 'Zimmer E.14, Gesundheitsamt, Hindenburgstraße 29, 45127 Essen', with_whom: 'Gesundheitsamt' }],
    ['vehicle registration office', { place: 'Schalter 7', what_to_bring: ['eVB-Nummer', 'Personalausweis', 'SEPA-Lastschriftmandat für die Kfz-Steuer'] }],
  ])('details: %s', (name, expected) => {
    const [, text, issueDate] = LETTERS.find(([other]) => other === name)!;
    expect(findAppointment(text, { issueDate })?.facts).toMatchObject(expected);
  });
});
