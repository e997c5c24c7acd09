/**
 * The pure part of the ntfy driver: settings schemas, where to publish, and the JSON message
 * (https://docs.ntfy.sh/publish/#publish-as-json) built from a channel message. No I/O, no clock.
 *
 * Why JSON publishing and not `POST /<topic>` with X-Title and friends: HTTP header values are
 * Latin-1 at best, and a title such as "Telekom: 89,99 € fällig" would need RFC 2047 encoding that
 * not every ntfy version or proxy keeps intact. In a JSON body every text is plain UTF-8.
 */
import { createHash } from 'node:crypto';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import type { ReminderSeverity } from '../../../../db/schema.ts';
import type { ChannelMessage, MessageAction } from '../../notifications.types.ts';
import { cutToFit } from '../push/push.models.ts';

export const DEFAULT_NTFY_SERVER = 'https://ntfy.sh';
/** ntfy's own rule for topic names (docs: "Picking a topic"). */
export const NTFY_TOPIC_PATTERN = '^[-_A-Za-z0-9]{1,64}$';
/** http(s), a host without user name or password, an optional port and path (a server behind a reverse proxy at /ntfy); no query or fragment. */
export const NTFY_SERVER_URL_PATTERN = String.raw`^https?://[^/?#@\s\\]+(/[^\s?#\\]*)?$`;

export const NtfyConfig = Type.Object(
  {
    server_url: Type.Optional(
      Type.String({
        pattern: NTFY_SERVER_URL_PATTERN,
        maxLength: 2048,
        default: DEFAULT_NTFY_SERVER,
        description: 'The ntfy server, default `https://ntfy.sh`; a self-hosted one such as `https://ntfy.example.org` (one on the LAN needs WORKMATE_ALLOW_PRIVATE_TARGETS).',
      }),
    ),
    topic: Type.String({
      pattern: NTFY_TOPIC_PATTERN,
      description: 'Topic to publish to: letters, digits, `-` and `_`, at most 64. On ntfy.sh anyone who knows the name can read it, so pick one that is hard to guess.',
    }),
  },
  { additionalProperties: false },
);
export type NtfyConfig = Static<typeof NtfyConfig>;

export const NtfyCredentials = Type.Object(
  {
    token: Type.Optional(
      Type.String({ pattern: '^[\\x21-\\x7e]{1,256}$', description: 'Access token (`tk_...`), sent as `Authorization: Bearer`. Leave empty for an open topic.' }),
    ),
    username: Type.Optional(Type.String({ pattern: '^[^:\\x00-\\x1f]{1,128}$', description: 'User name for Basic authentication (instead of a token).' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Password for Basic authentication; required with a user name.' })),
  },
  {
    additionalProperties: false,
    description: 'Nothing for an open topic; either a token, or a user name with a password.',
    dependentRequired: { username: ['password'], password: ['username'] },
    not: { required: ['token', 'username'] },
  },
);
export type NtfyCredentials = Static<typeof NtfyCredentials>;

export type NtfyPriority = 1 | 2 | 3 | 4 | 5;

export type NtfyAction =
  | { action: 'view'; label: string; url: string; clear?: boolean }
  | { action: 'http'; label: string; url: string; method: 'POST'; headers: Record<string, string>; clear: boolean };

/** The JSON body published to the server root (the fields of ntfy's JSON publishing that Workmate uses). */
export interface NtfyPublish {
  topic: string;
  title: string;
  message: string;
  priority: NtfyPriority;
  tags?: string[];
  click: string;
  actions: NtfyAction[];
  /** ntfy 2.16+ replaces an earlier notification with the same sequence id; older servers ignore it. */
  sequence_id: string;
}

/** ntfy shows at most three action buttons. */
const MAX_ACTIONS = 3;
/** ntfy turns a longer message into an attachment (default message-size-limit 4096 bytes). */
const MAX_MESSAGE_BYTES = 4000;
const MAX_TITLE_CHARS = 250;

/**
 * The priority a message gets. Quiet hours win over severity: a silent message is priority 2
 * ("low": no sound, no vibration, shown in the drawer), not 1 ("min": folded away under other
 * notifications, easy to miss even later). Otherwise info and warning are ntfy's default (3),
 * urgent is "high" (4, long vibration) and critical is "max" (5, pop-over).
 */
export function ntfyPriority(severity: ReminderSeverity, silent: boolean): NtfyPriority {
  if (silent) return 2;
  switch (severity) {
    case 'info':
    case 'warning':
      return 3;
    case 'urgent':
      return 4;
    case 'critical':
      return 5;
  }
}

/** Emoji tags (ntfy shows them before the title); none for info. */
function severityTags(severity: ReminderSeverity): string[] {
  switch (severity) {
    case 'info':
      return [];
    case 'warning':
      return ['bell'];
    case 'urgent':
      return ['warning'];
    case 'critical':
      return ['rotating_light'];
  }
}

/**
 * Done is an `http` action: ntfy's app POSTs to the signed action link, which does the action at
 * once (the action page takes POST /a/:token; a GET only shows a confirmation page, so link
 * previews never act), and the notification is cleared. The explicit form Content-Type keeps the
 * request a plain form POST whatever the client's default. Snooze and open are `view` actions: the
 * snooze page lets the user pick when (1 h, 3 h, tomorrow, next week), which one tap could not.
 */
export function ntfyAction(action: MessageAction): NtfyAction {
  if (action.kind === 'done') {
    return { action: 'http', label: action.label, url: action.url, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, clear: true };
  }
  return { action: 'view', label: action.label, url: action.url };
}

/**
 * The sequence id for a delivery: derived from the idempotency key (which names a reminder, so
 * it is hashed rather than sent), so a repeated delivery replaces the notification on servers
 * that support sequence ids instead of adding a second one.
 */
export function ntfySequenceId(idempotencyKey: string): string {
  return `wm-${createHash('sha256').update(idempotencyKey, 'utf8').digest('base64url').slice(0, 32)}`;
}

export function buildNtfyPublish(message: ChannelMessage, topic: string): NtfyPublish {
  // Discreet messages get no emoji: the severity is not the business of whoever sees the lock screen.
  const tags = message.discreet ? [] : severityTags(message.severity);
  return {
    topic,
    title: cutToFit(message.title, (title) => title.length <= MAX_TITLE_CHARS) ?? '',
    message: cutToFit(message.body, (body) => Buffer.byteLength(body, 'utf8') <= MAX_MESSAGE_BYTES) ?? '',
    priority: ntfyPriority(message.severity, message.silent),
    ...(tags.length > 0 ? { tags } : {}),
    click: message.url,
    actions: message.actions.slice(0, MAX_ACTIONS).map(ntfyAction),
    sequence_id: ntfySequenceId(message.idempotencyKey),
  };
}

/** The JSON publishing endpoint: the server root, whatever path prefix the server lives under. */
export function ntfyPublishUrl(serverUrl: string | undefined): string {
  return `${(serverUrl ?? DEFAULT_NTFY_SERVER).replace(/\/+$/, '')}/`;
}

/** The Authorization header for the credentials, if any. */
export function ntfyAuthorization(credentials: NtfyCredentials): string | undefined {
  if (credentials.token !== undefined) return `Bearer ${credentials.token}`;
  if (credentials.username !== undefined && credentials.password !== undefined) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  }
  return undefined;
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats a secret. */
export function ntfySettingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(NtfyConfig, config)) {
    const first = Value.Errors(NtfyConfig, config)[0];
    return `The ntfy settings are invalid at ${first?.instancePath || '/'}`;
  }
  if (!Value.Check(NtfyCredentials, credentials)) return 'The ntfy credentials must be either a token, or a user name with a password';
  return undefined;
}

/** The message id from ntfy's answer (`{"id":"sPs71M8A2T",...}`), when it looks like one. */
export function ntfyMessageId(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const id: unknown = (answer as { id?: unknown }).id;
  return typeof id === 'string' && /^[A-Za-z0-9]{1,32}$/.test(id) ? id : undefined;
}
