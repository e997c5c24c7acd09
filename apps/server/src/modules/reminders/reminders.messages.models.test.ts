import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ReminderSeverity } from '../../db/schema.ts';
import { endOfLocalDate } from '../../shared/dates/deadlines.ts';
import {
  actionLabels,
  BODY_MAX,
  clip,
  digestMessage,
  formatMoney,
  reminderMessage,
  timeLeft,
  TITLE_MAX,
  type Language,
  type MessageTask,
  type TaskKind,
} from './reminders.messages.models.ts';

const zone = 'Europe/Berlin';
/** A wall-clock time in Berlin. */
const at = (iso: string, inZone = zone) => DateTime.fromISO(iso, { zone: inZone }).toJSDate();
/** A date-only deadline: the end of that date in Berlin, as deadlines are stored. */
const day = (iso: string) => endOfLocalDate(iso, zone);
const now = at('2026-11-26T10:00'); // a Thursday

const task = (overrides: Partial<MessageTask> = {}): MessageTask => ({
  id: 'task-1',
  title: 'Rechnung Telekom',
  sender: 'Telekom',
  amountMinor: 8999,
  currency: 'EUR',
  dueAt: day('2026-11-27'),
  dueIsDate: true,
  kind: 'payment',
  ...overrides,
});

const message = (overrides: Partial<MessageTask>, options: { language?: Language; severity?: ReminderSeverity; variant?: number; now?: Date; discreet?: boolean } = {}) =>
  reminderMessage({ task: task(overrides), severity: options.severity ?? 'warning', now: options.now ?? now, zone, language: options.language ?? 'de', discreet: options.discreet ?? false, variant: options.variant ?? 0 });

const LANGUAGES = ['de', 'en'] as const;
const KINDS: TaskKind[] = ['payment', 'general', 'contract', 'appointment'];
const SEVERITIES: ReminderSeverity[] = ['info', 'warning', 'urgent', 'critical'];
/** One deadline ahead and one passed, per kind (appointments have a time). */
const DUE = {
  ahead: { payment: day('2026-11-27'), general: day('2026-11-27'), contract: day('2026-11-27'), appointment: at('2026-11-27T10:00') },
  passed: { payment: day('2026-11-24'), general: day('2026-11-24'), contract: day('2026-11-24'), appointment: at('2026-11-25T10:00') },
} as const;
const dueOf = (kind: TaskKind, state: 'ahead' | 'passed') => ({ dueAt: DUE[state][kind], dueIsDate: kind !== 'appointment' });

describe('time left', () => {
  it.each([
    ['three days ahead', day('2026-11-29'), true, now, 'noch 3 Tage', 'in 3 days'],
    ['tomorrow', day('2026-11-27'), true, now, 'morgen', 'tomorrow'],
    ['today', day('2026-11-26'), true, now, 'heute', 'today'],
    ['today with a time', at('2026-11-26T14:00'), false, now, 'heute um 14:00', 'today at 14:00'],
    ['in three days with a time', at('2026-11-29T10:00'), false, now, 'in 3 Tagen um 10:00', 'in 3 days at 10:00'],
    ['tomorrow 00:30 seen at 23:50', at('2026-11-27T00:30'), false, at('2026-11-26T23:50'), 'morgen um 00:30', 'tomorrow at 00:30'],
    ['a date tomorrow seen at 23:50', day('2026-11-27'), true, at('2026-11-26T23:50'), 'morgen', 'tomorrow'],
    ['a date today seen at 00:00', day('2026-11-26'), true, at('2026-11-26T00:00'), 'heute', 'today'],
    ['a date yesterday seen just after midnight', day('2026-11-25'), true, at('2026-11-26T00:00:01'), 'seit 1 Tag fällig', '1 day overdue'],
    ['a date two days ago', day('2026-11-24'), true, now, 'seit 2 Tagen fällig', '2 days overdue'],
    ['a time earlier today', at('2026-11-26T08:00'), false, now, 'seit 08:00 fällig', 'overdue since 08:00'],
    ['a time yesterday 23:30 seen at 00:10', at('2026-11-25T23:30'), false, at('2026-11-26T00:10'), 'seit 1 Tag fällig', '1 day overdue'],
    // 25 Oct 2026 has 25 hours in Berlin; 29 Mar 2026 has 23.
    ['autumn DST: 23:50 on the long day seen at 00:10', at('2026-10-25T23:50'), false, at('2026-10-25T00:10'), 'heute um 23:50', 'today at 23:50'],
    ['autumn DST: a date two days on', day('2026-10-26'), true, at('2026-10-24T23:30'), 'noch 2 Tage', 'in 2 days'],
    ['autumn DST: overdue across the long day', day('2026-10-24'), true, at('2026-10-26T00:30'), 'seit 2 Tagen fällig', '2 days overdue'],
    ['spring DST: the short day is tomorrow', day('2026-03-29'), true, at('2026-03-28T12:00'), 'morgen', 'tomorrow'],
    ['spring DST: 23 hours later is tomorrow', at('2026-03-30T00:30'), false, at('2026-03-29T00:30'), 'morgen um 00:30', 'tomorrow at 00:30'],
    ['spring DST: 24h45m later is two days on', at('2026-03-31T00:15'), false, at('2026-03-29T23:30'), 'in 2 Tagen um 00:15', 'in 2 days at 00:15'],
  ])('%s', (_name, due, dueIsDate, seenAt, de, en) => {
    expect(timeLeft(due, dueIsDate, seenAt, zone, 'de')).toBe(de);
    expect(timeLeft(due, dueIsDate, seenAt, zone, 'en')).toBe(en);
  });

  it('counts in the zone it is given', () => {
    const due = new Date('2026-11-27T03:00:00Z');
    const seen = new Date('2026-11-26T20:00:00Z');
    expect(timeLeft(due, false, seen, 'Europe/Berlin', 'de')).toBe('morgen um 04:00');
    expect(timeLeft(due, false, seen, 'America/New_York', 'de')).toBe('heute um 22:00');
  });

  it('refuses an unknown zone', () => {
    expect(() => timeLeft(now, true, now, 'Mars/Olympus', 'de')).toThrow(/unknown time zone/);
  });
});

describe('amounts', () => {
  it.each([
    [8999, 'EUR', '89,99 €', '€89.99'],
    [125_000, 'EUR', '1.250,00 €', '€1,250.00'],
    [123_456_789, 'EUR', '1.234.567,89 €', '€1,234,567.89'],
    [5, 'EUR', '0,05 €', '€0.05'],
    [8999, 'USD', '89,99 USD', 'USD 89.99'],
    [125_050, 'CHF', '1.250,50 CHF', 'CHF 1,250.50'],
    [1500, 'JPY', '1.500 JPY', 'JPY 1,500'],
    [8999, null, '89,99', '89.99'],
  ])('%i %s', (minor, currency, de, en) => {
    expect(formatMoney(minor, currency, 'de')).toBe(de);
    expect(formatMoney(minor, currency, 'en')).toBe(en);
  });
});

describe('a reminder, per kind and language', () => {
  const contractNow = at('2027-01-20T09:00');
  it.each([
    ['de', 'payment ahead', {}, now, 'Telekom: 89,99 € sind morgen fällig', 'Fällig am Freitag, 27. November. Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['en', 'payment ahead', {}, now, 'Telekom: €89.99 due tomorrow', "Due Friday 27 November. It's getting closer. Maybe it fits in today."],
    ['de', 'payment overdue', { dueAt: day('2026-11-24') }, now, 'Telekom: 89,99 € – seit 2 Tagen fällig', 'Die Frist war am Dienstag, 24. November. Noch nicht bezahlt? Heute ist ein guter Moment.'],
    ['en', 'payment overdue', { dueAt: day('2026-11-24') }, now, 'Telekom: €89.99 – 2 days overdue', 'The deadline was Tuesday 24 November. Not paid yet? Today is a good moment.'],
    ['de', 'payment with a time today', { dueAt: at('2026-11-26T14:00'), dueIsDate: false }, now, 'Telekom: 89,99 € sind heute um 14:00 fällig', 'Fällig am Donnerstag, 26. November um 14:00. Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['de', 'general ahead', { kind: 'general', title: 'Steuererklärung abgeben', sender: 'Finanzamt', amountMinor: null, dueAt: day('2026-11-29') }, now, 'Steuererklärung abgeben (Finanzamt): in 3 Tagen fällig', 'Fällig am Sonntag, 29. November. Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['en', 'general ahead', { kind: 'general', title: 'Steuererklärung abgeben', sender: 'Finanzamt', amountMinor: null, dueAt: day('2026-11-29') }, now, 'Steuererklärung abgeben (Finanzamt): due in 3 days', "Due Sunday 29 November. It's getting closer. Maybe it fits in today."],
    ['de', 'general overdue', { kind: 'general', title: 'Steuererklärung abgeben', sender: 'Finanzamt', amountMinor: null, dueAt: day('2026-11-25') }, now, 'Steuererklärung abgeben (Finanzamt): seit 1 Tag fällig', 'Die Frist war am Mittwoch, 25. November. Noch offen? Heute ist ein guter Moment.'],
    ['en', 'general overdue', { kind: 'general', title: 'Steuererklärung abgeben', sender: 'Finanzamt', amountMinor: null, dueAt: day('2026-11-25') }, now, 'Steuererklärung abgeben (Finanzamt): 1 day overdue', 'The deadline was Wednesday 25 November. Still open? Today is a good moment.'],
    ['de', 'contract ahead', { kind: 'contract', amountMinor: null, dueAt: day('2027-01-31') }, contractNow, 'Telekom-Vertrag: Kündigen bis 31. Januar möglich – behalten oder kündigen?', 'Frist: Sonntag, 31. Januar (noch 11 Tage). Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['en', 'contract ahead', { kind: 'contract', amountMinor: null, dueAt: day('2027-01-31') }, contractNow, 'Telekom contract: you can cancel until 31 January – keep or cancel?', "Deadline: Sunday 31 January (in 11 days). It's getting closer. Maybe it fits in today."],
    ['de', 'contract overdue', { kind: 'contract', amountMinor: null, dueAt: day('2027-01-31') }, at('2027-02-02T09:00'), 'Telekom-Vertrag: Die Kündigungsfrist (31. Januar) ist vorbei', 'Frist: Sonntag, 31. Januar (seit 2 Tagen fällig). Noch nicht entschieden? Oft geht eine Kündigung zum nächsten Termin – kurz nachsehen lohnt sich.'],
    ['en', 'contract overdue', { kind: 'contract', amountMinor: null, dueAt: day('2027-01-31') }, at('2027-02-02T09:00'), 'Telekom contract: the notice deadline (31 January) has passed', 'Deadline: Sunday 31 January (2 days overdue). Not decided yet? Cancelling for the next date is often possible – worth a quick look.'],
    ['de', 'contract ending today at a time', { kind: 'contract', amountMinor: null, dueAt: at('2026-11-26T18:00'), dueIsDate: false }, now, 'Telekom-Vertrag: Kündigen noch heute bis 18:00 möglich – behalten oder kündigen?', 'Frist: Donnerstag, 26. November um 18:00 (heute). Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['de', 'contract far ahead shows the year', { kind: 'contract', amountMinor: null, dueAt: day('2027-12-31') }, now, 'Telekom-Vertrag: Kündigen bis 31. Dezember 2027 möglich – behalten oder kündigen?', 'Frist: Freitag, 31. Dezember 2027 (noch 400 Tage). Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['de', 'contract with a sender of several words', { kind: 'contract', sender: 'Deutsche Telekom AG', amountMinor: null }, now, 'Vertrag Deutsche Telekom AG: Kündigen bis morgen möglich – behalten oder kündigen?', 'Frist: Freitag, 27. November (morgen). Es rückt näher. Vielleicht passt es heute gut dazwischen.'],
    ['de', 'appointment ahead', { kind: 'appointment', sender: 'Zahnarzt', amountMinor: null, dueAt: at('2026-11-27T10:00'), dueIsDate: false }, now, 'Zahnarzt morgen um 10:00', 'Termin: Freitag, 27. November um 10:00. Der Termin rückt näher. Vielleicht jetzt schon die Unterlagen bereitlegen.'],
    ['en', 'appointment ahead', { kind: 'appointment', sender: 'Zahnarzt', amountMinor: null, dueAt: at('2026-11-27T10:00'), dueIsDate: false }, now, 'Zahnarzt tomorrow at 10:00', 'Appointment: Friday 27 November at 10:00. The appointment is getting closer. Maybe put your papers ready now.'],
    ['de', 'appointment passed', { kind: 'appointment', sender: 'Zahnarzt', amountMinor: null, dueAt: at('2026-11-27T10:00'), dueIsDate: false }, at('2026-11-27T15:00'), 'Zahnarzt war heute um 10:00', 'Der Termin war am Freitag, 27. November um 10:00. Hat es geklappt? Dann einfach abhaken.'],
    ['en', 'appointment passed', { kind: 'appointment', sender: 'Zahnarzt', amountMinor: null, dueAt: at('2026-11-27T10:00'), dueIsDate: false }, at('2026-11-30T15:00'), 'Zahnarzt was 3 days ago', 'The appointment was on Friday 27 November at 10:00. Did it go ahead? Then just tick it off.'],
  ] as const)('%s: %s', (language, _name, overrides, seenAt, title, body) => {
    expect(message(overrides, { language, now: seenAt })).toEqual({ title, body });
  });
});

describe('missing facts', () => {
  it.each([
    ['no sender: the task title leads', { sender: null, title: 'Abschlag Stadtwerke' }, 'Abschlag Stadtwerke: 89,99 € sind morgen fällig', 'Abschlag Stadtwerke: €89.99 due tomorrow'],
    ['no amount', { amountMinor: null }, 'Telekom: Zahlung morgen fällig', 'Telekom: payment due tomorrow'],
    ['neither', { sender: null, amountMinor: null }, 'Rechnung Telekom: Zahlung morgen fällig', 'Rechnung Telekom: payment due tomorrow'],
    ['a blank sender counts as none', { sender: '  ', title: 'Abschlag\nStadtwerke' }, 'Abschlag Stadtwerke: 89,99 € sind morgen fällig', 'Abschlag Stadtwerke: €89.99 due tomorrow'],
    ['general task naming its sender already', { kind: 'general', title: 'Telekom anrufen', amountMinor: null }, 'Telekom anrufen: morgen fällig', 'Telekom anrufen: due tomorrow'],
    ['general task with an amount', { kind: 'general', title: 'Kaution zurückfordern', sender: 'Vermieter', amountMinor: 125_000 }, 'Kaution zurückfordern (Vermieter) (1.250,00 €): morgen fällig', 'Kaution zurückfordern (Vermieter) (€1,250.00): due tomorrow'],
    ['amount in another currency', { sender: 'Acme', amountMinor: 125_000, currency: 'USD' }, 'Acme: 1.250,00 USD sind morgen fällig', 'Acme: USD 1,250.00 due tomorrow'],
    ['appointment without sender', { kind: 'appointment', sender: null, title: 'Termin: Bürgeramt', amountMinor: null, dueAt: at('2026-11-26T16:30'), dueIsDate: false }, 'Termin: Bürgeramt heute um 16:30', 'Termin: Bürgeramt today at 16:30'],
  ] as const)('%s', (_name, overrides, de, en) => {
    expect(message(overrides, { language: 'de' }).title).toBe(de);
    expect(message(overrides, { language: 'en' }).title).toBe(en);
  });
});

describe('wordings per stage', () => {
  const cases = LANGUAGES.flatMap((language) =>
    KINDS.flatMap((kind) => [
      ...SEVERITIES.map((severity) => [language, kind, severity, 'ahead'] as const),
      [language, kind, 'critical', 'passed'] as const,
    ]),
  );

  it.each(cases)('%s %s %s (%s): three wordings, picked by the variant, the same every time', (language, kind, severity, state) => {
    const body = (variant: number) => message({ kind, ...dueOf(kind, state) }, { language, severity, variant }).body;
    const bodies = [0, 1, 2].map(body);
    expect(new Set(bodies).size).toBe(3);
    expect([body(3), body(-1), body(2 ** 31 - 1), body(0)]).toEqual([bodies[0], bodies[2], bodies[(2 ** 31 - 1) % 3], bodies[0]]);
    const titles = [0, 1, 2].map((variant) => message({ kind, ...dueOf(kind, state) }, { language, severity, variant }).title);
    expect(new Set(titles).size).toBe(1);
  });

  it.each(LANGUAGES.flatMap((language) => KINDS.map((kind) => [language, kind] as const)))('%s %s: every stage and the overdue case speak differently', (language, kind) => {
    const sentences = new Set<string>();
    for (const variant of [0, 1, 2]) {
      for (const severity of SEVERITIES) sentences.add(message({ kind, ...dueOf(kind, 'ahead') }, { language, severity, variant }).body);
      sentences.add(message({ kind, ...dueOf(kind, 'passed') }, { language, variant }).body);
    }
    expect(sentences.size).toBe(15);
  });

  it('overdue wording follows the kind, not the stage', () => {
    const info = message({ dueAt: day('2026-11-24') }, { severity: 'info' });
    const critical = message({ dueAt: day('2026-11-24') }, { severity: 'critical' });
    expect(info).toEqual(critical);
    expect(info.body).toContain('Noch nicht bezahlt? Heute ist ein guter Moment.');
  });
});

describe('tone and facts over every combination', () => {
  const all = LANGUAGES.flatMap((language) =>
    KINDS.flatMap((kind) => (['ahead', 'passed'] as const).flatMap((state) => SEVERITIES.flatMap((severity) => [0, 1, 2].map((variant) => [language, kind, state, severity, variant] as const)))),
  );

  it.each(LANGUAGES)('%s: no exclamation marks, no capitals shouting, no blame', (language) => {
    for (const [lang, kind, state, severity, variant] of all.filter(([l]) => l === language)) {
      const { title, body } = message({ kind, ...dueOf(kind, state) }, { language: lang, severity, variant });
      const text = `${title}\n${body}`;
      expect(text).not.toContain('!');
      expect(text).not.toMatch(/\b[A-ZÄÖÜ]{2,}\b/u);
      expect(text).not.toMatch(/versäumt|versagt|vergessen|schon wieder|endlich|immer noch nicht|failed|forgot|you still|finally/i);
    }
  });

  it.each(LANGUAGES)('%s: sender, amount and time left are always there', (language) => {
    for (const [lang, kind, state, severity, variant] of all.filter(([l]) => l === language)) {
      const dueFacts = dueOf(kind, state);
      const { title, body } = message({ kind, ...dueFacts }, { language: lang, severity, variant });
      const text = `${title} ${body}`;
      expect(title).toContain('Telekom');
      expect(title).toContain(lang === 'de' ? '89,99 €' : '€89.99');
      if (kind === 'appointment' && state === 'passed') {
        expect(title).toContain(lang === 'de' ? 'war gestern um 10:00' : 'was yesterday at 10:00');
      } else {
        expect(text).toContain(timeLeft(dueFacts.dueAt, dueFacts.dueIsDate, now, zone, lang));
      }
    }
  });
});

describe('discreet', () => {
  it.each(LANGUAGES.flatMap((language) => KINDS.flatMap((kind) => (['ahead', 'passed'] as const).map((state) => [language, kind, state] as const))))('%s %s %s says only that something is waiting', (language, kind, state) => {
    const sent = message({ kind, title: 'Mahnung Inkasso Müller', ...dueOf(kind, state) }, { language, severity: 'critical', discreet: true });
    expect(sent).toEqual({ title: 'Workmate', body: language === 'de' ? 'Workmate: 1 Sache braucht dich' : 'Workmate: 1 thing needs you' });
    expect(JSON.stringify(sent)).not.toMatch(/Telekom|Inkasso|89|€|Vertrag|contract|morgen|tomorrow/);
  });

  it.each([
    ['de', 1, 'Workmate: 1 Sache braucht dich'],
    ['de', 3, 'Workmate: 3 Sachen brauchen dich'],
    ['en', 1, 'Workmate: 1 thing needs you'],
    ['en', 8, 'Workmate: 8 things need you'],
  ] as const)('digest %s with %i', (language, count, body) => {
    const tasks = Array.from({ length: count }, (_, i) => ({ task: task({ id: `t${i}`, title: `Mahnung ${i}` }), severity: 'urgent' as const }));
    for (const reason of ['quiet_hours', 'catch_up'] as const) {
      expect(digestMessage({ tasks, now, zone, language, discreet: true, reason })).toEqual({ title: 'Workmate', body });
    }
  });
});

describe('digest', () => {
  const eight: { task: MessageTask; severity: ReminderSeverity }[] = [
    { task: task({ id: 'a', sender: 'Stadtwerke', amountMinor: 4_500, dueAt: day('2026-12-03') }), severity: 'info' },
    { task: task({ id: 'b', sender: 'Telekom', amountMinor: 8_999, dueAt: day('2026-11-27') }), severity: 'urgent' },
    { task: task({ id: 'c', kind: 'appointment', sender: 'Zahnarzt', amountMinor: null, dueAt: at('2026-11-25T10:00'), dueIsDate: false }), severity: 'critical' },
    { task: task({ id: 'd', kind: 'contract', sender: 'Vodafone', amountMinor: null, dueAt: day('2026-11-30') }), severity: 'warning' },
    { task: task({ id: 'e', kind: 'general', title: 'Reisepass verlängern', sender: null, amountMinor: null, dueAt: day('2026-11-24') }), severity: 'critical' },
    { task: task({ id: 'f', sender: 'Acme', amountMinor: 125_000, currency: 'USD', dueAt: day('2026-12-10') }), severity: 'info' },
    { task: task({ id: 'g', sender: 'GEZ', amountMinor: 5_508, dueAt: day('2026-12-15') }), severity: 'info' },
    { task: task({ id: 'h', kind: 'appointment', sender: 'Bürgeramt', amountMinor: null, dueAt: at('2026-11-26T14:00'), dueIsDate: false }), severity: 'urgent' },
  ];
  const morning = at('2026-11-26T07:30');

  it.each([
    ['de', 'catch_up', 1, 'Während ich weg war, wurde 1 Sache fällig', '• Stadtwerke: 45,00 € – noch 7 Tage'],
    ['en', 'catch_up', 1, 'While I was away, 1 thing became due', '• Stadtwerke: €45.00 – in 7 days'],
    ['de', 'quiet_hours', 1, 'Guten Morgen – 1 Erinnerung von heute Nacht', '• Stadtwerke: 45,00 € – noch 7 Tage'],
    ['en', 'quiet_hours', 1, 'Good morning – 1 reminder from overnight', '• Stadtwerke: €45.00 – in 7 days'],
    ['de', 'catch_up', 3, 'Während ich weg war, wurden 3 Sachen fällig', '• Zahnarzt – gestern um 10:00\n• Telekom: 89,99 € – morgen\n• Stadtwerke: 45,00 € – noch 7 Tage'],
    ['en', 'catch_up', 3, 'While I was away, 3 things became due', '• Zahnarzt – yesterday at 10:00\n• Telekom: €89.99 – tomorrow\n• Stadtwerke: €45.00 – in 7 days'],
    ['de', 'quiet_hours', 3, 'Guten Morgen – 3 Erinnerungen von heute Nacht', '• Zahnarzt – gestern um 10:00\n• Telekom: 89,99 € – morgen\n• Stadtwerke: 45,00 € – noch 7 Tage'],
    ['en', 'quiet_hours', 3, 'Good morning – 3 reminders from overnight', '• Zahnarzt – yesterday at 10:00\n• Telekom: €89.99 – tomorrow\n• Stadtwerke: €45.00 – in 7 days'],
    [
      'de', 'catch_up', 8, 'Während ich weg war, wurden 8 Sachen fällig',
      '• Reisepass verlängern – seit 2 Tagen fällig\n• Zahnarzt – gestern um 10:00\n• Bürgeramt – heute um 14:00\n• Telekom: 89,99 € – morgen\n• Vodafone-Vertrag – noch 4 Tage\nund 3 weitere',
    ],
    [
      'en', 'quiet_hours', 8, 'Good morning – 8 reminders from overnight',
      '• Reisepass verlängern – 2 days overdue\n• Zahnarzt – yesterday at 10:00\n• Bürgeramt – today at 14:00\n• Telekom: €89.99 – tomorrow\n• Vodafone contract – in 4 days\nand 3 more',
    ],
    [
      'de', 'quiet_hours', 8, 'Guten Morgen – 8 Erinnerungen von heute Nacht',
      '• Reisepass verlängern – seit 2 Tagen fällig\n• Zahnarzt – gestern um 10:00\n• Bürgeramt – heute um 14:00\n• Telekom: 89,99 € – morgen\n• Vodafone-Vertrag – noch 4 Tage\nund 3 weitere',
    ],
    [
      'en', 'catch_up', 8, 'While I was away, 8 things became due',
      '• Reisepass verlängern – 2 days overdue\n• Zahnarzt – yesterday at 10:00\n• Bürgeramt – today at 14:00\n• Telekom: €89.99 – tomorrow\n• Vodafone contract – in 4 days\nand 3 more',
    ],
  ] as const)('%s %s with %i: most pressing first', (language, reason, count, title, body) => {
    // The first three in this order: one plain, then a critical and an urgent one that must move up.
    const tasks = count === 3 ? [eight[0]!, eight[1]!, eight[2]!] : eight.slice(0, count);
    expect(digestMessage({ tasks, now: morning, zone, language, discreet: false, reason })).toEqual({ title, body });
  });

  it.each([
    ['de', '2026-11-26T07:30', zone, 'Guten Morgen – 2 Erinnerungen von heute Nacht'],
    ['de', '2026-11-26T13:00', zone, '2 Erinnerungen aus der Ruhezeit'],
    ['en', '2026-11-26T13:00', zone, '2 reminders from your quiet hours'],
    // 07:30 in Berlin is 01:30 in New York: not a morning yet.
    ['en', '2026-11-26T07:30', 'America/New_York', '2 reminders from your quiet hours'],
  ] as const)('%s quiet hours ending %s Berlin time, user in %s', (language, berlin, inZone, title) => {
    expect(digestMessage({ tasks: eight.slice(0, 2), now: at(berlin), zone: inZone, language, discreet: false, reason: 'quiet_hours' }).title).toBe(title);
  });

  it('lists no more than five and counts the rest', () => {
    const tasks = Array.from({ length: 12 }, (_, i) => ({ task: task({ id: `t${i}`, sender: `Absender ${i}` }), severity: 'info' as const }));
    const { body } = digestMessage({ tasks, now, zone, language: 'de', discreet: false, reason: 'catch_up' });
    expect(body.split('\n')).toHaveLength(6);
    expect(body.endsWith('\nund 7 weitere')).toBe(true);
  });
});

describe('length limits', () => {
  const longTitle = 'Nebenkostenabrechnung für die Wohnung in der Musterstraße mit Nachzahlung '.repeat(5).slice(0, 300);
  const oneWord = 'x'.repeat(300);

  it.each(LANGUAGES.flatMap((language) => KINDS.map((kind) => [language, kind] as const)))('%s %s: a 300-character title is cut on a word, the facts stay', (language, kind) => {
    expect(longTitle).toHaveLength(300);
    const { title, body } = message({ kind, sender: null, title: longTitle }, { language, severity: 'critical' });
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title.length).toBeGreaterThan(TITLE_MAX - 25);
    expect(body.length).toBeLessThanOrEqual(BODY_MAX);
    const kept = title.slice(0, title.indexOf('…'));
    expect(longTitle.startsWith(kept)).toBe(true);
    expect(longTitle[kept.length]).toBe(' ');
    expect(title).toContain(language === 'de' ? '89,99 €' : '€89.99');
    expect(title).toMatch(language === 'de' ? /morgen/ : /tomorrow/);
  });

  it('a title of one long word is cut inside the word', () => {
    const { title } = message({ sender: null, title: oneWord });
    expect(title).toBe(`${'x'.repeat(TITLE_MAX - ' 89,99 € sind morgen fällig'.length - 2)}…: 89,99 € sind morgen fällig`);
  });

  it('a digest of eight long titles and huge amounts stays within the body limit and still counts the rest', () => {
    const tasks = Array.from({ length: 8 }, (_, i) => ({ task: task({ id: `t${i}`, sender: null, title: `${i} ${longTitle}`, amountMinor: 900_000_000_000_000, dueAt: day('2026-10-01') }), severity: 'critical' as const }));
    for (const language of LANGUAGES) {
      const { title, body } = digestMessage({ tasks, now, zone, language, discreet: false, reason: 'catch_up' });
      expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(body.length).toBeLessThanOrEqual(BODY_MAX);
      expect(body).toMatch(language === 'de' ? /\nund 3 weitere$/ : /\nand 3 more$/);
      expect(body).toContain(language === 'de' ? '9.000.000.000.000,00 €' : '€9,000,000,000,000.00');
    }
  });

  it.each([
    ['short enough', 'kurz', 10, 'kurz'],
    ['exactly at the limit', 'eins zwei', 9, 'eins zwei'],
    ['on a word boundary', 'eins zwei drei vier', 12, 'eins zwei…'],
    ['without a trailing dash', 'eins zwei – drei vier', 13, 'eins zwei…'],
    ['a long word inside', 'a'.repeat(20), 10, `${'a'.repeat(9)}…`],
    ['never half an emoji', `${'a'.repeat(8)}😀 rest`, 10, `${'a'.repeat(8)}…`],
  ])('clip: %s', (_name, text, max, expected) => {
    const clipped = clip(text, max);
    expect(clipped).toBe(expected);
    expect(clipped.length).toBeLessThanOrEqual(max);
  });
});

describe('action labels', () => {
  it.each([
    ['de', { done: 'Erledigt', snooze: 'Später', open: 'Öffnen' }],
    ['en', { done: 'Done', snooze: 'Later', open: 'Open' }],
  ] as const)('%s', (language, labels) => {
    expect(actionLabels(language)).toEqual(labels);
  });
});
