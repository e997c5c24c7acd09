import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { NOTIFICATION_CHANNELS } from '../../db/schema.ts';
import { AppError } from '../../shared/errors/errors.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES, effectiveNotificationPreferences, EffectiveNotificationPreferencesSchema, NotificationPreferencesSchema, parseNotificationPreferences, withChannelSetUp, type ReminderPreferences } from './reminders.preferences.models.ts';

const BERLIN = 'Europe/Berlin';
const SEED = {
  channels: { push: true, email: true, sms: false, telegram: false, smart_home: false },
  quiet_hours: { enabled: true, start: '22:00', end: '07:00' },
  reminder_frequency: { info: 'once', warning: 'daily', urgent: 'multiple', critical: 'hourly' },
};

describe('effectiveNotificationPreferences', () => {
  it('answers what the user stored over the defaults, every field present and valid by the complete schema', () => {
    const effective = effectiveNotificationPreferences({ channels: { sms: true }, quiet_hours: { start: '21:30' }, fallback_order: ['telegram'] });
    expect(effective.channels).toMatchObject({ sms: true, in_app: true, push: true });
    expect(effective.quiet_hours).toEqual({ ...DEFAULT_NOTIFICATION_PREFERENCES.quiet_hours, start: '21:30' });
    expect(effective.fallback_order[0]).toBe('telegram');
    expect(new Set(effective.fallback_order).size).toBe(effective.fallback_order.length);
    expect(Value.Check(EffectiveNotificationPreferencesSchema, effective)).toBe(true);
    // The complete schema requires every nested field: an answer with a gap is not one.
    const { quiet_hours: { end: _end, ...partialQuiet }, ...rest } = effective;
    expect(Value.Check(EffectiveNotificationPreferencesSchema, { ...rest, quiet_hours: partialQuiet })).toBe(false);
  });

  it('is what the reminder plans use', () => {
    const stored = { channels_by_severity: { warning: ['telegram' as const] }, reminder_frequency: { urgent: 'twice' as const } };
    const parsed = parseNotificationPreferences(stored, BERLIN);
    const effective = effectiveNotificationPreferences(stored);
    expect(parsed.channelsBySeverity).toEqual(effective.channels_by_severity);
    expect(parsed.frequency).toEqual(effective.reminder_frequency);
  });
});

describe('defaults', () => {
  it('fills everything for a fresh account', () => {
    expect(parseNotificationPreferences({}, BERLIN)).toEqual({
      zone: BERLIN,
      quietHours: { enabled: true, start: '22:00', end: '07:00', allowCriticalAlerts: false },
      wakingHours: { start: '09:00', end: '21:00' },
      channels: { in_app: true, push: true, email: true, sms: false, telegram: false, whatsapp: false, discord: false, signal: false, smart_home: false },
      channelsBySeverity: { info: ['push'], warning: ['push', 'email'], urgent: ['push', 'email', 'sms'], critical: ['push', 'email', 'sms', 'smart_home'] },
      stages: { info: true, warning: true, urgent: true, critical: true },
      frequency: { info: 'once', warning: 'daily', urgent: 'multiple', critical: 'hourly' },
      fallbackOrder: ['push', 'email', 'telegram', 'signal', 'whatsapp', 'discord', 'sms', 'smart_home'],
    } satisfies ReminderPreferences);
  });

  it('reads a missing column (null) as the defaults', () => {
    expect(parseNotificationPreferences(null, BERLIN)).toEqual(parseNotificationPreferences({}, BERLIN));
  });

  it('keeps the seed structure valid', () => {
    expect(parseNotificationPreferences(SEED, BERLIN)).toEqual(parseNotificationPreferences({}, BERLIN));
  });

  it('stores defaults that pass their own schema and name every channel', () => {
    expect(Value.Check(NotificationPreferencesSchema, DEFAULT_NOTIFICATION_PREFERENCES)).toBe(true);
    expect(Object.keys(DEFAULT_NOTIFICATION_PREFERENCES.channels).sort()).toEqual([...NOTIFICATION_CHANNELS].sort());
  });

  it('hands out copies, so changing one result does not change the next', () => {
    parseNotificationPreferences({}, BERLIN).channelsBySeverity.info.push('sms');
    expect(parseNotificationPreferences({}, BERLIN).channelsBySeverity.info).toEqual(['push']);
  });
});

describe('overrides merge field by field', () => {
  it.each<[string, unknown, (parsed: ReminderPreferences) => unknown, unknown]>([
    ['quiet hours start only', { quiet_hours: { start: '23:30' } }, (p) => p.quietHours, { enabled: true, start: '23:30', end: '07:00', allowCriticalAlerts: false }],
    ['critical alerts in quiet hours', { quiet_hours: { allow_critical_alerts: true } }, (p) => p.quietHours.allowCriticalAlerts, true],
    ['quiet hours off', { quiet_hours: { enabled: false } }, (p) => p.quietHours.enabled, false],
    ['waking hours', { waking_hours: { start: '08:00' } }, (p) => p.wakingHours, { start: '08:00', end: '21:00' }],
    ['one channel on', { channels: { sms: true } }, (p) => [p.channels.sms, p.channels.push], [true, true]],
    ['one severity\'s channels', { channels_by_severity: { warning: ['telegram'] } }, (p) => [p.channelsBySeverity.warning, p.channelsBySeverity.urgent], [['telegram'], ['push', 'email', 'sms']]],
    ['a stage off', { stages: { info: false } }, (p) => p.stages, { info: false, warning: true, urgent: true, critical: true }],
    ['one frequency', { reminder_frequency: { warning: 'every_other_day' } }, (p) => p.frequency, { info: 'once', warning: 'every_other_day', urgent: 'multiple', critical: 'hourly' }],
    ['a fall-through order, the rest following in the default order', { fallback_order: ['telegram', 'sms'] }, (p) => p.fallbackOrder, ['telegram', 'sms', 'push', 'email', 'signal', 'whatsapp', 'discord', 'smart_home']],
  ])('%s', (_label, raw, pick, expected) => {
    expect(pick(parseNotificationPreferences(raw, BERLIN))).toEqual(expected);
  });
});

describe('invalid preferences are rejected naming the field', () => {
  it.each<[string, unknown, string]>([
    ['a time without leading zero', { quiet_hours: { start: '7:00' } }, 'quiet_hours.start must be a time HH:MM'],
    ['an hour that does not exist', { waking_hours: { end: '24:00' } }, 'waking_hours.end must be a time HH:MM'],
    ['an unknown channel', { channels: { fax: true } }, 'channels.fax is not a known channel'],
    ['an unknown channel for a severity', { channels_by_severity: { urgent: ['push', 'fax'] } }, 'channels_by_severity.urgent[1] must be one of in_app, push'],
    ['a channel twice', { channels_by_severity: { info: ['push', 'push'] } }, 'channels_by_severity.info must not have duplicate items'],
    ['in-app turned off', { channels: { in_app: false } }, 'channels.in_app must be true'],
    ['an unknown frequency', { reminder_frequency: { warning: 'weekly' } }, 'reminder_frequency.warning must be one of daily, every_other_day, twice_daily, off (got "weekly")'],
    ['a frequency of another stage', { reminder_frequency: { info: 'daily' } }, 'reminder_frequency.info must be one of once, off'],
    ['a switch that is not a boolean', { stages: { urgent: 'no' } }, 'stages.urgent'],
    ['an unknown field', { digest: true }, 'digest is not a known field'],
    ['an unknown stage', { stages: { reminder: true } }, 'stages.reminder is not a known field'],
    ['quiet hours that start where they end', { quiet_hours: { start: '07:00' } }, 'quiet_hours.end must differ from quiet_hours.start'],
    ['waking hours that end before they start', { waking_hours: { start: '21:00', end: '08:00' } }, 'waking_hours.end must be after waking_hours.start (21:00)'],
    ['in-app in the fall-through order (it always has everything)', { fallback_order: ['in_app', 'sms'] }, 'fallback_order[0] must be one of push, email'],
    ['a channel twice in the fall-through order', { fallback_order: ['sms', 'sms'] }, 'fallback_order must not have duplicate items'],
    ['not an object', 'loud', '(root) must be object'],
  ])('%s', (_label, raw, message) => {
    const error = caught(() => parseNotificationPreferences(raw, BERLIN));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('reminders.invalid_preferences');
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toContain(message);
  });

  it('names every bad field at once, with the details for the client', () => {
    const error = caught(() => parseNotificationPreferences({ quiet_hours: { end: '7' }, channels: { pager: true } }, BERLIN)) as AppError;
    expect(error.details).toEqual({
      problems: [
        { field: 'channels.pager', message: 'is not a known channel' },
        { field: 'quiet_hours.end', message: 'must be a time HH:MM between 00:00 and 23:59 (got "7")' },
      ],
    });
  });

  it('rejects an unknown time zone', () => {
    expect((caught(() => parseNotificationPreferences({}, 'Europe/Atlantis')) as AppError).message).toContain('timezone unknown time zone "Europe/Atlantis"');
  });
});

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('withChannelSetUp', () => {
  it('switches a channel on and leaves the rest as stored', () => {
    const stored = { quiet_hours: { start: '23:00' }, channels: { push: false } };
    expect(withChannelSetUp(stored, 'sms')).toEqual({ quiet_hours: { start: '23:00' }, channels: { push: false, sms: true } });
  });

  it('puts a messenger next to push at every stage that has push, and nowhere else', () => {
    const stored = { channels_by_severity: { info: ['email'] } };
    const next = parseNotificationPreferences(withChannelSetUp(stored, 'telegram'), BERLIN);
    expect(next.channels.telegram).toBe(true);
    expect(next.channelsBySeverity).toEqual({ info: ['email'], warning: ['push', 'email', 'telegram'], urgent: ['push', 'email', 'sms', 'telegram'], critical: ['push', 'email', 'sms', 'smart_home', 'telegram'] });
  });

  it('is idempotent: setting the same messenger up twice lists it once', () => {
    const once = withChannelSetUp({}, 'signal');
    expect(withChannelSetUp(once, 'signal')).toEqual(once);
  });

  it('changes nothing for in-app, which is always on', () => {
    const stored = { stages: { info: false } };
    expect(withChannelSetUp(stored, 'in_app')).toBe(stored);
  });
});
