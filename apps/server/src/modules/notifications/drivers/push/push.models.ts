/**
 * The pure part of the Web Push driver: what the service worker receives, the push headers derived
 * from the message, and the checks on a stored subscription. No I/O, no clock.
 */
import { createHash, createPublicKey } from 'node:crypto';
import Value from 'typebox/value';
import type { ReminderSeverity } from '../../../../db/schema.ts';
import type { ChannelMessage, MessageLanguage } from '../../notifications.types.ts';
import { PushSubscriptionConfig } from './push.schemas.ts';

/** What the web app's service worker gets (after the browser decrypted it) and shows. */
export interface PushPayload {
  title: string;
  body: string;
  /** Opened when the notification itself is clicked. */
  url: string;
  actions: { action: 'done' | 'snooze'; title: string; url: string }[];
  /** Notifications with the same tag replace each other in the tray (a repeated delivery does not stack). */
  tag: string;
  silent: boolean;
  severity: ReminderSeverity;
  notificationId: string;
  taskIds: string[];
  lang: MessageLanguage;
}

/**
 * Push services must accept 4096 bytes of encrypted body (RFC 8030 7.2), 3993 of them plaintext
 * (RFC 8291 4); 3 KiB leaves room and keeps us clear of services that count differently.
 */
export const PUSH_PAYLOAD_MAX_BYTES = 3072;
/** Browsers show at most two action buttons (Chrome's Notification.maxActions). */
const MAX_ACTIONS = 2;
const ELLIPSIS = '…';

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

/** RFC 8030 5.3: how eagerly the push service should wake a device on battery. */
export function pushUrgency(severity: ReminderSeverity): PushUrgency {
  switch (severity) {
    case 'info':
      return 'low';
    case 'warning':
      return 'normal';
    case 'urgent':
    case 'critical':
      return 'high';
  }
}

/**
 * How long the push service keeps a message for a device that is offline. The more urgent the
 * reminder, the sooner it escalates to other channels, and the less a late buzz helps: a critical
 * reminder arriving hours later, after it was handled elsewhere, only confuses.
 */
export function pushTtlSeconds(severity: ReminderSeverity): number {
  switch (severity) {
    case 'info':
    case 'warning':
      return 24 * 60 * 60;
    case 'urgent':
      return 6 * 60 * 60;
    case 'critical':
      return 60 * 60;
  }
}

/**
 * RFC 8030 5.4: a message with the same Topic replaces one still waiting at the push service. At
 * most 32 base64url characters: the first 24 bytes of SHA-256 of the idempotency key, so the key
 * (which names a reminder) is not readable by the push service.
 */
export function pushTopic(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest().subarray(0, 24).toString('base64url');
}

const payloadBytes = (payload: PushPayload) => Buffer.byteLength(JSON.stringify(payload), 'utf8');

/**
 * The payload for a message, at most `maxBytes` of JSON. When too long, the body is cut first (on a
 * grapheme boundary, with an ellipsis), then the task ids are dropped (the URL still leads to them),
 * then the title is cut. Undefined when even that does not fit (the URLs alone are too long).
 */
export function buildPushPayload(message: ChannelMessage, options: { tag: string; maxBytes?: number }): PushPayload | undefined {
  const maxBytes = options.maxBytes ?? PUSH_PAYLOAD_MAX_BYTES;
  const full: PushPayload = {
    title: message.title,
    body: message.body,
    url: message.url,
    actions: message.actions
      .filter((action): action is typeof action & { kind: 'done' | 'snooze' } => action.kind === 'done' || action.kind === 'snooze')
      .slice(0, MAX_ACTIONS)
      .map((action) => ({ action: action.kind, title: action.label, url: action.url })),
    tag: options.tag,
    silent: message.silent,
    severity: message.severity,
    notificationId: message.references.notificationId,
    taskIds: [...message.references.taskIds],
    lang: message.language,
  };
  const fits = (payload: PushPayload) => payloadBytes(payload) <= maxBytes;
  if (fits(full)) return full;

  const withBody = cutToFit(full.body, (body) => fits({ ...full, body }));
  if (withBody !== undefined && withBody.length > 0) return { ...full, body: withBody };

  const withoutTasks = { ...full, taskIds: [] };
  const bodyWithoutTasks = cutToFit(full.body, (body) => fits({ ...withoutTasks, body }));
  if (bodyWithoutTasks !== undefined && bodyWithoutTasks.length > 0) return { ...withoutTasks, body: bodyWithoutTasks };

  const title = cutToFit(full.title, (candidate) => fits({ ...withoutTasks, body: '', title: candidate }));
  return title === undefined ? undefined : { ...withoutTasks, body: '', title };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of `text` (with an ellipsis when cut) that `fits`; '' when only nothing fits; undefined when not even that. */
export function cutToFit(text: string, fits: (candidate: string) => boolean): string | undefined {
  if (fits(text)) return text;
  const parts = Array.from(graphemes.segment(text), (segment) => segment.segment);
  const prefix = (count: number) => (count === 0 ? '' : `${parts.slice(0, count).join('').trimEnd()}${ELLIPSIS}`);
  if (!fits('')) return undefined;
  // Largest count in [0, parts.length - 1] whose prefix fits; prefix(0) = '' fits.
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(prefix(middle))) low = middle;
    else high = middle - 1;
  }
  return prefix(low);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Why this subscription cannot be sent to, or undefined when it can. Names the field, never repeats a key. */
export function pushSubscriptionProblem(config: unknown): string | undefined {
  if (!Value.Check(PushSubscriptionConfig, config)) {
    const first = Value.Errors(PushSubscriptionConfig, config)[0];
    return `push subscription is invalid at ${first?.instancePath || '/'}`;
  }
  let url: URL;
  try {
    url = new URL(config.endpoint);
  } catch {
    return 'push subscription endpoint is not a URL';
  }
  if (url.username || url.password) return 'push subscription endpoint must not carry credentials';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return 'push subscription endpoint must use https';
  }
  if (!isP256Point(Buffer.from(config.keys.p256dh, 'base64url'))) return 'push subscription key p256dh is not a P-256 public key';
  return undefined;
}

/** Whether `bytes` is an uncompressed point on P-256 (65 bytes, 0x04, coordinates on the curve). */
export function isP256Point(bytes: Uint8Array): boolean {
  if (bytes.length !== 65 || bytes[0] !== 0x04) return false;
  const raw = Buffer.from(bytes);
  try {
    createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}
