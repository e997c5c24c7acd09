/**
 * When must a cancellation arrive? The holdout family's own answer, used only to write its truth.
 *
 * Rules implemented (German civil law, consumer contracts):
 * 1. Term ends (BGB § 187 (2), § 188 (2), (3)): a term of n months that begins on day S ends on the
 *    day before the day of month S+n that has S's day number; if month S+n lacks that day, the term
 *    ends on that month's last day. 01.04.2025 + 24 months ends 31.03.2027; 31.01.2025 + 1 month
 *    ends 28.02.2025; 29.02.2024 + 12 months ends 28.02.2025. Renewal k ends at S + (M + k*R)
 *    months by the same rule (counted from S, so month ends do not drift).
 * 2. Notice periods (BGB § 187 (1), § 188 (2), (3)): the day a cancellation arrives is an event, so
 *    the period starts the next day. A notice of n months received on day L runs out on the day of
 *    month L+n with L's day number (or that month's last day when it lacks one); n weeks run out on
 *    the same weekday n weeks later; n days run out n days later. A cancellation is in time for end
 *    E when its period has run out on or before E; the last such day L is the answer for E
 *    ("3 Monate zum 31.12." -> 30.09.; "1 Monat zum 30.04." -> 31.03.; "4 Wochen zum 31.03." -> 03.03.).
 * 3. Possible ends (`anchor`):
 *    - term_end: the end of the minimum term and of every renewal period of R months.
 *    - open_ended: the end of the minimum term with the contract's own notice; afterwards the
 *      contract runs on indefinitely and (BGB § 309 Nr. 9, contracts concluded from 1 March 2022)
 *      may be cancelled on any day with one month's notice. Once the minimum term is over, the
 *      earliest possible end is where one month from as_of runs out. Between the last day for the
 *      minimum-term end and that end itself the reading is not settled (may the one-month notice
 *      run out after the minimum term when given within it?): the function returns null there and
 *      the family never dates a letter in that window.
 *    - month_end / year_end: every last day of a month / every 31 December on or after the start
 *      (only used without a minimum term).
 *    - any_day: every day on or after the start (only used without a minimum term): the earliest
 *      possible end is where the notice from as_of runs out.
 * 4. last_cancellation_date = the last day a cancellation may arrive and still reach the earliest
 *    end that a cancellation arriving on as_of (the letter's date) reaches. Usually as_of itself for
 *    any-day ends, but not always: a month's notice from 29, 30 or 31 January runs out on the same
 *    28 February (rule 2), so the answer for as_of 29.01.2026 is 31.01.2026.
 */
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  endOfMonth,
  type IsoDate,
  maxIso,
  parseIso,
  shiftMonth,
  toIso,
} from './holdout.dates.ts';

export interface NoticePeriod {
  amount: number;
  unit: 'days' | 'weeks' | 'months';
}

export type CancellationAnchor =
  | { kind: 'term_end'; renewalMonths: number }
  | { kind: 'open_ended' }
  | { kind: 'month_end' }
  | { kind: 'year_end' }
  | { kind: 'any_day' };

export interface ContractTerms {
  start: IsoDate;
  /** 0 = no minimum term. */
  minimumTermMonths: number;
  notice: NoticePeriod;
  anchor: CancellationAnchor;
}

/** Rule 1: the last day of a term of `months` months beginning on `start`. */
export function termEnd(start: IsoDate, months: number): IsoDate {
  if (months <= 0) throw new Error('a term needs at least one month');
  const { y, m, d } = parseIso(start);
  const target = shiftMonth(y, m, months);
  if (d > daysInMonth(target.y, target.m)) return toIso({ ...target, d: daysInMonth(target.y, target.m) });
  return addDays(toIso({ ...target, d }), -1);
}

/** Rule 2: the day a notice received on `received` runs out. */
export function noticeRunsOut(received: IsoDate, notice: NoticePeriod): IsoDate {
  if (notice.unit === 'days') return addDays(received, notice.amount);
  if (notice.unit === 'weeks') return addDays(received, notice.amount * 7);
  return addMonthsClamped(received, notice.amount);
}

/** Rule 2: the last day a cancellation may arrive to end the contract on `end`. */
export function lastNoticeDay(end: IsoDate, notice: NoticePeriod): IsoDate {
  if (notice.unit !== 'months') return addDays(end, -(notice.unit === 'weeks' ? 7 * notice.amount : notice.amount));
  // Start near the answer and walk: noticeRunsOut is monotone in the receipt day.
  let day = addDays(addMonthsClamped(addDays(end, 1), -notice.amount), -1);
  while (noticeRunsOut(day, notice) > end) day = addDays(day, -1);
  while (noticeRunsOut(addDays(day, 1), notice) <= end) day = addDays(day, 1);
  return day;
}

const ONE_MONTH: NoticePeriod = { amount: 1, unit: 'months' };
const MAX_STEPS = 600;

/** Rules 3 and 4. Null only in the unsettled window described in rule 3 (open_ended). */
export function lastCancellationDate(terms: ContractTerms, asOf: IsoDate): IsoDate | null {
  const { start, minimumTermMonths: minimum, notice, anchor } = terms;
  const firstEnd = minimum > 0 ? termEnd(start, minimum) : null;
  switch (anchor.kind) {
    case 'term_end': {
      if (firstEnd === null || anchor.renewalMonths < 0) throw new Error('term_end needs a minimum term');
      for (let k = 0; k < MAX_STEPS; k += 1) {
        const end = k === 0 ? firstEnd : anchor.renewalMonths > 0 ? termEnd(start, minimum + k * anchor.renewalMonths) : null;
        if (end === null) return null; // ended after the first term: nothing left to cancel
        const last = lastNoticeDay(end, notice);
        if (last >= asOf) return last;
      }
      break;
    }
    case 'open_ended': {
      if (firstEnd === null) throw new Error('open_ended needs a minimum term');
      const last = lastNoticeDay(firstEnd, notice);
      if (last >= asOf) return last;
      if (asOf <= firstEnd) return null;
      return lastNoticeDay(noticeRunsOut(asOf, ONE_MONTH), ONE_MONTH); // § 309 Nr. 9
    }
    case 'any_day': {
      if (firstEnd !== null) {
        const last = lastNoticeDay(firstEnd, notice);
        if (last >= asOf) return last;
      }
      return lastNoticeDay(noticeRunsOut(asOf, notice), notice);
    }
    case 'month_end':
    case 'year_end': {
      const from = maxIso(firstEnd ?? start, start);
      let end = anchor.kind === 'month_end' ? endOfMonth(from) : `${from.slice(0, 4)}-12-31`;
      for (let k = 0; k < MAX_STEPS; k += 1) {
        const last = lastNoticeDay(end, notice);
        if (last >= asOf) return last;
        end = anchor.kind === 'month_end' ? endOfMonth(addDays(end, 1)) : addMonthsClamped(end, 12);
      }
      break;
    }
  }
  throw new Error('no cancellation date within 600 periods');
}
