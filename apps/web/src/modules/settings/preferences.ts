/**
 * The vocabulary of the notification settings. What is in effect (the user's choices over the
 * server's defaults) comes from the server: `me.effective_notification_preferences`; a change is
 * sent as `notification_preferences` and merged there.
 */
import type { Channel, Severity } from '../notifications/notifications.messages.ts';

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
