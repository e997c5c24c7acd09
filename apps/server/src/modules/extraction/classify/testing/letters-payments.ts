/** Test letters about payments: invoices, credit notes, dunning letters, receipts, tax papers. */
import type { TestLetter } from './letter.ts';
import { letter } from './letter.ts';

const BANK = ['Bankverbindung: Musterbank  IBAN DE02 1203 0000 0000 2020 51  BIC BYLADEM1001', 'Amtsgericht Musterstadt HRB 4711 · USt-IdNr. DE123456789'];

export const PAYMENT_LETTERS: TestLetter[] = [
  {
    name: 'a phone bill that names the contract and its term',
    type: 'invoice',
    text: letter({
      from: ['Fernsprech Nord GmbH', 'Hafenstraße 1, 20095 Hamburg'],
      info: ['Kundennummer: 5512 0098', 'Rechnungsdatum: 03.03.2026', 'Vertrag: Festnetz Comfort L'],
      subject: 'Ihre Rechnung für März 2026',
      body: [
        'anbei erhalten Sie Ihre monatliche Aufstellung. Ihr Vertrag läuft noch bis 31.10.2026 (Mindestlaufzeit 24 Monate).',
        'Grundpreis Festnetz Comfort L                 29,95 €',
        'Verbindungen ins Ausland                       2,18 €',
        'Summe netto                                   27,00 €',
        'Umsatzsteuer 19 %                              5,13 €',
        'Rechnungsbetrag                               32,13 €',
        'Der Betrag wird am 18.03.2026 von Ihrem Konto abgebucht.',
      ],
      footer: BANK,
    }),
  },
  {
    name: "a plumber's invoice with line items",
    type: 'invoice',
    text: letter({
      from: ['Sanitär Kowalski Meisterbetrieb', 'Brunnenweg 7, 12345 Musterstadt'],
      subject: 'Rechnung Nr. 2026-117',
      body: [
        'für die Arbeiten in Ihrer Wohnung am 02.03.2026 stellen wir in Rechnung:',
        'Pos  Leistung                           Menge     Preis',
        '1    Austausch Eckventil                 2 Stk    38,00 €',
        '2    Arbeitszeit Monteur                 1,5 Std  97,50 €',
        'Nettobetrag 135,50 €   zzgl. 19 % MwSt. 25,75 €   Gesamtbetrag 161,25 €',
        'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
      ],
      footer: BANK,
    }),
  },
  {
    name: "a doctor's bill that mentions the appointment it was for",
    type: 'invoice',
    text: letter({
      from: ['Dr. med. Anna Lorenz', 'Fachärztin für Dermatologie'],
      subject: 'Privatliquidation 2026-0311',
      body: [
        'für die Behandlung bei Ihrem Termin am 24.02.2026 berechne ich nach der GOÄ:',
        'Ziffer 1  Beratung                     10,72 €',
        'Ziffer 750 Auflichtmikroskopie           22,19 €',
        'Gesamtbetrag                            32,91 €',
        'Bitte überweisen Sie den Betrag bis zum 26.03.2026.',
      ],
    }),
  },
  {
    name: 'a repair bill without a heading',
    type: 'invoice',
    text: letter({
      from: ['Hausgeräte Service Schulz', 'Am Markt 2, 12345 Musterstadt'],
      subject: 'Reparatur Ihrer Waschmaschine',
      body: [
        'vielen Dank für Ihren Auftrag. Für die Reparatur berechnen wir Anfahrt 35,00 €, Pumpe 64,00 € und 1 Stunde Arbeitszeit 69,00 €.',
        'Summe 168,00 € inkl. 19 % USt. Zahlbar bis 26.03.2026 auf das unten genannte Konto.',
      ],
      footer: BANK,
    }),
  },
  {
    name: 'an English invoice',
    type: 'invoice',
    text: ['Brightline Software Ltd', '12 Kings Road, Leeds', '', 'INVOICE', 'Invoice no. BL-2231        Date: 2 March 2026', 'Bill to: Erika Beispiel', 'Annual licence                    240.00', 'VAT 20%                            48.00', 'Total due                         288.00', 'Payment terms: 30 days'].join('\n'),
  },
  {
    name: 'a credit note for an invoice',
    type: 'credit_note',
    text: letter({
      from: ['Möbelhaus Eichenhof', 'Industriestraße 40, 12345 Musterstadt'],
      info: ['Kundennummer: 77812'],
      subject: 'Gutschrift Nr. GS-2026-044 zu Rechnung 2026-017',
      body: ['wegen des beschädigt gelieferten Stuhls schreiben wir Ihnen den Kaufpreis gut.', 'Gutschriftsbetrag 89,00 € inkl. MwSt.', 'Der Betrag wird Ihrem Konto innerhalb einer Woche gutgeschrieben.'],
    }),
  },
  {
    name: "a web shop's refund letter",
    type: 'credit_note',
    text: letter({
      from: ['Kleiderkiste Online', 'Postfach 1200, 10115 Berlin'],
      subject: 'Ihre Rücksendung ist angekommen',
      body: ['wir haben Ihre Retoure zur Bestellung 554-2291 geprüft. Die Erstattung über 59,90 € erfolgt auf Ihre ursprüngliche Zahlungsart.', 'Es dauert bis zu fünf Werktage, bis Sie den Betrag sehen.'],
    }),
  },
  {
    name: 'an English credit note',
    type: 'credit_note',
    text: ['Northwind Traders', '', 'CREDIT NOTE CN-1187', 'Date: 5 March 2026', 'Refers to invoice INV-9921', 'Returned goods: 2 x desk lamp       -70.00', 'Total credit                         -70.00', 'The amount has been credited to your account.'].join('\n'),
  },
  {
    name: 'a second dunning letter that quotes the invoice',
    type: 'reminder',
    text: letter({
      from: ['Stadtwerke Musterstadt GmbH', 'Kraftwerkstraße 3, 12345 Musterstadt'],
      info: ['Vertragskonto: 400 118 223', 'Datum: 12.03.2026'],
      subject: '2. Mahnung',
      body: [
        'leider haben wir trotz unserer Zahlungserinnerung vom 20.02.2026 keinen Zahlungseingang festgestellt.',
        'Rechnung Nr. 2026-00815 vom 15.01.2026          142,80 €',
        'Mahngebühr                                         2,50 €',
        'Offener Betrag                                   145,30 €',
        'Bitte überweisen Sie den offenen Betrag innerhalb von 7 Tagen.',
      ],
      footer: BANK,
    }),
  },
  {
    name: 'a friendly payment reminder',
    type: 'reminder',
    text: letter({
      from: ['Buchhandlung Seitenweise', 'Lesegasse 5, 12345 Musterstadt'],
      subject: 'Zahlungserinnerung',
      body: ['sicher ist es Ihrer Aufmerksamkeit entgangen: Unsere Rechnung 3318 vom 04.02.2026 über 46,80 € ist noch offen.', 'Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.'],
    }),
  },
  {
    name: "a collection agency's letter",
    type: 'reminder',
    text: letter({
      from: ['Creditreform-Partner Forderungsmanagement AG', 'Ringstraße 90, 50667 Köln'],
      info: ['Aktenzeichen: FM-2026-55120'],
      subject: 'Forderung der Fitwell Studios GmbH',
      body: [
        'unsere Mandantin hat uns mit dem Inkasso der folgenden Forderung beauftragt.',
        'Hauptforderung 119,80 €, Zinsen 3,12 €, Inkassovergütung 58,50 €, Gesamtforderung 181,42 €.',
        'Zahlen Sie den Gesamtbetrag bis zum 26.03.2026, um weitere Kosten zu vermeiden.',
      ],
    }),
  },
  {
    name: 'an overdue notice without a dunning heading',
    type: 'reminder',
    text: letter({
      from: ['Gartenbau Lindner', 'Feldweg 9, 12345 Musterstadt'],
      subject: 'Offener Betrag aus Rechnung 2026-55',
      body: ['der Betrag von 380,00 € für den Heckenschnitt ist seit dem 28.02.2026 überfällig.', 'Wir berechnen eine Mahngebühr von 5,00 € und bitten um Ausgleich bis 22.03.2026.'],
    }),
  },
  {
    name: 'an English payment reminder',
    type: 'reminder',
    text: ['Brightline Software Ltd', '', 'Payment reminder', 'Invoice BL-2231 of 2 March 2026 is now 14 days overdue.', 'Outstanding balance: 288.00 GBP', 'Please pay within 7 days to avoid late fees.'].join('\n'),
  },
  {
    name: 'a supermarket till slip',
    type: 'receipt',
    text: ['FRISCHMARKT Filiale 112', 'Bahnhofstr. 2, 12345 Musterstadt', 'Milch 1,5%            1,09 A', 'Brot                  2,49 A', 'Äpfel 1,2 kg          2,39 A', 'SUMME EUR             5,97', 'Gegeben BAR          10,00', 'Rückgeld              4,03', '12.03.2026 17:42  Bon-Nr. 4471  Kasse 3', 'TSE-Signatur: 8Hk2…'].join('\n'),
  },
  {
    name: 'a handwritten-style cash receipt',
    type: 'receipt',
    text: ['Quittung Nr. 12', 'Netto 126,05 €  MwSt. 19 % 23,95 €  Gesamt 150,00 €', 'in Worten: einhundertfünfzig', 'für: Reinigung der Dachrinne', 'Betrag dankend erhalten', 'Musterstadt, 11.03.2026   Unterschrift'].join('\n'),
  },
  {
    name: 'a pharmacy till slip that lists a prescription',
    type: 'receipt',
    text: ['Löwen-Apotheke', 'Markt 1, 12345 Musterstadt', 'Rezept Zuzahlung        5,00', 'Nasenspray              4,95', 'SUMME EUR               9,95', 'BAR                    20,00', 'Rückgeld               10,05', '12.03.2026 09:12  Beleg 8812'].join('\n'),
  },
  {
    name: 'an income tax assessment asking for a payment',
    type: 'tax_document',
    text: letter({
      from: ['Finanzamt Musterstadt', 'Steuerstraße 1, 12345 Musterstadt'],
      info: ['Steuernummer: 123/456/78901', 'Datum: 12.03.2026'],
      subject: 'Bescheid für 2024 über Einkommensteuer und Solidaritätszuschlag',
      body: [
        'Festsetzung: Einkommensteuer 8.412,00 €, Solidaritätszuschlag 0,00 €.',
        'Abzüglich Steuerabzug vom Lohn verbleiben 312,00 €. Bitte zahlen Sie den Betrag bis zum 15.04.2026.',
        'Rechtsbehelfsbelehrung: Der Bescheid kann mit dem Einspruch angefochten werden.',
      ],
      greeting: '',
    }),
  },
  {
    name: "an employer's wage tax certificate",
    type: 'tax_document',
    text: ['Ausdruck der elektronischen Lohnsteuerbescheinigung für 2025', 'Arbeitgeber: Kranich Logistik GmbH', 'eTIN: BSPLERIK80A01', '3. Bruttoarbeitslohn                 41.200,00', '4. Einbehaltene Lohnsteuer             6.118,00', '5. Einbehaltener Solidaritätszuschlag     0,00', '6. Einbehaltene Kirchensteuer           489,44'].join('\n'),
  },
  {
    name: "a charity's donation receipt for the tax office",
    type: 'tax_document',
    text: letter({
      from: ['Tierheim Musterstadt e.V.', 'Waldweg 12, 12345 Musterstadt'],
      subject: 'Bestätigung über Geldzuwendungen',
      body: ['im Sinne des § 10b des Einkommensteuergesetzes an eine der in § 5 Abs. 1 Nr. 9 KStG bezeichneten Körperschaften.', 'Betrag der Zuwendung: 120,00 €, Tag der Zuwendung: 14.12.2025.', 'Es wird bestätigt, dass die Zuwendung nur zur Förderung des Tierschutzes verwendet wird.'],
    }),
  },
  {
    name: 'a property tax notice from the town',
    type: 'tax_document',
    text: letter({
      from: ['Stadt Musterstadt – Steueramt', 'Rathausplatz 1, 12345 Musterstadt'],
      subject: 'Grundsteuerbescheid 2026',
      body: ['für Ihr Grundstück Lindenweg 4 wird die Grundsteuer B festgesetzt auf jährlich 412,40 €.', 'Fälligkeiten: 15.02., 15.05., 15.08. und 15.11. je 103,10 €.'],
    }),
  },
];
