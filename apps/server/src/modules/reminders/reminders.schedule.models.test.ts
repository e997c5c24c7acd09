import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type ReminderSeverity } from '../../db/schema.ts';
import { endOfLocalDate } from '../../shared/dates/deadlines.ts';
import { parseNotificationPreferences } from './reminders.preferences.models.ts';
import { planReminders, type PlannedReminder, type ScheduleTask } from './reminders.schedule.models.ts';

const BERLIN = 'Europe/Berlin';
const LOUD = { channels: { sms: true, smart_home: true } };
/** Manual critical priority makes urgent hourly; waking hours 07:00-23:00 put two firings a night into the default quiet hours. */
const LATE_WAKING = { ...LOUD, waking_hours: { start: '07:00', end: '23:00' } };

interface Setup {
  task?: Partial<ScheduleTask>;
  prefs?: unknown;
  zone?: string;
  configured?: Iterable<NotificationChannel>;
  from?: Date;
  until?: Date;
}

/** A date-only invoice of 120.00 due Wednesday 20 May 2026, planned from New Year to the end of May. */
function plan(setup: Setup = {}): PlannedReminder[] {
  const zone = setup.zone ?? BERLIN;
  return planReminders({
    task: { dueAt: endOfLocalDate('2026-05-20', zone), dueIsDate: true, amountMinor: 12_000, kind: 'payment', manualPriority: null, ...setup.task },
    preferences: parseNotificationPreferences(setup.prefs ?? {}, zone),
    configuredChannels: new Set(setup.configured ?? NOTIFICATION_CHANNELS),
    from: setup.from ?? new Date('2026-01-01T00:00:00.000Z'),
    until: setup.until ?? new Date('2026-05-31T22:00:00.000Z'),
  });
}

const local = (text: string, zone = BERLIN) => DateTime.fromISO(text, { zone }).toJSDate();
const fmt = (date: Date, zone = BERLIN, pattern = 'MM-dd HH:mm') => DateTime.fromJSDate(date, { zone }).toFormat(pattern);
const times = (reminders: PlannedReminder[], severity: ReminderSeverity, zone = BERLIN) => reminders.filter((r) => r.severity === severity).map((r) => fmt(r.triggerAt, zone));
const lines = (reminders: PlannedReminder[], zone = BERLIN) => reminders.map((r) => `${fmt(r.triggerAt, zone, 'yyyy-MM-dd HH:mm')} ${r.severity}`);
const on = (reminders: PlannedReminder[], day: string, zone = BERLIN) => reminders.filter((r) => fmt(r.triggerAt, zone, 'MM-dd') === day);
const at = (reminders: PlannedReminder[], when: string, severity: ReminderSeverity) => reminders.find((r) => fmt(r.triggerAt) === when && r.severity === severity);
const hours = (day: string, first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => `${day} ${String(first + i).padStart(2, '0')}:00`);
const daily = (days: string[], slots: string[]) => days.flatMap((day) => slots.map((slot) => `${day} ${slot}`));

describe('the default ladder of a date-only invoice (Europe/Berlin, due Wednesday 20 May)', () => {
  it.each<[ReminderSeverity, string[]]>([
    ['info', ['05-13 09:00']],
    ['warning', daily(['05-14', '05-15', '05-16', '05-17', '05-18'], ['09:00'])],
    ['urgent', daily(['05-19'], ['09:00', '13:00', '17:00', '20:00'])],
    [
      'critical',
      [
        ...hours('05-20', 9, 21),
        ...hours('05-21', 9, 21),
        ...daily(['05-22', '05-23', '05-24', '05-25', '05-26', '05-27'], ['09:00', '13:00', '18:00']),
        ...daily(['05-28', '05-29', '05-30', '05-31'], ['09:00']),
      ],
    ],
  ])('%s', (severity, expected) => {
    expect(times(plan(), severity)).toEqual(expected);
  });

  it('fires at 09:00 summer time, not held, with the table\'s channels', () => {
    const reminders = plan({ prefs: LOUD });
    expect(reminders[0]).toEqual({ triggerAt: new Date('2026-05-13T07:00:00.000Z'), plannedAt: new Date('2026-05-13T07:00:00.000Z'), severity: 'info', channels: ['in_app', 'push'], held: false, overdue: false });
    expect(at(reminders, '05-14 09:00', 'warning')?.channels).toEqual(['in_app', 'push', 'email']);
    expect(at(reminders, '05-19 09:00', 'urgent')?.channels).toEqual(['in_app', 'push', 'email', 'sms']);
    expect(at(reminders, '05-20 09:00', 'critical')?.channels).toEqual(['in_app', 'push', 'email', 'sms', 'smart_home']);
  });

  it('is overdue from the day after the due date', () => {
    const reminders = plan();
    expect(on(reminders, '05-20').some((r) => r.overdue)).toBe(false);
    expect(on(reminders, '05-21').every((r) => r.overdue)).toBe(true);
  });

  it('keeps the due day\'s hourly firings of a deadline at 14:00 and marks those after it overdue', () => {
    const dueDay = on(plan({ task: { dueAt: local('2026-05-20T14:00'), dueIsDate: false } }), '05-20');
    expect(dueDay.filter((r) => !r.overdue).map((r) => fmt(r.triggerAt))).toEqual(hours('05-20', 9, 14));
    expect(dueDay.filter((r) => r.overdue).map((r) => fmt(r.triggerAt))).toEqual(hours('05-20', 15, 21));
  });

  it.each<[string, number | null, string]>([
    ['no amount', null, '05-13 09:00'],
    ['499.99', 49_999, '05-13 09:00'],
    ['500.00', 50_000, '05-10 09:00'],
    ['2,500.00', 250_000, '05-10 09:00'],
  ])('starts the info stage by the amount: %s', (_label, amountMinor, expected) => {
    expect(times(plan({ task: { amountMinor } }), 'info')).toEqual([expected]);
  });
});

describe('a priority set by hand changes frequency', () => {
  const defaultWarnings = daily(['05-14', '05-15', '05-16', '05-17', '05-18'], ['09:00']);
  const defaultUrgent = daily(['05-19'], ['09:00', '13:00', '17:00', '20:00']);
  it.each<[ScheduleTask['manualPriority'], string[], string[]]>([
    [null, defaultWarnings, defaultUrgent],
    ['medium', defaultWarnings, defaultUrgent],
    ['high', defaultWarnings, defaultUrgent],
    ['low', ['05-14 09:00', '05-16 09:00', '05-18 09:00'], ['05-19 09:00', '05-19 17:00']],
    ['critical', daily(['05-14', '05-15', '05-16', '05-17', '05-18'], ['09:00', '17:00']), hours('05-19', 9, 21)],
  ])('manual priority %s', (manualPriority, warning, urgent) => {
    const reminders = plan({ task: { manualPriority } });
    expect(times(reminders, 'warning')).toEqual(warning);
    expect(times(reminders, 'urgent')).toEqual(urgent);
    // the other stages stay as they are
    expect(times(reminders, 'info')).toEqual(['05-13 09:00']);
    expect(times(reminders, 'critical')).toEqual(times(plan(), 'critical'));
  });

  it('never turns on a stage the user turned off', () => {
    expect(times(plan({ task: { manualPriority: 'critical' }, prefs: { reminder_frequency: { warning: 'off' } } }), 'warning')).toEqual([]);
    expect(times(plan({ task: { manualPriority: 'low' }, prefs: { stages: { urgent: false } } }), 'urgent')).toEqual([]);
  });

  it('follows the user\'s own frequencies without one', () => {
    const reminders = plan({ prefs: { reminder_frequency: { warning: 'twice_daily', urgent: 'once', critical: 'daily' } } });
    expect(times(reminders, 'warning')).toHaveLength(10);
    expect(times(reminders, 'urgent')).toEqual(['05-19 09:00']);
    expect(times(reminders, 'critical')).toEqual(daily(['05-20', '05-21', '05-22', '05-23', '05-24', '05-25', '05-26', '05-27', '05-28', '05-29', '05-30', '05-31'], ['09:00']));
  });

  it.each<[string, Record<string, number>]>([
    ['hourly', { '05-20': 13, '05-21': 13, '05-22': 3, '05-27': 3, '05-28': 1 }],
    ['three_times_daily', { '05-20': 3, '05-21': 3, '05-22': 3, '05-27': 3, '05-28': 1 }],
    ['daily', { '05-20': 1, '05-21': 1, '05-22': 1, '05-27': 1, '05-28': 1 }],
  ])('critical frequency %s', (critical, counts) => {
    const reminders = plan({ prefs: { reminder_frequency: { critical } } });
    expect(Object.fromEntries(Object.keys(counts).map((day) => [day, on(reminders, day).length]))).toEqual(counts);
  });
});

describe('at most 3 SMS and 3 smart-home alerts per task and local day', () => {
  const count = (reminders: PlannedReminder[], channel: NotificationChannel) => reminders.filter((r) => r.channels.includes(channel)).length;
  it.each<[string, number, number, number]>([
    ['05-19', 4, 3, 0],
    ['05-20', 13, 3, 3],
    ['05-21', 13, 3, 3],
    ['05-22', 3, 3, 3],
  ])('%s: %i reminders, %i with SMS, %i with smart home', (day, total, sms, smartHome) => {
    const reminders = on(plan({ prefs: LOUD }), day);
    expect([reminders.length, count(reminders, 'sms'), count(reminders, 'smart_home'), count(reminders, 'push')]).toEqual([total, sms, smartHome, total]);
  });

  it('gives the first three of the day the SMS and keeps the other channels on the rest', () => {
    const dueDay = on(plan({ prefs: LOUD }), '05-20');
    expect(dueDay.filter((r) => r.channels.includes('sms')).map((r) => fmt(r.triggerAt))).toEqual(['05-20 09:00', '05-20 10:00', '05-20 11:00']);
    expect(at(dueDay, '05-20 12:00', 'critical')?.channels).toEqual(['in_app', 'push', 'email']);
  });

  it('counts the whole day when replanned during it', () => {
    const later = plan({ prefs: LOUD, from: local('2026-05-20T10:30') });
    expect(later.filter((r) => fmt(r.triggerAt, BERLIN, 'MM-dd') === '05-20' && r.channels.includes('sms')).map((r) => fmt(r.triggerAt))).toEqual(['05-20 11:00']);
  });
});

describe('contracts climb towards the last cancellation date', () => {
  const contract = (dueAt: Date, dueIsDate = true) => plan({ task: { kind: 'contract', dueAt, dueIsDate, amountMinor: null }, until: local('2026-12-31T00:00') });
  it.each<[string, Date, boolean, string[]]>([
    [
      'date-only, 30 September',
      endOfLocalDate('2026-09-30', BERLIN),
      true,
      ['2026-05-30 09:00 info', '2026-06-30 09:00 warning', '2026-09-16 09:00 urgent', '2026-09-27 09:00 critical', '2026-09-30 09:00 critical', '2026-09-30 13:00 critical', '2026-09-30 18:00 critical'],
    ],
    ['months end on the last day of a shorter month', endOfLocalDate('2026-06-30', BERLIN), true, ['2026-02-28 09:00 info', '2026-03-30 09:00 warning', '2026-06-16 09:00 urgent', '2026-06-27 09:00 critical', '2026-06-30 09:00 critical', '2026-06-30 13:00 critical', '2026-06-30 18:00 critical']],
    ['at 12:00 the day itself keeps only the morning', local('2026-09-30T12:00'), false, ['2026-05-30 09:00 info', '2026-06-30 09:00 warning', '2026-09-16 09:00 urgent', '2026-09-27 09:00 critical', '2026-09-30 09:00 critical']],
  ])('%s', (_label, dueAt, dueIsDate, expected) => {
    expect(lines(contract(dueAt, dueIsDate))).toEqual(expected);
  });

  it('ignores a manual priority but not a stage turned off', () => {
    const base = { kind: 'contract' as const, dueAt: endOfLocalDate('2026-09-30', BERLIN), amountMinor: null };
    const until = local('2026-12-31T00:00');
    expect(plan({ task: { ...base, manualPriority: 'critical' }, until })).toEqual(plan({ task: base, until }));
    expect(times(plan({ task: base, until, prefs: { stages: { info: false } } }), 'info')).toEqual([]);
  });
});

describe('appointments: one week, one day and two hours before', () => {
  it.each<[string, Date, boolean, string[]]>([
    ['at 14:30', local('2026-05-20T14:30'), false, ['2026-05-13 14:30 info', '2026-05-19 14:30 warning', '2026-05-20 12:30 urgent']],
    ['a whole day counts from the start of the waking hours', endOfLocalDate('2026-05-20', BERLIN), true, ['2026-05-13 09:00 info', '2026-05-19 09:00 warning', '2026-05-20 07:00 urgent']],
  ])('%s, nothing after it', (_label, dueAt, dueIsDate, expected) => {
    expect(lines(plan({ task: { kind: 'appointment', dueAt, dueIsDate } }))).toEqual(expected);
  });

  it('at 06:00: the quiet-hours reminders before it are held, the one that would be held past it goes silently at its time', () => {
    const reminders = plan({ task: { kind: 'appointment', dueAt: local('2026-05-20T06:00'), dueIsDate: false }, prefs: LOUD });
    expect(reminders.map((r) => [fmt(r.triggerAt), r.severity, fmt(r.plannedAt), r.held, r.channels.join(',')])).toEqual([
      ['05-13 07:00', 'info', '05-13 06:00', true, 'in_app,push'],
      ['05-19 07:00', 'warning', '05-19 06:00', true, 'in_app,push,email'],
      ['05-20 04:00', 'urgent', '05-20 04:00', false, 'in_app,push,email'],
    ]);
  });

  it('across the spring change: the day before at 02:30 does not exist and moves to 03:30; two hours before is elapsed time', () => {
    const reminders = plan({ task: { kind: 'appointment', dueAt: local('2026-03-30T02:30'), dueIsDate: false }, prefs: { quiet_hours: { enabled: false } } });
    expect(reminders.map((r) => r.triggerAt.toISOString())).toEqual(['2026-03-23T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T22:30:00.000Z']);
    expect(lines(reminders)).toEqual(['2026-03-23 02:30 info', '2026-03-29 03:30 warning', '2026-03-30 00:30 urgent']);
  });
});

describe('quiet hours across midnight (22:00-07:00)', () => {
  const reminders = plan({ task: { manualPriority: 'critical' }, prefs: LATE_WAKING });

  it('holds non-critical reminders until the end and releases them together as one', () => {
    expect(times(reminders, 'urgent')).toEqual([...hours('05-19', 7, 21), '05-20 07:00']);
    expect(at(reminders, '05-20 07:00', 'urgent')).toMatchObject({ held: true, plannedAt: local('2026-05-19T22:00'), channels: ['in_app', 'push', 'email', 'sms'] });
  });

  it('sends a critical reminder once a night, over silent channels only', () => {
    expect(times(reminders, 'critical').filter((time) => time.startsWith('05-20'))).toEqual(hours('05-20', 7, 22));
    expect(at(reminders, '05-20 22:00', 'critical')).toMatchObject({ held: false, channels: ['in_app', 'push', 'email'] });
    expect(at(reminders, '05-21 22:00', 'critical')?.channels).toEqual(['in_app', 'push', 'email']);
    expect(reminders.some((r) => fmt(r.triggerAt, BERLIN, 'HH:mm') === '23:00')).toBe(false);
  });

  it('sends every critical reminder when the user opted in', () => {
    const optedIn = plan({ task: { manualPriority: 'critical' }, prefs: { ...LATE_WAKING, quiet_hours: { allow_critical_alerts: true } } });
    expect(times(optedIn, 'critical').filter((time) => time.startsWith('05-20'))).toEqual(hours('05-20', 7, 23));
    // non-critical ones are still held
    expect(at(optedIn, '05-20 07:00', 'urgent')?.held).toBe(true);
  });

  it.each<[string, boolean, NotificationChannel[]]>([
    ['keeps SMS and smart home for the morning', false, ['in_app', 'push', 'email']],
    ['sends SMS and smart home when opted in', true, ['in_app', 'push', 'email', 'sms', 'smart_home']],
  ])('a critical reminder at 18:00 in quiet hours 17:00-08:00 %s', (_label, allow, channels) => {
    const evening = plan({ prefs: { ...LOUD, quiet_hours: { start: '17:00', end: '08:00', allow_critical_alerts: allow }, waking_hours: { start: '08:00', end: '16:00' } } });
    expect(at(evening, '05-22 18:00', 'critical')).toMatchObject({ held: false, channels });
  });

  it('holds nothing when quiet hours are off', () => {
    const noisy = plan({ task: { manualPriority: 'critical' }, prefs: { ...LATE_WAKING, quiet_hours: { enabled: false } } });
    expect(noisy.some((r) => r.held)).toBe(false);
    expect(times(noisy, 'urgent')).toEqual(hours('05-19', 7, 23));
  });
});

describe('quiet hours within a day (12:00-14:00)', () => {
  const reminders = plan({ prefs: { ...LOUD, quiet_hours: { start: '12:00', end: '14:00' } } });
  it('holds the 13:00 urgent reminder until 14:00 and leaves the others', () => {
    expect(times(reminders, 'urgent')).toEqual(['05-19 09:00', '05-19 14:00', '05-19 17:00', '05-19 20:00']);
    expect(at(reminders, '05-19 14:00', 'urgent')).toMatchObject({ held: true, plannedAt: local('2026-05-19T13:00') });
    expect(times(reminders, 'warning')).toEqual(daily(['05-14', '05-15', '05-16', '05-17', '05-18'], ['09:00']));
  });

  it('lets one silent critical reminder through at noon and none at 13:00', () => {
    expect(times(reminders, 'critical').filter((time) => time.startsWith('05-20'))).toEqual(hours('05-20', 9, 21).filter((time) => time !== '05-20 13:00'));
    expect(at(reminders, '05-20 12:00', 'critical')?.channels).toEqual(['in_app', 'push', 'email']);
    expect(at(reminders, '05-20 14:00', 'critical')?.channels).toContain('push');
  });
});

describe('daylight saving in Europe/Berlin', () => {
  const perDay = (reminders: PlannedReminder[]) => reminders.reduce<Record<string, number>>((days, r) => ({ ...days, [fmt(r.triggerAt, BERLIN, 'MM-dd')]: (days[fmt(r.triggerAt, BERLIN, 'MM-dd')] ?? 0) + 1 }), {});

  it.each<[string, string, string, Record<string, number>, [string, string][]]>([
    [
      'spring forward on Sunday 29 March',
      '2026-03-31',
      '2026-04-01T22:00:00.000Z',
      { '03-24': 1, '03-25': 1, '03-26': 1, '03-27': 1, '03-28': 1, '03-29': 1, '03-30': 4, '03-31': 13, '04-01': 13 },
      [['03-28 09:00', '2026-03-28T08:00:00.000Z'], ['03-29 09:00', '2026-03-29T07:00:00.000Z']],
    ],
    [
      'fall back on Sunday 25 October',
      '2026-10-27',
      '2026-10-28T23:00:00.000Z',
      { '10-20': 1, '10-21': 1, '10-22': 1, '10-23': 1, '10-24': 1, '10-25': 1, '10-26': 4, '10-27': 13, '10-28': 13 },
      [['10-24 09:00', '2026-10-24T07:00:00.000Z'], ['10-25 09:00', '2026-10-25T08:00:00.000Z']],
    ],
  ])('%s: the week keeps its counts and its wall-clock times', (_label, due, until, counts, utc) => {
    const reminders = plan({ task: { dueAt: endOfLocalDate(due, BERLIN) }, until: new Date(until) });
    expect(perDay(reminders)).toEqual(counts);
    for (const [wall, instant] of utc) expect(reminders.find((r) => fmt(r.triggerAt) === wall)?.triggerAt.toISOString()).toBe(instant);
  });

  it.each<[string, string, string[], string[]]>([
    ['spring: 02:00 does not exist, the hour after the gap fires once', '2026-03-29', ['00:00', '01:00', '03:00', '04:00', '05:00', '06:00'], ['2026-03-28T23:00:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z', '2026-03-29T03:00:00.000Z', '2026-03-29T04:00:00.000Z']],
    ['autumn: 02:00 exists twice and fires once, at the first', '2026-10-25', ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00'], ['2026-10-24T22:00:00.000Z', '2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T04:00:00.000Z', '2026-10-25T05:00:00.000Z']],
  ])('hourly through the night of the change (%s)', (_label, due, wall, utc) => {
    const reminders = plan({ task: { dueAt: endOfLocalDate(due, BERLIN) }, prefs: { quiet_hours: { enabled: false }, waking_hours: { start: '00:00', end: '06:00' } }, until: endOfLocalDate(due, BERLIN) });
    const dueDay = reminders.filter((r) => r.severity === 'critical');
    expect(dueDay.map((r) => fmt(r.triggerAt, BERLIN, 'HH:mm'))).toEqual(wall);
    expect(dueDay.map((r) => r.triggerAt.toISOString())).toEqual(utc);
  });

  it.each<[string, string, string]>([
    ['spring: quiet hours ending at a 02:30 that does not exist release at 03:30', '2026-03-29', '2026-03-29T01:30:00.000Z'],
    ['autumn: quiet hours ending at a 02:30 that exists twice release at the first', '2026-10-25', '2026-10-25T00:30:00.000Z'],
  ])('%s', (_label, due, release) => {
    const reminders = plan({ task: { dueAt: endOfLocalDate(due, BERLIN), manualPriority: 'critical' }, prefs: { quiet_hours: { start: '22:00', end: '02:30' }, waking_hours: { start: '09:00', end: '23:00' } }, until: endOfLocalDate(due, BERLIN) });
    const held = reminders.filter((r) => r.held);
    expect(held.map((r) => [r.severity, r.triggerAt.toISOString()])).toEqual([['urgent', release]]);
  });
});

describe('other time zones', () => {
  it.each<[string, { info: string; urgent: string; lateUrgent: string; release: string }]>([
    ['America/New_York', { info: '2026-05-13T13:00:00.000Z', urgent: '2026-05-19T13:00:00.000Z', lateUrgent: '2026-05-19T11:00:00.000Z', release: '2026-05-20T11:00:00.000Z' }],
    ['Asia/Kolkata', { info: '2026-05-13T03:30:00.000Z', urgent: '2026-05-19T03:30:00.000Z', lateUrgent: '2026-05-19T01:30:00.000Z', release: '2026-05-20T01:30:00.000Z' }],
  ])('%s: 09:00, the waking hours and the end of quiet hours are local', (zone, expected) => {
    const reminders = plan({ zone });
    expect(reminders.find((r) => r.severity === 'info')?.triggerAt.toISOString()).toBe(expected.info);
    expect(reminders.find((r) => r.severity === 'urgent')?.triggerAt.toISOString()).toBe(expected.urgent);
    // manual critical with waking hours from 07:00: the first urgent at 07:00, the night's urgent ones held until 07:00
    const late = plan({ zone, task: { manualPriority: 'critical' }, prefs: LATE_WAKING });
    expect(late.find((r) => r.severity === 'urgent')?.triggerAt.toISOString()).toBe(expected.lateUrgent);
    expect(times(late, 'urgent', zone)).toEqual([...hours('05-19', 7, 21), '05-20 07:00']);
    expect(late.filter((r) => r.held).map((r) => r.triggerAt.toISOString())).toEqual([expected.release]);
  });

  it('New York changes its clocks on 8 March: 09:00 stays 09:00', () => {
    const reminders = plan({ zone: 'America/New_York', task: { dueAt: endOfLocalDate('2026-03-10', 'America/New_York') } });
    expect(reminders.filter((r) => r.severity === 'warning').map((r) => r.triggerAt.toISOString()).slice(-2)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
  });
});

describe('channels', () => {
  it.each<[string, unknown, NotificationChannel[], NotificationChannel[]]>([
    ['defaults, everything configured', {}, [...NOTIFICATION_CHANNELS], ['in_app', 'push', 'email']],
    ['SMS and smart home turned on', LOUD, [...NOTIFICATION_CHANNELS], ['in_app', 'push', 'email', 'sms', 'smart_home']],
    ['SMS turned on but not configured', LOUD, ['push', 'email', 'smart_home'], ['in_app', 'push', 'email', 'smart_home']],
    ['push turned off', { channels: { push: false } }, [...NOTIFICATION_CHANNELS], ['in_app', 'email']],
    ['nothing configured: a fresh account gets it in the app', LOUD, [], ['in_app']],
    ['telegram turned on but not a channel of the severity', { channels: { telegram: true } }, [...NOTIFICATION_CHANNELS], ['in_app', 'push', 'email']],
    ['telegram as the critical channel', { channels: { telegram: true }, channels_by_severity: { critical: ['telegram'] } }, [...NOTIFICATION_CHANNELS], ['in_app', 'telegram']],
  ])('%s', (_label, prefs, configured, expected) => {
    expect(at(plan({ prefs, configured }), '05-20 09:00', 'critical')?.channels).toEqual(expected);
  });

  it('uses the channels set per severity and keeps in_app on every reminder', () => {
    const reminders = plan({ prefs: { channels_by_severity: { info: ['email'], warning: [] } } });
    expect(at(reminders, '05-13 09:00', 'info')?.channels).toEqual(['in_app', 'email']);
    expect(at(reminders, '05-14 09:00', 'warning')?.channels).toEqual(['in_app']);
    expect(at(reminders, '05-19 09:00', 'urgent')?.channels).toEqual(['in_app', 'push', 'email']);
    expect(reminders.every((r) => r.channels[0] === 'in_app')).toBe(true);
  });
});

describe('stages turned off', () => {
  it.each<[string, unknown, ReminderSeverity[]]>([
    ['info', { stages: { info: false } }, ['warning', 'urgent', 'critical']],
    ['warning and urgent', { stages: { warning: false, urgent: false } }, ['info', 'critical']],
    ['critical by frequency', { reminder_frequency: { critical: 'off' } }, ['info', 'warning', 'urgent']],
    ['all', { stages: { info: false, warning: false, urgent: false, critical: false } }, []],
  ])('%s', (_label, prefs, severities) => {
    expect([...new Set(plan({ prefs }).map((r) => r.severity))]).toEqual(severities);
  });
});

describe('the window [from, until]', () => {
  it('fires no burst of missed reminders for a task created late on the day before', () => {
    const reminders = plan({ from: local('2026-05-19T22:30') });
    expect(lines(reminders).slice(0, 2)).toEqual(['2026-05-20 09:00 critical', '2026-05-20 10:00 critical']);
  });

  it('leaves out a reminder at exactly `from` and keeps one at exactly `until`', () => {
    const reminders = plan({ from: local('2026-05-20T09:00'), until: local('2026-05-20T12:00') });
    expect(times(reminders, 'critical')).toEqual(hours('05-20', 10, 12));
  });

  it('keeps a held reminder planned before `from` that has not gone out yet', () => {
    const reminders = plan({ task: { manualPriority: 'critical' }, prefs: LATE_WAKING, from: local('2026-05-19T23:30') });
    expect(reminders[0]).toMatchObject({ severity: 'critical', held: false, triggerAt: local('2026-05-20T07:00') });
    expect(reminders[1]).toMatchObject({ severity: 'urgent', held: true, triggerAt: local('2026-05-20T07:00') });
  });

  it('gives the same reminders whenever it is replanned', () => {
    const setup: Setup = { task: { manualPriority: 'critical' }, prefs: LATE_WAKING };
    const full = plan(setup);
    for (const from of ['2026-05-19T21:30', '2026-05-20T06:59', '2026-05-20T10:30', '2026-05-20T22:30']) {
      expect(plan({ ...setup, from: local(from) })).toEqual(full.filter((r) => r.triggerAt > local(from)));
    }
  });

  it.each<[string, Setup]>([
    ['default', {}],
    ['manual critical with late waking hours', { task: { manualPriority: 'critical' }, prefs: LATE_WAKING }],
    ['hourly through the autumn change', { task: { dueAt: endOfLocalDate('2026-10-25', BERLIN) }, prefs: { quiet_hours: { enabled: false }, waking_hours: { start: '00:00', end: '23:00' } }, until: new Date('2026-11-05T00:00:00.000Z') }],
  ])('is sorted with one reminder per instant and severity (%s)', (_label, setup) => {
    const reminders = plan(setup);
    const keys = reminders.map((r) => `${r.triggerAt.toISOString()} ${r.severity}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(reminders.map((r) => r.triggerAt.getTime())).toEqual(reminders.map((r) => r.triggerAt.getTime()).sort((a, b) => a - b));
    expect(reminders.length).toBeGreaterThan(0);
  });
});
