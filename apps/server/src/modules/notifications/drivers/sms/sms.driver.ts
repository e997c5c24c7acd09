/**
 * SMS through an HTTP gateway the user names (Twilio, SMS Gateway for Android, textbee, or any
 * gateway that takes a form, a JSON body or a query). The user picks a preset or writes a body
 * template; the driver fills in recipient, sender and the text, cut to two SMS segments
 * (`sms.models.ts`). The request goes out through the outbound guard, so a gateway on the LAN needs
 * private targets allowed, and a redirect is never followed.
 *
 * Answers: 2xx sent (the gateway's `sid`, `id`, `messageId` or `message_id` from a short JSON answer
 * is kept when it looks like an id); 429 slow down (Retry-After in seconds or as an HTTP date); 408
 * and 5xx worth retrying (a 5xx's Retry-After is passed on); 401/403 refused credentials; 3xx and
 * every other 4xx mean the settings are wrong (a bad number, an unknown sender). The answer's body is
 * never shown; only a numeric error `code` from a JSON answer (Twilio's 21211) is named.
 *
 * Gateways take no idempotency key, so the driver does not claim to deduplicate: the dispatcher's
 * leases keep a delivery from being sent twice, and the reminder engine caps SMS per task and day.
 */
import Value from 'typebox/value';
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import { buildSmsRequest, smsValuesOf } from './sms.models.ts';
import { SmsConfig, SmsCredentials } from './sms.schemas.ts';

const SMS_NAMES: ProviderNames = { service: 'The SMS gateway', address: 'The SMS gateway URL', delivery: 'SMS' };

/** A gateway's own id for the message is kept only when it looks like an id, not like text. */
const PROVIDER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Where gateways put their message id: Twilio `sid`, SMS Gateway for Android `id`, others `messageId`. */
const ID_FIELDS = ['sid', 'id', 'messageId', 'message_id'] as const;
/** A bigger answer is not a short acknowledgement; it is not parsed. */
const MAX_ID_ANSWER_BYTES = 8192;

export function createSmsDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<SmsConfig, SmsCredentials> {
  const clock = deps.clock ?? systemClock;

  return {
    channel: 'sms',
    name: 'sms-http',
    configSchema: SmsConfig,
    credentialsSchema: SmsCredentials,
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = settingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const request = buildSmsRequest(target.config, target.credentials, smsValuesOf(message, target.config));

      const response = await requestOrDeliveryError(deps.http, request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      }, options, SMS_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats a secret. */
function settingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(SmsConfig, config)) {
    const first = Value.Errors(SmsConfig, config)[0];
    return `The SMS settings are invalid at ${first?.instancePath || '/'}`;
  }
  if (!Value.Check(SmsCredentials, credentials)) {
    const first = Value.Errors(SmsCredentials, credentials)[0];
    return `The SMS credentials are invalid at ${first?.instancePath || '/'}`;
  }
  return undefined;
}

function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const id = answerId(parseShortJson(response));
    return id === undefined ? {} : { providerMessageId: id };
  }
  const code = errorCode(parseShortJson(response));
  const detail = code === undefined ? `${status}` : `${status}, code ${code}`;
  if (status === 429) throw new DeliveryError('rate_limited', `The SMS gateway asked to slow down (${detail})`, retryAfterOf(response, clock));
  if (status >= 500 && status < 600) throw new DeliveryError('provider', `The SMS gateway answered ${detail}`, retryAfterOf(response, clock));
  if (status === 408) throw new DeliveryError('provider', 'The SMS gateway answered 408 (request timeout)');
  if (status >= 300 && status < 400) throw new DeliveryError('configuration', `The SMS gateway URL redirects (${status}); enter the address it redirects to`);
  if (status === 401 || status === 403) throw new DeliveryError('configuration', `The SMS gateway refused the credentials (${detail})`);
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `The SMS gateway refused the message (${detail}); check the numbers and the settings`);
  throw new DeliveryError('provider', `The SMS gateway gave an answer that is not HTTP (${status})`);
}

function parseShortJson(response: OutboundResponse): Record<string, unknown> | undefined {
  if (response.body.byteLength === 0 || response.body.byteLength > MAX_ID_ANSWER_BYTES) return undefined;
  if (!/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(response.body).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function answerId(answer: Record<string, unknown> | undefined): string | undefined {
  for (const field of ID_FIELDS) {
    const value = answer?.[field];
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text === 'string' && PROVIDER_ID_PATTERN.test(text)) return text;
  }
  return undefined;
}

/** A gateway's numeric error code (Twilio 21211 "invalid To"): a number carries no foreign text. */
function errorCode(answer: Record<string, unknown> | undefined): number | undefined {
  const code = answer?.code;
  return typeof code === 'number' && Number.isSafeInteger(code) && code >= 0 && code < 1_000_000 ? code : undefined;
}
