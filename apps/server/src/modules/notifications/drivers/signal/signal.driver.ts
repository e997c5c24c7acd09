/**
 * Reminders as Signal messages through signal-cli-rest-api (bbernhard/signal-cli-rest-api), which
 * the user runs next to Workmate with a Signal account registered or linked in it: one `POST
 * /v2/send` with `{message, number, recipients}`, answered 201 `{"timestamp": "..."}`. The API
 * URL is typed in by the user (usually a LAN address, which needs private targets allowed), so
 * the request goes through the outbound guard and a redirect is never followed.
 *
 * Answers: 2xx sent (the timestamp is kept as the provider's id); 429 rate limited by Signal
 * (signal-cli-rest-api answers with challenge tokens and no retry time: Signal lifts the limit
 * after a captcha or a day, so the dispatcher's backoff and fall-through apply); 400 is whatever
 * signal-cli reported, read by `signalBadRequestKind`; 401/403 a reverse proxy refused the
 * credentials; 404 the URL does not lead to the API; 408 and 5xx worth retrying; 3xx and every
 * other 4xx mean the settings are wrong. The error text is never shown.
 */
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import {
  buildSignalSend,
  signalAuthorization,
  signalBadRequestKind,
  SignalConfig,
  SignalCredentials,
  signalErrorText,
  signalSendUrl,
  signalSettingsProblem,
  signalTimestamp,
} from './signal.models.ts';

export { SignalConfig, SignalCredentials };

const SIGNAL_NAMES: ProviderNames = { service: 'The Signal API (signal-cli-rest-api)', address: 'The Signal API URL', delivery: 'Signal' };

export function createSignalDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<SignalConfig, SignalCredentials> {
  const clock = deps.clock ?? systemClock;
  return {
    channel: 'signal',
    name: 'signal-cli',
    configSchema: SignalConfig,
    credentialsSchema: SignalCredentials,
    // /v2/send takes no idempotency key: the dispatcher's leases prevent repeats.
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = signalSettingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const { config, credentials } = target;

      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Workmate' };
      const authorization = signalAuthorization(credentials);
      if (authorization !== undefined) headers.Authorization = authorization;

      const response = await requestOrDeliveryError(deps.http, signalSendUrl(config.api_url), {
        method: 'POST',
        headers,
        body: JSON.stringify(buildSignalSend(message, config)),
      }, options, SIGNAL_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status } = response;
  const answer = parseJson(response.body);
  if (status >= 200 && status < 300) {
    const timestamp = signalTimestamp(answer);
    return timestamp === undefined ? {} : { providerMessageId: timestamp };
  }
  if (status === 429) throw new DeliveryError('rate_limited', 'Signal is rate limiting this account (429); a captcha in signal-cli-rest-api or waiting lifts it', retryAfterOf(response, clock));
  if (status === 400) {
    switch (signalBadRequestKind(signalErrorText(answer))) {
      case 'rate_limited':
        throw new DeliveryError('rate_limited', 'Signal is rate limiting this account (400); a captcha in signal-cli-rest-api or waiting lifts it');
      case 'configuration':
        throw new DeliveryError('configuration', 'signal-cli refused the message (400): check the sending number and the recipient (registered on Signal, identity trusted, group id)');
      default:
        throw new DeliveryError('provider', 'signal-cli could not send the message (400)');
    }
  }
  if (status >= 500 && status < 600) throw new DeliveryError('provider', `The Signal API answered ${status}`, retryAfterOf(response, clock));
  if (status === 408) throw new DeliveryError('provider', 'The Signal API answered 408 (request timeout)');
  if (status >= 300 && status < 400) throw new DeliveryError('configuration', `The Signal API URL redirects (${status}); enter the address it redirects to`);
  if (status === 401 || status === 403) throw new DeliveryError('configuration', `The Signal API refused the credentials (${status}); check the reverse proxy's user name and password`);
  if (status === 404) throw new DeliveryError('configuration', 'The Signal API URL does not lead to signal-cli-rest-api (404)');
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `The Signal API refused the message (${status})`);
  throw new DeliveryError('provider', `The Signal API gave an answer that is not HTTP (${status})`);
}

function parseJson(body: Uint8Array): unknown {
  if (body.byteLength === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}
