/**
 * Discord's webhook API on 127.0.0.1 for tests, keeping the documented contract of Execute Webhook
 * (https://discord.com/developers/docs/resources/webhook#execute-webhook): `POST
 * /api[/v<n>]/webhooks/<id>/<token>` with a JSON body, checked against Discord's limits (content
 * 2000, 10 embeds, title 256, description 4096, 25 fields, 6000 characters in all, the settable
 * flags, a username without "discord"); answered 200 with the stored message when `wait=true`,
 * else 204; errors as Discord gives them (`{"message":"Unknown Webhook","code":10015}`, 401 50027
 * for a wrong token, 400 50035 "Invalid Form Body" with `errors`), and rate limits as 429 with
 * `retry_after` (seconds, decimals) in the body and Retry-After in whole seconds.
 * Every request is recorded in `arrivals`, stored messages in `received`.
 */
import { header, parseJsonObject } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedRequest, requestUrl } from '../../testing/recording-server.ts';

export interface DiscordRequest extends RecordedRequest {
  /** For an accepted request: the message Discord stored. */
  message?: DiscordStoredMessage;
}

export interface DiscordStoredEmbed {
  type: 'rich';
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
}

export interface DiscordStoredMessage {
  id: string;
  type: 0;
  channel_id: string;
  webhook_id: string;
  author: { id: string; username: string; bot: true };
  content: string;
  embeds: DiscordStoredEmbed[];
  flags: number;
  timestamp: string;
  thread_id?: string;
}

export interface DiscordFakeOptions {
  /** Put into the body of every error answer (the contract suite passes FOREIGN_BODY_CANARY). */
  foreignBodyMarker?: string;
}

export interface DiscordFake extends ProviderFake<DiscordRequest> {
  /** The API base to configure: `http://127.0.0.1:<port>/api/v10`. */
  readonly apiBase: string;
  /** The webhook URL as Discord's "Copy Webhook URL" gives it (for the credentials). */
  readonly webhookUrl: string;
  readonly webhook: { id: string; token: string };
  /** The webhook is deleted in Discord: every later request is answered 404 Unknown Webhook. */
  deleteWebhook(): void;
  rateLimitNext(retryAfterSeconds: number): void;
}

const ROUTE = /^\/api(?:\/v[0-9]{1,2})?\/webhooks\/([0-9]{17,20})\/([^/?]+)$/;
const DISCORD_EPOCH = 1_420_070_400_000n;
/** SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2: the flags a webhook may set. */
const SETTABLE_FLAGS = 4 | 4096 | 32768;
const JSON_HEADERS = { 'content-type': 'application/json' };

export async function startDiscordFake(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
  const marker = options.foreignBodyMarker ?? 'discord error';
  const webhook = { id: '1180000000000000001', token: 'Wk3-xTq9_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_' };
  const channelId = '1180000000000000099';
  let deleted = false;
  let sequence = 0n;

  const errorBody = (message: string, code: number, errors?: unknown) => JSON.stringify({ message: `${message} (${marker})`, code, ...(errors === undefined ? {} : { errors }) });

  const { origin, answerNext, ...recording } = await startRecordingServer<DiscordRequest>({ parseBody: parseJsonObject, record: (_request, base) => base, handle });

  function handle({ request, record, answer, accept }: Exchange<DiscordRequest>) {
    const refuse = (status: number, message: string, code: number, errors?: unknown) => answer('rejected', status, JSON_HEADERS, errorBody(message, code, errors));
    const url = requestUrl(request);
    const route = ROUTE.exec(url.pathname);
    if (!route) return refuse(404, '404: Not Found', 0);
    if (record.method !== 'POST') return refuse(405, '405: Method Not Allowed', 0);
    if (route[1] !== webhook.id || deleted) return refuse(404, 'Unknown Webhook', 10015);
    if (route[2] !== webhook.token) return refuse(401, 'Invalid Webhook Token', 50027);
    if (!/^application\/json\b/i.test(header(request, 'content-type') ?? '')) return refuse(400, 'Cannot send an empty message', 50006);
    if (record.json === undefined) return refuse(400, 'The request body contains invalid JSON.', 50109);
    const threadId = url.searchParams.get('thread_id');
    if (threadId !== null && !/^[0-9]{17,20}$/.test(threadId)) return refuse(400, 'Invalid Form Body', 50035, { thread_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: 'Value is not snowflake.' }] } });

    const body = record.json as Record<string, unknown>;
    const errors = formErrors(body);
    if (Object.keys(errors).length > 0) return refuse(400, 'Invalid Form Body', 50035, errors);
    const embeds = (body.embeds as Record<string, unknown>[] | undefined) ?? [];
    const content = typeof body.content === 'string' ? body.content : '';
    if (content === '' && embeds.length === 0) return refuse(400, 'Cannot send an empty message', 50006);

    sequence += 1n;
    const now = performance.timeOrigin + performance.now();
    const stored: DiscordStoredMessage = {
      id: String(((BigInt(Math.floor(now)) - DISCORD_EPOCH) << 22n) + sequence),
      type: 0,
      channel_id: threadId ?? channelId,
      webhook_id: webhook.id,
      author: { id: webhook.id, username: typeof body.username === 'string' ? body.username : 'Captain Hook', bot: true },
      content,
      embeds: embeds.map((embed) => ({ ...embed, type: 'rich' }) as DiscordStoredEmbed),
      flags: typeof body.flags === 'number' ? body.flags : 0,
      timestamp: new Date(now).toISOString(),
      ...(threadId === null ? {} : { thread_id: threadId }),
    };
    record.message = stored;
    if (url.searchParams.get('wait') === 'true') accept(record, 200, JSON_HEADERS, JSON.stringify(stored));
    else accept(record, 204, {}, '');
  }

  return {
    ...recording,
    apiBase: `${origin}/api/v10`,
    webhookUrl: `https://discord.com/api/webhooks/${webhook.id}/${webhook.token}`,
    webhook,
    deleteWebhook: () => {
      deleted = true;
    },
    answerNext: (status, headers = JSON_HEADERS, body = errorBody(`${status}: answer`, 0)) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: JSON_HEADERS, body: errorBody('500: Internal Server Error', 0) }),
    rateLimitNext: (seconds) =>
      answerNext({
        status: 429,
        headers: { ...JSON_HEADERS, 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-scope': 'shared', 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(seconds) },
        body: JSON.stringify({ message: `The resource is being rate limited. (${marker})`, retry_after: seconds, global: false }),
      }),
  };
}

/** Discord's form checks on what Workmate sends, as `{ field: { _errors: [...] } }` like "Invalid Form Body". */
function formErrors(body: Record<string, unknown>): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  const fail = (path: string, code: string, message: string) => {
    errors[path] = { _errors: [{ code, message }] };
  };
  const tooLong = (value: unknown, max: number) => typeof value !== 'string' || value.length > max;

  if (body.content !== undefined && tooLong(body.content, 2000)) fail('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  if (body.username !== undefined && (tooLong(body.username, 80) || (body.username as string).length === 0 || /discord|clyde/i.test(body.username as string))) {
    fail('username', 'USERNAME_INVALID_CONTAINS', 'Username cannot contain "discord"');
  }
  if (body.flags !== undefined && (!Number.isInteger(body.flags) || ((body.flags as number) & ~SETTABLE_FLAGS) !== 0)) fail('flags', 'MESSAGE_FLAGS_INVALID', 'Invalid flags');
  const mentions = body.allowed_mentions as { parse?: unknown } | undefined;
  if (mentions !== undefined && !(Array.isArray(mentions.parse) && mentions.parse.every((kind) => ['roles', 'users', 'everyone'].includes(kind as string)))) {
    fail('allowed_mentions.parse', 'BASE_TYPE_CHOICES', 'Value must be one of roles, users, everyone.');
  }
  if (body.embeds === undefined) return errors;
  if (!Array.isArray(body.embeds) || body.embeds.length > 10) {
    fail('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    return errors;
  }
  let total = 0;
  body.embeds.forEach((embed: Record<string, unknown>, index) => {
    const at = (field: string) => `embeds.${index}.${field}`;
    if (embed.title !== undefined && tooLong(embed.title, 256)) fail(at('title'), 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    if (embed.description !== undefined && tooLong(embed.description, 4096)) fail(at('description'), 'BASE_TYPE_MAX_LENGTH', 'Must be 4096 or fewer in length.');
    if (embed.url !== undefined && (typeof embed.url !== 'string' || !/^https?:\/\/\S+$/.test(embed.url))) fail(at('url'), 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    if (embed.color !== undefined && !(Number.isInteger(embed.color) && (embed.color as number) >= 0 && (embed.color as number) <= 0xffffff)) fail(at('color'), 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
    if (embed.timestamp !== undefined && (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp)))) fail(at('timestamp'), 'DATE_TYPE_PARSE', 'Could not parse timestamp.');
    const footer = embed.footer as { text?: unknown } | undefined;
    if (footer !== undefined && tooLong(footer.text, 2048)) fail(at('footer.text'), 'BASE_TYPE_MAX_LENGTH', 'Must be 2048 or fewer in length.');
    const fields = (embed.fields as { name?: unknown; value?: unknown }[] | undefined) ?? [];
    if (fields.length > 25) fail(at('fields'), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((field, fieldIndex) => {
      if (tooLong(field.name, 256) || field.name === '') fail(at(`fields.${fieldIndex}.name`), 'BASE_TYPE_REQUIRED', 'This field is required');
      if (tooLong(field.value, 1024) || field.value === '') fail(at(`fields.${fieldIndex}.value`), 'BASE_TYPE_REQUIRED', 'This field is required');
    });
    total += [embed.title, embed.description, footer?.text, ...fields.flatMap((field) => [field.name, field.value])].reduce<number>((sum, text) => sum + (typeof text === 'string' ? text.length : 0), 0);
  });
  if (total > 6000) fail('embeds', 'BASE_TYPE_MAX_LENGTH', 'Embed size exceeds maximum size of 6000');
  return errors;
}
