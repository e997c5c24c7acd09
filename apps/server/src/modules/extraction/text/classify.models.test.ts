import { describe, expect, it } from 'vitest';
import { classify } from './classify.models.ts';
import { buildLayout } from './layout.models.ts';

const typeOf = (text: string, negativeTotal = false) => classify(buildLayout(text), { negativeTotal });

describe('classify', () => {
  it.each([
    ['Rechnung\nRechnungsnummer: 4711\nSumme netto 10,00\nUSt 1,90', 'invoice'],
    ['W A R E N R E C H N U N G   Seite 1\nBeleg-Nr: R1', 'invoice'],
    ['INVOICE\nInvoice #: 42\nTotal $10.00', 'invoice'],
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

  it('makes a correction with negative totals a credit note, with positive ones an invoice', () => {
    const text = 'Rechnungskorrektur Nr. RK21012345 vom 16.09.2018\nBruttosumme -8,79';
    expect(typeOf(text, true)).toMatchObject({ type: 'credit_note', reason: 'words: "Rechnungskorrektur", negative total' });
    expect(typeOf(text, false).type).toBe('invoice');
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
