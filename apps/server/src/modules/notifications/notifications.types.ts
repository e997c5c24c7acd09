/**
 * The one interface every notification channel driver implements (in-app, e-mail, Web Push, MQTT
 * here; ntfy, SMS, Telegram, ... in the provider-channels issue), and the errors a driver may throw.
 * Drivers send what they are given: the dispatcher decides when, the message models decide the
 * words (already discreet when the channel is), the driver only turns a message into the
 * provider's format and maps the provider's answers onto these errors.
 */
import type { TSchema } from 'typebox';
import type { NotificationChannel, ReminderSeverity } from '../../db/schema.ts';

export type MessageLanguage = 'de' | 'en';

export interface MessageAction {
  kind: 'done' | 'snooze' | 'open';
  /** Already in the message's language ("Erledigt", "Später", "Öffnen"). */
  label: string;
  /** Absolute URL: a signed action page for done/snooze, the task for open. */
  url: string;
}

export interface ChannelMessage {
  /** One per (reminder firing, channel): providers that accept one get it; the same key twice must not reach the user twice. */
  idempotencyKey: string;
  language: MessageLanguage;
  severity: ReminderSeverity;
  title: string;
  body: string;
  /** Link to the task (or the notification centre for a digest). */
  url: string;
  actions: readonly MessageAction[];
  /** Already rendered discreetly ("Workmate: 1 Sache braucht dich") when true; drivers must not add details (no amount, sender or task title in any field). */
  discreet: boolean;
  /** Sent during quiet hours: no sound or vibration where the provider can say so. */
  silent: boolean;
  /** Opaque references for receivers that act on the message (the web app's service worker, MQTT automations). */
  references: { notificationId: string; taskIds: readonly string[] };
}

/** The user's settings for one channel: `config` as stored in `integrations.config`, `credentials` decrypted from `credentials_encrypted`. */
export interface ChannelTarget<Config = Record<string, unknown>, Credentials = Record<string, unknown>> {
  config: Config;
  credentials: Credentials;
}

export interface SendOptions {
  /** Aborted when the dispatcher gives up on this attempt (its lease is lost or the process stops). */
  signal: AbortSignal;
  /** The attempt must end (delivered or thrown) within this time; the driver throws kind `timeout` after it. */
  timeoutMs: number;
}

export interface DeliveryReceipt {
  /** The provider's id for the message, when it returns one (kept in the notification row for support). */
  providerMessageId?: string;
}

export type DeliveryErrorKind =
  /** The provider answered with an error; retrying later may help. */
  | 'provider'
  /** No answer within the time limit. */
  | 'timeout'
  /** The provider asked us to slow down; `retryAfterMs` says for how long when it said so. */
  | 'rate_limited'
  /** The user's settings cannot work (bad address, refused credentials, a target that is not allowed): retrying will not help until they change. */
  | 'configuration'
  /** The target no longer exists (a push subscription the browser dropped): stop using it. */
  | 'gone';

/**
 * What a driver throws when a delivery did not happen. `message` is ours and safe to show the user:
 * it names the problem (status code, SMTP reply code) but never carries the body of a foreign response.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(kind: DeliveryErrorKind, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the dispatcher should try this channel again (with backoff) rather than fall through at once. */
  get retryable(): boolean {
    return this.kind === 'provider' || this.kind === 'timeout' || this.kind === 'rate_limited';
  }
}

export interface ChannelDriver<Config = Record<string, unknown>, Credentials = Record<string, unknown>> {
  /** The `notifications.channel` value this driver delivers on. */
  readonly channel: NotificationChannel;
  /** Stable driver name recorded on every attempt (`smtp`, `web-push`, `mqtt`, `in-app`). */
  readonly name: string;
  /** Schema of `integrations.config` for this driver (validated by the integrations API). */
  readonly configSchema: TSchema;
  /** Schema of the secret part, stored encrypted; `Type.Object({})` when there is none. */
  readonly credentialsSchema: TSchema;
  /** Whether the same `idempotencyKey` sent twice reaches the user once (the provider deduplicates or replaces). */
  readonly deduplicates: boolean;
  send(message: ChannelMessage, target: ChannelTarget<Config, Credentials>, options: SendOptions): Promise<DeliveryReceipt>;
  /** Releases connections and timers; the driver is not used afterwards. */
  close?(): Promise<void>;
}
