/**
 * Smart-home alerts through Home Assistant: a service call (blink a light, a companion-app push,
 * a spoken message) with a long-lived access token, or a POST to an automation's webhook trigger.
 * Home Assistant usually lives on the LAN, so the outbound guard must allow private targets for it;
 * a redirect is never followed.
 *
 * - Service mode: `POST <base_url>/api/services/<domain>/<service>` with `Authorization: Bearer
 *   <token>` and the JSON body `serviceCallData` builds (what each kind of service gets is in
 *   `homeassistant.models.ts`). Home Assistant answers 200 with the list of states that changed.
 * - Webhook mode: `POST <base_url>/api/webhook/<webhook_id>` with the same JSON the generic webhook
 *   driver sends (`buildWebhookPayload`), no token. Home Assistant answers 200 to every webhook
 *   request, known id or not, and drops one from outside the LAN when the trigger is "local only",
 *   so a wrong id is not an error anyone can see here.
 *
 * Answers: 2xx delivered; 401 a refused token, 400 a service call Home Assistant refused (unknown
 * service, data its schema does not take), 404 and other 4xx wrong settings, 3xx a redirect (an
 * http address that moved to https): all configuration problems. 408 and 5xx (an integration that
 * failed, a device that is off) are worth retrying; a 429 from a proxy in front is a rate limit. The
 * answer's body is never shown.
 *
 * Neither a service call nor a webhook takes an idempotency key, so the driver does not claim to
 * deduplicate (the companion app's `tag` makes a repeat replace the notification, but a light
 * blinks twice). The reminder engine caps smart-home alerts per task and day.
 */
import Value from 'typebox/value';
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type ChannelMessage, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import { buildWebhookPayload } from '../webhook/webhook.driver.ts';
import {
  HomeAssistantConfig,
  HomeAssistantCredentials,
  MAX_DATA_JSON_LENGTH,
  serviceCallData,
  serviceKindOf,
  serviceUrl,
  webhookUrl,
  type HomeAssistantServiceConfig,
} from './homeassistant.models.ts';

const HA_NAMES: ProviderNames = { service: 'Home Assistant', address: 'The Home Assistant URL', delivery: 'Home Assistant' };

export function createHomeAssistantDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<HomeAssistantConfig, HomeAssistantCredentials> {
  const clock = deps.clock ?? systemClock;

  return {
    channel: 'smart_home',
    name: 'home-assistant',
    configSchema: HomeAssistantConfig,
    credentialsSchema: HomeAssistantCredentials,
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = settingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const { config, credentials } = target;
      const request = config.mode === 'service' ? serviceRequest(message, config, credentials) : webhookRequest(message, config.base_url, config.webhook_id, clock);

      const response = await requestOrDeliveryError(deps.http, request.url, { method: 'POST', headers: request.headers, body: request.body }, options, HA_NAMES);
      return interpretAnswer(response, config.mode === 'service' ? `${config.domain}.${config.service}` : undefined, clock);
    },
  };
}

interface HaRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function serviceRequest(message: ChannelMessage, config: HomeAssistantServiceConfig, credentials: HomeAssistantCredentials): HaRequest {
  if (credentials.access_token === undefined) throw new DeliveryError('configuration', 'Home Assistant service calls need a long-lived access token');
  const data = serviceCallData(serviceKindOf(config.domain, config.service), message, config.data);
  return {
    url: serviceUrl(config),
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Workmate', Authorization: `Bearer ${credentials.access_token}` },
    body: JSON.stringify(data),
  };
}

function webhookRequest(message: ChannelMessage, baseUrl: string, webhookId: string, clock: Clock): HaRequest {
  // The token is never sent here: the webhook endpoint takes none, and a secret has no business in a request that needs none.
  return {
    url: webhookUrl({ base_url: baseUrl, webhook_id: webhookId }),
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Workmate' },
    body: JSON.stringify(buildWebhookPayload(message, clock.now())),
  };
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats the token. */
function settingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(HomeAssistantConfig, config)) {
    const mode = (config as { mode?: unknown } | null)?.mode;
    return mode === 'service' || mode === 'webhook' ? `The Home Assistant ${mode} settings are invalid` : 'The Home Assistant settings need mode "service" or "webhook"';
  }
  if (!Value.Check(HomeAssistantCredentials, credentials)) return 'The Home Assistant access token is not a valid token';
  const data = (config as { data?: unknown }).data;
  if (data !== undefined && jsonLength(data) > MAX_DATA_JSON_LENGTH) return `The Home Assistant service data is longer than ${MAX_DATA_JSON_LENGTH} characters`;
  return undefined;
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function interpretAnswer(response: OutboundResponse, service: string | undefined, clock: Clock): DeliveryReceipt {
  const { status } = response;
  // A service call answers with the changed states, a webhook with nothing: neither names the delivery.
  if (status >= 200 && status < 300) return {};
  if (status === 429) throw new DeliveryError('rate_limited', 'Home Assistant asked to slow down (429)', retryAfterOf(response, clock));
  if (status >= 500 && status < 600) {
    const what = service === undefined ? 'the webhook request' : service;
    throw new DeliveryError('provider', `Home Assistant could not carry out ${what} (${status})`, retryAfterOf(response, clock));
  }
  if (status === 408) throw new DeliveryError('provider', 'Home Assistant answered 408 (request timeout)');
  if (status >= 300 && status < 400) throw new DeliveryError('configuration', `The Home Assistant URL redirects (${status}); enter the address it redirects to`);
  if (status === 401) throw new DeliveryError('configuration', 'Home Assistant refused the access token (401); create a new long-lived access token');
  if (status === 403) throw new DeliveryError('configuration', 'Home Assistant refused the request (403); the token\'s user may lack the right, or this server\'s address is banned');
  if (service !== undefined && status === 400) throw new DeliveryError('configuration', `Home Assistant refused the call of ${service} (400); check that the service exists and takes this data`);
  if (service !== undefined && status === 404) throw new DeliveryError('configuration', `Home Assistant does not know the service ${service} (404)`);
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `Home Assistant refused the ${service === undefined ? 'webhook request' : `call of ${service}`} (${status})`);
  throw new DeliveryError('provider', `Home Assistant gave an answer that is not HTTP (${status})`);
}
