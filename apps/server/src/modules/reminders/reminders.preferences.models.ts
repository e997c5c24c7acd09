/**
 * A user's reminder settings (`users.notification_preferences`): the stored JSON, its schema, its
 * defaults and the parsed form the schedule reads. Every field is optional; what is missing comes
 * from the defaults, nested objects merge field by field (`{ "quiet_hours": { "start": "23:00" } }`
 * keeps quiet hours on and ending at 07:00). The seed's structure (`channels`, `quiet_hours`,
 * `reminder_frequency` with `urgent: "multiple"`, `critical: "hourly"`) stays valid.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { NOTIFICATION_CHANNELS, REMINDER_SEVERITIES, type NotificationChannel, type ReminderSeverity } from '../../db/schema.ts';
import { isValidTimeZone } from '../../shared/dates/deadlines.ts';
import { invalidPreferences } from './reminders.errors.ts';

export const INFO_FREQUENCIES = ['once', 'off'] as const;
export const WARNING_FREQUENCIES = ['daily', 'every_other_day', 'twice_daily', 'off'] as const;
export const URGENT_FREQUENCIES = ['multiple', 'twice', 'once', 'hourly', 'off'] as const;
export const CRITICAL_FREQUENCIES = ['hourly', 'three_times_daily', 'daily', 'off'] as const;

export interface StageFrequencies {
  info: (typeof INFO_FREQUENCIES)[number];
  warning: (typeof WARNING_FREQUENCIES)[number];
  urgent: (typeof URGENT_FREQUENCIES)[number];
  critical: (typeof CRITICAL_FREQUENCIES)[number];
}

export interface ReminderPreferences {
  /** IANA zone of the user: every wall-clock time below is read in it. */
  zone: string;
  /** `start`..`end` local, end excluded; crosses midnight when start > end. */
  quietHours: { enabled: boolean; start: string; end: string; allowCriticalAlerts: boolean };
  /** The window of "hourly" firings, both ends included. */
  wakingHours: { start: string; end: string };
  /** The user's on/off per channel; `in_app` is always on. */
  channels: Record<NotificationChannel, boolean>;
  /** Which channels each severity uses, before the on/off above and the configured integrations. */
  channelsBySeverity: Record<ReminderSeverity, NotificationChannel[]>;
  stages: Record<ReminderSeverity, boolean>;
  frequency: StageFrequencies;
  /** Where an undelivered reminder goes next: the user's order, then the rest of DEFAULT_FALLBACK_ORDER. */
  fallbackOrder: NotificationChannel[];
}

/** The order in which a delivery that did not get through falls through to the user's other channels. */
export const DEFAULT_FALLBACK_ORDER: readonly NotificationChannel[] = ['push', 'email', 'telegram', 'signal', 'whatsapp', 'discord', 'sms', 'smart_home'];

/** Messenger channels: when one is set up it joins push at every stage where the user has push. */
const CHAT_CHANNELS: readonly NotificationChannel[] = ['telegram', 'signal', 'whatsapp', 'discord'];

/**
 * The stored preferences after the user set up a channel: setting it up is saying "use it", so it
 * is switched on; a messenger also joins each stage's channels next to push (the default ladder
 * names only push, e-mail, SMS and smart home). Everything else stays as stored; the result is
 * what the user then sees in their settings and can change.
 */
export function withChannelSetUp(stored: Record<string, unknown>, channel: NotificationChannel): Record<string, unknown> {
  if (channel === 'in_app') return stored;
  const value = stored as NotificationPreferences;
  const next: NotificationPreferences = { ...value, channels: { ...value.channels, [channel]: true } };
  if (CHAT_CHANNELS.includes(channel)) {
    const lists = { ...DEFAULT_NOTIFICATION_PREFERENCES.channels_by_severity, ...value.channels_by_severity };
    next.channels_by_severity = Object.fromEntries(
      REMINDER_SEVERITIES.map((severity) => {
        const list = lists[severity] ?? [];
        return [severity, list.includes('push') && !list.includes(channel) ? [...list, channel] : [...list]];
      }),
    );
  }
  return next;
}

const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';
const Time = (description: string) => Type.String({ pattern: TIME_PATTERN, description: `${description} Local time HH:MM (00:00-23:59).` });
const Channel = Type.Enum([...NOTIFICATION_CHANNELS]);
const ChannelList = (severity: ReminderSeverity) =>
  Type.Optional(Type.Array(Channel, { uniqueItems: true, description: `Channels for ${severity} reminders (in_app is always added).` }));
const OnOff = Type.Optional(Type.Boolean());
const channelSwitches = {
  in_app: Type.Optional(Type.Literal(true, { description: 'Always on.' })),
  push: OnOff,
  email: OnOff,
  sms: OnOff,
  telegram: OnOff,
  whatsapp: OnOff,
  discord: OnOff,
  signal: OnOff,
  smart_home: OnOff,
} satisfies Record<NotificationChannel, unknown>;

export const NotificationPreferencesSchema = Type.Object(
  {
    channels: Type.Optional(Type.Object(channelSwitches, { additionalProperties: false, description: 'On/off per channel; a channel also needs a working integration.' })),
    channels_by_severity: Type.Optional(
      Type.Object(
        { info: ChannelList('info'), warning: ChannelList('warning'), urgent: ChannelList('urgent'), critical: ChannelList('critical') },
        { additionalProperties: false, description: 'Overrides the channels of a severity (default: info push; warning push, email; urgent + sms; critical + smart_home).' },
      ),
    ),
    quiet_hours: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          start: Type.Optional(Time('Quiet hours begin (included).')),
          end: Type.Optional(Time('Quiet hours end (excluded); before start means across midnight.')),
          allow_critical_alerts: Type.Optional(
            Type.Boolean({ description: 'Critical reminders go out during quiet hours as usual, SMS and smart home included. Default false: at most one per night, in_app/push/email only.' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    waking_hours: Type.Optional(
      Type.Object(
        { start: Type.Optional(Time('First hourly firing.')), end: Type.Optional(Time('Last hourly firing (included); after start.')) },
        { additionalProperties: false, description: 'The window of hourly reminders (default 09:00-21:00).' },
      ),
    ),
    stages: Type.Optional(
      Type.Object(
        { info: OnOff, warning: OnOff, urgent: OnOff, critical: OnOff },
        { additionalProperties: false, description: 'Turns a whole stage on or off.' },
      ),
    ),
    fallback_order: Type.Optional(
      Type.Array(Type.Enum(DEFAULT_FALLBACK_ORDER), {
        uniqueItems: true,
        description: `Where a reminder goes when a channel could not deliver it within 10 minutes: your channels in this order; channels left out follow in the default order (${DEFAULT_FALLBACK_ORDER.join(', ')}).`,
      }),
    ),
    reminder_frequency: Type.Optional(
      Type.Object(
        {
          info: Type.Optional(Type.Enum([...INFO_FREQUENCIES])),
          warning: Type.Optional(Type.Enum([...WARNING_FREQUENCIES])),
          urgent: Type.Optional(Type.Enum([...URGENT_FREQUENCIES], { description: 'multiple = 09:00, 13:00, 17:00, 20:00; twice = 09:00, 17:00; once = 09:00; hourly = waking hours.' })),
          critical: Type.Optional(Type.Enum([...CRITICAL_FREQUENCIES], { description: 'hourly = due day and first overdue day hourly, then 3x a day, after 7 days daily.' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>;

/** The stored form with every field present. */
export type CompleteNotificationPreferences = { [K in keyof NotificationPreferences]-?: Required<NonNullable<NotificationPreferences[K]>> };

export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<CompleteNotificationPreferences> = {
  channels: { in_app: true, push: true, email: true, sms: false, telegram: false, whatsapp: false, discord: false, signal: false, smart_home: false },
  channels_by_severity: { info: ['push'], warning: ['push', 'email'], urgent: ['push', 'email', 'sms'], critical: ['push', 'email', 'sms', 'smart_home'] },
  quiet_hours: { enabled: true, start: '22:00', end: '07:00', allow_critical_alerts: false },
  waking_hours: { start: '09:00', end: '21:00' },
  stages: { info: true, warning: true, urgent: true, critical: true },
  reminder_frequency: { info: 'once', warning: 'daily', urgent: 'multiple', critical: 'hourly' },
  fallback_order: [...DEFAULT_FALLBACK_ORDER],
};

/**
 * The preferences in effect: what the user stored over the defaults, every field present. `in_app`
 * is always on; channels left out of `fallback_order` follow in the default order.
 */
export function effectiveNotificationPreferences(stored: NotificationPreferences): CompleteNotificationPreferences {
  const defaults = DEFAULT_NOTIFICATION_PREFERENCES;
  const bySeverity = { ...defaults.channels_by_severity, ...stored.channels_by_severity };
  return {
    channels: { ...defaults.channels, ...stored.channels, in_app: true },
    channels_by_severity: Object.fromEntries(REMINDER_SEVERITIES.map((severity) => [severity, [...bySeverity[severity]]])) as CompleteNotificationPreferences['channels_by_severity'],
    quiet_hours: { ...defaults.quiet_hours, ...stored.quiet_hours },
    waking_hours: { ...defaults.waking_hours, ...stored.waking_hours },
    stages: { ...defaults.stages, ...stored.stages },
    reminder_frequency: { ...defaults.reminder_frequency, ...stored.reminder_frequency },
    fallback_order: [...new Set([...(stored.fallback_order ?? []), ...DEFAULT_FALLBACK_ORDER])],
  };
}

/** The same structure with every field required: what `effectiveNotificationPreferences` answers (for the API's schema). */
export const EffectiveNotificationPreferencesSchema = Type.Unsafe<CompleteNotificationPreferences>({
  ...everyFieldRequired(NotificationPreferencesSchema),
  description: 'The preferences in effect: what you stored (notification_preferences) over the defaults, every field present.',
});

function everyFieldRequired(schema: unknown): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.type === 'object' && object.properties && typeof object.properties === 'object') {
      object.required = Object.keys(object.properties);
      for (const child of Object.values(object.properties)) visit(child);
    }
    if (object.items) visit(object.items);
  };
  visit(plain);
  return plain;
}

/** Merges the stored preferences over the defaults; throws `reminders.invalid_preferences` naming every bad field. */
export function parseNotificationPreferences(raw: unknown, zone: string): ReminderPreferences {
  const stored = raw ?? {};
  const problems = Value.Check(NotificationPreferencesSchema, stored) ? [] : describeErrors(stored);
  if (!isValidTimeZone(zone)) problems.push({ field: 'timezone', message: `unknown time zone "${zone}"` });
  if (problems.length > 0) throw invalid(problems);
  const complete = effectiveNotificationPreferences(stored as NotificationPreferences);
  const { quiet_hours: quiet, waking_hours: waking } = complete;
  if (quiet.start === quiet.end) problems.push({ field: 'quiet_hours.end', message: `must differ from quiet_hours.start (${quiet.start})` });
  if (waking.end <= waking.start) problems.push({ field: 'waking_hours.end', message: `must be after waking_hours.start (${waking.start}), got "${waking.end}"` });
  if (problems.length > 0) throw invalid(problems);
  return {
    zone,
    quietHours: { enabled: quiet.enabled, start: quiet.start, end: quiet.end, allowCriticalAlerts: quiet.allow_critical_alerts },
    wakingHours: waking,
    channels: complete.channels,
    channelsBySeverity: complete.channels_by_severity as Record<ReminderSeverity, NotificationChannel[]>,
    stages: complete.stages,
    frequency: complete.reminder_frequency,
    fallbackOrder: complete.fallback_order,
  };
}

interface Problem {
  field: string;
  message: string;
}

function invalid(problems: Problem[]) {
  return invalidPreferences({
    message: `Invalid notification preferences: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`,
    details: { problems },
  });
}

function describeErrors(value: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const error of Value.Errors(NotificationPreferencesSchema, value)) {
    const field = fieldName(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'boolean') continue; // the additionalProperties error below names the same field
    if (error.keyword === 'additionalProperties') {
      for (const name of (params.additionalProperties as string[] | undefined) ?? []) {
        problems.push({ field: field ? `${field}.${name}` : name, message: field === 'channels' ? 'is not a known channel' : 'is not a known field' });
      }
      continue;
    }
    const got = ` (got ${JSON.stringify(valueAt(value, error.instancePath))})`;
    if (error.keyword === 'pattern') problems.push({ field, message: `must be a time HH:MM between 00:00 and 23:59${got}` });
    else if (error.keyword === 'enum') problems.push({ field, message: `must be one of ${(params.allowedValues as string[]).join(', ')}${got}` });
    else if (error.keyword === 'const') problems.push({ field, message: `must be ${JSON.stringify(params.allowedValue)}${got}` });
    else problems.push({ field: field || '(root)', message: `${error.message}${got}` });
  }
  return problems;
}

/** `/channels_by_severity/urgent/0` -> `channels_by_severity.urgent[0]` */
function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function valueAt(value: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((current, part) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined), value);
}
