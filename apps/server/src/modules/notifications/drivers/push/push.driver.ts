/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291). web-push
 * encrypts and signs; the request goes out through the outbound guard, because the endpoint is a
 * URL the browser gave us and a user could have replaced it with any address.
 */
import webpush from 'web-push';
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { buildPushPayload, pushSubscriptionProblem, pushTopic, pushTtlSeconds, pushUrgency } from './push.models.ts';
import { PushCredentials, PushSubscriptionConfig } from './push.schemas.ts';
import { InvalidVapidKeysError, parseVapidKeys, vapidSubjectProblem } from './vapid.models.ts';

export interface PushDriverDeps {
  http: OutboundHttp;
  /** The instance's VAPID pair and contact (mailto: or https:). Checked here, so a bad pair fails at start-up. */
  vapid: { publicKey: string; privateKey: string; subject: string };
  /** Reference time for a Retry-After date when the push service sends no Date header. */
  clock?: Clock;
}

/** Location headers are push-service URLs; longer ones are not worth keeping in a notification row. */
const MAX_PROVIDER_ID_LENGTH = 512;

export function createPushDriver(deps: PushDriverDeps): ChannelDriver<PushSubscriptionConfig, PushCredentials> {
  const keys = parseVapidKeys({ publicKey: deps.vapid.publicKey, privateKey: deps.vapid.privateKey });
  const subjectProblem = vapidSubjectProblem(deps.vapid.subject);
  if (subjectProblem) throw new InvalidVapidKeysError(subjectProblem);
  const vapidDetails = { subject: deps.vapid.subject, publicKey: keys.publicKey, privateKey: keys.privateKey };
  const clock = deps.clock ?? systemClock;

  return {
    channel: 'push',
    name: 'web-push',
    configSchema: PushSubscriptionConfig,
    credentialsSchema: PushCredentials,
    // A Topic replaces a message only while it waits at the push service; once delivered, a second
    // copy is shown again (the service worker's tag then replaces it in the tray, but it may alert).
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = pushSubscriptionProblem(target.config);
      if (problem) throw new DeliveryError('configuration', problem);
      const { endpoint, keys: subscriptionKeys } = target.config;

      const topic = pushTopic(message.idempotencyKey);
      const payload = buildPushPayload(message, { tag: topic });
      if (!payload) throw new DeliveryError('configuration', 'The message does not fit into a push message, even shortened');

      let details: webpush.RequestDetails;
      try {
        details = webpush.generateRequestDetails({ endpoint, keys: subscriptionKeys }, JSON.stringify(payload), {
          vapidDetails,
          TTL: pushTtlSeconds(message.severity),
          urgency: pushUrgency(message.severity),
          topic,
          contentEncoding: 'aes128gcm',
        });
      } catch (error) {
        throw new DeliveryError('configuration', 'The push message could not be encrypted or signed for this subscription', { cause: error });
      }

      const response = await requestOrDeliveryError(deps.http, endpoint, {
        method: 'POST',
        headers: requestHeaders(details.headers),
        body: details.body ?? new Uint8Array(),
      }, options, PUSH_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

/** web-push gives numbers for TTL and Content-Length; the outbound client sets the length itself. */
function requestHeaders(headers: webpush.Headers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.toLowerCase() !== 'content-length')
      .map(([name, value]) => [name, String(value)]),
  );
}

const PUSH_NAMES: ProviderNames = { service: 'The push service', address: 'The push endpoint', delivery: 'push' };

/** RFC 8030 5 / 8.3 and what the big push services (FCM, Mozilla autopush, Apple) answer in practice. */
function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status, headers } = response;
  if (status >= 200 && status < 300) {
    const location = headers.get('location');
    return location && location.length <= MAX_PROVIDER_ID_LENGTH ? { providerMessageId: location } : {};
  }
  if (status === 404 || status === 410) {
    return fail('gone', `The push subscription no longer exists (push service answered ${status})`);
  }
  if (status === 429) throw new DeliveryError('rate_limited', 'The push service asked to slow down (429)', retryAfterOf(response, clock));
  if (status >= 500) throw new DeliveryError('provider', `The push service answered ${status}`, retryAfterOf(response, clock));
  if (status === 408) return fail('provider', 'The push service answered 408 (request timeout)');
  if (status === 401 || status === 403) {
    return fail('configuration', `The push service refused the VAPID authorization (${status}); the subscription may belong to other VAPID keys`);
  }
  if (status === 413) return fail('configuration', 'The push service refused the message as too large (413)');
  if (status >= 300 && status < 400) return fail('configuration', `The push endpoint redirects (${status}); it is not a push service`);
  // 400 and the rest of 4xx: the request itself is wrong for this service, and sending it again will not change that.
  return fail('configuration', `The push service refused the message (${status})`);
}

function fail(kind: 'gone' | 'provider' | 'configuration', message: string): never {
  throw new DeliveryError(kind, message);
}
