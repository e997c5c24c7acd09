/**
 * Letters of collection agencies, lawyers and public authorities, laid out as the PDF text layer
 * prints them. Invented senders and numbers.
 */
import type { LetterCase, TestLetter } from './dunning.test-letters.ts';

const collection: TestLetter = {
  name: 'Inkasso: statement of claim on behalf of a client, interest, several charges',
  issueDate: '2026-03-10',
  text: `Creditreform-Partner Westfalen Inkasso GmbH · Domplatz 1 · 48143 Münster
Registriert im Rechtsdienstleistungsregister

Frau
Laura Kemper
Birkenallee 21
48149 Münster
                                                       Unser Aktenzeichen: WI-2026-04471
                                                       Münster, 10.03.2026
Zahlungsaufforderung

Sehr geehrte Frau Kemper,

wir wurden von der Online-Versand Nord GmbH (unsere Mandantin) mit dem Einzug der nachstehenden
Forderung beauftragt. Trotz mehrfacher Mahnungen unserer Mandantin ist die Forderung bis heute nicht
ausgeglichen.

Forderungsaufstellung
Hauptforderung aus Rechnung Nr. 2025-9981 vom 12.11.2025                   189,90 €
Verzugszinsen 5 %-Pkte. über Basiszins seit 13.12.2025                        2,37 €
Mahnkosten der Gläubigerin                                                    5,00 €
Inkassovergütung                                                             58,50 €
Auslagenpauschale                                                            11,70 €
Gesamtforderung                                                             267,47 €

Bitte zahlen Sie die Gesamtforderung binnen einer Woche auf das unten genannte Treuhandkonto.

Mit freundlichen Grüßen
Westfalen Inkasso GmbH`,
};

const lawyer: TestLetter = {
  name: 'lawyer for a client: fees by the lawyers\' scale, "Summe", deadline after receipt',
  issueDate: '2026-04-02',
  text: `RECHTSANWÄLTE BRANDT & KOLLEGEN
Schillerstraße 10 · 60313 Frankfurt am Main

Herrn
Oliver Haas
Mainzer Landstr. 5
60329 Frankfurt                                   Frankfurt, 02.04.2026
                                                  Az.: 233/26 OB

Forderung der Hausverwaltung Sonnenhof GmbH gegen Sie

Sehr geehrter Herr Haas,

hiermit zeigen wir an, dass wir die rechtlichen Interessen der Hausverwaltung Sonnenhof GmbH vertreten.
Unsere Mandantin hat Ihnen mit Rechnung Nr. NK-2025-041 vom 15.01.2026 die Nebenkostennachzahlung
in Höhe von 612,40 € berechnet, die trotz Mahnung bis heute nicht ausgeglichen ist.

Offene Hauptforderung                       612,40 €
Zinsen seit 16.02.2026                        5,87 €
Geschäftsgebühr RVG                          104,60 €
Auslagenpauschale                             20,00 €
Summe                                        742,87 €

Wir fordern Sie auf, den Betrag innerhalb von 10 Tagen nach Zugang dieses Schreibens zu zahlen.`,
};

const agencyTwoPages: TestLetter = {
  name: 'agency letter with its statement of claim on page 2',
  issueDate: '2026-06-01',
  text: `Muster Inkasso GmbH
Steindamm 71, 20099 Hamburg

Frau Mia Berg
Am Deich 4
21073 Hamburg
                                                      Hamburg, 01.06.2026
                                                      Aktenzeichen: 81-552-1093

Zahlungsaufforderung

Sehr geehrte Frau Berg,

die Fitness Hamburg GmbH hat uns mit dem Einzug ihrer Forderung beauftragt. Bitte begleichen Sie den
Gesamtbetrag bis zum 15.06.2026.
\fForderungsaufstellung
Rechnung 2026-0315 vom 15.03.2026                       89,00 €
Mahnkosten der Gläubigerin                               5,00 €
Inkassokosten                                           49,60 €
Zinsen                                                   0,95 €
Gesamtforderung                                        144,55 €`,
};

const cityTreasury: TestLetter = {
  name: 'public authority: Mahnung with Säumniszuschlag, no invoice number',
  issueDate: '2026-02-18',
  text: `Stadtkasse Musterhausen
Rathausplatz 1, 34117 Musterhausen

Mahnung
Kassenzeichen: 5.0401.223344.7

Sehr geehrte Damen und Herren,

folgende Beträge sind rückständig:

Bescheid vom      Fälligkeit      Betrag
10.01.2026        01.02.2026      185,00 €

Säumniszuschlag                     1,50 €
Mahngebühr                          5,00 €
Gesamtbetrag                      191,50 €

Bitte zahlen Sie den Gesamtbetrag bis zum 04.03.2026 unter Angabe des Kassenzeichens.`,
};

const insurer: TestLetter = {
  name: 'insurer: Zahlungsaufforderung with a period of two weeks from receipt',
  issueDate: '2026-01-15',
  text: `Allgemeine Versicherung AG
Versicherungsschein-Nr. KV-7788-12

Zahlungsaufforderung

Sehr geehrter Herr Lang,

der Beitrag für Ihre Hausratversicherung in Höhe von 132,00 € ist trotz Fälligkeit noch nicht gezahlt.
Wir bestimmen Ihnen hiermit eine Zahlungsfrist von zwei Wochen ab Zugang dieses Schreibens.
Zahlen Sie nicht fristgerecht, entfällt der Versicherungsschutz.`,
};

export const AGENCY_LETTERS: LetterCase[] = [
  { letter: collection, expected: { level: 4, number: '2025-9981', date: '2025-11-12', fee: '75.20', deadline: '2026-03-17', total: '267.47' } },
  { letter: lawyer, expected: { level: 4, number: 'NK-2025-041', date: '2026-01-15', fee: '124.60', deadline: '2026-04-12', total: '742.87' } },
  { letter: agencyTwoPages, expected: { level: 4, number: '2026-0315', date: '2026-03-15', fee: '54.60', deadline: '2026-06-15', total: '144.55' } },
  { letter: cityTreasury, expected: { level: 1, fee: '6.50', deadline: '2026-03-04', total: '191.50' } },
  { letter: insurer, expected: { level: 1, deadline: '2026-01-29' } },
];
