import { describe, expect, it } from 'vitest';
import { addDays } from './days.ts';
import { cancellation, latestNotice, periodEnd, termEnd, UnsettledContractError, type ContractTerms, type Notice } from './contract-terms.ts';

const months = (amount: number, anchor: Notice['anchor'] = 'term_end'): Notice => ({ amount, unit: 'months', anchor });

describe('termEnd (§ 187 (2), § 188 (2), (3) BGB)', () => {
  it.each([
    ['2025-04-01', 24, '2027-03-31'],
    ['2025-04-15', 12, '2026-04-14'],
    ['2025-12-27', 24, '2027-12-26'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-01-29', 1, '2023-02-28'],
    ['2024-01-29', 1, '2024-02-28'],
    ['2024-03-01', 24, '2026-02-28'],
    ['2026-03-01', 24, '2028-02-29'],
    ['2025-01-01', 12, '2025-12-31'],
  ])('%s + %i months ends on %s', (start, count, end) => {
    expect(termEnd(start, count)).toBe(end);
  });
});

describe('latestNotice', () => {
  it.each([
    ['2026-12-31', 3, 'months', '2026-09-30'],
    ['2026-04-14', 3, 'months', '2026-01-14'],
    ['2026-02-28', 1, 'months', '2026-01-31'],
    ['2028-02-29', 3, 'months', '2027-11-30'],
    ['2026-05-30', 3, 'months', '2026-02-28'],
    ['2024-05-30', 3, 'months', '2024-02-29'],
    ['2026-03-31', 1, 'months', '2026-02-28'],
    ['2024-03-31', 1, 'months', '2024-02-29'],
    ['2026-03-31', 6, 'weeks', '2026-02-17'],
    ['2026-01-14', 14, 'days', '2025-12-31'],
  ] as const)('for an end on %s with %i %s: %s', (end, amount, unit, latest) => {
    expect(latestNotice(end, amount, unit)).toBe(latest);
  });

  it('is the latest day whose notice period still ends in time (every day of 2023-2025, 1-4 months)', () => {
    for (let end = '2023-01-01'; end <= '2025-12-31'; end = addDays(end, 1)) {
      for (const amount of [1, 2, 3, 4]) {
        const latest = latestNotice(end, amount, 'months');
        expect(periodEnd(latest, amount, 'months') <= end, `${end} ${amount}`).toBe(true);
        expect(periodEnd(addDays(latest, 1), amount, 'months') > end, `${end} ${amount}`).toBe(true);
      }
    }
  });
});

describe('cancellation relative to the letter date', () => {
  const terms = (start: string, minimumTermMonths: number, renewalMonths: number, notice: Notice): ContractTerms => ({ start, minimumTermMonths, renewalMonths, notice });
  it.each([
    ['renewing, deadline ahead', terms('2019-04-01', 24, 12, months(3)), '2025-12-01', '2025-12-31', '2026-03-31'],
    ['renewing, deadline is today', terms('2019-04-01', 24, 12, months(3)), '2025-12-31', '2025-12-31', '2026-03-31'],
    ['renewing, deadline passed yesterday', terms('2019-04-01', 24, 12, months(3)), '2026-01-01', '2026-12-31', '2027-03-31'],
    ['renewing, 6 weeks', terms('2018-06-01', 24, 12, { amount: 6, unit: 'weeks', anchor: 'term_end' }), '2025-11-10', '2026-04-19', '2026-05-31'],
    ['insurance year ending on 29 February', terms('2023-03-01', 12, 12, months(3)), '2027-10-01', '2027-11-30', '2028-02-29'],
    ['open-ended, new contract', terms('2025-12-01', 12, 0, months(1)), '2025-11-25', '2026-10-31', '2026-11-30'],
    ['open-ended, mid-month start', terms('2025-12-27', 24, 0, months(1)), '2025-12-26', '2027-11-26', '2027-12-26'],
    ['open-ended after the first term: § 309 Nr. 9, one month from today', terms('2024-06-01', 12, 0, months(1)), '2025-11-03', '2025-11-03', '2025-12-03'],
    ['open-ended after the first term, a month end in reach', terms('2024-06-01', 12, 0, months(1)), '2026-01-30', '2026-01-31', '2026-02-28'],
    ['any day, 4 weeks', terms('2026-03-10', 0, 0, { amount: 4, unit: 'weeks', anchor: 'any_day' }), '2026-03-16', '2026-03-16', '2026-04-13'],
    ['any day, 2 weeks over 29 February', terms('2027-01-01', 0, 0, { amount: 2, unit: 'weeks', anchor: 'any_day' }), '2028-02-20', '2028-02-20', '2028-03-05'],
    ['month end, the current one missed', terms('2025-06-23', 0, 0, months(1, 'month_end')), '2025-07-01', '2025-07-31', '2025-08-31'],
    ['month end, last day of June', terms('2025-06-01', 0, 0, months(1, 'month_end')), '2025-06-30', '2025-06-30', '2025-07-31'],
    ['month end after a minimum term, renewing monthly', terms('2026-01-01', 12, 1, months(1, 'month_end')), '2025-12-09', '2026-11-30', '2026-12-31'],
    ['quarter end, 6 weeks, just in time', terms('2016-05-15', 0, 0, { amount: 6, unit: 'weeks', anchor: 'quarter_end' }), '2026-02-17', '2026-02-17', '2026-03-31'],
    ['quarter end, 6 weeks, one day late', terms('2016-05-15', 0, 0, { amount: 6, unit: 'weeks', anchor: 'quarter_end' }), '2026-02-18', '2026-05-19', '2026-06-30'],
    ['quarter end after a minimum term', terms('2024-04-01', 12, 0, { amount: 6, unit: 'weeks', anchor: 'quarter_end' }), '2025-01-10', '2025-02-17', '2025-03-31'],
  ])('%s', (_name, contract, asOf, last, ends) => {
    expect(cancellation(contract, asOf)).toEqual({ lastCancellationDate: last, endsOn: ends });
  });

  it.each([
    ['a month-end notice whose first term ends mid-month', { start: '2025-06-15', minimumTermMonths: 12, renewalMonths: 0, notice: months(1, 'month_end') }, '2025-06-01'],
    ['a notice to the term end without a term', { start: '2025-06-01', minimumTermMonths: 0, renewalMonths: 0, notice: months(1) }, '2025-06-01'],
    ['a renewing contract with a quarter-end notice', { start: '2025-01-01', minimumTermMonths: 12, renewalMonths: 12, notice: { amount: 6, unit: 'weeks', anchor: 'quarter_end' } }, '2025-06-01'],
    ['a later notice that would end inside the first term', { start: '2024-01-01', minimumTermMonths: 24, renewalMonths: 0, notice: months(3) }, '2025-11-15'],
    ['an end before the start', { start: '2026-01-01', minimumTermMonths: 0, renewalMonths: 0, notice: { amount: 2, unit: 'weeks', anchor: 'any_day' } }, '2025-12-01'],
  ] as [string, ContractTerms, string][])('refuses %s', (_name, contract, asOf) => {
    expect(() => cancellation(contract, asOf)).toThrow(UnsettledContractError);
  });
});
