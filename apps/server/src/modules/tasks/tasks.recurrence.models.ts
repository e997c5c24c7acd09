/**
 * Recurring tasks: when the next instance is due, in the user's time zone. Occurrences anchored to
 * the due date are counted from the series' first due date (so the 31st stays the 31st where the
 * month has one, and Feb 29 comes back in leap years); a completion anchor counts from when the
 * last instance was done. Wall-clock times survive daylight-saving changes.
 */
import { DateTime, type DurationLikeObject } from 'luxon';

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

export interface RecurrenceRule {
  frequency: Frequency;
  interval: number;
  end_date: Date | null;
  /** Total occurrences including the first, as RFC 5545 COUNT. */
  occurrences_count: number | null;
  anchor: 'due' | 'completion';
}

const UNIT: Record<Frequency, keyof DurationLikeObject> = { daily: 'days', weekly: 'weeks', monthly: 'months', yearly: 'years' };

/** Due date of occurrence `n` (1 = the first) of a series anchored to its first due date. */
export function nthOccurrence(rule: Pick<RecurrenceRule, 'frequency' | 'interval'>, firstDue: Date, n: number, timeZone: string): Date {
  return DateTime.fromJSDate(firstDue, { zone: timeZone }).plus({ [UNIT[rule.frequency]]: rule.interval * (n - 1) }).toJSDate();
}

export interface NextInput {
  rule: RecurrenceRule;
  firstDue: Date;
  previousDue: Date;
  /** 1-based index of the instance just completed. */
  completedIndex: number;
  completedAt: Date;
  timeZone: string;
  now: Date;
}

export interface NextOccurrence {
  index: number;
  due: Date;
  /** The new instance is due before `now`: say so rather than create it silently overdue. */
  overdue: boolean;
}

export function nextOccurrence(input: NextInput): NextOccurrence | null {
  const { rule, timeZone } = input;
  const index = input.completedIndex + 1;
  if (rule.occurrences_count !== null && index > rule.occurrences_count) return null;
  let due: Date;
  if (rule.anchor === 'due') {
    due = nthOccurrence(rule, input.firstDue, index, timeZone);
  } else {
    const previous = DateTime.fromJSDate(input.previousDue, { zone: timeZone });
    due = DateTime.fromJSDate(input.completedAt, { zone: timeZone })
      .set({ hour: previous.hour, minute: previous.minute, second: previous.second, millisecond: previous.millisecond })
      .plus({ [UNIT[rule.frequency]]: rule.interval })
      .toJSDate();
  }
  if (rule.end_date !== null && due.getTime() > rule.end_date.getTime()) return null;
  return { index, due, overdue: due.getTime() < input.now.getTime() };
}

const RRULE_FREQ: Record<string, Frequency> = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' };

export class UnsupportedRRuleError extends Error {
  override name = 'UnsupportedRRuleError';
  constructor(readonly parts: string[]) {
    super(`RRULE parts Workmate cannot honour: ${parts.join(', ')}`);
  }
}

/** Reads the subset of RFC 5545 RRULE that a task series can follow; anything else is named in the error. */
export function fromRRule(text: string): Omit<RecurrenceRule, 'anchor'> {
  const body = text.trim().replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const piece of body.split(';').filter(Boolean)) {
    const [key, value] = piece.split('=');
    if (!key || value === undefined) throw new UnsupportedRRuleError([piece]);
    parts.set(key.toUpperCase(), value);
  }
  const unsupported = [...parts.keys()].filter((key) => !['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST'].includes(key));
  const frequency = RRULE_FREQ[(parts.get('FREQ') ?? '').toUpperCase()];
  if (!frequency) unsupported.unshift(`FREQ=${parts.get('FREQ') ?? '(missing)'}`);
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) unsupported.push(`INTERVAL=${parts.get('INTERVAL')}`);
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && (!Number.isInteger(count) || count < 1)) unsupported.push(`COUNT=${parts.get('COUNT')}`);
  const until = parts.has('UNTIL') ? parseUntil(parts.get('UNTIL') ?? '') : null;
  if (until === undefined) unsupported.push(`UNTIL=${parts.get('UNTIL')}`);
  if (count !== null && until) unsupported.push('COUNT with UNTIL');
  if (unsupported.length > 0 || !frequency) throw new UnsupportedRRuleError(unsupported);
  return { frequency, interval, occurrences_count: count, end_date: until ?? null };
}

function parseUntil(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h = '23', mi = '59', s = '59'] = match;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function toRRule(rule: Omit<RecurrenceRule, 'anchor'>): string {
  const parts = [`FREQ=${rule.frequency.toUpperCase()}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.occurrences_count !== null) parts.push(`COUNT=${rule.occurrences_count}`);
  if (rule.end_date !== null) parts.push(`UNTIL=${rule.end_date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
  return parts.join(';');
}
