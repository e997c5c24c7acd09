import { describe, expect, it } from 'vitest';
import { validateFacts } from '../validation/validation.models.ts';
import { extractFromText } from './text.models.ts';

/** Letters as `readPdf` lays them out: lines, columns apart by two or more spaces, pages by \f. */
const TELEKOM_STYLE = `Telekom Deutschland GmbH · Landgrabenweg 151 · 53227 Bonn
Herrn                                                   Kundennummer      123 456 7890
Max Mustermann                                          Rechnungsnummer   1234 5678 9012
Musterstraße 1                                          Datum             14.01.2026
12345 Musterstadt
Ihre Rechnung für Januar 2026
Beträge in Euro
Grundpreis MagentaMobil M                               33,57
Summe netto                                             33,57
Umsatzsteuer 19 %                                        6,38
Rechnungsbetrag                                         39,95
Der Rechnungsbetrag wird am 25.01.2026 von Ihrem Konto DE02 1203 0000 0000 2020 51 abgebucht.
Telekom Deutschland GmbH   Geschäftsführung: Srini Gopalan   Amtsgericht Bonn HRB 5919   USt-IdNr. DE 123 475 223`;

const CRAFTSMAN = `Malermeister Schmidt e.K.
Inh. Peter Schmidt · Hauptstr. 5 · 80331 München
Frau
Erika Musterfrau
Lindenweg 3
80333 München
                                                        München, 03.02.2026
Rechnung Nr. 2026-017
Leistungszeitraum: 12.01.2026 - 16.01.2026
Pos.  Menge  Einheit  Bezeichnung                   Einzelpreis   Gesamtpreis
1     12,5   Std.     Malerarbeiten Wohnzimmer        48,00 €      600,00 €
2     1      psch.    Material                       185,50 €      185,50 €
                                  Nettobetrag                     785,50 €
                                  zzgl. 19 % MwSt.                149,25 €
                                  Gesamtbetrag                    934,75 €
Zahlbar innerhalb von 14 Tagen ohne Abzug.
Bankverbindung: Stadtsparkasse München · IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX
Steuernummer 143/123/45678`;

const REMINDER = `Stadtwerke Musterstadt GmbH | Am Kraftwerk 1 | 12345 Musterstadt
Herrn Max Mustermann
Musterstraße 1
12345 Musterstadt
                                                        Kundennummer: 4711-0815
                                                        Datum: 10.02.2026
2. Mahnung
Sehr geehrter Herr Mustermann,
trotz unserer Zahlungserinnerung konnten wir keinen Zahlungseingang für die Rechnung Nr. 2025-998877 vom 05.01.2026 feststellen.
Offener Betrag                                          123,45 €
Mahngebühr                                                5,00 €
Gesamtforderung                                         128,45 €
Bitte überweisen Sie den Betrag bis spätestens 24.02.2026 auf unser Konto IBAN DE02 1203 0000 0000 2020 51.`;

const US_INVOICE = `ACME Corp.
123 Main Street, Springfield, IL 62701
INVOICE
Invoice #: INV-2026-0042
Invoice Date: 01/14/2026
Due Date: 02/13/2026
Bill To:
Jane Doe
42 Elm Street
Subtotal                $1,200.00
Tax (8%)                   $96.00
Total                   $1,296.00
Amount Due              $1,296.00
Please remit payment by bank transfer.`;

const CREDIT_NOTE = `Versandhaus Beispiel GmbH · Postweg 7 · 20095 Hamburg
Frau Erika Musterfrau
Lindenweg 3
80333 München
Gutschrift Nr. GS-2026-003
Gutschriftsdatum: 20.01.2026
Zu Rechnung Nr. R-2026-0099 vom 05.01.2026
Retoure Jacke                                           -49,99 €
Gutschriftsbetrag                                       -49,99 €
darin enthaltene MwSt. 19 %                              -7,98 €
Der Betrag wird Ihrem Kundenkonto gutgeschrieben.`;

const RECEIPT = `REWE Markt GmbH
Musterstr. 1, 12345 Berlin
UID Nr.: DE812706034
                         EUR
BANANEN                  1,29 B
MILCH 1,5%               1,19 B
--------------------------------
SUMME               EUR  2,48
Geg. BAR            EUR  5,00
Rückgeld BAR        EUR  2,52
Datum: 14.01.2026    Uhrzeit: 10:15:33 Uhr
Bon-Nr.: 1234`;

const CONTRACT = `FitnessWorld GmbH · Sportweg 2 · 50667 Köln
Herrn Max Mustermann
Musterstraße 1
12345 Musterstadt
Vertragsbestätigung
Mitgliedsnummer: 98765
Vertragsbeginn: 01.02.2026
Mindestlaufzeit: 12 Monate
Kündigungsfrist: 3 Monate zum Vertragsende
Monatlicher Beitrag: 29,90 €
Der Beitrag wird monatlich per SEPA-Lastschrift eingezogen.`;

const APPOINTMENT = `Praxis Dr. med. Anna Müller · Bahnhofstr. 3 · 12345 Musterstadt
Herrn Max Mustermann
Terminbestätigung
Ihr Termin am 14. März 2026 um 10:00 Uhr
Bitte erscheinen Sie 10 Minuten vorher und bringen Sie Ihre Versichertenkarte mit.`;

describe('extractFromText on letters', () => {
  it('reads a German telecom invoice paid by direct debit', () => {
    const { type, facts, fields } = extractFromText(TELEKOM_STYLE);
    expect(type).toBe('invoice');
    expect(facts).toMatchObject({
      amount: '39.95',
      net_amount: '33.57',
      tax_amount: '6.38',
      amount_due: '39.95',
      currency: 'EUR',
      issue_date: '2026-01-14',
      due_date: '2026-01-25',
      invoice_number: '1234 5678 9012',
      customer_number: '123 456 7890',
      payment_means: 'direct_debit',
    });
    expect(facts.sender?.name).toBe('Telekom Deutschland GmbH');
    expect(facts.sender?.vat_id).toBe('DE123475223');
    expect(facts.recipient?.name).toBe('Herrn Max Mustermann');
    // The account the money is taken from is the customer's, not one to pay to.
    expect(facts.payment_info?.iban).toBeUndefined();
    expect(fields.amount?.source).toBe('text');
  });

  it('reads a craftsman invoice with a relative due term', () => {
    const { type, facts } = extractFromText(CRAFTSMAN);
    expect(type).toBe('invoice');
    expect(facts).toMatchObject({
      amount: '934.75',
      net_amount: '785.50',
      tax_amount: '149.25',
      issue_date: '2026-02-03',
      due_date: '2026-02-17',
      invoice_number: '2026-017',
      payment_means: 'transfer',
    });
    expect(facts.due_rule).toMatch(/innerhalb von 14 Tagen/);
    expect(facts.sender?.name).toBe('Malermeister Schmidt e.K.');
    expect(facts.sender?.tax_id).toBe('143/123/45678');
    expect(facts.payment_info).toMatchObject({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
  });

  it('reads a dunning letter: its own date, the claimed amount, the deadline', () => {
    const { type, facts } = extractFromText(REMINDER);
    expect(type).toBe('reminder');
    expect(facts.issue_date).toBe('2026-02-10');
    expect(facts.amount_due).toBe('128.45');
    expect(facts.due_date).toBe('2026-02-24');
    expect(facts.invoice_number).toBe('2025-998877');
    expect(facts.sender?.name).toBe('Stadtwerke Musterstadt GmbH');
    expect(facts.payment_info?.iban).toBe('DE02120300000000202051');
  });

  it('reads an American invoice with month-first dates and dollar amounts', () => {
    const { type, facts } = extractFromText(US_INVOICE);
    expect(type).toBe('invoice');
    expect(facts).toMatchObject({
      amount: '1296.00',
      net_amount: '1200.00',
      tax_amount: '96.00',
      amount_due: '1296.00',
      currency: 'USD',
      issue_date: '2026-01-14',
      due_date: '2026-02-13',
      invoice_number: 'INV-2026-0042',
    });
    expect(facts.sender?.name).toBe('ACME Corp.');
    expect(facts.recipient?.name).toBe('Jane Doe');
  });

  it('reads a credit note with negative amounts', () => {
    const { type, typeReason, facts } = extractFromText(CREDIT_NOTE);
    expect(type).toBe('credit_note');
    expect(typeReason).toContain('Gutschrift');
    expect(facts).toMatchObject({ amount: '-49.99', issue_date: '2026-01-20', invoice_number: 'GS-2026-003' });
    expect(facts.sender?.name).toBe('Versandhaus Beispiel GmbH');
  });

  it.each([
    ['Rechnungskorrektur Nr. RK-5 vom 16.09.2026\nRechnungssumme ohne USt.   -7,67\nSteuerbetrag   -1,12\nBruttosumme   -8,79', 'invoice'],
    ['Rechnung Nr. 17\nGesamtbetrag   -15,00 €', 'invoice'],
    ['Gutschrift Nr. GS-5\nGutschriftsbetrag   -15,00 €', 'credit_note'],
  ])('does not make a credit note of a negative total: %j is %s', (text, type) => {
    expect(extractFromText(text).type).toBe(type);
  });

  it('reads a supermarket receipt as paid', () => {
    const { type, facts } = extractFromText(RECEIPT);
    expect(type).toBe('receipt');
    expect(facts).toMatchObject({ amount: '2.48', issue_date: '2026-01-14', payment_means: 'paid' });
    expect(facts.sender?.name).toBe('REWE Markt GmbH');
  });

  it('recognises a contract and an appointment letter', () => {
    expect(extractFromText(CONTRACT).type).toBe('contract');
    expect(extractFromText(CONTRACT).facts.payment_means).toBe('direct_debit');
    expect(extractFromText(APPOINTMENT).type).toBe('appointment');
  });

  it('gives a guessed total low confidence and strong evidence high confidence', () => {
    const guessed = extractFromText('Ihre Bestellung\nArtikel A   12,00 €\nArtikel B   30,50 €');
    expect(guessed.facts.amount).toBe('30.50');
    expect(guessed.fields.amount?.confidence).toBeLessThanOrEqual(0.6);
    const labelled = extractFromText(TELEKOM_STYLE);
    expect(labelled.fields.invoice_number?.confidence).toBeGreaterThanOrEqual(0.85);
    expect(labelled.fields.amount?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('finds nothing in an empty text and calls it other', () => {
    const result = extractFromText('');
    expect(result.type).toBe('other');
    expect(result.facts).toEqual({ payment_means: 'unknown' });
  });

  it('reads pages joined by form feeds', () => {
    const result = extractFromText('Rechnung Nr. 77\nRechnungsdatum: 02.03.2026\f\nSeite 2\nGesamtbetrag   100,00 €');
    expect(result.facts).toMatchObject({ invoice_number: '77', issue_date: '2026-03-02', amount: '100.00' });
  });
});

describe('line items', () => {
  it('keeps item rows that add up to the printed net amount', () => {
    const { facts } = extractFromText(CRAFTSMAN);
    expect(facts.line_items).toEqual([
      { description: 'Malerarbeiten Wohnzimmer', unit_price: '48.00', amount: '600.00' },
      { description: 'Material', unit_price: '185.50', amount: '185.50' },
    ]);
  });

  it('leaves them out when they do not add up', () => {
    const text = CRAFTSMAN.replace('185,50 €      185,50 €', '185,50 €      185,00 €');
    expect(extractFromText(text).facts.line_items).toBeUndefined();
  });
});

describe('what the text path promises (>= 0.9 means wrong in at most 2 % of cases)', () => {
  /** The confidences after validation, as the pipeline stores them. */
  const confidences = (text: string) => {
    const { facts, fields } = extractFromText(text);
    const validated = validateFacts(facts, fields).fields;
    return (key: keyof typeof validated) => validated[key]?.confidence ?? 0;
  };
  const SUMS = 'Nettobetrag   100,00 €\nMwSt. 19 %   19,00 €\nGesamtbetrag   119,00 €';

  it.each([
    ['a labelled total that net + tax confirm', `Rechnung\n${SUMS}\nZahlbetrag   119,00 €`, true],
    ['a labelled total alone', 'Rechnung\nGesamtbetrag   119,00 €', false],
    ['a total whose net and tax do not add up', 'Rechnung\nNettobetrag   100,00 €\nMwSt. 19 %   19,00 €\nGesamtbetrag   129,00 €', false],
    ['the largest amount, unlabelled', 'Rechnung\nPosten   50,00 €\nPosten   119,00 €', false],
  ])('total: %s -> sure %s', (_name, text, sure) => {
    expect(confidences(text)('amount') >= 0.9).toBe(sure);
  });

  it.each([
    ['a sum before shipping', `Rechnung\nNettobetrag   100,00 €\nMwSt. 19 %   19,00 €\nRechnungsbetrag   119,00 €\nVersandkosten   4,90 €\nGesamtbetrag   123,90 €`],
    ['an invoice amount a dunning letter adds fees to', 'Mahnung\nNettobetrag   100,00 €\nMwSt. 19 %   19,00 €\nRechnungsbetrag   119,00 €\nMahngebühr   5,00 €\nGesamtforderung   124,00 €'],
  ])('promises no figures that add up when a larger total is printed: %s', (_name, text) => {
    const confidence = confidences(text);
    for (const key of ['amount', 'net_amount', 'tax_amount'] as const) expect(confidence(key), key).toBeLessThan(0.9);
  });

  it.each([
    ['with a gross per rate', 'Nettobetrag 19 %   100,00 €\nUmsatzsteuer 19 %   19,00 €\nBruttobetrag 19 %   119,00 €\nNettobetrag 7 %   50,00 €\nUmsatzsteuer 7 %   3,50 €\nBruttobetrag 7 %   53,50 €\nGesamtbetrag   172,50 €'],
    ['with net and tax per rate', 'Netto 19 %   100,00 €\nUSt 19 %   19,00 €\nNetto 7 %   50,00 €\nUSt 7 %   3,50 €\nGesamtbetrag   172,50 €'],
  ])('reads an invoice with two tax rates as the sum of both, %s', (_name, sums) => {
    const { facts, fields } = extractFromText(`Rechnung\n${sums}`);
    expect([facts.amount, facts.net_amount, facts.tax_amount]).toEqual(['172.50', '150.00', '22.50']);
    expect(validateFacts(facts, fields).fields.amount?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('still promises figures that add up to the largest total printed', () => {
    const confidence = confidences(`Rechnung\nZwischensumme   90,00 €\n${SUMS}\nZahlbetrag   119,00 €`);
    for (const key of ['amount', 'net_amount', 'tax_amount'] as const) expect(confidence(key), key).toBeGreaterThanOrEqual(0.9);
  });

  it('promises an amount due only when it is labelled and the confirmed total says the same', () => {
    expect(confidences(`Rechnung\n${SUMS}\nZahlbetrag   119,00 €`)('amount_due')).toBeGreaterThanOrEqual(0.9);
    expect(confidences(`Rechnung\n${SUMS}`)('amount_due')).toBeLessThan(0.9);
    expect(confidences('Rechnung\nZahlbetrag   119,00 €')('amount_due')).toBeLessThan(0.9);
  });

  it.each([
    ['Rechnungsdatum: 05.03.2026', true],
    ['Invoice date: 03/05/2026', true],
    ['Rechnung Nr. 17 vom 05.03.2026', false],
    ['München, den 05.03.2026', false],
  ])('issue date from %j -> sure %s', (line, sure) => {
    expect(confidences(`Rechnung\n${line}`)('issue_date') >= 0.9).toBe(sure);
  });

  it('promises nothing read from a page whose printed sums contradict each other', () => {
    const text = 'Rechnungsnummer: R-17\nRechnungsdatum: 05.03.2026\nNettobetrag   100,00 €\nMwSt. 19 %   19,00 €\nGesamtbetrag   129,00 €';
    const confidence = confidences(text);
    expect(confidence('invoice_number')).toBeLessThan(0.9);
    expect(confidence('issue_date')).toBeLessThan(0.9);
    expect(confidences(text.replace('129,00', '119,00'))('invoice_number')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('insurance letters and contract terms', () => {
  it('reads a policy that states its term and notice as a contract, with its terms', () => {
    const policy = extractFromText([
      'Nordlicht Versicherung AG · Hafenweg 2 · 20457 Hamburg',
      'Versicherungsschein Nr. HR-2291',
      'Hausratversicherung',
      'Beginn        1. November 2018',
      'Vertragsdauer     3 Jahre',
      'Verlängerung      jeweils um ein Jahr',
      'Kündigungsfrist    3 Monate zum Ende der Vertragslaufzeit',
      'Jahresbeitrag     116,64 €',
    ].join('\n'), { today: '2026-01-28' });
    expect(policy.type).toBe('contract');
    expect(policy.typeReason).toMatch(/a contract$/);
    expect(policy.facts.contract).toMatchObject({ start_date: '2018-11-01', minimum_term_months: 36, renewal_months: 12, last_cancellation_date: '2026-07-31' });
  });

  it('keeps a premium notice without terms an insurance letter', () => {
    const notice = extractFromText(['Nordlicht Versicherung AG', 'Beitragsanpassung zum 01.01.2027', 'Ihr neuer Jahresbeitrag beträgt 128,30 €.'].join('\n'));
    expect(notice.type).toBe('insurance');
  });
});

describe('a class its facts must back', () => {
  it('reads a letter that only talks about a contract as one that needs nothing', () => {
    const letter = extractFromText([
      'Stadtwerke Neustadt GmbH',
      'Neustadt, 02.03.2026',
      'Sehr geehrte Kundin, sehr geehrter Kunde,',
      'zu Ihrem Vertrag über die Stromlieferung möchten wir Sie informieren: Ihre Vertragsunterlagen',
      'und die Vertragsbedingungen finden Sie ab sofort in unserem Kundenportal. An Ihrer Vertragslaufzeit',
      'und Ihrem Vertrag ändert sich nichts.',
    ].join('\n'));
    expect(letter.type).toBe('other');
    expect(letter.typeReason).toMatch(/no contract terms in it: other$/);
  });

  it('keeps a contract whose terms are printed', () => {
    const letter = extractFromText([
      'Stadtwerke Neustadt GmbH',
      'Neustadt, 02.03.2026',
      'zu Ihrem Vertrag über die Stromlieferung: der Vertrag beginnt am 01.04.2026 und hat eine Mindestlaufzeit von 12 Monaten.',
      'Er kann mit einer Frist von 1 Monat zum Ende der Laufzeit gekündigt werden.',
    ].join('\n'), { today: '2026-03-02' });
    expect(letter.type).toBe('contract');
    expect(letter.facts.contract?.last_cancellation_date).toBe('2027-02-28');
  });
});

describe('the return deadline of a shop receipt', () => {
  it('counts the printed return period from the day of the sale, and only for a shop', () => {
    const receipt = `Modehaus Beispiel GmbH
Marktplatz 3, 12345 Musterstadt
Jeans Slim Fit          49,99 A
--------------------------------
SUMME               EUR 49,99
Geg. BAR            EUR 50,00
Rückgeld BAR        EUR  0,01
Datum: 31.01.2026    Uhrzeit: 16:42:10 Uhr
Bon-Nr.: 5521
Umtausch innerhalb von 30 Tagen nur mit Kassenbon.
Reduzierte Ware ist vom Umtausch ausgeschlossen.`;
    const { type, facts, fields } = extractFromText(receipt);
    expect(type).toBe('receipt');
    expect(facts).toMatchObject({ issue_date: '2026-01-31', return_deadline: '2026-03-02' });
    expect(fields.return_deadline).toEqual({ source: 'text', confidence: 0.75 });
    // Another class's letter has no goods to take back.
    const letter = extractFromText(`${APPOINTMENT}\nUmtausch bis 20.03.2026`);
    expect(letter.type).toBe('appointment');
    expect(letter.facts.return_deadline).toBeUndefined();
  });
});
