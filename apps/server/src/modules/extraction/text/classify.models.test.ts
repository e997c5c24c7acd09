import { describe, expect, it } from 'vitest';
import { classify } from './classify.models.ts';
import { buildLayout } from './layout.models.ts';

const typeOf = (text: string) => classify(buildLayout(text));

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
    ['Liebe Grüße aus dem Urlaub', 'other'],
  ])('%j is %s', (text, type) => {
    expect(typeOf(text).type).toBe(type);
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
