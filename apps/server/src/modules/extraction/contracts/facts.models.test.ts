import { describe, expect, it } from 'vitest';
import { nextCancellation, normalisedNotice, termsOfFacts } from './facts.models.ts';

describe('contract facts back to terms', () => {
  it('round-trips the normalised notice period', () => {
    const notice = { amount: 3, unit: 'months' as const, anchor: 'end_of_term' as const, text: '3 Monate zum Ende der Laufzeit' };
    expect(termsOfFacts({ start_date: '2025-04-01', minimum_term_months: 24, renewal_months: 12, notice_period: notice.text, notice_period_normalised: normalisedNotice(notice) })).toEqual({
      start_date: '2025-04-01', minimum_term_months: 24, renewal_months: 12, notice,
    });
  });

  it.each([['no notice', {}], ['an unknown unit', { notice_period_normalised: '3 fortnights to end_of_term' }], ['an unknown anchor', { notice_period_normalised: '3 months to easter' }]])('gives up on %s', (_label, contract) => {
    expect(termsOfFacts(contract)).toBeUndefined();
  });

  it('moves a passed cancellation date to the next term end, and reports nothing when it still holds', () => {
    // 24 months from 2025-04-01 end 2027-03-31; then 12 more each time; 3 months' notice before each end.
    const contract = { start_date: '2025-04-01', minimum_term_months: 24, renewal_months: 12, notice_period_normalised: '3 months to end_of_term', last_cancellation_date: '2026-12-31' };
    expect(nextCancellation(contract, '2026-12-01')).toBeUndefined();
    expect(nextCancellation(contract, '2027-01-01')).toEqual({ last_cancellation_date: '2027-12-31', ends_on: '2028-03-31' });
  });

  it('applies the one-month rule after the first term of an open-ended contract', () => {
    const contract = { start_date: '2024-01-15', minimum_term_months: 12, renewal_months: 0, notice_period_normalised: '3 months to end_of_term' };
    expect(nextCancellation(contract, '2026-11-26')).toEqual({ last_cancellation_date: '2026-11-26', ends_on: '2026-12-26' });
  });

  it('counts a contract without a minimum term from today, open-ended', () => {
    const contract = { start_date: '2026-03-14', minimum_term_months: 0, renewal_months: 0, notice_period_normalised: '1 months to end_of_month' };
    expect(termsOfFacts(contract)).toMatchObject({ start_date: '2026-03-14', notice: { amount: 1, unit: 'months', anchor: 'end_of_month' } });
    expect(termsOfFacts(contract)).not.toHaveProperty('minimum_term_months');
    expect(nextCancellation(contract, '2026-03-23')).toEqual({ last_cancellation_date: '2026-03-31', ends_on: '2026-04-30' });
  });
});
