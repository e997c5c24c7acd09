/**
 * The pure part of the Discord driver: settings schemas, the webhook URL read into id and token,
 * and the Execute Webhook body (https://discord.com/developers/docs/resources/webhook#execute-webhook)
 * built from a channel message. No I/O, no clock (the embed's time is passed in).
 *
 * The webhook URL is the secret: anyone holding it can post to the channel, so it lives in the
 * encrypted credentials as a whole, exactly as Discord's "Copy Webhook URL" gives it. The config
 * keeps what is not secret (the name shown as sender, a thread) and, for tests and API proxies
 * only, the API base the request goes to; the host of the pasted URL is never contacted itself.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import type { ReminderSeverity } from '../../../../db/schema.ts';
import type { ChannelMessage, MessageLanguage } from '../../notifications.types.ts';
import { cutToFit } from '../push/push.models.ts';

export const DEFAULT_DISCORD_API_BASE = 'https://discord.com/api/v10';
/** What Discord's "Copy Webhook URL" gives, on any of its hosts, with or without an API version. */
export const DISCORD_WEBHOOK_URL_PATTERN = String.raw`^https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api(?:/v[0-9]{1,2})?/webhooks/([0-9]{17,20})/([A-Za-z0-9._-]{20,200})/?$`;
const API_BASE_PATTERN = String.raw`^https?://[^/?#@\s\\]+(/[^\s?#\\]*)?$`;
const SNOWFLAKE = '^[0-9]{17,20}$';

export const DiscordConfig = Type.Object(
  {
    username: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 80,
        // Discord refuses names containing these (and "discord", "clyde"; checked by Discord itself).
        pattern: '^[^@#:`]+$',
        description: 'Name shown as the sender of the messages; default `Workmate`.',
      }),
    ),
    thread_id: Type.Optional(Type.String({ pattern: SNOWFLAKE, description: 'Post into this thread of the channel (required for forum channels).' })),
    api_base: Type.Optional(
      Type.String({
        pattern: API_BASE_PATTERN,
        maxLength: 2048,
        default: DEFAULT_DISCORD_API_BASE,
        description: 'Where the Discord API is; default `https://discord.com/api/v10`. Only for tests or an API proxy.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DiscordConfig = Static<typeof DiscordConfig>;

export const DiscordCredentials = Type.Object(
  {
    webhook_url: Type.String({
      pattern: DISCORD_WEBHOOK_URL_PATTERN,
      maxLength: 300,
      description: 'The webhook URL from the channel settings (Integrations, Webhooks, Copy Webhook URL): `https://discord.com/api/webhooks/<id>/<token>`. Secret: anyone with it can post.',
    }),
  },
  { additionalProperties: false },
);
export type DiscordCredentials = Static<typeof DiscordCredentials>;

export interface DiscordEmbed {
  title: string;
  description: string;
  url: string;
  color: number;
  fields?: { name: string; value: string; inline: boolean }[];
  footer: { text: string };
  timestamp: string;
}

/** The JSON body of Execute Webhook, as far as Workmate uses it. */
export interface DiscordWebhookBody {
  username: string;
  embeds: [DiscordEmbed];
  /** Nothing in a reminder may ping anyone (a title with "@everyone" stays text). */
  allowed_mentions: { parse: [] };
  /** 4096 = SUPPRESS_NOTIFICATIONS: posted without a push or sound (quiet hours). */
  flags?: number;
}

export const SUPPRESS_NOTIFICATIONS = 1 << 12;
/** Discord's embed limits. */
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 4096;

const SEVERITY_COLORS: Record<ReminderSeverity, number> = { info: 0x3b82f6, warning: 0xf59e0b, urgent: 0xea580c, critical: 0xdc2626 };
const SEVERITY_LABELS: Record<MessageLanguage, { field: string } & Record<ReminderSeverity, string>> = {
  de: { field: 'Stufe', info: 'Hinweis', warning: 'Erinnerung', urgent: 'Dringend', critical: 'Kritisch' },
  en: { field: 'Level', info: 'Info', warning: 'Reminder', urgent: 'Urgent', critical: 'Critical' },
};

export function severityColor(severity: ReminderSeverity): number {
  return SEVERITY_COLORS[severity];
}

/**
 * Backslash before what Discord's markdown reads (emphasis, code, spoilers, masked links, quotes;
 * headings and lists at the start of a line), so a body shows as written. Discord takes a
 * backslash before any punctuation as an escape.
 */
export function escapeDiscordMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, '\\$&')
    .replace(/^(\s*)([-+#])/gm, '$1\\$2')
    .replace(/^(\s*[0-9]+)\./gm, '$1\\.');
}

/** A URL inside a markdown link must not end the link early. */
function linkTarget(url: string): string {
  return url.replace(/[()\s<>]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * One embed: the title links to the task; the body, then the done/snooze links as markdown links
 * (a webhook that no application owns cannot send buttons); the colour and, unless discreet, a
 * field naming the level follow the severity.
 */
export function buildDiscordBody(message: ChannelMessage, options: { username?: string; sentAt: Date }): DiscordWebhookBody {
  const links = message.actions.map((action) => `[${escapeDiscordMarkdown(action.label)}](${linkTarget(action.url)})`).join(' · ');
  const suffix = links === '' ? '' : `\n\n${links}`;
  const body = cutToFit(message.body, (candidate) => escapeDiscordMarkdown(candidate).length + suffix.length <= MAX_DESCRIPTION) ?? '';
  const labels = SEVERITY_LABELS[message.language];
  return {
    username: options.username ?? 'Workmate',
    embeds: [
      {
        title: cutToFit(message.title, (title) => title.length <= MAX_TITLE) ?? '',
        description: `${escapeDiscordMarkdown(body)}${suffix}`,
        url: message.url,
        color: severityColor(message.severity),
        ...(message.discreet ? {} : { fields: [{ name: labels.field, value: labels[message.severity], inline: true }] }),
        footer: { text: 'Workmate' },
        timestamp: options.sentAt.toISOString(),
      },
    ],
    allowed_mentions: { parse: [] },
    ...(message.silent ? { flags: SUPPRESS_NOTIFICATIONS } : {}),
  };
}

/** Id and token from a webhook URL, or undefined when it is not one. */
export function parseDiscordWebhookUrl(url: string): { id: string; token: string } | undefined {
  const match = new RegExp(DISCORD_WEBHOOK_URL_PATTERN).exec(url);
  return match ? { id: match[1] as string, token: match[2] as string } : undefined;
}

/** Where the message goes: the webhook at the API base, waiting for the stored message (which carries its id). */
export function discordExecuteUrl(apiBase: string | undefined, webhook: { id: string; token: string }, threadId?: string): string {
  const base = (apiBase ?? DEFAULT_DISCORD_API_BASE).replace(/\/+$/, '');
  return `${base}/webhooks/${webhook.id}/${webhook.token}?wait=true${threadId === undefined ? '' : `&thread_id=${threadId}`}`;
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats the webhook URL. */
export function discordSettingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(DiscordConfig, config)) {
    const first = Value.Errors(DiscordConfig, config)[0];
    return `The Discord settings are invalid at ${first?.instancePath || '/'}`;
  }
  if (!Value.Check(DiscordCredentials, credentials)) return 'The Discord webhook URL is not one Discord gives (https://discord.com/api/webhooks/<id>/<token>)';
  return undefined;
}

/** Discord's error answers are `{"message": "...", "code": 10015}`; the numeric code is all that is read. */
export function discordErrorCode(answer: unknown): number | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const code: unknown = (answer as { code?: unknown }).code;
  return typeof code === 'number' && Number.isSafeInteger(code) ? code : undefined;
}

/** The stored message's id from a `?wait=true` answer, when it is a snowflake. */
export function discordMessageId(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const id: unknown = (answer as { id?: unknown }).id;
  return typeof id === 'string' && new RegExp(SNOWFLAKE).test(id) ? id : undefined;
}

/** A 429's `retry_after` (seconds, with decimals), as Discord puts it in the body. */
export function discordRetryAfterSeconds(answer: unknown): unknown {
  return typeof answer === 'object' && answer !== null ? (answer as { retry_after?: unknown }).retry_after : undefined;
}
