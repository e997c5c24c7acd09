import { describe, expect, it } from 'vitest';
import { findDunning } from './dunning.models.ts';
import { AGENCY_LETTERS } from './agency.test-letters.ts';
import { CREDITOR_LETTERS, shortLetter as letter } from './dunning.test-letters.ts';
import { ENGLISH_LETTERS } from './english.test-letters.ts';
import { HOUSEHOLD_LETTERS } from './household.test-letters.ts';
import { NOT_DUNNING } from './lookalike.test-letters.ts';

const DUNNING_LETTERS = [...CREDITOR_LETTERS, ...HOUSEHOLD_LETTERS, ...AGENCY_LETTERS, ...ENGLISH_LETTERS];

describe('findDunning: whole letters', () => {
  it.each(DUNNING_LETTERS.map(({ letter, expected }) => [letter.name, letter, expected] as const))('%s', (_name, letter, expected) => {
    const reading = findDunning(letter.text, { issueDate: letter.issueDate });
    expect(reading).toBeDefined();
    expect({
      level: reading?.facts.dunning_level,
      number: reading?.facts.linked_invoice_number,
      date: reading?.facts.original_invoice_date,
      fee: reading?.facts.fee,
      deadline: reading?.deadline?.date,
      total: reading?.total?.amount,
    }).toEqual({
      level: expected.level,
      number: expected.number,
      date: expected.date,
      fee: expected.fee,
      deadline: expected.deadline,
      total: expected.total,
    });
    for (const value of Object.values(reading?.confidence ?? {})) expect(value).toBeGreaterThan(0);
  });

  it('names the principal of a statement of claim, promised when the sum confirms it', () => {
    const agency = AGENCY_LETTERS.find(({ letter }) => letter.text.includes('Hauptforderung aus Rechnung Nr. 2025-9981'))!.letter;
    const reading = findDunning(agency.text, { issueDate: agency.issueDate })!;
    expect(reading.facts.principal).toBe('189.90');
    expect(reading.confidence.principal).toBeGreaterThanOrEqual(0.9);
    const unconfirmed = findDunning(agency.text.replace('267,47 €', '270,00 €'), { issueDate: agency.issueDate })!;
    expect(unconfirmed.facts.principal).toBe('189.90');
    expect(unconfirmed.confidence.principal).toBeLessThan(0.9);
  });

  it.each(NOT_DUNNING.map((letter) => [letter.name, letter] as const))('not a dunning letter: %s', (_name, letter) => {
    expect(findDunning(letter.text, { issueDate: letter.issueDate })).toBeUndefined();
  });

  it('promises (>= 0.9) only what a label names and a sum confirms', () => {
    const byName = (part: string) => DUNNING_LETTERS.find(({ letter }) => letter.name.includes(part))!.letter;
    const charged = findDunning(byName('1. Mahnung, information block').text, { issueDate: '2026-02-06' })!;
    // Rechnungsbetrag + Mahngebühr = Gesamtbetrag: both confirmed.
    expect(charged.confidence.fee).toBeGreaterThanOrEqual(0.9);
    expect(charged.total?.confidence).toBeGreaterThanOrEqual(0.9);
    const sentence = findDunning(byName('Letzte Mahnung').text, { issueDate: '2026-02-12' })!;
    expect(sentence.confidence.fee).toBeLessThan(0.9);
    const several = findDunning(byName('two invoices').text, { issueDate: '2026-02-16' })!;
    expect(several.confidence.linked_invoice_number).toBeLessThanOrEqual(0.55);
    expect(several.invoices?.map((invoice) => invoice.number)).toEqual(['R-10455', 'R-10502']);
    for (const { letter } of DUNNING_LETTERS) {
      const reading = findDunning(letter.text, { issueDate: letter.issueDate })!;
      // A computed deadline rests on the letter's date: it never promises.
      if (reading.deadline?.rule && !/\d{2}\.\d{2}\.\d{4}/.test(letter.text.slice(letter.text.indexOf(reading.deadline.rule)))) {
        expect(reading.deadline.confidence).toBeLessThan(0.9);
      }
    }
  });
});

describe('findDunning: stages', () => {
  it.each([
    ['Zahlungserinnerung', 0],
    ['ZAHLUNGSERINNERUNG', 0],
    ['Betreff: Zahlungserinnerung', 0],
    ['Freundliche Erinnerung', 0],
    ['Erinnerung', 0],
    ['Payment reminder', 0],
    ['Friendly reminder', 0],
    ['Mahnung', 1],
    ['M A H N U N G', 1],
    ['1. Mahnung', 1],
    ['Erste Mahnung', 1],
    ['2. Zahlungserinnerung', 1],
    ['First reminder', 1],
    ['2. Mahnung', 2],
    ['2.Mahnung', 2],
    ['Zweite Mahnung', 2],
    ['Rechnung 4711 – 2. Mahnung', 2],
    ['Mahnstufe 2', 2],
    ['Mahnung (Stufe 2)', 2],
    ['Second reminder', 2],
    ['3. Mahnung', 3],
    ['Dritte Mahnung', 3],
    ['Letzte Mahnung', 3],
    ['2. und letzte Mahnung', 3],
    ['Letzte Zahlungsaufforderung', 3],
    ['Final notice', 3],
    ['Final reminder', 3],
  ])('heading %j -> %i', (heading, level) => {
    expect(findDunning(letter(heading), {})?.facts.dunning_level).toBe(level);
  });

  it.each([
    ['the letter names its stage in a sentence', 'Ihre Rechnung Nr. 4711', 'Dies ist bereits unsere zweite Mahnung. Der Betrag von 250,00 € ist noch offen.', 2],
    ['"mahnen wir Sie zum letzten Mal"', 'Rechnung Nr. 4711', 'Da der Betrag noch immer offen ist, mahnen wir Sie hiermit zum letzten Mal.', 3],
    ['a reminder in words only', 'Rechnung Nr. 4711 vom 05.01.2026', 'wir möchten Sie freundlich an die Zahlung unserer Rechnung erinnern, die noch offen ist.', 0],
    ['earlier stages in the body do not count', '2. Mahnung', 'Unsere Zahlungserinnerung vom 10.01.2026 und die 1. Mahnung vom 24.01.2026 blieben leider unbeantwortet. Der Betrag ist weiterhin offen.', 2],
    ['a threat of collection is no collection letter', '3. Mahnung', 'Die Rechnung Nr. 4711 ist noch nicht bezahlt. Andernfalls übergeben wir die Forderung an ein Inkassobüro.', 3],
    ['"Letzte Mahnung vor Übergabe an Inkasso"', 'Letzte Mahnung vor Übergabe an Inkasso', 'Die Rechnung Nr. 4711 ist noch nicht bezahlt.', 3],
    ['a collection agency on behalf of its client', 'Forderungsaufstellung', 'Im Auftrag unserer Mandantin, der Muster Handel GmbH, fordern wir Sie zur Zahlung der offenen Forderung auf.', 4],
    ['an agency that calls its letter a Mahnung', 'Inkasso-Mahnung', 'unsere Auftraggeberin hat uns mit dem Einzug der Forderung aus Rechnung Nr. 4711 beauftragt. Die Hauptforderung ist offen.', 4],
  ])('%s', (_name, heading, body, level) => {
    expect(findDunning(letter(heading, body), {})?.facts.dunning_level).toBe(level);
  });

  it.each([
    ['a Mahnung heading without any word of money owed', letter('Mahnung', 'wir danken Ihnen für Ihre Bestellung.')],
    ['invoice terms on dunning', letter('Rechnung Nr. 2026-12', 'Bei Zahlungsverzug berechnen wir je Mahnung 5,00 €. Zahlbar innerhalb von 14 Tagen.')],
    ['a fee row of an earlier stage on an invoice', 'Rechnung Nr. 88\n\nMahngebühr 1. Mahnung   2,50 €\nDer offene Betrag ist sofort fällig.'],
    ['"dies ist keine Mahnung"', letter('Kontoauszug', 'Die offenen Posten sind unten aufgeführt. Dies ist keine Mahnung.')],
    ['general terms with sections on dunning', '§ 1 Geltung\n§ 2 Preise\n§ 3 Zahlung\n\n2. Mahnung\n\nIst der Kunde im Verzug, kostet jede Mahnung 5,00 €.'],
  ])('undefined: %s', (_name, text) => {
    expect(findDunning(text, {})).toBeUndefined();
  });
});

describe('findDunning: the invoice it is about', () => {
  it.each([
    ['Rechnung Nr. 2024-117 vom 03.01.2026', '2024-117', '2026-01-03'],
    ['Rechnungsnummer: RE-88/2025', 'RE-88/2025', undefined],
    ['Rechnungs-Nr.: 4711  vom 12.12.2025', '4711', '2025-12-12'],
    ['Re.-Nr. 10077', '10077', undefined],
    ['Rg.-Nr. 2025/0815 vom 30.11.2025', '2025/0815', '2025-11-30'],
    ['zu unserer Rechnung RE-2025-310 vom 12. Dezember 2025', 'RE-2025-310', '2025-12-12'],
    ['Ihre Rechnung vom 03.01.2026 (Nr. 2024-117)', '2024-117', '2026-01-03'],
    ['Ihre Rechnung vom 03.01.2026 mit der Nummer 2024-117', '2024-117', '2026-01-03'],
    ['Beleg-Nr. 55-1201', '55-1201', undefined],
    ['Belegnummer: 2026-B-0042', '2026-B-0042', undefined],
    ['invoice no. INV-77 dated 01/14/2026', 'INV-77', '2026-01-14'],
    ['Invoice #A-1009', 'A-1009', undefined],
    ['Rechnung        Datum         Betrag       offen\nRE-7001         02.02.2026    80,00 €      80,00 €', 'RE-7001', '2026-02-02'],
    ['Rechnungsnummer     Rechnungsdatum     Betrag\n2026-0099           20.01.2026         45,00 €', '2026-0099', '2026-01-20'],
    ['Rechnung 12/2025 über Ihren Stromverbrauch', undefined, undefined],
    ['Rechnung vom 05.01.2026', undefined, '2026-01-05'],
    // OCR glued the date to its word: a date, not the number "vom05".
    ['für unsere Rechnung vom05.01.2026 über 80,00 €', undefined, '2026-01-05'],
  ])('%j', (line, number, date) => {
    const text = letter('2. Mahnung', `${line}\n\nDer Betrag ist noch nicht bezahlt. Bitte zahlen Sie umgehend.`);
    const reading = findDunning(text, { issueDate: '2026-02-15' });
    expect(reading?.facts.linked_invoice_number).toBe(number);
    expect(reading?.facts.original_invoice_date).toBe(date);
  });

  it('an invoice date after the letter is some other date', () => {
    const reading = findDunning(letter('1. Mahnung', 'Rechnung Nr. 4711 vom 05.03.2026 ist noch nicht bezahlt.'), { issueDate: '2026-02-15' });
    expect(reading?.facts.linked_invoice_number).toBe('4711');
    expect(reading?.facts.original_invoice_date).toBeUndefined();
  });
});
