/**
 * Contract terms in German (and common English) contract text, and the last day a cancellation can
 * arrive. Pure: `today` is passed in as the user's local date ('YYYY-MM-DD').
 *
 * Reading (`parseContractTerms`, `parseNoticePeriod`); anything not read is absent, never guessed:
 * - Quantities: digits or number words (ein/eine/einen/einem/eines ... zwölf, vierzehn, vierundzwanzig;
 *   one/a/an ... twelve), "drei (3) Monate", "ein weiteres Jahr", "12-month", "3 months'", the
 *   abbreviations "Mon.", "Mt.", "Wo.", "Tg.", and adjectives ("dreimonatige Kündigungsfrist").
 *   Years become months (x 12; the same day under § 188(2)); weeks stay weeks, never "about a month".
 * - Notice: a quantity after "Kündigungsfrist", "Frist", "notice (period) of" (nothing else may come
 *   between them), or before "Kündigungsfrist", "Frist", "notice", "gekündigt" ("mit einem Monat
 *   gekündigt"), or directly before an anchor ("3 Monate zum Ende der Laufzeit", up to three words
 *   between: "3 months' written notice before the end of the term"). The first notice in the text
 *   wins. A clause about withdrawal (Widerruf), extraordinary termination (fristlos, außerordentlich,
 *   wichtiger Grund, Verzug) or, without a word of cancelling, payment or delivery is not a notice.
 * - Anchor: "zum/vor/bis zum/to/before/prior to" + "Ende der (Mindest-)Laufzeit", "Vertragsende",
 *   "Ablauf (der Laufzeit / des Vertrages / des Vertragsjahres)", "Ende des Abrechnungszeitraums",
 *   "end of the term" -> end_of_term; "vor Ablauf des jeweiligen Abrechnungsmonats" is end_of_term
 *   of a contract that runs from month to month (renewal 1, no minimum term unless one is printed);
 *   "Monatsende", "Ende eines (Kalender)monats" -> end_of_month; "Quartalsende", "Schluss eines
 *   Kalendervierteljahres" -> end_of_quarter; "Jahresende", "Ende des Kalenderjahres", "31.12." ->
 *   end_of_year. The anchor right after the quantity wins, then the nearest one in the same clause,
 *   then "jederzeit"/"at any time" -> any_day ("jederzeit ... zum Monatsende" is end_of_month: the
 *   notice may be sent at any time, it still takes effect at a month end). No anchor -> 'unspecified'.
 *   A date without an anchor of ours right after the period ("zum 30.06. oder 31.12.", "zum 15.
 *   eines Monats") makes it no notice at all: reading it as 'unspecified' would count to the wrong day.
 * - Text is read per clause: wrapped lines are joined (hyphenated words rejoined), a new clause
 *   starts after a full stop, a ";", an empty line, a list item ("(2)", "§ 3", "-") or a label line
 *   ("Kündigungsfrist: ..."). `text` keeps the words the notice was read from, to show the user.
 * - Start: "Vertragsbeginn", "Beginn", "Leistungsbeginn", "Start date", "beginnt am", "Mitglied seit",
 *   "(Ihr Vertrag) besteht seit dem" + a date;
 *   "Laufzeit: 01.03.2025 - 28.02.2026" gives the start and, when the end is a whole-month term end,
 *   the term. First term: "Mindest(vertrags)laufzeit", "(Vertrags)laufzeit", "Vertragsdauer",
 *   "minimum/initial term (of)", "für 12 Monate geschlossen", "24 Monate Mindestlaufzeit"; months or
 *   years only. Renewal: "verlängert sich ... um (jeweils) 12 Monate / einen Monat / ein weiteres
 *   Jahr", "wird ... um 12 Monate verlängert", "verlängert sich jeweils monatlich/jährlich", "renews
 *   for successive 12-month periods"; "verlängert sich auf unbestimmte Zeit", "unbefristet",
 *   "renews indefinitely" -> 'indefinite'. No renewal printed, but a notice "zum Ende der jeweiligen
 *   Vertragslaufzeit" ("the then-current term"): the contract renews by its first term.
 * - Stated end: "Nächstmögliches Vertragsende: 9. Juni 2026", "Ihr Vertrag endet frühestens am ...",
 *   "frühestmöglicher Kündigungstermin", "earliest possible end date" + a date.
 *
 * Dates (`cancellationDeadline`, `lastCancellationDate`); the arithmetic is in `periods.models.ts`,
 * the vocabulary in `phrases.models.ts`, the readers of start, term and renewal in `term.models.ts`:
 * - Term ends (§ 187(2), § 188(2) second case, § 188(3)): a term includes its start day and ends
 *   the day before the anniversary day. 01.03.2025 + 12 months ends 28.02.2026; 15.01. + 1 month
 *   ends 14.02.; 01.01. + 12 ends 31.12. Where the month lacks the day that would end it, the term
 *   ends on that month's last day (our reading of § 188(3), the law is silent on it): 31.01. + 1
 *   month ends 28.02. (29.02. in a leap year), not 27.02.; 29.02.2028 + 12 ends 28.02.2029.
 *   Renewed terms are counted from the start over the whole duration (start + minimum + k x renewal
 *   months), not chained from the previous end, so month ends never drift (31.01. monthly: 28.02.,
 *   30.03., 30.04., ...). Counting from the previous end (§ 190) would make 28.02. + 1 month end
 *   28.03. instead of 31.03. for a contract that began on a 1st.
 * - Notice deadline (backwards, § 187(1), § 188(2) first case, § 188(3)): the last day N such that
 *   a notice arriving on N, counted from the next day, has run by the end of the termination day E.
 *   Days: N = E - n ("14 Tage zum 31.01." -> 17.01.). Weeks: N = E - 7n ("6 Wochen zum 31.03.2026"
 *   -> 17.02.2026; 18.02. in 2028). Months: the same day number n months earlier, clamped to that
 *   month's end; when E is a month end, the last day of the month n months earlier ("3 Monate zum
 *   31.05." -> 28.02., 29.02. in a leap year; "3 Monate zum 30.06." -> 31.03.; "1 Monat zum 28.02.
 *   2026" -> 31.01.). N is the day the notice must have *arrived* (§ 130); weekends and holidays
 *   do not move it (§ 193 does not apply to notice periods), so the user has to send it earlier.
 * - The answer is the first N on or after today (a notice arriving today is in time) together
 *   with its E. When the notice for the current term has already been missed, the answer is the
 *   next term's deadline, not a date in the past: the user can only act on a future one.
 * - Which days E a contract may end on:
 *   - the end the letter names, while its deadline is still ahead: the sender knows its contract
 *     better than a computation does. Once it has passed, the rules below.
 *   - start + minimum term and a renewal of r months: the term ends T_k = end of (minimum + k r)
 *     months. end_of_term, unspecified and any_day use every T_k (a fixed term has no other
 *     ordinary end, so a notice that names no date counts to it; "jederzeit" with fixed renewals
 *     means the notice may be sent at any time before the deadline); a calendar anchor uses only
 *     the T_k that are also month/quarter/year ends, so "1 Monat zum Monatsende" with terms ending
 *     on the 14th has no answer (the text contradicts itself; it is not guessed). Only term ends
 *     up to ten years after today are tried.
 *   - start + minimum term, renewal 'indefinite' or not stated: the end T_0 of the first term, and
 *     after it (calendar anchors and any_day only) every month/quarter/year end or day from T_0 on
 *     (a "Mindestlaufzeit" is over, the contract continues open-ended). With end_of_term or
 *     unspecified and no stated renewal, nothing is known once T_0's deadline has passed.
 *   - Renewal 'indefinite' also applies the Fair Consumer Contracts Act (Gesetz für faire
 *     Verbraucherverträge, § 309 Nr. 9 BGB for contracts since 01.03.2022): a consumer contract
 *     renewed tacitly runs on indefinitely and the consumer may end it on any day after T_0 with
 *     one month's notice. Whichever of that and the stated notice gives the earlier end is used.
 *     The stated notice is kept for the first term even when it is longer than the one month
 *     § 309 Nr. 9 c allows: a longer notice gives an earlier, therefore always safe, date. Nor do
 *     we declare fixed renewals (which § 309 Nr. 9 b forbids in new consumer contracts) void.
 *   - No minimum term and no renewal: an open-ended contract; calendar anchors and any_day give
 *     the next possible end from today (or from the start, if later); end_of_term and unspecified
 *     have no term to count to: undefined.
 *   - A minimum term without a start, or a renewal by a fixed period without a first term: undefined
 *     ("unbefristet" without a first term is open-ended from the start).
 * - `basis` says what missing the date costs: 'term_end' (E ends a term; missing it renews or at
 *   least prolongs the contract), 'open_ended' (the next of recurring ends; missing it postpones
 *   the end by one month, quarter or year), 'consumer_rule' (the statutory one-month right).
 */
import {
  type Boundary, type Period, addDays, addMonths, earliestEndFrom, isBoundary, isCalendarDate, latestNoticeDay, monthsBetween, nextBoundary, termEnd,
} from './periods.models.ts';
import { anchorAfter, anchorsIn, clauses, lookAhead, lookBack, namesOtherDate, quantities, type Quantity } from './phrases.models.ts';
import { MAX_TERM_MONTHS, minimumTermIn, namesTermOrRenewal, renewalIn, saysTermRecurs, startIn, statedEndIn } from './term.models.ts';

export type NoticeUnit = 'days' | 'weeks' | 'months';
export type NoticeAnchor = 'end_of_term' | 'end_of_month' | 'end_of_quarter' | 'end_of_year' | 'any_day' | 'unspecified';

export interface NoticePeriod {
  amount: number;
  unit: NoticeUnit;
  anchor: NoticeAnchor;
  /** The words it was read from, to show the user. */
  text: string;
}

export interface ContractTerms {
  /** 'YYYY-MM-DD' */
  start_date?: string;
  /** The first (minimum) term. */
  minimum_term_months?: number;
  /** What a tacit renewal adds: months, or 'indefinite' (open-ended, see the consumer rule above). */
  renewal_months?: number | 'indefinite';
  notice?: NoticePeriod;
  /** The next possible end the letter names itself ('YYYY-MM-DD'): counted to first. */
  stated_end?: string;
}

export interface CancellationDeadline {
  /** The last day the cancellation must have arrived, 'YYYY-MM-DD'. */
  last_cancellation_date: string;
  /** The day the contract then ends (it ends at the end of that day). */
  ends_on: string;
  basis: 'term_end' | 'open_ended' | 'consumer_rule';
}

const MAX = { days: 365, weeks: 104, months: 60 } as const;

// ---- Reading ----

const STRONG_VETO = /widerruf|withdraw|außerordentlich|ausserordentlich|fristlos|wichtige[nm]\s+grund|verzug|sonderkündigung|for\s+cause|breach/iu;
const WEAK_VETO = /zahlbar|zahlung|fällig|rechnung|mahnung|lieferung|rückgabe|umtausch|skonto|payment|payable|invoice|delivery|refund/iu;
const CANCEL_WORD = /kündig|cancel|terminat|notice|beend|laufzeit|vertragsende|ablauf/iu;
const NOTICE_CUE = /(?<!\p{L})(?:Kündigungsfrist(?:en)?|Frist|notice\s+period|period\s+of\s+notice|notice\s+of|notice)(?!\p{L})/giu;
const NOTICE_AFTER = /^\s*(?:(?:prior|advance|written|schriftliche[nr]?|vorherige[nr]?)\s+)*(?:Kündigungsfrist|Frist|notice)(?!\p{L})/iu;
const CANCELLED_WITH = /(?:mit|with)\s+$/iu;
const CANCELLED_AFTER = /^\s+(?:[\p{L}]+\s+){0,2}?(?:gekündigt|kündbar|kündigen|cancell?ed|terminated)(?!\p{L})/iu;
const ANY_DAY = /(?<!\p{L})(?:jederzeit|täglich|zu\s+jedem\s+(?:beliebigen\s+)?(?:Tag|Zeitpunkt)|at\s+any\s+time|any\s*time)(?!\p{L})/iu;
const TEXT_LEAD = /(?:(?:bis\s+)?spätestens|mit\s+(?:einer|eines)|unter\s+Einhaltung\s+(?:einer|eines)|with(?:\s+an?)?|upon|on)\s+$/iu;

/** The notice period in `text`, or undefined. */
export function parseNoticePeriod(text: string): NoticePeriod | undefined {
  for (const clause of clauses(text)) {
    const notice = noticeIn(clause);
    if (notice) return notice;
  }
  return undefined;
}

function noticeIn(clause: string): NoticePeriod | undefined {
  if (STRONG_VETO.test(clause) || (WEAK_VETO.test(clause) && !CANCEL_WORD.test(clause))) return undefined;
  const tokens = quantities(clause);
  for (const [index, token] of tokens.entries()) {
    const amount = noticeAmount(token);
    if (!amount) continue;
    const back = lookBack(clause, token.start);
    const before = back.text;
    const after = lookAhead(clause, token.end);
    // "Laufzeit 12 Monate, danach zum Monatsende kündbar": the 12 months are the term.
    if (namesTermOrRenewal(before)) continue;
    const cue = lastCue(clause, Math.max(tokens[index - 1]?.end ?? 0, token.start - 60), token.start);
    const direct = anchorAfter(after);
    // A date we cannot read follows: counting to the term end instead would be a guess.
    if (!direct && namesOtherDate(after)) continue;
    const named = NOTICE_AFTER.exec(after);
    const cued = cue !== undefined || named !== null || (CANCELLED_WITH.test(before) && CANCELLED_AFTER.test(after));
    if (!cued && !direct) continue;
    let start = cue ?? token.start;
    let end = token.end + (named?.[0].length ?? 0);
    let anchor: NoticeAnchor = 'unspecified';
    if (direct) {
      anchor = direct.anchor;
      end = Math.max(end, token.end + direct.end);
    } else {
      const nearest = anchorsIn(clause).sort((p, q) => distance(p, token) - distance(q, token))[0];
      const anyDay = ANY_DAY.exec(clause);
      const found = nearest ?? (anyDay ? { anchor: 'any_day' as const, start: anyDay.index, end: anyDay.index + anyDay[0].length } : undefined);
      if (found) {
        anchor = found.anchor;
        start = Math.min(start, found.start);
        end = Math.max(end, found.end);
      }
    }
    const lead = lookBack(clause, start, 40);
    const words = TEXT_LEAD.exec(lead.text);
    if (words) start = lead.offset + words.index;
    return { ...amount, anchor, text: clause.slice(start, end).replace(/\s+/gu, ' ').trim() };
  }
  return undefined;
}

function noticeAmount(token: Quantity): Pick<NoticePeriod, 'amount' | 'unit'> | undefined {
  const unit = token.unit === 'years' ? 'months' : token.unit;
  const amount = token.unit === 'years' ? token.amount * 12 : token.amount;
  return amount >= 1 && amount <= MAX[unit] ? { amount, unit } : undefined;
}

/** Where the last notice cue in `clause` between `from` and `to` starts, if only words follow it up to `to`. */
function lastCue(clause: string, from: number, to: number): number | undefined {
  const window = clause.slice(from, to);
  let last: RegExpExecArray | undefined;
  for (const match of window.matchAll(NOTICE_CUE)) last = match;
  if (!last) return undefined;
  return /[.;!?]/u.test(window.slice(last.index)) ? undefined : from + last.index;
}

function distance(span: { start: number; end: number }, token: Quantity): number {
  return span.start >= token.end ? span.start - token.end : Math.max(0, token.start - span.end);
}

/** A notice to the end of a billing month. */
const BILLING_MONTH = /Abrechnungsmonat/iu;

/** Start, first term, renewal and notice found in `text`; undefined when none of them is there. */
export function parseContractTerms(text: string): ContractTerms | undefined {
  let start: ReturnType<typeof startIn>;
  let minimum: number | undefined;
  let renewal: ContractTerms['renewal_months'];
  let notice: NoticePeriod | undefined;
  let statedEnd: string | undefined;
  for (const clause of clauses(text)) {
    start ??= startIn(clause);
    minimum ??= minimumTermIn(clause);
    renewal ??= renewalIn(clause)?.value;
    notice ??= noticeIn(clause);
    statedEnd ??= statedEndIn(clause);
  }
  minimum ??= start?.minimum_term_months;
  // "6 Wochen zum Ende der jeweiligen Vertragslaufzeit" and no renewal printed: each term is the first one again.
  if (notice?.anchor === 'end_of_term' && renewal === undefined && minimum !== undefined && minimum > 0 && saysTermRecurs(notice.text)) renewal = minimum;
  if (notice && BILLING_MONTH.test(notice.text)) {
    // "7 Tage vor Ablauf des jeweiligen Abrechnungsmonats": the contract runs from month to month,
    // counted from its start, unless the letter says otherwise.
    renewal ??= 1;
    minimum ??= 0;
  }
  const terms: ContractTerms = {
    ...(start ? { start_date: start.start_date } : {}),
    ...(minimum !== undefined ? { minimum_term_months: minimum } : {}),
    ...(renewal !== undefined ? { renewal_months: renewal } : {}),
    ...(notice ? { notice } : {}),
    ...(statedEnd ? { stated_end: statedEnd } : {}),
  };
  return Object.keys(terms).length > 0 ? terms : undefined;
}

// ---- Dates ----

const BOUNDARY: Partial<Record<NoticeAnchor, Boundary>> = { end_of_month: 'month', end_of_quarter: 'quarter', end_of_year: 'year' };
/** Fixed terms that meet a calendar anchor do so within a few years; none within ten: undefined. */
const HORIZON_MONTHS = 120;
/** Boundaries to try before giving up: any notice we accept is met within a few of them. */
const SEARCH_LIMIT = 1000;

/** The next cancellation deadline on or after `today`, with the day the contract then ends. */
export function cancellationDeadline(terms: ContractTerms, context: { today: string }): CancellationDeadline | undefined {
  const { today } = context;
  if (!isCalendarDate(today)) throw new RangeError(`today must be a YYYY-MM-DD calendar date, got "${today}"`);
  const notice = terms.notice;
  if (!notice || !validNotice(notice)) return undefined;
  const period: Period = { amount: notice.amount, unit: notice.unit };
  const boundary = BOUNDARY[notice.anchor];
  const { start_date: start, minimum_term_months: minimum, renewal_months: renewal } = terms;
  if (start !== undefined && !isCalendarDate(start)) return undefined;
  // No minimum term and periods that renew (a month-to-month subscription): the periods count from the start.
  if (minimum !== undefined && !validMonths(minimum) && !(minimum === 0 && typeof renewal === 'number')) return undefined;
  if (typeof renewal === 'number' && !validMonths(renewal)) return undefined;

  const deadline = (endsOn: string, basis: CancellationDeadline['basis'], length: Period = period): CancellationDeadline => ({
    last_cancellation_date: latestNoticeDay(endsOn, length), ends_on: endsOn, basis,
  });

  if (terms.stated_end !== undefined && isCalendarDate(terms.stated_end)) {
    const stated = deadline(terms.stated_end, 'term_end');
    if (stated.last_cancellation_date >= today) return stated;
  }

  if (minimum === undefined) {
    // Without a first term there is nothing a renewal counts from, and no term to end; "unbefristet"
    // (open-ended) says the same as no renewal at all.
    if (typeof renewal === 'number' || (!boundary && notice.anchor !== 'any_day')) return undefined;
    const from = start !== undefined && start > today ? start : today;
    return firstOpenEnd(from, period, boundary, today);
  }
  if (start === undefined) return undefined;

  if (typeof renewal === 'number') {
    // Terms that ended before this month cannot be the answer: start with the last of them.
    const first = Math.max(0, Math.floor((monthsBetween(start, today) - minimum) / renewal) - 1);
    const horizon = addMonths(today, HORIZON_MONTHS);
    for (let k = first, end = termEnd(start, minimum + k * renewal); end <= horizon; k++, end = termEnd(start, minimum + k * renewal)) {
      if (end < today || (boundary && !isBoundary(end, boundary))) continue;
      const found = deadline(end, 'term_end');
      if (found.last_cancellation_date >= today) return found;
    }
    return undefined;
  }

  const firstEnd = termEnd(start, minimum);
  const first = deadline(firstEnd, 'term_end');
  let stated: CancellationDeadline | undefined;
  if ((!boundary || isBoundary(firstEnd, boundary)) && first.last_cancellation_date >= today) stated = first;
  else if (boundary || notice.anchor === 'any_day') stated = firstOpenEnd(firstEnd > today ? firstEnd : today, period, boundary, today);
  if (renewal !== 'indefinite') return stated;

  const oneMonth: Period = { amount: 1, unit: 'months' };
  const afterFirst = addDays(firstEnd, 1);
  const earliest = earliestEndFrom(today, oneMonth);
  const statutory = deadline(earliest > afterFirst ? earliest : afterFirst, 'consumer_rule', oneMonth);
  return stated && stated.ends_on <= statutory.ends_on ? stated : statutory;
}

export function lastCancellationDate(terms: ContractTerms, context: { today: string }): string | undefined {
  return cancellationDeadline(terms, context)?.last_cancellation_date;
}

/** The earliest end on or after `from` on the allowed days (every day, or the boundaries) whose notice can still arrive. */
function firstOpenEnd(from: string, period: Period, boundary: Boundary | undefined, today: string): CancellationDeadline | undefined {
  if (!boundary) {
    const earliest = earliestEndFrom(today, period);
    const end = earliest > from ? earliest : from;
    return { last_cancellation_date: latestNoticeDay(end, period), ends_on: end, basis: 'open_ended' };
  }
  let end = nextBoundary(from, boundary);
  for (let i = 0; i < SEARCH_LIMIT; i++, end = nextBoundary(addDays(end, 1), boundary)) {
    const last = latestNoticeDay(end, period);
    if (last >= today) return { last_cancellation_date: last, ends_on: end, basis: 'open_ended' };
  }
  return undefined;
}

function validNotice(notice: NoticePeriod): boolean {
  return Number.isInteger(notice.amount) && notice.amount >= 1 && notice.amount <= MAX[notice.unit];
}

function validMonths(months: number): boolean {
  return Number.isInteger(months) && months >= 1 && months <= MAX_TERM_MONTHS;
}
