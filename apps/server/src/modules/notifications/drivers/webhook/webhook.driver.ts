/**
 * Smart-home notifications as a plain JSON request to a URL the user gives (a Node-RED http-in
 * node, an n8n webhook, a Home Assistant webhook trigger, or anything else that takes JSON).
 * The request goes out through the outbound guard: the URL is typed in by the user, so a LAN
 * address needs private targets allowed, and a redirect is never followed.
 *
 * What a receiver gets, the contract documented for users:
 * - `POST` (or `PUT` when configured) with a JSON body: `{ id, idempotency_key, title, body, url,
 *   severity, discreet, silent, language, task_ids, actions: [{ kind, label, url }], sent_at }`
 *   (`id` is the notification's id, `sent_at` the ISO time of this attempt).
 * - Headers `Content-Type: application/json`, `User-Agent: Workmate` and
 *   `Idempotency-Key: <idempotency_key>`. A failed attempt is retried with the same key, and a
 *   receiver must drop a request whose key it has already accepted (answering 2xx again). That is
 *   why this driver says it deduplicates: the key is always sent, the receiver keeps the promise.
 * - With a secret set: `X-Workmate-Timestamp: <unix seconds>` and
 *   `X-Workmate-Signature: sha256=<hex>`, where hex is HMAC-SHA256, keyed with the secret (UTF-8),
 *   of the string `<timestamp>.<body>` (the timestamp header's value, a dot, and the request body
 *   byte for byte as sent). A receiver recomputes it over the raw body before parsing, compares in
 *   constant time, and refuses timestamps more than 5 minutes from its own clock (a replay).
 *
 * Answers: 2xx delivered; 429 slow down (Retry-After in seconds or as an HTTP date); 408 and 5xx
 * worth retrying (a 5xx's Retry-After is passed on); 3xx and every other 4xx mean the settings
 * are wrong (a moved or deleted webhook, a refused signature). The answer's body is never shown.
 */
import { createHmac } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { checkCompiled, firstProblem } from '../../../../shared/validation/compiled.ts';
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type ChannelMessage, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';

/**
 * http(s), a host (no user name or password: they would end up in logs; no backslash, which URL
 * parsers read as a slash), an optional port, then a path or a query. An `@` can only appear after the host.
 */
export const WEBHOOK_URL_PATTERN = String.raw`^https?://[^/?#@\s\\]+([/?][^\s]*)?$`;
export const WEBHOOK_URL_MAX_LENGTH = 2048;

export const WebhookConfig = Type.Object(
  {
    url: Type.String({
      pattern: WEBHOOK_URL_PATTERN,
      maxLength: WEBHOOK_URL_MAX_LENGTH,
      description: 'Where to send the JSON, e.g. `https://ha.example/api/webhook/workmate`. A receiver on the LAN needs WORKMATE_ALLOW_PRIVATE_TARGETS.',
    }),
    method: Type.Optional(Type.Union([Type.Literal('POST'), Type.Literal('PUT')], { default: 'POST', description: 'HTTP method; default POST.' })),
  },
  { additionalProperties: false },
);
export type WebhookConfig = Static<typeof WebhookConfig>;

export const WebhookCredentials = Type.Object(
  {
    secret: Type.Optional(
      Type.String({ minLength: 16, maxLength: 256, description: 'Signs every request (X-Workmate-Signature, HMAC-SHA256) so the receiver can tell it comes from this Workmate.' }),
    ),
  },
  { additionalProperties: false },
);
export type WebhookCredentials = Static<typeof WebhookCredentials>;

/** The JSON a receiver gets (see the top comment). */
export interface WebhookPayload {
  id: string;
  idempotency_key: string;
  title: string;
  body: string;
  url: string;
  severity: ChannelMessage['severity'];
  discreet: boolean;
  silent: boolean;
  language: ChannelMessage['language'];
  task_ids: string[];
  actions: { kind: string; label: string; url: string }[];
  sent_at: string;
}

/** A receiver's own id for the delivery is kept only when it looks like an id, not like text. */
const PROVIDER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Location headers are URLs; longer ones are not worth keeping in a notification row. */
const MAX_LOCATION_LENGTH = 512;
/** A bigger answer is not a short acknowledgement with an id; it is not parsed. */
const MAX_ID_ANSWER_BYTES = 4096;

const WEBHOOK_NAMES: ProviderNames = { service: 'The webhook receiver', address: 'The webhook URL', delivery: 'webhook' };

export function createWebhookDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<WebhookConfig, WebhookCredentials> {
  const clock = deps.clock ?? systemClock;

  return {
    channel: 'smart_home',
    name: 'webhook',
    configSchema: WebhookConfig,
    credentialsSchema: WebhookCredentials,
    // The Idempotency-Key contract above: a receiver that keeps it shows a repeated key once.
    deduplicates: true,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = settingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const { config, credentials } = target;

      const now = clock.now();
      const body = JSON.stringify(buildWebhookPayload(message, now));
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Idempotency-Key': message.idempotencyKey,
        'User-Agent': 'Workmate',
      };
      if (credentials.secret !== undefined) {
        const timestamp = String(Math.floor(now.getTime() / 1000));
        headers['X-Workmate-Timestamp'] = timestamp;
        headers['X-Workmate-Signature'] = `sha256=${signWebhookBody(credentials.secret, timestamp, body)}`;
      }

      const response = await requestOrDeliveryError(deps.http, config.url, { method: config.method ?? 'POST', headers, body }, options, WEBHOOK_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

export function buildWebhookPayload(message: ChannelMessage, sentAt: Date): WebhookPayload {
  return {
    id: message.references.notificationId,
    idempotency_key: message.idempotencyKey,
    title: message.title,
    body: message.body,
    url: message.url,
    severity: message.severity,
    discreet: message.discreet,
    silent: message.silent,
    language: message.language,
    task_ids: [...message.references.taskIds],
    actions: message.actions.map(({ kind, label, url }) => ({ kind, label, url })),
    sent_at: sentAt.toISOString(),
  };
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`: the scheme in the top comment. */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats the secret. */
function settingsProblem(config: unknown, credentials: unknown): string | undefined {
  const problem = firstProblem(WebhookConfig, config);
  if (problem) return `The webhook settings are invalid at ${problem.path}`;
  if (!checkCompiled(WebhookCredentials, credentials)) return 'The webhook secret must be 16 to 256 characters';
  // What the pattern lets through but no URL parser takes (`https://:80`, port 99999): the outbound guard says invalid_url.
  return undefined;
}

function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status } = response;
  if (status >= 200 && status < 300) return receiptFrom(response);
  if (status === 429) throw new DeliveryError('rate_limited', 'The webhook receiver asked to slow down (429)', retryAfterOf(response, clock));
  if (status >= 500 && status < 600) throw new DeliveryError('provider', `The webhook receiver answered ${status}`, retryAfterOf(response, clock));
  if (status === 408) throw new DeliveryError('provider', 'The webhook receiver answered 408 (request timeout)');
  if (status >= 300 && status < 400) {
    throw new DeliveryError('configuration', `The webhook URL redirects (${status}); enter the address it redirects to`);
  }
  if (status === 401 || status === 403) {
    throw new DeliveryError('configuration', `The webhook receiver refused the request (${status}); check the URL and the secret`);
  }
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `The webhook receiver refused the request (${status})`);
  throw new DeliveryError('provider', `The webhook receiver gave an answer that is not HTTP (${status})`);
}

/** The receiver's `id` (from a short JSON answer) or Location, when either looks like an id; the body is read for nothing else. */
function receiptFrom(response: OutboundResponse): DeliveryReceipt {
  const fromBody = answerId(response);
  if (fromBody !== undefined) return { providerMessageId: fromBody };
  const location = response.headers.get('location');
  return location && location.length <= MAX_LOCATION_LENGTH && /^[\x21-\x7e]+$/.test(location) ? { providerMessageId: location } : {};
}

function answerId(response: OutboundResponse): string | undefined {
  if (response.body.byteLength === 0 || response.body.byteLength > MAX_ID_ANSWER_BYTES) return undefined;
  if (!/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const id: unknown = (parsed as { id?: unknown }).id;
  const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
  return typeof text === 'string' && PROVIDER_ID_PATTERN.test(text) ? text : undefined;
}
