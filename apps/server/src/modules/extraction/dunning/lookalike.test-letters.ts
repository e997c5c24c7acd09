/** Texts with dunning words in them that are no dunning letters. */
import type { TestLetter } from './dunning.test-letters.ts';

export const NOT_DUNNING: TestLetter[] = [
  {
    name: 'invoice whose terms mention Mahngebühren',
    issueDate: '2026-02-01',
    text: `Malerbetrieb Kowalski · Feldweg 2 · 30159 Hannover

Rechnung Nr. 2026-0007                                         Datum: 01.02.2026

Pos.  Beschreibung                           Menge     Betrag
1     Wohnzimmer streichen                   1         850,00 €
Nettobetrag                                            850,00 €
MwSt. 19 %                                             161,50 €
Gesamtbetrag                                         1.011,50 €

Zahlbar innerhalb von 14 Tagen ohne Abzug. Bei Zahlungsverzug berechnen wir für jede Mahnung eine
Mahngebühr von 5,00 € sowie Verzugszinsen in gesetzlicher Höhe.`,
  },
  {
    name: 'contract with a clause on default and dunning',
    text: `Mietvertrag über einen Stellplatz

§ 1 Mietgegenstand
Vermietet wird der Tiefgaragenstellplatz Nr. 14.
§ 2 Miete
Die Miete beträgt 60,00 € monatlich und ist bis zum dritten Werktag eines Monats zu zahlen.
§ 3 Verzug und Mahnung
Gerät der Mieter mit der Zahlung in Verzug, kann der Vermieter für jede Mahnung 2,50 € verlangen.
Offene Forderungen können an ein Inkassobüro übergeben werden.
§ 4 Kündigung
Der Vertrag kann mit einer Frist von einem Monat zum Monatsende gekündigt werden.`,
  },
  {
    name: 'appointment reminder',
    issueDate: '2026-03-01',
    text: `Hausarztpraxis am Park

Erinnerung an Ihren Termin

Sehr geehrte Frau Wolf,

wir erinnern Sie an Ihren Termin am 12.03.2026 um 09:30 Uhr. Bitte bringen Sie Ihre
Versichertenkarte mit.`,
  },
  {
    name: 'statement of account that says it is no dunning letter',
    issueDate: '2026-03-31',
    text: `Baustoffhandel Graf KG

Kontoauszug zum 31.03.2026

Offene Posten
Rechnung 2026-0311     12.03.2026     450,00 €

Dies ist keine Mahnung. Bitte prüfen Sie die offenen Posten.`,
  },
  {
    name: 'payment confirmation',
    issueDate: '2026-02-20',
    text: `Versandhaus Lorenz

Zahlungsbestätigung

Vielen Dank! Ihre Zahlung zur Rechnung Nr. 77120 über 49,99 € ist am 18.02.2026 eingegangen.`,
  },
  {
    name: 'direct debit pre-notification called "Erinnerung"',
    issueDate: '2026-02-01',
    text: `Energie Süd GmbH

Erinnerung: Abbuchung Ihres Abschlags

Sehr geehrte Kundin, wir buchen am 15.02.2026 den Abschlag von 80,00 € von Ihrem Konto ab.`,
  },
  {
    name: 'invoice that notes an older open item',
    issueDate: '2026-02-01',
    text: `Heizöl Meier

Rechnung Nr. 2026-88

Heizöl 2000 l      1.980,00 €
Bitte beachten Sie: Die Rechnung 2025-71 ist noch offen.
Zahlbar innerhalb von 10 Tagen.`,
  },
  {
    name: 'tax office reminder to file a return',
    issueDate: '2026-06-10',
    text: `Finanzamt Musterstadt

Erinnerung

Sehr geehrter Herr Berger,

Ihre Einkommensteuererklärung für 2024 ist bei uns noch nicht eingegangen. Bitte reichen Sie die
Erklärung bis zum 10.07.2026 ein.`,
  },
  {
    name: 'consumer advice that asks a question about a Mahnung',
    text: `Verbraucherzentrale Info

Mahnung erhalten? Was Sie jetzt tun sollten

Viele Verbraucher erhalten eine Mahnung, obwohl die Forderung längst bezahlt ist.`,
  },
];
