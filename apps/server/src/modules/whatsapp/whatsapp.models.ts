/**
 * The pure part of the WhatsApp Cloud API webhook, which keeps each WhatsApp channel's 24-hour
 * window (`last_inbound_at`, read by the driver): Meta's request signature, the subscription
 * handshake, and what a notification says. No I/O, no clock, no config (all passed in).
 *
 * Meta posts `{object: "whatsapp_business_account", entry: [{id, changes: [{field: "messages",
 * value: {messaging_product, metadata: {display_phone_number, phone_number_id}, contacts, messages:
 * [{from, id, timestamp, type, …}], statuses: [{id, status, recipient_id, errors?, …}]}}]}]}`, signed
 * with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. The
 * payload gains fields over time (usernames, business-scoped user ids), so it is read leniently:
 * whatever does not have the expected shape is skipped, never refused.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { whatsappRecipient } from '../notifications/drivers/whatsapp/whatsapp.models.ts';

/** Meta documents webhook payloads of up to 3 MB; anything larger is not Meta's. */
export const WHATSAPP_WEBHOOK_MAX_BYTES = 3 * 1024 * 1024;

/** One message a WhatsApp user sent to a business number. */
export interface InboundMessage {
  /** The business number it was sent to (`metadata.phone_number_id`). */
  phoneNumberId: string;
  /** The sender's WhatsApp id: their number as digits, without `+`. */
  from: string;
  /** When WhatsApp received it, in milliseconds since the epoch. */
  atMs: number;
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** Whether `header` is `sha256=<hex>` of the HMAC-SHA256 of exactly these bytes with the app secret; compared in constant time. */
export function validSignature(rawBody: Uint8Array, header: string | undefined, appSecret: string): boolean {
  const match = header === undefined ? null : SIGNATURE.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}

/** The signature header Meta would send for this body (for tests and for tools that replay a payload). */
export function signatureOf(rawBody: Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Compares two secrets in constant time, their lengths included (both are hashed to 32 bytes first). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Meta's challenge is a number; anything else is not echoed. */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

export type HandshakeAnswer = { challenge: string } | { refused: 'token' | 'challenge' };

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>`,
 * answered with the challenge when the token matches. A repeated parameter counts as missing.
 */
export function answerHandshake(query: unknown, verifyToken: string): HandshakeAnswer {
  const read = (name: string) => {
    const value: unknown = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const token = read('hub.verify_token');
  if (read('hub.mode') !== 'subscribe' || token === undefined || !sameSecret(token, verifyToken)) return { refused: 'token' };
  const challenge = read('hub.challenge');
  return challenge !== undefined && CHALLENGE.test(challenge) ? { challenge } : { refused: 'challenge' };
}

const PHONE_NUMBER_ID = /^[0-9]{1,30}$/;
const WA_ID = /^[0-9]{6,20}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * Every message a user sent, from a `messages` notification: (business number id, sender, time).
 * Skipped: other objects and fields, status updates, system messages (WhatsApp's own notes such as
 * "changed their number", not written by the user), and messages without a sender number or time.
 */
export function inboundMessages(payload: unknown): InboundMessage[] {
  if (!isObject(payload) || payload.object !== 'whatsapp_business_account') return [];
  const found: InboundMessage[] = [];
  for (const entry of arrayOf(payload.entry)) {
    for (const change of arrayOf(isObject(entry) ? entry.changes : undefined)) {
      if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
      const metadata = change.value.metadata;
      const phoneNumberId = isObject(metadata) ? metadata.phone_number_id : undefined;
      if (typeof phoneNumberId !== 'string' || !PHONE_NUMBER_ID.test(phoneNumberId)) continue;
      for (const message of arrayOf(change.value.messages)) {
        if (!isObject(message) || message.type === 'system') continue;
        const { from } = message;
        const atMs = unixSecondsMs(message.timestamp);
        if (typeof from !== 'string' || !WA_ID.test(from) || atMs === undefined) continue;
        found.push({ phoneNumberId, from, atMs });
      }
    }
  }
  return found;
}

/**
 * How many texts Meta reports as failed because the 24-hour window had closed (status `failed` with
 * error 131047): the driver saw them accepted, but they never arrived.
 */
export function refusedOutsideWindow(payload: unknown): number {
  if (!isObject(payload) || payload.object !== 'whatsapp_business_account') return 0;
  let count = 0;
  for (const entry of arrayOf(payload.entry)) {
    for (const change of arrayOf(isObject(entry) ? entry.changes : undefined)) {
      if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
      for (const status of arrayOf(change.value.statuses)) {
        if (isObject(status) && status.status === 'failed' && arrayOf(status.errors).some((error) => isObject(error) && error.code === 131047)) count += 1;
      }
    }
  }
  return count;
}

/**
 * The WhatsApp channel's settings with `last_inbound_at` moved to the latest of these messages that
 * its user sent to its business number, or undefined when nothing changes. A channel matches a
 * message when its `phone_number_id` is the business number's id and its `to` (as digits) is the
 * sender: both are in the user's own settings, so a message only ever touches channels that name
 * both numbers. The time only moves forward and never beyond `now` (a sender's clock, or Meta's, can
 * be ahead; a time in the future would keep the window open too long).
 */
export function withInboundAt(config: Record<string, unknown>, messages: readonly InboundMessage[], now: Date): Record<string, unknown> | undefined {
  const { phone_number_id: phoneNumberId, to, last_inbound_at: stored } = config;
  if (typeof phoneNumberId !== 'string' || typeof to !== 'string') return undefined;
  const recipient = whatsappRecipient(to);
  let latest: number | undefined;
  for (const message of messages) {
    if (message.phoneNumberId === phoneNumberId && message.from === recipient && (latest === undefined || message.atMs > latest)) latest = message.atMs;
  }
  if (latest === undefined) return undefined;
  const at = Math.min(latest, now.getTime());
  const storedMs = typeof stored === 'string' ? Date.parse(stored) : Number.NaN;
  if (!Number.isNaN(storedMs) && storedMs >= at) return undefined;
  return { ...config, last_inbound_at: new Date(at).toISOString() };
}

function unixSecondsMs(value: unknown): number | undefined {
  if (typeof value === 'string' && UNIX_SECONDS.test(value)) return Number(value) * 1000;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < 1e12) return value * 1000;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
