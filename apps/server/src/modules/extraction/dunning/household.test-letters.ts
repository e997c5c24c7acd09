/** Dunning letters of phone companies, mail-order shops, landlords and craftsmen. Invented senders and numbers. */
import type { LetterCase, TestLetter } from './dunning.test-letters.ts';

const telecom: TestLetter = {
  name: 'phone company: subject line with number and date, fee after its amount',
  issueDate: '2026-03-05',
  text: `TeleNet Deutschland GmbH, 40210 Düsseldorf

Frau                                               Kundenkonto      7700123344
Sandra Öztürk                                      Datum            05.03.2026
Kölner Str. 88                                     Ihr Zeichen      -
40211 Düsseldorf

Betreff: Mahnung – Rechnung vom 10.02.2026, Rechnungsnummer 2602-889120

Sehr geehrte Frau Öztürk,

für den oben genannten Zeitraum haben wir leider noch keine Zahlung von Ihnen erhalten. Bitte
überweisen Sie den offenen Betrag in Höhe von 44,97 € zzgl. 2,00 € Mahngebühr bis zum 19.03.2026.

Bei Fragen erreichen Sie uns unter 0800 123 456.
TeleNet Deutschland GmbH`,
};

const mailOrder: TestLetter = {
  name: 'mail-order shop: "Mahnung Nr. 2", amounts in one sentence line',
  issueDate: '2026-03-20',
  text: `Versandhaus Kramer · Postfach 100 · 90402 Nürnberg

Mahnung Nr. 2

Kundennummer 4471120, Bestellung 88812

Sehr geehrter Kunde,

leider ist Ihre Zahlung für die Rechnung 4471120-0226 vom 20.02.2026 noch nicht bei uns eingegangen.
Offener Betrag 79,90 EUR, Mahngebühr 2,50 EUR, zu zahlen 82,40 EUR.
Bitte zahlen Sie innerhalb von 7 Tagen.`,
};

const rent: TestLetter = {
  name: 'landlord: rent reminder without an invoice',
  issueDate: '2026-07-07',
  text: `Hausverwaltung Krüger
Zahlungserinnerung

Sehr geehrte Mieterin, sehr geehrter Mieter,

die Miete für Juli 2026 in Höhe von 850,00 € ist bei uns noch nicht eingegangen. Bitte überweisen Sie
den Betrag bis spätestens 14.07.2026.`,
};

const joinery: TestLetter = {
  name: 'craftsman: invoice block with labels above values, "in den nächsten 10 Tagen"',
  issueDate: '2026-03-03',
  text: `Schreinerei Holzwurm
Zahlungserinnerung

Rechnungsnummer      Rechnungsdatum      Rechnungsbetrag
R2026-014            02.02.2026          1.785,00 €

Sehr geehrter Herr Kaya,

sicherlich ist es Ihrer Aufmerksamkeit entgangen, dass die oben genannte Rechnung noch offen ist.
Wir bitten Sie, den Betrag in den nächsten 10 Tagen zu überweisen.`,
};

const hardware: TestLetter = {
  name: 'DIY store: the letter\'s own "Belegnummer" beside the invoice number',
  issueDate: '2026-02-20',
  text: `Baumarkt Profi

Mahnung
Belegnummer: M-2026-0192
Rechnungsnummer: 2026-00411
Rechnungsdatum: 21.01.2026

Leider ist der Betrag noch nicht bezahlt. Bitte zahlen Sie bis 06.03.2026.`,
};

const furniture: TestLetter = {
  name: 'furniture store: its own "Forderungsaufstellung" and a threat of collection stay a Mahnung',
  issueDate: '2026-02-20',
  text: `Möbelhaus Schulz

2. Mahnung

Forderungsaufstellung
Hauptforderung Rechnung 7781                      499,00 €
Mahngebühr                                          5,00 €
Gesamtforderung                                   504,00 €

Bitte zahlen Sie bis zum 06.03.2026. Sonst müssen wir ein Inkassounternehmen beauftragen.`,
};

const bikeShop: TestLetter = {
  name: 'bike shop: a part payment deducted, "Noch zu zahlen"',
  issueDate: '2026-02-20',
  text: `Fahrradladen Speiche

1. Mahnung

Rechnung Nr. 3310 vom 10.01.2026
Rechnungsbetrag                    600,00 €
abzgl. Teilzahlung vom 02.02.2026 -200,00 €
Mahngebühr                           5,00 €
Noch zu zahlen                     405,00 €

Der Restbetrag ist noch offen. Bitte überweisen Sie bis 05.03.2026.`,
};

export const HOUSEHOLD_LETTERS: LetterCase[] = [
  { letter: hardware, expected: { level: 1, number: '2026-00411', date: '2026-01-21', deadline: '2026-03-06' } },
  { letter: furniture, expected: { level: 2, number: '7781', fee: '5.00', deadline: '2026-03-06', total: '504.00' } },
  { letter: bikeShop, expected: { level: 1, number: '3310', date: '2026-01-10', fee: '5.00', deadline: '2026-03-05', total: '405.00' } },
  { letter: telecom, expected: { level: 1, number: '2602-889120', date: '2026-02-10', fee: '2.00', deadline: '2026-03-19' } },
  { letter: mailOrder, expected: { level: 2, number: '4471120-0226', date: '2026-02-20', fee: '2.50', deadline: '2026-03-27', total: '82.40' } },
  { letter: rent, expected: { level: 0, deadline: '2026-07-14' } },
  { letter: joinery, expected: { level: 0, number: 'R2026-014', date: '2026-02-02', deadline: '2026-03-13', total: '1785.00' } },
];
