/**
 * The pure part of the Signal driver: settings schemas, the text a recipient reads, and what an
 * answer of signal-cli-rest-api (https://github.com/bbernhard/signal-cli-rest-api, `POST
 * /v2/send`) means. No I/O, no clock.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import type { ChannelMessage, DeliveryErrorKind, MessageLanguage } from '../../notifications.types.ts';
import { cutToFit } from '../push/push.models.ts';

const E164 = '^\\+[1-9][0-9]{6,14}$';
/** A phone number, or a group as signal-cli-rest-api lists it (`GET /v1/groups/<number>`: `group.<base64 id>`). */
export const SIGNAL_RECIPIENT_PATTERN = '^(\\+[1-9][0-9]{6,14}|group\\.[A-Za-z0-9+/=_-]{8,200})$';
/** http(s), a host without user name or password, an optional port and path prefix; no query or fragment. */
const API_URL_PATTERN = String.raw`^https?://[^/?#@\s\\]+(/[^\s?#\\]*)?$`;

export const SignalConfig = Type.Object(
  {
    api_url: Type.String({
      pattern: API_URL_PATTERN,
      maxLength: 2048,
      description: 'Where signal-cli-rest-api listens, usually on the LAN: `http://192.168.1.10:8080` (needs WORKMATE_ALLOW_PRIVATE_TARGETS).',
    }),
    number: Type.String({ pattern: E164, description: 'The Signal account registered in signal-cli-rest-api that sends, in E.164: `+4915112345678`.' }),
    recipient: Type.String({
      pattern: SIGNAL_RECIPIENT_PATTERN,
      description: 'Who gets the reminders: a phone number in E.164 (`+4917612345678`) or a group id as `GET /v1/groups/<number>` lists it (`group.…`).',
    }),
  },
  { additionalProperties: false },
);
export type SignalConfig = Static<typeof SignalConfig>;

/** signal-cli-rest-api has no authentication of its own; these are for a reverse proxy in front of it. */
export const SignalCredentials = Type.Object(
  {
    username: Type.Optional(Type.String({ pattern: '^[^:\\x00-\\x1f]{1,128}$', description: 'User name for Basic authentication at a reverse proxy in front of the API.' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Password for Basic authentication; required with a user name.' })),
  },
  { additionalProperties: false, description: 'Nothing, or user name and password of a reverse proxy.', dependentRequired: { username: ['password'], password: ['username'] } },
);
export type SignalCredentials = Static<typeof SignalCredentials>;

/** The body of `POST /v2/send`. */
export interface SignalSend {
  message: string;
  number: string;
  recipients: [string];
}

/** Longer texts reach Signal apps as a "long text" attachment; a reminder has no reason to be one. */
const MAX_TEXT = 2000;
const OPEN_LABEL: Record<MessageLanguage, string> = { de: 'Öffnen', en: 'Open' };

/**
 * Plain text, since Signal shows no buttons: title, body, then one line per link ("Erledigt:
 * https://…"), the task link last unless an action already leads there. A discreet message whose
 * body already starts with its title ("Workmate" / "Workmate: 1 Sache braucht dich") does not say
 * it twice.
 */
export function buildSignalText(message: ChannelMessage): string {
  const links = message.actions.map((action) => `${action.label}: ${action.url}`);
  if (!message.actions.some((action) => action.url === message.url)) links.push(`${OPEN_LABEL[message.language]}: ${message.url}`);
  const tail = `\n\n${links.join('\n')}`;
  const title = message.body.startsWith(message.title) ? '' : `${message.title}\n\n`;
  const body = cutToFit(message.body, (candidate) => title.length + candidate.length + tail.length <= MAX_TEXT) ?? '';
  return `${title}${body}${tail}`;
}

export function buildSignalSend(message: ChannelMessage, config: SignalConfig): SignalSend {
  return { message: buildSignalText(message), number: config.number, recipients: [config.recipient] };
}

export function signalSendUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/v2/send`;
}

export function signalAuthorization(credentials: SignalCredentials): string | undefined {
  if (credentials.username === undefined || credentials.password === undefined) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats a secret. */
export function signalSettingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(SignalConfig, config)) {
    const first = Value.Errors(SignalConfig, config)[0];
    return `The Signal settings are invalid at ${first?.instancePath || '/'}`;
  }
  if (!Value.Check(SignalCredentials, credentials)) return 'The Signal credentials must be a user name with a password, or nothing';
  return undefined;
}

/** signal-cli's wording for problems only the user can fix (an unregistered or untrusted recipient, a wrong number or group). */
const SETTINGS_PROBLEM = /unregistered|not registered|untrusted identity|invalid (phone )?number|invalid (group|recipient|account)|unknown (group|account)|group not found|please provide|invalid request/i;

/**
 * What a 400 of signal-cli-rest-api is. It answers 400 with `{"error": "<signal-cli's message>"}`
 * for everything signal-cli reports, from a network failure on the way to Signal's servers (worth
 * retrying) to an unregistered recipient (not). Only the wording tells them apart, so it is read
 * here, never shown: a problem of the settings when it says so, rate limiting when it says that
 * (older versions answered 400 where newer ones answer 429), and otherwise a provider error, so
 * a message the driver does not recognise is retried rather than dropped.
 */
export function signalBadRequestKind(error: string | undefined): DeliveryErrorKind {
  if (error === undefined) return 'provider';
  if (/rate limit/i.test(error)) return 'rate_limited';
  return SETTINGS_PROBLEM.test(error) ? 'configuration' : 'provider';
}

/** `{"error": "..."}` of an error answer, or undefined. */
export function signalErrorText(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const error: unknown = (answer as { error?: unknown }).error;
  return typeof error === 'string' ? error : undefined;
}

/** The sent message's timestamp from `{"timestamp": "1700000000000"}`: Signal identifies a message by sender and timestamp. */
export function signalTimestamp(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const timestamp: unknown = (answer as { timestamp?: unknown }).timestamp;
  const text = typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? String(timestamp) : timestamp;
  return typeof text === 'string' && /^[0-9]{1,20}$/.test(text) ? text : undefined;
}
