/**
 * The corpus's own contract-date rules: the truth's `last_cancellation_date` is computed here, from
 * the terms a contract letter prints, independently of the extraction code it is used to check.
 *
 * Periods (BGB §§ 187, 188):
 * - A contract term of M months that begins on day S (the start day counts, § 187 (2)) ends at the
 *   end of the day before the day in month S+M with S's number (§ 188 (2)); where that month has no
 *   such day, on its last day (§ 188 (3)). 2025-04-01 + 24 months -> 2027-03-31; 2025-04-15 + 12
 *   -> 2026-04-14; 2024-01-31 + 1 -> 2024-02-29.
 * - A notice period that follows a notice received on day D (the day does not count, § 187 (1))
 *   ends on the day of the later week or month with D's weekday or number, or the month's last day
 *   when there is no such number (§ 188 (2), (3)): D + n days, D + 7n days, or D + n months (clamped).
 * - The latest day a notice may arrive for an end E is the latest D whose period ends on or before E.
 *   For months that is E - n months, except that when E is the last day of its month, every later
 *   day of the earlier month reaches E too (notice 1 month for 2026-02-28 -> 2026-01-31).
 *
 * What the corpus calls the last cancellation date, relative to `asOf` (the letter's date): of the
 * ends the contract allows, take the earliest one whose latest notice day is on or after asOf; the
 * answer is that latest notice day (and the contract then ends on that end).
 *
 * The ends a contract allows:
 * - renewal R > 0 (tacit renewal by R months): the ends of the first term (M months, or R when there
 *   is no minimum term) and of every renewal, each counted from the start (no drift at month ends).
 * - renewal 0 (open-ended after the first term; or from the start when M = 0): the end of the first
 *   term, with the printed notice; afterwards the printed notice keeps applying when it names its
 *   own anchor (month end, quarter end, any day). A notice "to the end of the term" has nothing
 *   left to refer to then: § 309 Nr. 9 BGB (consumer contracts since 1 March 2022, and § 56 TKG
 *   for telecoms) makes such a contract cancellable at any time with one month's notice.
 * Cases these rules cannot settle are refused with an error, so a template cannot put them into the
 * corpus: an anchored notice whose first term does not end on such an anchor, a later notice that
 * would end before the first term does, an end before the start.
 */
import { addDays, addMonths, compareDays, daysInMonth, endOfMonth, endOfQuarter, isLastDayOfMonth, parseDay, formatDay } from './days.ts';

export type NoticeUnit = 'days' | 'weeks' | 'months';
/** What the notice runs to: the end of the contract term, a month end, a quarter end, or any day. */
export type NoticeAnchor = 'term_end' | 'month_end' | 'quarter_end' | 'any_day';

export interface Notice {
  amount: number;
  unit: NoticeUnit;
  anchor: NoticeAnchor;
}

export interface ContractTerms {
  start: string;
  /** 0 = no minimum term. */
  minimumTermMonths: number;
  /** > 0 tacit renewal by that many months; 0 = open-ended after the first term. */
  renewalMonths: number;
  notice: Notice;
}

export interface Cancellation {
  lastCancellationDate: string;
  endsOn: string;
}

export class UnsettledContractError extends Error {
  override name = 'UnsettledContractError';
}

/** The last day of a term of `months` months that begins on `start` (§ 187 (2), § 188 (2), (3)). */
export function termEnd(start: string, months: number): string {
  const { year, month, day } = parseDay(start);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  if (day > daysInMonth(target.year, target.month)) return formatDay({ ...target, day: daysInMonth(target.year, target.month) });
  return addDays(formatDay({ ...target, day }), -1);
}

/** The last day of a notice period that follows a notice received on `received` (§ 187 (1), § 188 (2), (3)). */
export function periodEnd(received: string, amount: number, unit: NoticeUnit): string {
  if (unit === 'days') return addDays(received, amount);
  if (unit === 'weeks') return addDays(received, 7 * amount);
  return addMonths(received, amount);
}

/** The latest day a notice may arrive so that its period ends on or before `end`. */
export function latestNotice(end: string, amount: number, unit: NoticeUnit): string {
  if (unit === 'days') return addDays(end, -amount);
  if (unit === 'weeks') return addDays(end, -7 * amount);
  const back = addMonths(end, -amount);
  return isLastDayOfMonth(end) ? endOfMonth(back) : back;
}

/** One month's notice to any day: what § 309 Nr. 9 BGB leaves after the first term of an open-ended consumer contract. */
export const STATUTORY_NOTICE: Notice = { amount: 1, unit: 'months', anchor: 'any_day' };

export function cancellation(terms: ContractTerms, asOf: string): Cancellation {
  const { start, minimumTermMonths: minimum, renewalMonths: renewal, notice } = terms;
  if (minimum < 0 || renewal < 0) throw new UnsettledContractError('negative term');
  if (renewal > 0) {
    if (notice.anchor === 'quarter_end' || notice.anchor === 'any_day') throw new UnsettledContractError(`a renewing contract with notice to ${notice.anchor}`);
    if (notice.anchor === 'month_end' && parseDay(start).day !== 1) throw new UnsettledContractError('notice to a month end, but the terms do not end at month ends');
    const first = minimum > 0 ? minimum : renewal;
    for (let term = 0; term < 1200; term += 1) {
      const end = termEnd(start, first + term * renewal);
      const deadline = latestNotice(end, notice.amount, notice.unit);
      if (compareDays(deadline, asOf) >= 0) return { lastCancellationDate: deadline, endsOn: end };
    }
    throw new UnsettledContractError('no end within 100 years');
  }
  let lowerBound = start;
  if (minimum > 0) {
    const end = termEnd(start, minimum);
    if (notice.anchor === 'month_end' && !isLastDayOfMonth(end)) throw new UnsettledContractError('notice to a month end, but the first term does not end at one');
    if (notice.anchor === 'quarter_end' && end !== endOfQuarter(end)) throw new UnsettledContractError('notice to a quarter end, but the first term does not end at one');
    const deadline = latestNotice(end, notice.amount, notice.unit);
    if (compareDays(deadline, asOf) >= 0) return { lastCancellationDate: deadline, endsOn: end };
    lowerBound = addDays(end, 1);
  } else if (notice.anchor === 'term_end') {
    throw new UnsettledContractError('notice to the end of a term, but there is no term');
  }
  const after = notice.anchor === 'term_end' ? STATUTORY_NOTICE : notice;
  const found = laterEnd(after, asOf);
  if (compareDays(found.endsOn, lowerBound) < 0) throw new UnsettledContractError(`the notice after the first term would end on ${found.endsOn}, before ${lowerBound}`);
  return found;
}

/** The earliest end an anchored notice allows whose latest notice day is on or after asOf. */
function laterEnd(notice: Notice, asOf: string): Cancellation {
  if (notice.anchor === 'any_day') {
    const end = periodEnd(asOf, notice.amount, notice.unit);
    return { lastCancellationDate: latestNotice(end, notice.amount, notice.unit), endsOn: end };
  }
  const anchorOf = notice.anchor === 'month_end' ? endOfMonth : endOfQuarter;
  let end = anchorOf(asOf);
  for (let step = 0; step < 1200; step += 1) {
    const deadline = latestNotice(end, notice.amount, notice.unit);
    if (compareDays(deadline, asOf) >= 0) return { lastCancellationDate: deadline, endsOn: end };
    end = anchorOf(addDays(end, 1));
  }
  throw new UnsettledContractError('no end within 100 years');
}


