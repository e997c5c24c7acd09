import { describe, expect, it } from 'vitest';
import { addBusinessDays, addMonths } from './deadline.models.ts';
import { findDunning } from './dunning.models.ts';
import { shortLetter } from './dunning.test-letters.ts';

const deadline = (sentence: string, issueDate?: string, heading = '1. Mahnung') =>
  findDunning(shortLetter(heading, `Die Rechnung Nr. 4711 über 250,00 € ist noch nicht bezahlt. ${sentence}`), issueDate ? { issueDate } : {})?.deadline;

describe('relative deadlines, counted from the letter date', () => {
  it.each([
    ['Bitte zahlen Sie innerhalb von 7 Tagen.', '2026-01-28', '2026-02-04', 'innerhalb von 7 Tagen'],
    ['Bitte überweisen Sie den Betrag innerhalb von 14 Tagen.', '2026-12-20', '2027-01-03', 'innerhalb von 14 Tagen'],
    ['Bitte begleichen Sie den Betrag binnen einer Woche.', '2028-02-25', '2028-03-03', 'binnen einer Woche'],
    ['Bitte begleichen Sie den Betrag binnen einer Woche.', '2026-02-25', '2026-03-04', 'binnen einer Woche'],
    ['Bitte zahlen Sie innerhalb eines Monats.', '2026-01-31', '2026-02-28', 'innerhalb eines Monats'],
    ['Bitte zahlen Sie innerhalb eines Monats.', '2028-01-31', '2028-02-29', 'innerhalb eines Monats'],
    ['Bitte zahlen Sie innerhalb von zwei Wochen.', '2026-02-16', '2026-03-02', 'innerhalb von zwei Wochen'],
    ['Bitte zahlen Sie den Betrag in 10 Tagen.', '2026-02-16', '2026-02-26', 'in 10 Tagen'],
    ['Wir setzen Ihnen zur Zahlung eine Nachfrist von 8 Tagen.', '2026-02-16', '2026-02-24', 'Nachfrist von 8 Tagen'],
    ['Der Betrag muss bis spätestens 10 Tage nach Erhalt dieses Schreibens bei uns eingehen.', '2026-03-25', '2026-04-04', 'spätestens 10 Tage nach Erhalt dieses Schreibens'],
    ['Zahlen Sie bitte innerhalb der nächsten 7 (sieben) Tage.', '2026-02-10', '2026-02-17', 'nächsten 7 (sieben) Tage'],
    ['Bitte überweisen Sie den Betrag innerhalb von 5 Werktagen.', '2026-02-06', '2026-02-13', 'innerhalb von 5 Werktagen'],
    ['Bitte überweisen Sie den Betrag innerhalb von 3 Bankarbeitstagen.', '2026-02-13', '2026-02-18', 'innerhalb von 3 Bankarbeitstagen'],
    ['Please pay the outstanding amount within 10 days.', '2026-02-22', '2026-03-04', 'within 10 days'],
    ['Bitte gleichen Sie den Betrag bis Ende des Monats aus.', '2026-02-10', '2026-02-28', 'bis Ende des Monats'],
    ['Bitte gleichen Sie den Betrag bis Ende des Monats aus.', '2028-02-10', '2028-02-29', 'bis Ende des Monats'],
    ['Bitte gleichen Sie den Betrag bis zum Ende des nächsten Monats aus.', '2026-01-15', '2026-02-28', 'bis zum Ende des nächsten Monats'],
  ])('%j from %s -> %s', (sentence, issueDate, date, rule) => {
    const found = deadline(sentence, issueDate);
    expect(found?.date).toBe(date);
    expect(found?.rule).toBe(rule);
    expect(found?.confidence).toBeLessThan(0.9);
  });

  it('without a date from the caller, counts from the date printed on the letter', () => {
    const text = shortLetter('Zahlungserinnerung', 'Berlin, 05.03.2026\n\nDie Rechnung Nr. 4711 ist noch offen. Bitte zahlen Sie innerhalb von 7 Tagen.');
    expect(findDunning(text, {})?.deadline?.date).toBe('2026-03-12');
  });

  it('without any letter date, a relative deadline cannot be placed', () => {
    expect(deadline('Bitte zahlen Sie innerhalb von 7 Tagen.')).toBeUndefined();
  });
});

describe('absolute deadlines', () => {
  it.each([
    ['Bitte überweisen Sie den Betrag bis zum 15.02.2026.', '2026-02-03', '2026-02-15'],
    ['Bitte zahlen Sie bis spätestens 27.02.2026.', '2026-02-03', '2026-02-27'],
    ['Bitte zahlen Sie bis Freitag, den 20.02.2026.', '2026-02-03', '2026-02-20'],
    ['Der Betrag muss bis zum 15.02. bei uns eingegangen sein.', '2026-02-03', '2026-02-15'],
    ['Bitte überweisen Sie den Betrag bis zum 10.01.', '2025-12-20', '2026-01-10'],
    ['Bitte überweisen Sie den Betrag bis zum 15. Februar.', '2026-02-03', '2026-02-15'],
    ['Bitte überweisen Sie den Betrag bis zum 15. Februar 2026.', '2026-02-03', '2026-02-15'],
    ['Please pay the balance by March 3, 2026.', '2026-02-17', '2026-03-03'],
    ['Zahlungsfrist: 27.02.2026', '2026-02-13', '2026-02-27'],
  ])('%j -> %s', (sentence, issueDate, date) => {
    expect(deadline(sentence, issueDate)?.date).toBe(date);
  });

  it('a relative term that confirms the printed date makes it sure', () => {
    const found = deadline('Bitte zahlen Sie innerhalb von 7 Tagen, d. h. bis zum 17.02.2026.', '2026-02-10');
    expect(found).toEqual({ date: '2026-02-17', rule: 'innerhalb von 7 Tagen', confidence: expect.any(Number) });
    expect(found?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('a printed date beats a relative term that contradicts it', () => {
    expect(deadline('Bitte zahlen Sie innerhalb von 7 Tagen, spätestens bis zum 20.02.2026.', '2026-02-10')?.date).toBe('2026-02-20');
  });

  it.each([
    ['the original due date', 'Die Rechnung war bis zum 15.01.2026 zu bezahlen.'],
    ['the cut-off day of booked payments', 'Zahlungseingänge bis zum 28.01.2026 sind berücksichtigt.'],
    ['an objection period', 'Gegen diese Forderung können Sie innerhalb von 14 Tagen Widerspruch einlegen.'],
    ['a date before the letter', 'Bitte überweisen Sie den Betrag bis zum 01.01.2026.'],
    ['"umgehend" names no day', 'Bitte überweisen Sie den Betrag umgehend.'],
  ])('no deadline: %s', (_name, sentence) => {
    expect(deadline(sentence, '2026-02-01')).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-02-28', 1, '2026-03-28'],
  ])('addMonths(%s, %i) = %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it.each([
    ['2026-02-06', 1, '2026-02-09'],
    ['2026-02-07', 1, '2026-02-09'],
    ['2026-02-09', 5, '2026-02-16'],
    ['2026-12-30', 3, '2027-01-04'],
  ])('addBusinessDays(%s, %i) = %s', (from, days, to) => {
    expect(addBusinessDays(from, days)).toBe(to);
  });
});
