import { describe, expect, it } from 'vitest';
import type { DateOrder } from './dates.models.ts';
import { buildLayout } from './layout.models.ts';
import { findReturnDeadline } from './returns.models.ts';

const PURCHASE = '2026-01-02';
const deadlineOf = (text: string, purchase: string | undefined = PURCHASE, order: DateOrder = 'dmy') =>
  findReturnDeadline(buildLayout(text), order, purchase ? { value: purchase, confidence: 0.9 } : undefined);

describe('findReturnDeadline: a period counted from the purchase', () => {
  it.each([
    ['Umtausch innerhalb von 14 Tagen', PURCHASE, '2026-01-16'],
    ['Rückgabe binnen 30 Tagen nach Kauf', PURCHASE, '2026-02-01'],
    ['Umtausch nur innerhalb 2 Wochen mit Kassenbon', PURCHASE, '2026-01-16'],
    ['30 Tage Rückgaberecht', PURCHASE, '2026-02-01'],
    ['14 Tage Umtauschrecht ab Kaufdatum', PURCHASE, '2026-01-16'],
    ['Rückgabefrist: 30 Tage', PURCHASE, '2026-02-01'],
    ['Ware kann innerhalb von 14 Tagen gegen Vorlage des Bons umgetauscht werden.', PURCHASE, '2026-01-16'],
    ['Umtausch innerhalb einer Woche', PURCHASE, '2026-01-09'],
    ['Widerrufsrecht: Die Widerrufsfrist beträgt 14 Tage ab Erhalt der Ware.', PURCHASE, '2026-01-16'],
    ['Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen.', PURCHASE, '2026-01-16'],
    ['Umtausch innerhalb 14 Tagen (reduzierte Ware ausgeschlossen)', PURCHASE, '2026-01-16'],
    ['Rücksendung innerhalb von 30 Tagen kostenlos', PURCHASE, '2026-02-01'],
    ['return within 30 days', PURCHASE, '2026-02-01'],
    ['Returns accepted within 28 days of purchase with receipt.', PURCHASE, '2026-01-30'],
    ['14-day return policy', PURCHASE, '2026-01-16'],
    ['Items can be returned or exchanged within 30 days', PURCHASE, '2026-02-01'],
    ['You have the right to withdraw from this contract within 14 days.', PURCHASE, '2026-01-16'],
    // month ends: 30 days from 31 January are 2 March (February 2026 has 28 days), in a leap year 1 March
    ['Rückgabe innerhalb von 30 Tagen', '2026-01-31', '2026-03-02'],
    ['Rückgabe innerhalb von 30 Tagen', '2028-01-31', '2028-03-01'],
    ['Umtausch innerhalb von 14 Tagen', '2025-12-20', '2026-01-03'],
  ])('%s (bought %s) -> %s', (text, purchase, iso) => {
    expect(deadlineOf(text, purchase)?.value).toBe(iso);
  });

  it('is never surer than the purchase date it counts from, and a Widerruf period less sure still', () => {
    expect(deadlineOf('Umtausch innerhalb von 14 Tagen')?.confidence).toBe(0.75);
    expect(findReturnDeadline(buildLayout('Umtausch innerhalb von 14 Tagen'), 'dmy', { value: PURCHASE, confidence: 0.6 })?.confidence).toBe(0.55);
    expect(deadlineOf('Die Widerrufsfrist beträgt 14 Tage.')?.confidence).toBe(0.7);
  });

  it("takes the shop's own term over the Widerruf period, and the shorter of two terms, less sure", () => {
    expect(deadlineOf('Widerrufsfrist: 14 Tage\n30 Tage Rückgaberecht')?.value).toBe('2026-02-01');
    const two = deadlineOf('Umtausch innerhalb 30 Tagen\nRückgabe gegen Geld innerhalb 14 Tagen');
    expect(two).toEqual({ value: '2026-01-16', confidence: 0.65 });
  });

  it('counts nothing without a purchase date', () => {
    expect(deadlineOf('Umtausch innerhalb von 14 Tagen', '')).toBeUndefined();
  });
});

describe('findReturnDeadline: a stated date', () => {
  it.each([
    ['Umtausch bis 15.01.2026', 'dmy', '2026-01-15', 0.8],
    ['Rückgabe bis zum 15. Januar 2026', 'dmy', '2026-01-15', 0.8],
    ['Umtausch von Geschenken bis spätestens 15.01.2026 möglich', 'dmy', '2026-01-15', 0.8],
    ['Rückgabe bis:      15.01.2026', 'dmy', '2026-01-15', 0.8],
    // the date under its label
    ['Rückgabe bis\n15.01.2026', 'dmy', '2026-01-15', 0.75],
    ['return by 15/01/2026', 'dmy', '2026-01-15', 0.8],
    ['Returns accepted until January 15, 2026', 'mdy', '2026-01-15', 0.8],
    ['Exchange by 01/15/2026', 'mdy', '2026-01-15', 0.8],
  ] as const)('%s -> %s', (text, order, iso, confidence) => {
    expect(deadlineOf(text, PURCHASE, order)).toEqual({ value: iso, confidence });
    // a stated date needs no purchase date
    expect(deadlineOf(text, undefined, order)?.value).toBe(iso);
  });

  it('wins over a period', () => {
    expect(deadlineOf('Umtausch innerhalb von 14 Tagen\nUmtausch bis 20.01.2026')?.value).toBe('2026-01-20');
  });

  it('is no return deadline when it lies before the purchase', () => {
    expect(deadlineOf('Umtausch bis 15.12.2025')).toBeUndefined();
  });
});

describe('findReturnDeadline: no return deadline', () => {
  it.each([
    ['Zahlbar innerhalb von 14 Tagen ohne Abzug.'],
    ['Lieferung innerhalb von 3 Tagen'],
    ['2 Jahre Garantie'],
    ['Gewährleistung 24 Monate, Garantie 2 Jahre'],
    ['Reduzierte Ware ist vom Umtausch ausgeschlossen.'],
    ['Kein Umtausch, keine Rückgabe.'],
    ['Hygieneartikel: Umtausch und Rückgabe nicht möglich innerhalb von 14 Tagen'],
    ['No returns, no refunds within 30 days of purchase.'],
    ['No refund. All sales are final.'],
    ['Final sale items are non-returnable within 14 days.'],
    ['Payment due within 14 days'],
    ['Refunds for returns are processed within 5 days.'],
    ['Rückgabe des Leihgeräts innerhalb von 14 Tagen nach Vertragsende.'],
    ['Sie können innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen.'],
    ['You are entitled to a refund from your bank within 8 weeks of the debit.'],
    ['Please return the signed form within 14 days.'],
    ['Rücksendung der unterschriebenen Unterlagen innerhalb von 14 Tagen.'],
    ['Rückgabe innerhalb von 14 Werktagen'],
    ['Umtausch innerhalb von 2 Monaten'],
    ['Pfandrückgabe innerhalb 14 Tagen'],
    ['Gültig bis 15.01.2026'],
    ['Return date: 20.03.2026'],
    ['Return flight until 20.03.2026'],
  ])('%s', (text) => {
    expect(deadlineOf(text)).toBeUndefined();
  });
});
