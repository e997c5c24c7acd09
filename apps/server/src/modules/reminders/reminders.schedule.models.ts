/**
 * The reminder timeline of one task: which reminder fires when, at which severity, over which
 * channels. Pure: the caller passes the task, the user's parsed preferences, the channels with a
 * working integration and the window [from, until]; the result is deterministic, so replanning at
 * any time gives the same reminders (the daily caps and "once a night" are counted over the whole
 * plan, not from `from`).
 *
 * Rules beyond the table (they go into the docs):
 * - Days count in the user's zone from the local date of `dueAt` (the due day). Fixed slots are
 *   wall-clock times: once = 09:00, twice = 09:00 and 17:00, three times = 09:00, 13:00, 18:00,
 *   urgent "multiple" = 09:00, 13:00, 17:00, 20:00. "Hourly" = every hour from the start to the
 *   end of the waking hours, both included (default 09:00-21:00, 13 firings a day).
 * - Payments and general tasks: info 7 days before at 09:00 (10 days when amountMinor >= 50000);
 *   warning days -6..-2 at 09:00 (every other day = -6, -4, -2; twice a day = 09:00 and 17:00);
 *   urgent day -1; critical on the due day and the first overdue day hourly, overdue days 2-7
 *   three times, from day 8 daily at 09:00 until `until`. Critical frequency "three_times_daily"
 *   uses three times a day from the due day, "daily" 09:00 from the due day.
 * - A deadline at a time keeps the due day's firings after it; they are marked `overdue`.
 * - A priority set by hand: critical = warning twice a day, urgent hourly; low = warning every
 *   other day, urgent twice; medium and high change nothing. It never turns on a stage the user
 *   turned off (`stages.x: false` or frequency "off"), and it does not change contract or
 *   appointment ladders, which fire once per step.
 * - Contracts: 4 months (info), 3 months (warning), 2 weeks (urgent), 3 days (critical) before
 *   the last cancellation date at 09:00, and on that day critical at 09:00, 13:00, 18:00 (only
 *   those at or before `dueAt`). Nothing after it: a missed cancellation date cannot be caught up.
 * - Appointments: info 7 days and warning 1 day before at the appointment's wall-clock time,
 *   urgent 2 hours (elapsed) before; nothing after it. An appointment without a time counts as
 *   starting at the start of the waking hours of its day.
 * - Quiet hours [start, end): a non-critical reminder moves to the end of the quiet period
 *   (`held`, `plannedAt` keeps its time); held reminders of one severity that meet at the same
 *   instant become one. If the end of the quiet period is after the deadline, the reminder
 *   instead goes at its planned time over the silent channels (in_app, push, email), so an
 *   appointment at 06:00 still gets its 04:00 reminder. A critical reminder in quiet hours: the
 *   first of the period goes at its time over the silent channels, later ones of the same period
 *   are dropped; with `quiet_hours.allow_critical_alerts` all go with every channel. Waking hours
 *   may overlap quiet hours; firings in the overlap follow these rules.
 * - At most 3 SMS and 3 smart-home alerts per task and local calendar day of `triggerAt`, counted
 *   after quiet hours in trigger order (at one instant the more severe first): later reminders
 *   that day keep their other channels. The result is sorted the same way.
 * - Channels of a severity = its channels (`channels_by_severity`, default the table) that
 *   the user turned on and has configured, plus in_app; listed in NOTIFICATION_CHANNELS order.
 * - Daylight saving (RFC 5545): a wall time that does not exist is read with the offset before
 *   the gap, i.e. moves forward by the gap (02:30 -> 03:30 in Berlin on 29 March 2026); a time
 *   that exists twice means its first occurrence. Slots that land on the same instant fire once.
 * - Nothing at or before `from`, nothing after `until`; missed firings are not caught up.
 */
import { DateTime, IANAZone } from 'luxon';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type ReminderSeverity } from '../../db/schema.ts';
import type { ReminderPreferences, StageFrequencies } from './reminders.preferences.models.ts';

export type TaskKind = 'payment' | 'general' | 'contract' | 'appointment';
export type ManualPriority = 'low' | 'medium' | 'high' | 'critical';

export interface ScheduleTask {
  dueAt: Date;
  /** The deadline is a whole day: `dueAt` is 23:59:59.999 local of that day. */
  dueIsDate: boolean;
  amountMinor: number | null;
  kind: TaskKind;
  /** Only a priority the user set by hand; the automatic priority does not change reminders. */
  manualPriority: ManualPriority | null;
}

export interface PlannedReminder {
  triggerAt: Date;
  severity: ReminderSeverity;
  channels: NotificationChannel[];
  /** Moved to the end of quiet hours; `plannedAt` is when it would have fired. */
  held: boolean;
  plannedAt: Date;
  /** Planned after `dueAt`. */
  overdue: boolean;
}

export interface PlanInput {
  task: ScheduleTask;
  preferences: ReminderPreferences;
  /** Channels with a working integration; in_app is implicit. */
  configuredChannels: ReadonlySet<NotificationChannel>;
  /** Now: nothing at or before it. */
  from: Date;
  /** Horizon end (included). */
  until: Date;
}

export const LARGE_AMOUNT_MINOR = 50_000;
export const DAILY_CHANNEL_CAP: Readonly<Partial<Record<NotificationChannel, number>>> = { sms: 3, smart_home: 3 };
export const SILENT_CHANNELS: ReadonlySet<NotificationChannel> = new Set(['in_app', 'push', 'email']);

type Slots = readonly string[] | 'hourly';
const ONCE = ['09:00'];
const TWICE = ['09:00', '17:00'];
const THREE_TIMES = ['09:00', '13:00', '18:00'];
const FOUR_TIMES = ['09:00', '13:00', '17:00', '20:00'];

/** Days relative to the due day, `to: null` = until the horizon. */
interface DayRule {
  severity: ReminderSeverity;
  from: number;
  to: number | null;
  step: number;
  slots: Slots;
}

const WARNING_RULES: Record<Exclude<StageFrequencies['warning'], 'off'>, Omit<DayRule, 'severity'>> = {
  daily: { from: -6, to: -2, step: 1, slots: ONCE },
  every_other_day: { from: -6, to: -2, step: 2, slots: ONCE },
  twice_daily: { from: -6, to: -2, step: 1, slots: TWICE },
};
const URGENT_SLOTS: Record<Exclude<StageFrequencies['urgent'], 'off'>, Slots> = { multiple: FOUR_TIMES, twice: TWICE, once: ONCE, hourly: 'hourly' };
const CRITICAL_RULES: Record<Exclude<StageFrequencies['critical'], 'off'>, [number, number | null, Slots][]> = {
  hourly: [[0, 1, 'hourly'], [2, 7, THREE_TIMES], [8, null, ONCE]],
  three_times_daily: [[0, 7, THREE_TIMES], [8, null, ONCE]],
  daily: [[0, null, ONCE]],
};
const MANUAL_FREQUENCIES: Record<ManualPriority, Partial<StageFrequencies>> = {
  critical: { warning: 'twice_daily', urgent: 'hourly' },
  low: { warning: 'every_other_day', urgent: 'twice' },
  medium: {},
  high: {},
};
const CONTRACT_LADDER: { severity: ReminderSeverity; before: { months?: number; days?: number }; slots: Slots }[] = [
  { severity: 'info', before: { months: 4 }, slots: ONCE },
  { severity: 'warning', before: { months: 3 }, slots: ONCE },
  { severity: 'urgent', before: { days: 14 }, slots: ONCE },
  { severity: 'critical', before: { days: 3 }, slots: ONCE },
  { severity: 'critical', before: {}, slots: THREE_TIMES },
];
const APPOINTMENT_LADDER: { severity: ReminderSeverity; days?: number; hours?: number }[] = [
  { severity: 'info', days: 7 },
  { severity: 'warning', days: 1 },
  { severity: 'urgent', hours: 2 },
];
const SEVERITY_RANK: Record<ReminderSeverity, number> = { info: 0, warning: 1, urgent: 2, critical: 3 };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Candidate {
  at: Date;
  severity: ReminderSeverity;
}

export function planReminders(input: PlanInput): PlannedReminder[] {
  const { task, preferences } = input;
  const frequency = effectiveFrequency(preferences, task);
  const candidates = (task.kind === 'contract' ? contractCandidates : task.kind === 'appointment' ? appointmentCandidates : paymentCandidates)(task, preferences, frequency, input.until);
  const quiet = applyQuietHours(candidates, input);
  const capped = capChannels(mergeSameInstant(quiet), preferences.zone);
  return capped.filter((reminder) => reminder.triggerAt > input.from && reminder.triggerAt <= input.until);
}

function effectiveFrequency(preferences: ReminderPreferences, task: ScheduleTask): StageFrequencies {
  const manual = task.kind === 'payment' || task.kind === 'general' ? MANUAL_FREQUENCIES[task.manualPriority ?? 'medium'] : {};
  const { stages, frequency } = preferences;
  return {
    info: stages.info ? frequency.info : 'off',
    warning: stages.warning && frequency.warning !== 'off' ? (manual.warning ?? frequency.warning) : 'off',
    urgent: stages.urgent && frequency.urgent !== 'off' ? (manual.urgent ?? frequency.urgent) : 'off',
    critical: stages.critical ? frequency.critical : 'off',
  };
}

function paymentCandidates(task: ScheduleTask, preferences: ReminderPreferences, frequency: StageFrequencies, until: Date): Candidate[] {
  const rules: DayRule[] = [];
  if (frequency.info !== 'off') {
    const day = task.amountMinor !== null && task.amountMinor >= LARGE_AMOUNT_MINOR ? -10 : -7;
    rules.push({ severity: 'info', from: day, to: day, step: 1, slots: ONCE });
  }
  if (frequency.warning !== 'off') rules.push({ severity: 'warning', ...WARNING_RULES[frequency.warning] });
  if (frequency.urgent !== 'off') rules.push({ severity: 'urgent', from: -1, to: -1, step: 1, slots: URGENT_SLOTS[frequency.urgent] });
  if (frequency.critical !== 'off') {
    for (const [from, to, slots] of CRITICAL_RULES[frequency.critical]) rules.push({ severity: 'critical', from, to, step: 1, slots });
  }
  const dueDay = localDay(task.dueAt, preferences.zone);
  const lastDay = Math.round((localDay(until, preferences.zone).toMillis() - dueDay.toMillis()) / DAY_MS);
  const candidates: Candidate[] = [];
  for (const rule of rules) {
    for (let offset = rule.from; offset <= Math.min(rule.to ?? lastDay, lastDay); offset += rule.step) {
      for (const at of slotTimes(dueDay.plus({ days: offset }), rule.slots, preferences)) candidates.push({ at, severity: rule.severity });
    }
  }
  return candidates;
}

function contractCandidates(task: ScheduleTask, preferences: ReminderPreferences, frequency: StageFrequencies): Candidate[] {
  const dueDay = localDay(task.dueAt, preferences.zone);
  return CONTRACT_LADDER.filter((step) => frequency[step.severity] !== 'off')
    .flatMap((step) => slotTimes(dueDay.minus(step.before), step.slots, preferences).map((at) => ({ at, severity: step.severity })))
    .filter((candidate) => candidate.at <= task.dueAt);
}

function appointmentCandidates(task: ScheduleTask, preferences: ReminderPreferences, frequency: StageFrequencies): Candidate[] {
  const zone = preferences.zone;
  const day = localDay(task.dueAt, zone);
  const local = DateTime.fromJSDate(task.dueAt, { zone });
  const time = task.dueIsDate ? parseTime(preferences.wakingHours.start) : { hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond };
  const start = wallTime(day, time, zone);
  return APPOINTMENT_LADDER.filter((step) => frequency[step.severity] !== 'off').map((step) => ({
    severity: step.severity,
    at: step.days ? wallTime(day.minus({ days: step.days }), time, zone) : new Date(start.getTime() - (step.hours ?? 0) * HOUR_MS),
  }));
}

function applyQuietHours(candidates: Candidate[], input: PlanInput): PlannedReminder[] {
  const { task, preferences } = input;
  const nightsWithCritical = new Set<number>();
  const result: PlannedReminder[] = [];
  for (const { at, severity } of [...candidates].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const channels = channelsFor(severity, preferences, input.configuredChannels);
    const base = { severity, plannedAt: at, overdue: at > task.dueAt };
    const quietEnd = quietPeriodEnd(at, preferences);
    if (quietEnd === null || (severity === 'critical' && preferences.quietHours.allowCriticalAlerts)) {
      result.push({ ...base, triggerAt: at, channels, held: false });
    } else if (severity === 'critical' || quietEnd > task.dueAt) {
      if (severity === 'critical' && nightsWithCritical.has(quietEnd.getTime())) continue;
      if (severity === 'critical') nightsWithCritical.add(quietEnd.getTime());
      result.push({ ...base, triggerAt: at, channels: channels.filter((channel) => SILENT_CHANNELS.has(channel)), held: false });
    } else {
      result.push({ ...base, triggerAt: quietEnd, channels, held: true });
    }
  }
  return result;
}

/** One reminder per instant and severity: the earliest planned one, with the channels of all. */
function mergeSameInstant(reminders: PlannedReminder[]): PlannedReminder[] {
  const byKey = new Map<string, PlannedReminder>();
  for (const reminder of reminders) {
    const key = `${reminder.triggerAt.getTime()}|${reminder.severity}`;
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, reminder);
    else existing.channels = NOTIFICATION_CHANNELS.filter((channel) => existing.channels.includes(channel) || reminder.channels.includes(channel));
  }
  // at one instant the most severe comes first, so it is the one that keeps a capped channel
  return [...byKey.values()].sort((a, b) => a.triggerAt.getTime() - b.triggerAt.getTime() || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

function capChannels(reminders: PlannedReminder[], zone: string): PlannedReminder[] {
  const used = new Map<string, number>();
  return reminders.map((reminder) => {
    const day = localDay(reminder.triggerAt, zone).toISODate();
    const channels = reminder.channels.filter((channel) => {
      const cap = DAILY_CHANNEL_CAP[channel];
      if (cap === undefined) return true;
      const count = used.get(`${day}|${channel}`) ?? 0;
      used.set(`${day}|${channel}`, count + 1);
      return count < cap;
    });
    return { ...reminder, channels };
  });
}

export function channelsFor(severity: ReminderSeverity, preferences: ReminderPreferences, configured: ReadonlySet<NotificationChannel>): NotificationChannel[] {
  const wanted = new Set(preferences.channelsBySeverity[severity]);
  return NOTIFICATION_CHANNELS.filter((channel) => channel === 'in_app' || (wanted.has(channel) && preferences.channels[channel] && configured.has(channel)));
}

/** The end of the quiet period `instant` falls in, or null outside quiet hours. */
export function quietPeriodEnd(instant: Date, preferences: ReminderPreferences): Date | null {
  const { enabled, start, end } = preferences.quietHours;
  if (!enabled) return null;
  const local = DateTime.fromJSDate(instant, { zone: preferences.zone });
  const minute = local.hour * 60 + local.minute;
  const [from, to] = [minutesOf(start), minutesOf(end)];
  const crossesMidnight = from > to;
  const inside = crossesMidnight ? minute >= from || minute < to : minute >= from && minute < to;
  if (!inside) return null;
  const endDay = crossesMidnight && minute >= from ? localDay(instant, preferences.zone).plus({ days: 1 }) : localDay(instant, preferences.zone);
  // in the repeated hour of an autumn change the end may exist twice: take the first after `instant`
  return wallTimes(endDay, parseTime(end), preferences.zone).find((candidate) => candidate > instant) ?? instant;
}

function slotTimes(day: DateTime, slots: Slots, preferences: ReminderPreferences): Date[] {
  const times = slots === 'hourly' ? hourly(preferences.wakingHours) : slots;
  return times.map((time) => wallTime(day, parseTime(time), preferences.zone));
}

function hourly(window: { start: string; end: string }): string[] {
  const times: string[] = [];
  for (let minute = minutesOf(window.start); minute <= minutesOf(window.end); minute += 60) {
    times.push(`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
  }
  return times;
}

/** A calendar date (as a UTC midnight, free of any zone's changes) for calendar arithmetic. */
function localDay(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

interface WallClock {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

/** The instant a wall time on `day` means in `zone` (RFC 5545: a gap moves forward, a repeated time is its first occurrence). */
export function wallTime(day: DateTime, time: WallClock, zone: string): Date {
  const [first] = wallTimes(day, time, zone);
  if (!first) throw new Error(`no instant for ${day.toISODate()} in ${zone}`);
  return first;
}

/** Every instant that shows this wall time (two in a repeated hour); in a gap, the time read with the offset before it. */
function wallTimes(day: DateTime, time: WallClock, zone: string): Date[] {
  const tz = IANAZone.create(zone);
  const wall = Date.UTC(day.year, day.month - 1, day.day, time.hour, time.minute, time.second ?? 0, time.millisecond ?? 0);
  const offsetBefore = tz.offset(wall - DAY_MS);
  const candidates = [...new Set([offsetBefore, tz.offset(wall + DAY_MS)])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => tz.offset(instant) * 60_000 === wall - instant)
    .sort((a, b) => a - b);
  return (candidates.length > 0 ? candidates : [wall - offsetBefore * 60_000]).map((instant) => new Date(instant));
}

function parseTime(text: string): WallClock {
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return { hour, minute };
}

function minutesOf(text: string): number {
  const { hour, minute } = parseTime(text);
  return hour * 60 + minute;
}
