import { describe, expect, it } from 'vitest';
import {
  type ContractTerms,
  lastCancellationDate,
  lastNoticeDay,
  type NoticePeriod,
  noticeRunsOut,
  termEnd,
} from './holdout.cancellation.ts';
import { addDays, daysInMonth, endOfMonth, maxIso } from './holdout.dates.ts';
import { createRng } from './holdout.random.ts';

const months = (amount: number): NoticePeriod => ({ amount, unit: 'months' });
const weeks = (amount: number): NoticePeriod => ({ amount, unit: 'weeks' });
const days = (amount: number): NoticePeriod => ({ amount, unit: 'days' });

describe('termEnd (BGB § 188 (2), (3))', () => {
  it.each([
    ['2025-04-01', 24, '2027-03-31'],
    ['2025-01-01', 12, '2025-12-31'],
    ['2025-03-15', 12, '2026-03-14'],
    ['2025-03-01', 1, '2025-03-31'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-28'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2025-08-30', 6, '2026-02-28'],
    ['2025-12-01', 1, '2025-12-31'],
    ['2025-11-30', 3, '2026-02-28'],
  ])('%s + %i months ends %s', (start, length, end) => {
    expect(termEnd(start, length)).toBe(end);
  });
});

describe('lastNoticeDay', () => {
  it.each([
    ['2026-12-31', months(3), '2026-09-30'],
    ['2027-03-31', months(3), '2026-12-31'],
    ['2026-04-30', months(1), '2026-03-31'],
    ['2026-03-31', months(1), '2026-02-28'],
    ['2024-03-31', months(1), '2024-02-29'],
    ['2027-02-28', months(3), '2026-11-30'],
    ['2028-02-29', months(1), '2028-01-31'],
    ['2028-02-28', months(1), '2028-01-28'],
    ['2026-05-30', months(3), '2026-02-28'],
    ['2024-05-30', months(3), '2024-02-29'],
    ['2026-12-31', months(6), '2026-06-30'],
    ['2026-08-31', months(6), '2026-02-28'],
    ['2026-07-14', months(3), '2026-04-14'],
    ['2026-03-31', weeks(4), '2026-03-03'],
    ['2026-06-30', weeks(6), '2026-05-19'],
    ['2026-01-15', days(14), '2026-01-01'],
    ['2024-03-01', days(30), '2024-01-31'],
  ])('end %s with %o: last day %s', (end, notice, last) => {
    expect(lastNoticeDay(end, notice)).toBe(last);
  });

  it('is the last day that is in time: one day later is too late', () => {
    const ends = ['2026-01-31', '2026-02-28', '2024-02-29', '2026-06-30', '2027-12-31', '2026-05-30'];
    for (const end of ends) {
      for (const notice of [months(1), months(3), weeks(4), days(30)]) {
        const last = lastNoticeDay(end, notice);
        expect(noticeRunsOut(last, notice) <= end).toBe(true);
        expect(noticeRunsOut(addDays(last, 1), notice) > end).toBe(true);
      }
    }
  });
});

const insurance: ContractTerms = {
  start: '2025-04-01',
  minimumTermMonths: 12,
  notice: months(3),
  anchor: { kind: 'term_end', renewalMonths: 12 },
};
const oldMobile: ContractTerms = {
  start: '2020-07-15',
  minimumTermMonths: 24,
  notice: months(3),
  anchor: { kind: 'term_end', renewalMonths: 12 },
};
const leapStart: ContractTerms = {
  start: '2024-02-29',
  minimumTermMonths: 12,
  notice: months(1),
  anchor: { kind: 'term_end', renewalMonths: 12 },
};
const gym: ContractTerms = { start: '2026-02-01', minimumTermMonths: 12, notice: months(1), anchor: { kind: 'open_ended' } };
const shortGym: ContractTerms = { start: '2025-01-31', minimumTermMonths: 1, notice: weeks(4), anchor: { kind: 'open_ended' } };
const monthly: ContractTerms = { start: '2025-11-01', minimumTermMonths: 0, notice: months(1), anchor: { kind: 'month_end' } };
const monthlyLeap: ContractTerms = { start: '2023-05-01', minimumTermMonths: 0, notice: months(1), anchor: { kind: 'month_end' } };
const club: ContractTerms = { start: '2019-05-01', minimumTermMonths: 0, notice: months(3), anchor: { kind: 'year_end' } };
const lateClub: ContractTerms = { start: '2026-11-15', minimumTermMonths: 0, notice: months(3), anchor: { kind: 'year_end' } };
const anyDay: ContractTerms = { start: '2025-06-01', minimumTermMonths: 0, notice: weeks(2), anchor: { kind: 'any_day' } };
const anyDayMonth: ContractTerms = { start: '2025-06-01', minimumTermMonths: 0, notice: months(1), anchor: { kind: 'any_day' } };
const halfYear: ContractTerms = { start: '2025-06-01', minimumTermMonths: 6, notice: weeks(4), anchor: { kind: 'open_ended' } };

describe('lastCancellationDate', () => {
  it.each([
    ['insurance before the first end', insurance, '2025-03-20', '2025-12-31'],
    ['insurance on the last day itself', insurance, '2025-12-31', '2025-12-31'],
    ['insurance one day late: next renewal', insurance, '2026-01-01', '2026-12-31'],
    ['old mobile contract, third renewal', oldMobile, '2026-03-10', '2026-04-14'],
    ['old mobile contract, just missed', oldMobile, '2026-04-15', '2027-04-14'],
    ['leap-day start, renewal ending 28.02.2028', leapStart, '2027-03-01', '2028-01-28'],
    ['leap-day start, first end (28.02. in a common year: 31.01. is in time)', leapStart, '2024-03-10', '2025-01-31'],
    ['open-ended, within the minimum term', gym, '2026-01-20', '2026-12-31'],
    ['open-ended, after the minimum term (§ 309 Nr. 9)', gym, '2027-02-10', '2027-02-10'],
    ['open-ended, day after the minimum term', gym, '2027-02-01', '2027-02-01'],
    ['open-ended, four weeks before a February end', shortGym, '2025-01-31', '2025-01-31'],
    ['month end, February without leap day', monthly, '2026-02-10', '2026-02-28'],
    ['month end, on the last day', monthly, '2026-01-31', '2026-01-31'],
    ['month end, leap year', monthlyLeap, '2024-02-15', '2024-02-29'],
    ['year end, on the last day', club, '2026-09-30', '2026-09-30'],
    ['year end, one day late', club, '2026-10-01', '2027-09-30'],
    ['year end, joined too late for the first year end', lateClub, '2026-11-02', '2027-09-30'],
    ['any day', anyDay, '2026-03-05', '2026-03-05'],
    ['any day, a month from 29 January runs out with the one from 31 January', anyDayMonth, '2026-01-29', '2026-01-31'],
    ['any day, a month from 28 January in a leap year runs out on 28 February alone', anyDayMonth, '2028-01-28', '2028-01-28'],
    ['any day, a month from 30 January in a leap year', anyDayMonth, '2028-01-30', '2028-01-31'],
    ['open-ended after the minimum term, month-end clamping', halfYear, '2026-01-29', '2026-01-31'],
    ['open-ended after the minimum term, 30 April', halfYear, '2026-04-30', '2026-04-30'],
  ])('%s', (_name, terms, asOf, expected) => {
    expect(lastCancellationDate(terms, asOf)).toBe(expected);
  });

  it('leaves the unsettled window of open-ended contracts undecided', () => {
    expect(lastCancellationDate(gym, '2027-01-01')).toBeNull();
    expect(lastCancellationDate(gym, '2027-01-31')).toBeNull();
  });
});

/**
 * Rules 3 and 4 read a second way, by brute force over days: list the possible ends with the notice
 * each needs, take the first end a cancellation arriving on as_of reaches, then walk forward to the
 * last day that still reaches it. Only rules 1 and 2 (tabled above) are shared.
 */
function* possibleEnds(terms: ContractTerms): Generator<{ end: string; notice: NoticePeriod }> {
  const { start, minimumTermMonths: m, notice, anchor } = terms;
  if (anchor.kind === 'term_end') {
    for (let k = 0; k < 100; k += 1) yield { end: termEnd(start, m + k * anchor.renewalMonths), notice };
    return;
  }
  if (anchor.kind === 'open_ended') {
    const first = termEnd(start, m);
    yield { end: first, notice };
    for (let day = addDays(first, 1); ; day = addDays(day, 1)) yield { end: day, notice: months(1) };
  }
  for (let day = m > 0 ? termEnd(start, m) : start; ; day = addDays(day, 1)) {
    if (anchor.kind === 'any_day') yield { end: day, notice };
    if (anchor.kind === 'month_end' && addDays(day, 1).endsWith('-01')) yield { end: day, notice };
    if (anchor.kind === 'year_end' && day.endsWith('-12-31')) yield { end: day, notice };
  }
}

function bruteForce(terms: ContractTerms, asOf: string): string {
  const reaches = (day: string, target: { end: string; notice: NoticePeriod }): boolean => noticeRunsOut(day, target.notice) <= target.end;
  for (const target of possibleEnds(terms)) {
    if (!reaches(asOf, target)) continue;
    let last = asOf;
    while (reaches(addDays(last, 1), target)) last = addDays(last, 1);
    return last;
  }
  throw new Error('no end');
}

describe('lastCancellationDate against brute force', () => {
  it('agrees on 1500 random contracts, month ends and leap days included', () => {
    const rng = createRng(8);
    const notices = [months(1), months(2), months(3), weeks(2), weeks(4), weeks(6), days(14), days(30)];
    let undecided = 0;
    for (let i = 0; i < 1500; i += 1) {
      const year = rng.int(2018, 2027);
      const month = rng.int(1, 12);
      const startDay = rng.chance(0.5) ? Math.min(rng.int(28, 31), daysInMonth(year, month)) : rng.int(1, 28);
      const start = rng.chance(0.05) ? '2024-02-29' : `${year}-${String(month).padStart(2, '0')}-${String(startDay).padStart(2, '0')}`;
      const minimum = rng.pick([0, 0, 1, 6, 12, 24, 36]);
      const kinds = minimum > 0 ? (['term_end', 'open_ended'] as const) : (['month_end', 'year_end', 'any_day'] as const);
      const kind = rng.pick<(typeof kinds)[number]>(kinds);
      const anchor = kind === 'term_end' ? { kind, renewalMonths: rng.pick([1, 6, 12, 24]) } : { kind };
      const terms: ContractTerms = { start, minimumTermMonths: minimum, notice: rng.pick(notices), anchor };
      const drawn = addDays(start, rng.int(kind === 'any_day' ? 0 : -60, 1500));
      // Month ends are where the day counting gets interesting.
      const asOf = rng.chance(0.5) ? maxIso(start, addDays(endOfMonth(drawn), -rng.int(0, 2))) : drawn;
      const answer = lastCancellationDate(terms, asOf);
      if (answer === null) {
        undecided += 1;
        const first = termEnd(start, minimum);
        expect(kind).toBe('open_ended');
        expect(asOf > lastNoticeDay(first, terms.notice) && asOf <= first).toBe(true);
        continue;
      }
      expect(answer, JSON.stringify({ terms, asOf })).toBe(bruteForce(terms, asOf));
    }
    expect(undecided).toBeLessThan(150);
  });
});
