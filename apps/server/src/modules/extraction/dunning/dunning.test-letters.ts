/**
 * Dunning letters written for the tests, laid out as the PDF text layer prints them
 * (columns apart by two or more spaces, the information block indented on the right). Senders,
 * numbers and wordings are invented; each letter varies what the readers must not depend on.
 */

/** A short letter: sender line, address, a heading, the salutation and a body that says the money is late. */
export function shortLetter(heading: string, body = 'leider ist unsere Rechnung Nr. 4711 vom 05.01.2026 über 250,00 € noch nicht bezahlt.'): string {
  return `Muster Handel GmbH · Ringstraße 4 · 10115 Berlin\n\nHerrn Max Beispiel\nWeg 1\n10117 Berlin\n\n${heading}\n\nSehr geehrte Damen und Herren,\n\n${body}\n\nMit freundlichen Grüßen\nMuster Handel GmbH`;
}

export interface TestLetter {
  name: string;
  text: string;
  issueDate?: string;
}

/** What the reader must find in a letter; a field left out must stay unread. */
export interface ExpectedReading {
  level: number;
  number?: string;
  date?: string;
  fee?: string;
  deadline?: string;
  total?: string;
}

export interface LetterCase {
  letter: TestLetter;
  expected: ExpectedReading;
}

const reminderPlain: TestLetter = {
  name: 'Zahlungserinnerung, subject with number and date, relative deadline',
  issueDate: '2026-02-10',
  text: `Gärtnerei Lindenhof · Am Anger 4 · 79098 Freiburg
Herrn
Jonas Weber
Talstraße 12
79102 Freiburg                                             Freiburg, 10.02.2026

Zahlungserinnerung – Rechnung Nr. 2024-117 vom 03.01.2026

Sehr geehrter Herr Weber,

sicher haben Sie in der Hektik des Alltags übersehen, dass unsere Rechnung für die Heckenpflege noch
offen ist. Bis heute konnten wir keinen Zahlungseingang feststellen.
Offener Betrag: 119,00 €
Bitte überweisen Sie den Betrag innerhalb von 7 Tagen auf unser Konto bei der Sparkasse Freiburg,
IBAN DE89 3704 0044 0532 0130 00.
Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.

Mit freundlichen Grüßen
Anna Lindner`,
};

const firstDunning: TestLetter = {
  name: '1. Mahnung, information block, statement of charges, absolute deadline',
  issueDate: '2026-02-06',
  text: `Elektro Sommer GmbH, Industriestr. 18, 70565 Stuttgart
                                                             Kundennummer:   K-20931
Frau                                                         Datum:          06.02.2026
Petra Albers                                                 Sachbearbeiter: M. Roth
Hauptstraße 7
70178 Stuttgart

1. Mahnung

Sehr geehrte Frau Albers,

zu unserer Rechnung RE-2026-0042 vom 15.12.2025 konnten wir bis heute leider keinen Zahlungseingang
feststellen. Der Rechnungsbetrag war am 29.12.2025 fällig.

Rechnungsbetrag                                 356,30 €
Mahngebühr                                        5,00 €
Gesamtbetrag                                    361,30 €

Bitte überweisen Sie den Gesamtbetrag bis zum 20.02.2026 unter Angabe der Rechnungsnummer.
Zahlungseingänge bis zum 04.02.2026 sind berücksichtigt.

Mit freundlichen Grüßen
Elektro Sommer GmbH`,
};

const secondDunning: TestLetter = {
  name: '2. Mahnung, table of open items, fees of two stages, deadline after receipt from a month end',
  issueDate: '2026-01-31',
  text: `Stadtwerke Nordheim · Postfach 1120 · 74226 Nordheim

Herrn Dr. Klaus Brenner
Lindenweg 3
74226 Nordheim

Nordheim, den 31.01.2026
Vertragskonto 400118822

Zweite Mahnung

Sehr geehrter Herr Dr. Brenner,

trotz unserer Zahlungserinnerung vom 02.01.2026 und der 1. Mahnung vom 16.01.2026 ist die folgende
Forderung weiterhin offen:

Rechnung        Datum           Betrag       offen
2025-77812      28.11.2025      214,60 €     214,60 €

Mahngebühr 1. Mahnung            2,50 €
Mahngebühr 2. Mahnung            5,00 €
Zu zahlender Betrag            222,10 €

Wir bitten Sie, den Betrag bis spätestens 14 Tage nach Zugang dieses Schreibens zu überweisen.
Sollten Sie nicht zahlen, müssen wir die Versorgung einstellen. Für jede weitere Mahnung berechnen
wir 5,00 €.

Ihre Stadtwerke Nordheim`,
};

const lastDunning: TestLetter = {
  name: 'Letzte Mahnung, labelled number, fee in a sentence, threat of collection',
  issueDate: '2026-02-12',
  text: `Kanzleibedarf Hoffmann e.K. | Rosenstraße 2 | 04109 Leipzig

Müller & Söhne Bau GmbH
Buchhaltung
Gewerbering 5
04129 Leipzig
                                                        Leipzig, 12. Februar 2026
Rechnungsnummer: 88123
Rechnungsdatum: 10.12.2025

LETZTE MAHNUNG

Sehr geehrte Damen und Herren,

leider haben Sie auf unsere bisherigen Schreiben nicht reagiert. Der Betrag von 1.249,50 € ist noch
immer nicht beglichen. Zuzüglich Mahnkosten in Höhe von 7,50 € fordern wir Sie hiermit letztmalig
auf, den Gesamtbetrag von 1.257,00 € bis zum 26.02.2026 zu überweisen.
Andernfalls übergeben wir die Forderung ohne weitere Ankündigung einem Inkassounternehmen; die
dadurch entstehenden Kosten gehen zu Ihren Lasten.

Mit freundlichen Grüßen
i. A. Sabine Krüger`,
};

const stageLabel: TestLetter = {
  name: 'Mahnung with "Mahnstufe: 3" in the information block, invoice number without "Nr."',
  issueDate: '2026-03-02',
  text: `Fitnessstudio Vitalpunkt · Bahnhofstr. 9 · 50667 Köln

Herrn Tim Schuster                                   Mitgliedsnummer: 55102
Ringstraße 40                                        Mahnstufe: 3
50672 Köln                                           Datum: 02.03.2026

Mahnung zur Rechnung VP-2026-0113

Sehr geehrter Herr Schuster,

der Mitgliedsbeitrag aus der Rechnung VP-2026-0113 vom 01.02.2026 über 59,90 € ist trotz zweier
Mahnungen weiterhin unbezahlt. Wir berechnen Ihnen eine Mahngebühr von 3,00 €.
Bitte begleichen Sie den offenen Betrag binnen 5 Werktagen.

Ihr Vitalpunkt-Team`,
};

const multiInvoice: TestLetter = {
  name: '1. Mahnung for two invoices',
  issueDate: '2026-02-16',
  text: `Druckerei Becker KG · Hafenstr. 12 · 28217 Bremen

Werbeagentur Nordlicht
Schlachte 4
28195 Bremen                                                 Bremen, 16.02.2026

1. Mahnung

Sehr geehrte Damen und Herren,

die folgenden Rechnungen sind noch nicht bezahlt:

Rechnungsnr.    Rechnungsdatum    Fälligkeit      Betrag
R-10455         05.12.2025        19.12.2025      412,00 €
R-10502         18.12.2025        01.01.2026      96,50 €
Summe                                             508,50 €

Bitte überweisen Sie den Gesamtbetrag bis zum 02.03.2026.

Druckerei Becker KG`,
};

const voucherReminder: TestLetter = {
  name: 'freundliche Erinnerung, Beleg-Nr., deadline at the end of the month',
  issueDate: '2026-04-08',
  text: `Zahnarztpraxis Dr. Yilmaz · Marktplatz 3 · 93047 Regensburg

Freundliche Erinnerung

Sehr geehrte Frau Huber,

wir möchten Sie daran erinnern, dass der Betrag unserer Rechnung (Beleg-Nr. 7781-22) noch aussteht.
Rechnungsbetrag: 86,45 €
Bitte begleichen Sie den Betrag bis Ende des Monats.

Mit freundlichen Grüßen
Praxisteam Dr. Yilmaz`,
};

const ocrSecond: TestLetter = {
  name: 'OCR-like 2. Mahnung: letter-spaced heading, umlauts spelled out, number after "Re.-Nr."',
  issueDate: '2026-05-04',
  text: `Autohaus Kraemer GmbH   Werkstatt   Telefon 0711 55 66 77

Herrn
Uwe Fischer
Gartenweg 9
71034 Boeblingen                                    Datum: 04.05.2026

2. M A H N U N G

Re.-Nr.: W-55120   vom 14.03.2026

Sehr geehrter Herr Fischer,

fuer die Inspektion Ihres Fahrzeugs ist der Betrag von 642,18 EUR weiterhin offen. Zuzueglich
Mahngebuehr 10,00 EUR. Bitte ueberweisen Sie den Betrag innerhalb von zehn Tagen.

Autohaus Kraemer GmbH`,
};

const doctorsReminder: TestLetter = {
  name: 'Zahlungserinnerung for a doctor\'s bill dated without a number, English-free, "Rechnung vom"',
  issueDate: '2026-01-19',
  text: `Privatärztliche Verrechnungsstelle Süd
Postfach 2211, 80331 München

Zahlungserinnerung

Sehr geehrte Patientin, sehr geehrter Patient,

für Ihre Rechnung vom 04.12.2025 über 231,77 € konnten wir bislang keinen Zahlungseingang verbuchen.
Bitte überweisen Sie den Betrag bis zum 02.02.2026.`,
};

/** A creditor's own letters, in German. */
export const CREDITOR_LETTERS: LetterCase[] = [
  { letter: reminderPlain, expected: { level: 0, number: '2024-117', date: '2026-01-03', deadline: '2026-02-17', total: '119.00' } },
  { letter: firstDunning, expected: { level: 1, number: 'RE-2026-0042', date: '2025-12-15', fee: '5.00', deadline: '2026-02-20', total: '361.30' } },
  { letter: secondDunning, expected: { level: 2, number: '2025-77812', date: '2025-11-28', fee: '7.50', deadline: '2026-02-14', total: '222.10' } },
  { letter: lastDunning, expected: { level: 3, number: '88123', date: '2025-12-10', fee: '7.50', deadline: '2026-02-26', total: '1257.00' } },
  { letter: stageLabel, expected: { level: 3, number: 'VP-2026-0113', date: '2026-02-01', fee: '3.00', deadline: '2026-03-09' } },
  { letter: multiInvoice, expected: { level: 1, number: 'R-10455', date: '2025-12-05', deadline: '2026-03-02', total: '508.50' } },
  { letter: voucherReminder, expected: { level: 0, number: '7781-22', deadline: '2026-04-30', total: '86.45' } },
  { letter: ocrSecond, expected: { level: 2, number: 'W-55120', date: '2026-03-14', fee: '10.00', deadline: '2026-05-14' } },
  { letter: doctorsReminder, expected: { level: 0, date: '2025-12-04', deadline: '2026-02-02' } },
];

