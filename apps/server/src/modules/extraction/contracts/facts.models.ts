/**
 * A contract's stored facts (`metadata.contract`) back to the terms they were read from, so that the
 * next cancellation date can be computed again once the last one has passed (a contract that was
 * not cancelled renews): the daily recompute uses it, without reading the document again.
 */
import type { ContractFacts } from '../extraction.types.ts';
import { cancellationDeadline, type ContractTerms, type NoticeAnchor, type NoticeUnit } from './notice.models.ts';

const UNITS: readonly NoticeUnit[] = ['days', 'weeks', 'months'];
const ANCHORS: readonly NoticeAnchor[] = ['end_of_term', 'end_of_month', 'end_of_quarter', 'end_of_year', 'any_day', 'unspecified'];

/** "3 months to end_of_term": the normalised notice period, as `readInDepth` writes it. */
export function normalisedNotice(notice: NonNullable<ContractTerms['notice']>): string {
  return `${notice.amount} ${notice.unit} to ${notice.anchor}`;
}

export function termsOfFacts(contract: ContractFacts): ContractTerms | undefined {
  const match = /^(\d{1,3}) (\w+) to (\w+)$/.exec(contract.notice_period_normalised ?? '');
  const unit = match?.[2] as NoticeUnit | undefined;
  const anchor = match?.[3] as NoticeAnchor | undefined;
  if (!match || !unit || !anchor || !UNITS.includes(unit) || !ANCHORS.includes(anchor)) return undefined;
  // No minimum term (0): cancellable at any time with the notice, nothing for a renewal to count from.
  const minimum = contract.minimum_term_months ? contract.minimum_term_months : undefined;
  return {
    ...(contract.start_date ? { start_date: contract.start_date } : {}),
    ...(minimum !== undefined ? { minimum_term_months: minimum } : {}),
    ...(minimum !== undefined && contract.renewal_months !== undefined ? { renewal_months: contract.renewal_months === 0 ? ('indefinite' as const) : contract.renewal_months } : {}),
    notice: { amount: Number(match[1]), unit, anchor, text: contract.notice_period ?? '' },
  };
}

/** The contract with its next cancellation date from `today` on; undefined when it cannot be computed or did not change. */
export function nextCancellation(contract: ContractFacts, today: string): Pick<ContractFacts, 'last_cancellation_date' | 'ends_on'> | undefined {
  const terms = termsOfFacts(contract);
  const deadline = terms ? cancellationDeadline(terms, { today }) : undefined;
  if (!deadline || deadline.last_cancellation_date === contract.last_cancellation_date) return undefined;
  return { last_cancellation_date: deadline.last_cancellation_date, ends_on: deadline.ends_on };
}
