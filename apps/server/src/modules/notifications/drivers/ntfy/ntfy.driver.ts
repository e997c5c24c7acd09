/**
 * Push notifications through ntfy (https://ntfy.sh or a self-hosted server): the user subscribes
 * to a topic in the ntfy app, Workmate publishes to it. One JSON request to the server root
 * (`ntfy.models.ts` says why JSON), through the outbound guard: the server URL is typed in by the
 * user, so a LAN server needs private targets allowed, and a redirect is never followed.
 *
 * Answers (ntfy's errors are `{"code":40101,"http":401,"error":"...","link":"..."}`; only the
 * status is used, the text is never shown): 2xx delivered (the message id is kept); 429 slow down
 * (ntfy itself sends no Retry-After, a proxy in front may: it is passed on when there); 408 and 5xx
 * worth retrying; 401/403 refused credentials or a topic the user may not publish to; 3xx and
 * every other 4xx mean the settings are wrong.
 */
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import { buildNtfyPublish, NtfyConfig, NtfyCredentials, ntfyAuthorization, ntfyMessageId, ntfyPublishUrl, ntfySettingsProblem } from './ntfy.models.ts';

export { NtfyConfig, NtfyCredentials };

const NTFY_NAMES: ProviderNames = { service: 'The ntfy server', address: 'The ntfy server URL', delivery: 'ntfy' };

export function createNtfyDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<NtfyConfig, NtfyCredentials> {
  const clock = deps.clock ?? systemClock;
  return {
    channel: 'push',
    name: 'ntfy',
    configSchema: NtfyConfig,
    credentialsSchema: NtfyCredentials,
    // ntfy takes no idempotency key. Servers from 2.16 replace a notification with the same
    // sequence id (which the driver sends), older ones show a repeat twice: the dispatcher's leases
    // are what prevents repeats.
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = ntfySettingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const { config, credentials } = target;

      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Workmate' };
      const authorization = ntfyAuthorization(credentials);
      if (authorization !== undefined) headers.Authorization = authorization;

      const response = await requestOrDeliveryError(deps.http, ntfyPublishUrl(config.server_url), {
        method: 'POST',
        headers,
        body: JSON.stringify(buildNtfyPublish(message, config.topic)),
      }, options, NTFY_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const id = ntfyMessageId(parseJson(response.body));
    return id === undefined ? {} : { providerMessageId: id };
  }
  if (status === 429) throw new DeliveryError('rate_limited', 'The ntfy server asked to slow down (429)', retryAfterOf(response, clock));
  if (status >= 500 && status < 600) throw new DeliveryError('provider', `The ntfy server answered ${status}`, retryAfterOf(response, clock));
  if (status === 408) throw new DeliveryError('provider', 'The ntfy server answered 408 (request timeout)');
  if (status >= 300 && status < 400) throw new DeliveryError('configuration', `The ntfy server URL redirects (${status}); enter the address it redirects to`);
  if (status === 401) throw new DeliveryError('configuration', 'The ntfy server refused the credentials (401); check the token or the user name and password');
  if (status === 403) throw new DeliveryError('configuration', 'The ntfy server does not allow publishing to this topic with these credentials (403)');
  if (status === 404) throw new DeliveryError('configuration', 'The ntfy server URL does not lead to an ntfy server (404)');
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `The ntfy server refused the message (${status})`);
  throw new DeliveryError('provider', `The ntfy server gave an answer that is not HTTP (${status})`);
}

function parseJson(body: Uint8Array): unknown {
  if (body.byteLength === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}
