import { describe, expect, it } from 'vitest';
import { amountFactor, bandOf, slaPriority, timeScore, unusualExponents } from './tasks.priority.models.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const inHours = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('time score', () => {
  it.each([
    [null, 20],
    [inHours(-1), 100],
    [inHours(-0.001), 100],
    [inHours(0), 80],
    [inHours(23.9), 80],
    [inHours(24), 60],
    [inHours(47.9), 60],
    [inHours(48), 40],
    [inHours(7 * 24 - 1), 40],
    [inHours(7 * 24), 20],
  ])('due %s -> %i', (due, expected) => {
    expect(timeScore(due, now)).toBe(expected);
  });
});

describe('amount factor', () => {
  it.each([
    [null, 'EUR', 1],
    [10_000, 'EUR', 1],
    [10_001, 'EUR', 1.1],
    [50_000, 'EUR', 1.1],
    [50_001, 'EUR', 1.3],
    [-60_000, 'EUR', 1.3],
    [501, 'JPY', 1.3],
  ])('%s %s -> %f', (amount, currency, expected) => {
    expect(amountFactor(amount, currency)).toBe(expected);
  });
});

describe('band', () => {
  it.each([
    [150, 'critical'],
    [80, 'critical'],
    [79.9, 'high'],
    [60, 'high'],
    [59.9, 'medium'],
    [40, 'medium'],
    [39.9, 'low'],
    [20, 'low'],
  ])('%f -> %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});

describe('SLA priority', () => {
  it.each([
    ['a dunning letter two days overdue over 312 EUR', { due: inHours(-50), documentType: 'reminder', amountMinor: 31_200 }, 165, 'critical', 'Mahnung, 2 Tage überfällig, 312 €', 'Dunning letter, 2 days overdue, €312'],
    ['an invoice due in 5 days over 89.99 EUR', { due: inHours(5 * 24), documentType: 'invoice', amountMinor: 8_999 }, 48, 'medium', 'Rechnung, fällig in 5 Tagen, 89,99 €', 'Invoice, due in 5 days, €89.99'],
    ['a contract decision in 3 weeks', { due: inHours(21 * 24), documentType: 'contract', amountMinor: null }, 26, 'low', 'Vertrag, fällig in 21 Tagen', 'Contract, due in 21 days'],
    ['a large invoice due tomorrow', { due: inHours(30), documentType: 'invoice', amountMinor: 120_000 }, 93.6, 'critical', 'Rechnung, fällig in 1 Tag, 1.200 €', 'Invoice, due in 1 day, €1,200'],
    ['a hand-made task due in 3 hours', { due: inHours(3), documentType: null, amountMinor: null }, 80, 'critical', 'fällig in 3 Stunden', 'due in 3 hours'],
    ['a task without a deadline', { due: null, documentType: null, amountMinor: null }, 20, 'low', 'ohne Frist', 'no deadline'],
  ] as const)('%s', (_label, input, score, priority, de, en) => {
    const result = slaPriority({ now, currency: 'EUR', ...input });
    expect(result).toEqual({ score, priority, reason: { de, en } });
  });
});

describe('unusualExponents', () => {
  it('lists the currencies whose minor unit is not a hundredth, for the SQL score', () => {
    const byDigits = unusualExponents();
    expect(byDigits.get(0)).toEqual(expect.arrayContaining(['JPY', 'KRW']));
    expect(byDigits.get(3)).toEqual(expect.arrayContaining(['KWD', 'BHD']));
    expect([...byDigits.values()].flat()).not.toContain('EUR');
  });
});
