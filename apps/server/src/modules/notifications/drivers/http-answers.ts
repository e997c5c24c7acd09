/**
 * What every HTTP-based channel driver (Web Push, webhook, and the provider channels) does the same
 * way: read a Retry-After, and turn a failure of the outbound guard into a DeliveryError whose
 * message names the provider but never carries a foreign body. One place, so the drivers cannot
 * drift apart in how they treat a slow or unreachable provider.
 */
import type { Clock } from '../../../shared/clock/clock.ts';
import { OutboundError, type OutboundHttp, type OutboundResponse } from '../../../shared/http/outbound.types.ts';
import { DeliveryError, type SendOptions } from '../notifications.types.ts';

const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Retry-After (RFC 9110 10.2.3) in milliseconds: delay-seconds, or an HTTP date taken relative to
 * `reference` (the answer's own Date header where it has one, so the two clocks cannot disagree).
 * Capped at a day: a service asking for longer is treated as asking for a day.
 */
export function parseRetryAfterMs(value: string | null | undefined, reference: Date): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date names a weekday and GMT; Date.parse alone would take "5" or "2026" as dates too.
  if (!/^[A-Za-z]{3},\s/.test(trimmed) || !/GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - reference.getTime(), 0), MAX_RETRY_AFTER_MS);
}

/** A provider's own "retry after N seconds" given in its body (Telegram, Discord), capped like the header. */
export function retryAfterSecondsToMs(seconds: unknown): number | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(Math.ceil(seconds * 1000), MAX_RETRY_AFTER_MS);
}

/** The answer's Retry-After as DeliveryError options: `{ retryAfterMs }` when it has a readable one, else `{}`. */
export function retryAfterOf(response: Pick<OutboundResponse, 'headers'>, clock: Clock): { retryAfterMs?: number } {
  const date = response.headers.get('date');
  const reference = date && !Number.isNaN(Date.parse(date)) ? new Date(Date.parse(date)) : clock.now();
  const after = parseRetryAfterMs(response.headers.get('retry-after'), reference);
  return after === undefined ? {} : { retryAfterMs: after };
}

/** How a driver names its provider in messages the user may see. */
export interface ProviderNames {
  /** "The push service", "The webhook receiver", "The ntfy server". */
  service: string;
  /** "The push endpoint", "The webhook URL", "The ntfy server URL". */
  address: string;
  /** "push", "webhook", "ntfy": as in "The ntfy delivery was aborted". */
  delivery: string;
}

/** A failure of the outbound request itself (no HTTP answer) as the DeliveryError the dispatcher acts on. */
export function deliveryErrorFromOutbound(error: unknown, timeoutMs: number, names: ProviderNames): DeliveryError {
  if (!(error instanceof OutboundError)) return new DeliveryError('provider', `${names.service} could not be reached`, { cause: error });
  switch (error.kind) {
    case 'timeout':
      return new DeliveryError('timeout', `${names.service} did not answer within ${timeoutMs} ms`, { cause: error });
    case 'forbidden_target':
      return new DeliveryError('configuration', `${names.address} is an address this server may not contact`, { cause: error });
    case 'invalid_url':
      return new DeliveryError('configuration', `${names.address} is not a valid URL`, { cause: error });
    case 'aborted':
      return new DeliveryError('provider', `The ${names.delivery} delivery was aborted`, { cause: error });
    case 'dns':
    case 'connect':
    case 'too_many_redirects':
      return new DeliveryError('provider', `${names.service} could not be reached (${error.kind})`, { cause: error });
  }
}

/**
 * One request through the outbound guard within the attempt's signal and time limit; a failure
 * without an HTTP answer comes back as the DeliveryError the dispatcher acts on. The answer itself
 * (any status) is the driver's to read.
 */
export async function requestOrDeliveryError(
  http: OutboundHttp,
  url: string,
  init: Omit<Parameters<OutboundHttp['request']>[1], 'signal' | 'timeoutMs'>,
  attempt: SendOptions,
  names: ProviderNames,
): Promise<OutboundResponse> {
  try {
    return await http.request(url, { ...init, signal: attempt.signal, timeoutMs: attempt.timeoutMs });
  } catch (error) {
    throw deliveryErrorFromOutbound(error, attempt.timeoutMs, names);
  }
}
