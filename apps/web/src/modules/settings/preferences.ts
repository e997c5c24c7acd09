/**
 * The user's notification preferences as the settings show them: what is stored, over the server's
 * defaults (apps/server/src/modules/reminders/reminders.preferences.models.ts). The API answers only
 * what was stored, so the defaults are repeated here; change them together.
 */
import type { Me } from '../../shared/session/session.tsx';
import type { Channel, Severity } from '../notifications/notifications.messages.ts';

export type Preferences = Me['notification_preferences'];
export type OptionalChannel = Exclude<Channel, 'in_app'>;

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'urgent', 'critical'];
export const OPTIONAL_CHANNELS: readonly OptionalChannel[] = ['push', 'email', 'telegram', 'signal', 'whatsapp', 'discord', 'sms', 'smart_home'];

export const FREQUENCIES = {
  info: ['once', 'off'],
  warning: ['daily', 'every_other_day', 'twice_daily', 'off'],
  urgent: ['multiple', 'twice', 'once', 'hourly', 'off'],
  critical: ['hourly', 'three_times_daily', 'daily', 'off'],
} as const satisfies Record<Severity, readonly string[]>;

export type Frequencies = { [S in Severity]: (typeof FREQUENCIES)[S][number] };

export const DEFAULT_PREFERENCES = {
  channels: { in_app: true, push: true, email: true, sms: false, telegram: false, whatsapp: false, discord: false, signal: false, smart_home: false } as Record<Channel, boolean>,
  channels_by_severity: { info: ['push'], warning: ['push', 'email'], urgent: ['push', 'email', 'sms'], critical: ['push', 'email', 'sms', 'smart_home'] } as Record<Severity, Channel[]>,
  quiet_hours: { enabled: true, start: '22:00', end: '07:00', allow_critical_alerts: false },
  reminder_frequency: { info: 'once', warning: 'daily', urgent: 'multiple', critical: 'hourly' } as Frequencies,
};

export function channelsOn(preferences: Preferences): Record<Channel, boolean> {
  return { ...DEFAULT_PREFERENCES.channels, ...preferences.channels, in_app: true };
}

export function channelsBySeverity(preferences: Preferences): Record<Severity, Channel[]> {
  const stored = preferences.channels_by_severity ?? {};
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, [...(stored[severity] ?? DEFAULT_PREFERENCES.channels_by_severity[severity])]])) as Record<Severity, Channel[]>;
}

export function quietHours(preferences: Preferences) {
  return { ...DEFAULT_PREFERENCES.quiet_hours, ...preferences.quiet_hours };
}

export function frequencies(preferences: Preferences): Frequencies {
  return { ...DEFAULT_PREFERENCES.reminder_frequency, ...preferences.reminder_frequency };
}
