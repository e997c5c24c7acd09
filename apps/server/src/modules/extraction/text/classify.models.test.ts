import { describe, expect, it } from 'vitest';
import { emptyModel, parseModel, train, untrain } from '../classify/bayes.models.ts';
import { letter } from '../classify/testing/letter.ts';
import { OTHER_LETTERS } from '../classify/testing/letters-other.ts';
import { PAYMENT_LETTERS } from '../classify/testing/letters-payments.ts';
import { documentFeatures } from '../classify/tokens.models.ts';
import type { ClassifyContext } from './classify.models.ts';
import { classify } from './classify.models.ts';
import { buildLayout } from './layout.models.ts';

const typeOf = (text: string, context?: ClassifyContext) => classify(buildLayout(text), context);
const LETTERS = [...PAYMENT_LETTERS, ...OTHER_LETTERS];

describe('classify', () => {
  it.each([
    ['Rechnung\nRechnungsnummer: 4711\nSumme netto 10,00\nUSt 1,90', 'invoice'],
    ['W A R E N R E C H N U N G   Seite 1\nBeleg-Nr: R1', 'invoice'],
    ['INVOICE\nInvoice #: 42\nTotal $10.00', 'invoice'],
    ['Privatliquidation Nr. 2026-0042\nFür Ihre Behandlung berechne ich nach GOÄ:', 'invoice'],
    ['Kostennote\nIn der Angelegenheit Müller ./. Schmidt berechnen wir:', 'invoice'],
    ['Gutschrift Nr. GS-1\nGutschriftsbetrag 49,99 €', 'credit_note'],
    ['Credit note CN-7\nAmount 10.00', 'credit_note'],
    ['2. Mahnung\nIhre Rechnung vom 05.01.2026 ist noch offen.', 'reminder'],
    ['Zahlungserinnerung\nsicher haben Sie übersehen ...', 'reminder'],
    ['Payment reminder\nYour invoice is overdue.', 'reminder'],
    ['Vertragsbestätigung\nVertragsbeginn: 01.02.2026\nKündigungsfrist: 3 Monate', 'contract'],
    ['Kassenbon\nSUMME EUR 2,48\nGeg. BAR EUR 5,00\nRückgeld EUR 2,52', 'receipt'],
    ['PAYMENT RECEIPT\nPaid through Cash', 'receipt'],
    ['Terminbestätigung\nIhr Termin am 14. März 2026 um 10:00 Uhr', 'appointment'],
    ['Einladung zur Eigentümerversammlung\nBitte erscheinen Sie pünktlich.', 'appointment'],
    ['Einkommensteuerbescheid 2024\nDie Einkommensteuer wird festgesetzt auf 4.210,00 €.', 'tax_document'],
    ['Versicherungsschein\nVersicherungsbeginn 01.04.2026, Jahresbeitrag 312,00 €', 'insurance'],
    ['E-Rezept\nIbuprofen 400 mg, 20 Stück', 'prescription'],
    ['Ihr Reisepass läuft ab\nDer Pass ist bis 30.06.2026 gültig.', 'identity_document'],
    ['Liebe Grüße aus dem Urlaub', 'other'],
  ])('%j is %s', (text, type) => {
    expect(typeOf(text).type).toBe(type);
  });

  it.each(LETTERS.map((entry) => [entry.name, entry.type, entry.text] as const))('%s: %s', (_name, type, text) => {
    expect(typeOf(text).type).toBe(type);
  });

  it('is rarely wrong when it says 0.9 or more: never on the test letters, and sure of most', () => {
    const results = LETTERS.map((entry) => ({ entry, result: typeOf(entry.text) }));
    const sure = results.filter(({ result }) => result.confidence >= 0.9);
    expect(sure.filter(({ entry, result }) => result.type !== entry.type)).toEqual([]);
    expect(sure.length / results.length).toBeGreaterThan(0.6);
  });

  it.each([
    ['a heading', PAYMENT_LETTERS.find((entry) => entry.name.startsWith('a second dunning'))!.text, /^heading: 2\. Mahnung$/],
    ['cue words', PAYMENT_LETTERS.find((entry) => entry.name.startsWith('a repair bill'))!.text, /^words: "USt", "Zahlbar"/],
    ['the Bayes alone', 'Guten Tag,\ndas Medikament ist in der Apotheke abholbereit, bitte die Gesundheitskarte mitbringen.', /^words: \p{L}+(?:, \p{L}+){0,2} \(Bayes 0\.\d\d\)$/u],
    ['disagreeing evidence', OTHER_LETTERS.find((entry) => entry.name.startsWith('a service notice'))!.text, /^words disagree: "Rechnung" for invoice, Bayes 0\.\d\d for other$/],
  ])('explains a decision by %s', (_name, text, reason) => {
    expect(typeOf(text).reason).toMatch(reason);
  });

  it('trusts the Bayes alone less than a rule', () => {
    const result = typeOf('Guten Tag,\ndas Medikament ist in der Apotheke abholbereit, bitte die Gesundheitskarte mitbringen.');
    expect(result.type).toBe('prescription');
    expect(result.confidence).toBeLessThanOrEqual(0.8);
  });

  it.each([
    ['Rechnungskorrektur Nr. RK21012345 vom 16.09.2018\nBruttosumme -8,79\nZahlbetrag -8,79'],
    ['RECHNUNGS-KORREKTUR\nGemäß Ihrer Reklamation erhalten Sie die folgenden Leistungen gutgeschrieben.\nEndbetrag -8,79'],
    ['Korrigierte Rechnung Nr. 2026-17\nErsetzt Rechnung Nr. 2026-12\nGesamtbetrag 80,00 €'],
    ['Stornorechnung zu Rechnung 2026-12\nGesamtbetrag -119,00 €'],
    ['Corrected invoice 42\nTotal -10.00'],
  ])('a correction is an invoice (EN 16931 type 384), whatever the sign: %j', (text) => {
    const { type, reason } = typeOf(text);
    expect(type).toBe('invoice');
    expect(reason).toMatch(/corrected invoice \(EN 16931 type 384\)/);
  });

  it.each([
    ['Gutschrift Nr. GS-7\nzur Rechnungskorrektur der Rechnung 2026-12\nGutschriftsbetrag -20,00 €'],
    ['Stornorechnung\nGutschriftsanzeige Nr. 5\nBetrag -20,00 €'],
    ['CREDIT NOTE CN-7\nInvoice correction for invoice 41\nTotal -10.00'],
    ['Gutschrift Nr. GS-2026-003\nZu Rechnung Nr. R-2026-0099 vom 05.01.2026\nGutschriftsbetrag -49,99 €'],
  ])('a document that calls itself a credit note is one: %j', (text) => {
    expect(typeOf(text).type).toBe('credit_note');
  });

  it('does not count boilerplate in the body as much as the heading', () => {
    const text = `Rechnung\n${'Zeile\n'.repeat(30)}Die mit einem Minuszeichen versehenen Beträge sind Gutschriften. Im Falle einer Mahnung berechnen wir 5 €.`;
    expect(typeOf(text).type).toBe('invoice');
  });

  it('is less sure when two classes are close', () => {
    const clear = typeOf('Rechnung\nRechnungsnummer 1\nMwSt 19 %');
    const close = typeOf('Rechnung\nVertrag\nKündigungsfrist');
    expect(clear.confidence).toBeGreaterThan(close.confidence);
    expect(clear.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('learning from corrections', () => {
  const SENDER = 'Energieversorgung Talstadt';
  /** A monthly consumption note: its contract words make the rules call it a contract. */
  const note = (month: string, kwh: string) =>
    letter({
      from: [SENDER, 'Werkstraße 1, 54321 Talstadt'],
      info: ['Vertragskonto: 882 110'],
      subject: `Ihr Verbrauch im ${month}`,
      body: [`Ihr Zählerstand zeigt für den ${month} einen Verbrauch von ${kwh} kWh. Das liegt im Rahmen Ihres Vertrags.`, 'Ihre Laufzeit und Ihr Abschlag bleiben unverändert. Sie müssen nichts tun.'],
    });
  /** A web shop's invoice that was paid when ordered: the user files these as receipts. */
  const paid = (item: string, amount: string) => ['Bücherwelt Versand', '', `Rechnung Nr. ${amount.replace(',', '')}`, `1 x ${item}   ${amount} €`, `Gesamt ${amount} € inkl. 7 % MwSt.`, 'Bezahlt mit Kreditkarte am Bestelltag.'].join('\n');

  it('after one correction, the next similar letter changes class, and says why', () => {
    const january = note('Januar', '212');
    expect(typeOf(january).type).toBe('contract');
    const userModel = train(emptyModel(), documentFeatures(january, SENDER), 'other');
    const february = typeOf(note('Februar', '198'), { userModel, sender: SENDER });
    expect(february.type).toBe('other');
    expect(february.reason).toMatch(/^learned from your corrections: sender Energieversorgung Talstadt \(Bayes [01]\.\d\d; rules said contract\)$/);
    // Without knowing the sender, the words alone are similar enough.
    expect(typeOf(note('März', '240'), { userModel }).type).toBe('other');
  });

  it('a sender-specific correction overrides even a heading, for that sender only', () => {
    const first = paid('Roman', '12,99');
    expect(typeOf(first).type).toBe('invoice');
    const userModel = train(emptyModel(), documentFeatures(first, 'Bücherwelt Versand'), 'receipt');
    expect(typeOf(paid('Kochbuch', '24,00'), { userModel, sender: 'Bücherwelt Versand' }).type).toBe('receipt');
    const painter = 'Rechnung Nr. 55\nMalerarbeiten 3 Std. 180,00 €\nGesamt 214,20 € inkl. 19 % USt\nZahlbar innerhalb 14 Tagen.';
    expect(typeOf(painter, { userModel, sender: 'Maler Krause' }).type).toBe('invoice');
  });

  it('leaves unrelated documents alone', () => {
    const userModel = train(emptyModel(), documentFeatures(note('Januar', '212'), SENDER), 'other');
    for (const entry of LETTERS) expect(typeOf(entry.text, { userModel }).type, entry.name).toBe(entry.type);
  });

  it('works from a delta stored as JSON, and undoing the correction undoes its effect', () => {
    const features = documentFeatures(note('Januar', '212'), SENDER);
    const stored = JSON.stringify(train(emptyModel(), features, 'other'));
    const userModel = parseModel(JSON.parse(stored))!;
    expect(typeOf(note('Februar', '198'), { userModel, sender: SENDER }).type).toBe('other');
    const undone = untrain(userModel, features, 'other');
    expect(typeOf(note('Februar', '198'), { userModel: undone, sender: SENDER }).type).toBe('contract');
  });
});
