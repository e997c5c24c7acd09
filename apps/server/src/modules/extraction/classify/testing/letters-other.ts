/** Test letters that ask for a decision, an appearance or a renewal, and letters that ask for nothing. */
import type { TestLetter } from './letter.ts';
import { letter } from './letter.ts';

export const OTHER_LETTERS: TestLetter[] = [
  {
    name: 'an electricity contract confirmation with its monthly payment',
    type: 'contract',
    text: letter({
      from: ['Grünstrom Direkt AG', 'Windparkallee 5, 28195 Bremen'],
      info: ['Kundennummer: 3301-778'],
      subject: 'Bestätigung Ihres Stromliefervertrags',
      body: ['schön, dass Sie sich für uns entschieden haben. Lieferbeginn ist der 01.04.2026.', 'Erstlaufzeit 12 Monate, danach verlängert sich der Vertrag jeweils um 12 Monate, wenn er nicht mit einer Frist von 1 Monat zum Ende der Laufzeit gekündigt wird.', 'Ihr monatlicher Abschlag: 78,00 €.'],
    }),
  },
  {
    name: "a gym's welcome letter",
    type: 'contract',
    text: letter({
      from: ['Fitwell Studios GmbH', 'Sportpark 3, 12345 Musterstadt'],
      subject: 'Willkommen bei Fitwell!',
      body: ['Ihre Mitgliedschaft beginnt am 01.03.2026. Die Mindestlaufzeit beträgt 12 Monate, anschließend ist die Mitgliedschaft mit einer Frist von 4 Wochen kündbar.', 'Der Beitrag von 29,90 € wird monatlich eingezogen.'],
    }),
  },
  {
    name: 'a price increase with a special right to cancel',
    type: 'contract',
    text: letter({
      from: ['Kabelnetz West GmbH', 'Postfach 40, 40210 Düsseldorf'],
      subject: 'Preisanpassung zum 01.05.2026',
      body: ['ab dem 01.05.2026 erhöht sich Ihr monatlicher Grundpreis von 34,99 € auf 37,99 €.', 'Sie können Ihren Vertrag bis zum Inkrafttreten der Änderung ohne Einhaltung einer Frist kündigen.'],
    }),
  },
  {
    name: 'an English subscription agreement',
    type: 'contract',
    text: ['Cloudbox Inc.', '', 'Your subscription agreement', 'Plan: Family 2 TB, billed yearly.', 'The agreement renews automatically for a further 12 months unless you cancel at least 30 days before the renewal date.'].join('\n'),
  },
  {
    name: "a dentist's appointment confirmation",
    type: 'appointment',
    text: letter({
      from: ['Zahnarztpraxis Dr. Brenner', 'Kirchplatz 8, 12345 Musterstadt'],
      subject: 'Terminbestätigung',
      body: ['wir bestätigen Ihren Termin zur Kontrolluntersuchung am Donnerstag, 26.03.2026, um 08:40 Uhr.', 'Bitte bringen Sie Ihre Versichertenkarte mit. Können Sie den Termin nicht wahrnehmen, sagen Sie bitte 24 Stunden vorher ab.'],
    }),
  },
  {
    name: 'a citizens office appointment to apply for an ID card',
    type: 'appointment',
    text: letter({
      from: ['Stadt Musterstadt – Bürgerbüro', 'Rathausplatz 1, 12345 Musterstadt'],
      subject: 'Ihr Termin im Bürgerbüro',
      body: ['Anliegen: Beantragung Personalausweis', 'Datum: Montag, 30.03.2026, 10:15 Uhr, Schalter 4', 'Bitte bringen Sie Ihren bisherigen Personalausweis, ein biometrisches Passfoto und die Gebühr von 37,00 € mit.'],
    }),
  },
  {
    // "Ankündigung" holds "Kündigung": it is no cancellation.
    name: 'a meter reading announced in a table',
    type: 'appointment',
    text: letter({
      from: ['Wärmemessdienst Kraus GmbH', 'Am Anger 10, 12345 Musterstadt'],
      subject: 'Ankündigung der Ablesung',
      body: ['im Auftrag Ihrer Hausverwaltung lesen wir die Heizkostenverteiler in Ihrer Wohnung ab. Die Ablesung erfolgt:', 'Datum          Uhrzeit              Ort', '24.09.2026     07:10 - 09:10 Uhr    Lindenstraße 85, 12345 Musterstadt', 'Bitte sorgen Sie dafür, dass alle Heizkörper frei zugänglich sind.'],
    }),
  },
  {
    name: "a vehicle inspection station's appointment",
    type: 'appointment',
    text: letter({
      from: ['Prüfstelle Nord – Fahrzeugprüfung', 'Autobahnring 2, 12345 Musterstadt'],
      subject: 'Termin zur Hauptuntersuchung',
      body: ['Ihr Fahrzeug MU-EB 123 ist für die Hauptuntersuchung am 02.04.2026 um 07:30 Uhr angemeldet.', 'Bitte bringen Sie die Zulassungsbescheinigung Teil I mit.'],
    }),
  },
  {
    name: 'a summons from the tax office',
    type: 'appointment',
    text: letter({
      from: ['Finanzamt Musterstadt', 'Steuerstraße 1, 12345 Musterstadt'],
      subject: 'Einladung zu einer Besprechung',
      body: ['zur Klärung offener Fragen zu Ihrer Einkommensteuererklärung 2024 bitten wir Sie, am 07.04.2026 um 09:00 Uhr in Zimmer 214 zu erscheinen.', 'Bringen Sie bitte die Belege zu Ihren Werbungskosten mit.'],
    }),
  },
  {
    name: 'an English appointment reminder',
    type: 'appointment',
    text: ['Riverside Medical Centre', '', 'Appointment reminder', 'You are booked to see Dr Patel on Monday 6 April 2026 at 11:20.', 'Please arrive 10 minutes early and bring a list of your medicines.'].join('\n'),
  },
  {
    name: "a health insurer's premium change with a right to cancel",
    type: 'insurance',
    text: letter({
      from: ['Hanseatische Krankenversicherung a.G.', 'Versicherungsallee 1, 20097 Hamburg'],
      info: ['Versicherungsnummer: KV 8812-331'],
      subject: 'Beitragsanpassung zum 01.01.2027',
      body: ['der Beitrag für Ihren Tarif Komfort+ steigt von 412,30 € auf 438,90 € monatlich.', 'Sie haben ein Sonderkündigungsrecht: Sie können den betroffenen Tarif innerhalb von zwei Monaten nach Zugang dieser Mitteilung kündigen.'],
    }),
  },
  {
    name: 'a car insurance policy',
    type: 'insurance',
    text: letter({
      from: ['Rheinland Direktversicherung AG', 'Domstraße 9, 50668 Köln'],
      subject: 'Versicherungsschein Nr. KF-55-90211',
      body: ['Versicherungsnehmerin: Erika Beispiel. Fahrzeug: MU-EB 123.', 'Versicherungsbeginn 01.04.2026, Haftpflicht SF 12, Vollkasko SF 8 mit 300 € Selbstbeteiligung.', 'Jahresbeitrag 612,40 €, fällig am 01.04.2026.'],
    }),
  },
  {
    name: 'a household insurance annual notice',
    type: 'insurance',
    text: letter({
      from: ['Süddeutsche Sachversicherung', 'Isarring 4, 80331 München'],
      subject: 'Ihre Hausratversicherung im neuen Versicherungsjahr',
      body: ['Ihre Versicherungssumme wurde an den aktuellen Wert Ihres Hausrats angepasst: 65.000 €.', 'Der Versicherungsschutz umfasst Feuer, Leitungswasser, Sturm und Einbruchdiebstahl.'],
    }),
  },
  {
    name: 'an e-prescription printout',
    type: 'prescription',
    text: ['Ausdruck zur Einlösung Ihres E-Rezeptes', 'Praxis Dr. med. Jonas Weber, Hausarzt', 'Ausgestellt am 12.03.2026 für Erika Beispiel', 'Pantoprazol 20 mg, 30 Tabletten, N1', 'Dosierung: 1-0-0', 'Sie können dieses Rezept in jeder Apotheke einlösen.'].join('\n'),
  },
  {
    name: 'a physiotherapy referral',
    type: 'prescription',
    text: ['Heilmittelverordnung', 'Krankenkasse: AOK Musterland', 'Heilmittel: Manuelle Therapie, 6 x', 'Therapiefrequenz: 1-2 x wöchentlich', 'Diagnose: M54.5 Kreuzschmerz', 'Ausstellungsdatum 10.03.2026, Vertragsarztstempel'].join('\n'),
  },
  {
    name: 'a private prescription',
    type: 'prescription',
    text: ['Dr. med. Anna Lorenz – Dermatologie', '', 'Privatrezept', 'für: Erika Beispiel, geb. 01.01.1980', 'Rp. Mometason Creme 0,1 %, 30 g', 'S. 1 x täglich dünn auf die betroffenen Stellen', 'Musterstadt, 12.03.2026'].join('\n'),
  },
  {
    name: 'an ID card expiry notice that asks to book an appointment',
    type: 'identity_document',
    text: letter({
      from: ['Stadt Musterstadt – Bürgerbüro', 'Rathausplatz 1, 12345 Musterstadt'],
      subject: 'Ihr Personalausweis läuft bald ab',
      body: ['Ihr Personalausweis ist nur noch bis zum 30.06.2026 gültig.', 'Bitte vereinbaren Sie rechtzeitig einen Termin, um einen neuen Ausweis zu beantragen. Die Herstellung dauert etwa vier Wochen.'],
    }),
  },
  {
    name: 'a passport ready for collection',
    type: 'identity_document',
    text: letter({
      from: ['Stadt Musterstadt – Pass- und Ausweisstelle', 'Rathausplatz 1, 12345 Musterstadt'],
      subject: 'Abholung Ihres Reisepasses',
      body: ['Ihr neuer Reisepass ist eingetroffen und kann während der Öffnungszeiten abgeholt werden.', 'Bringen Sie Ihren alten Pass zur Entwertung mit.'],
    }),
  },
  {
    name: 'a residence permit extension notice',
    type: 'identity_document',
    text: letter({
      from: ['Landkreis Musterland – Ausländerbehörde', 'Kreishaus, 12345 Musterstadt'],
      subject: 'Ablauf Ihres Aufenthaltstitels',
      body: ['Ihre Aufenthaltserlaubnis ist gültig bis 31.05.2026.', 'Stellen Sie den Antrag auf Verlängerung spätestens sechs Wochen vor Ablauf.'],
    }),
  },
  {
    name: 'a service notice that mentions invoices in passing',
    type: 'other',
    text: letter({
      from: ['Stadtwerke Musterstadt GmbH', 'Kraftwerkstraße 3, 12345 Musterstadt'],
      subject: 'Neue Öffnungszeiten unseres Kundencenters',
      body: ['ab April ist unser Kundencenter montags bis freitags von 8 bis 18 Uhr für Sie geöffnet.', 'Fragen zu Ihrer Rechnung beantworten wir weiterhin gern telefonisch oder per E-Mail.'],
    }),
  },
  {
    name: 'a bank statement',
    type: 'other',
    text: ['Musterbank AG', 'Kontoauszug 3/2026', 'IBAN DE02 1203 0000 0000 2020 51', 'Alter Kontostand 1.204,11', '03.03. Lastschrift Fernsprech Nord Rechnung 03/2026   -32,13', '05.03. Gehalt Kranich Logistik                      2.810,00', 'Neuer Kontostand 3.981,98'].join('\n'),
  },
  {
    name: 'a privacy notice that mentions the contract',
    type: 'other',
    text: letter({
      from: ['Kabelnetz West GmbH', 'Postfach 40, 40210 Düsseldorf'],
      subject: 'Datenschutzhinweise nach Art. 13 DSGVO',
      body: ['wir verarbeiten Ihre Daten zur Erfüllung Ihres Vertrags und zur Abrechnung unserer Leistungen.', 'Sie haben das Recht auf Auskunft, Berichtigung und Löschung.'],
    }),
  },
  {
    name: 'a delivery note that announces the invoice',
    type: 'other',
    text: ['Möbelhaus Eichenhof', '', 'Lieferschein 80-2291', 'Lieferdatum: 10.03.2026', '1 Esstisch Eiche 180 x 90', '4 Stühle Eiche', 'Die Rechnung erhalten Sie separat per E-Mail.', 'Ware vollständig und unbeschädigt erhalten: ____________'].join('\n'),
  },
  {
    name: 'a holiday postcard',
    type: 'other',
    text: ['Hallo Erika,', 'viele Grüße vom Gardasee! Wir wandern jeden Tag und das Essen ist wunderbar.', 'Bis bald, deine Jule'].join('\n'),
  },
];
