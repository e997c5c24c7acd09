/**
 * A Home Assistant on 127.0.0.1 for the driver's tests, keeping the documented REST API contract
 * (developers.home-assistant.io, "REST API", and the `api` and `webhook` integrations):
 *
 * - Every `/api/...` call but webhooks needs `Authorization: Bearer <long-lived token>`; without a
 *   valid one the answer is 401 with the text `401: Unauthorized`.
 * - `GET /api/` answers `{"message":"API running."}`.
 * - `POST /api/services/<domain>/<service>` with an optional JSON object as service data. A body
 *   that is not JSON: 400 `{"message":"Data should be valid JSON."}`; an unknown service or data the
 *   service's schema refuses: 400 `400: Bad Request` (Home Assistant raises HTTPBadRequest for
 *   ServiceNotFound and vol.Invalid). Otherwise 200 with the JSON list of states the call changed.
 *   The services known here check what Home Assistant's schemas require: `notify.*` a `message`,
 *   `tts.speak` `entity_id`, `media_player_entity_id` and `message`.
 * - `POST`/`PUT` `/api/webhook/<id>` needs no token. Home Assistant answers 200 with an empty body
 *   to every request, registered id or not (so nobody can probe for ids); a method the webhook does
 *   not allow gets 405.
 *
 * Every request is recorded in `arrivals`; accepted service calls and webhook deliveries in
 * `received`. The next request can be answered with an error (500 whose body carries the marker),
 * a rate limit (429 with Retry-After, as a proxy in front of Home Assistant answers), any status, or
 * not at all.
 */
import { header } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedOutcome, type RecordedRequest, requestUrl } from '../../testing/recording-server.ts';

export const FAKE_HA_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.fake-long-lived-token.c2lnbmF0dXJl';

export const DEFAULT_SERVICES = [
  'light.turn_on',
  'switch.turn_on',
  'notify.mobile_app_pixel_8',
  'notify.persistent_notification',
  'notify.send_message',
  'persistent_notification.create',
  'tts.speak',
  'script.workmate_alarm',
] as const;

/** `unregistered`: a webhook id Home Assistant does not know, answered like a known one. */
export interface HaArrival extends RecordedRequest<RecordedOutcome | 'unregistered'> {
  kind: 'service' | 'webhook' | 'api' | 'other';
}

export type HaReceived =
  | { kind: 'service'; domain: string; service: string; data: Record<string, unknown>; arrival: HaArrival }
  | { kind: 'webhook'; webhookId: string; payload: unknown; arrival: HaArrival };

export interface HomeAssistantFakeOptions {
  token?: string;
  /** `domain.service` names that exist; default DEFAULT_SERVICES. */
  services?: readonly string[];
  /** Registered webhook ids with the methods each allows (Home Assistant's default: POST and PUT). */
  webhooks?: Readonly<Record<string, readonly string[]>>;
  foreignBodyMarker?: string;
}

export interface HomeAssistantFake extends ProviderFake<HaArrival, HaReceived> {
  /** `http://127.0.0.1:<port>`: the base URL to configure. */
  readonly url: string;
  rateLimitNext(retryAfterSeconds: number): void;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };
const SERVICE = /^\/api\/services\/([^/]+)\/([^/]+)$/;
const WEBHOOK = /^\/api\/webhook\/([^/]+)$/;

export async function startHomeAssistantFake(options: HomeAssistantFakeOptions = {}): Promise<HomeAssistantFake> {
  const token = options.token ?? FAKE_HA_TOKEN;
  const services = new Set(options.services ?? DEFAULT_SERVICES);
  const webhooks = options.webhooks ?? { 'workmate-reminders': ['POST', 'PUT'] };
  const marker = options.foreignBodyMarker ?? 'home assistant error';

  const { origin, answerNext, ...recording } = await startRecordingServer<HaArrival, HaReceived>({
    record: (request, base) => ({ ...base, kind: kindOf(requestUrl(request).pathname) }),
    handle,
  });

  function handle({ request, record: arrival, answer, accept }: Exchange<HaArrival, HaReceived>): void {
    const reject = (status: number, text: string) => answer('rejected', status, TEXT, `${status}: ${text} (${marker})`);
    const path = requestUrl(request).pathname;
    const service = SERVICE.exec(path);
    const webhook = WEBHOOK.exec(path);

    if (webhook) {
      const id = webhook[1] as string;
      const allowed = webhooks[id];
      // Unknown ids get the same 200 as known ones: Home Assistant does not say which exist.
      if (!allowed) return answer('unregistered', 200, {}, '');
      if (!allowed.includes(arrival.method)) return reject(405, 'Method Not Allowed');
      return accept({ kind: 'webhook', webhookId: id, payload: arrival.json, arrival }, 200, {}, '');
    }

    if (header(request, 'authorization') !== `Bearer ${token}`) return reject(401, 'Unauthorized');
    if (arrival.kind === 'api' && arrival.method === 'GET') return answer('accepted', 200, JSON_TYPE, JSON.stringify({ message: 'API running.' }));
    if (!service) return reject(404, 'Not Found');
    if (arrival.method !== 'POST') return reject(405, 'Method Not Allowed');
    if (arrival.rawBody.byteLength > 0 && arrival.json === undefined) return answer('rejected', 400, JSON_TYPE, JSON.stringify({ message: 'Data should be valid JSON.' }));
    const domain = service[1] as string;
    const name = service[2] as string;
    const data = (arrival.json ?? {}) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return reject(400, 'Bad Request');
    if (!services.has(`${domain}.${name}`)) return reject(400, 'Bad Request');
    if (!fitsSchema(domain, name, data as Record<string, unknown>)) return reject(400, 'Bad Request');

    accept({ kind: 'service', domain, service: name, data: data as Record<string, unknown>, arrival }, 200, JSON_TYPE, JSON.stringify(changedStates(domain, data as Record<string, unknown>)));
  }

  return {
    ...recording,
    url: origin,
    answerNext: (status, headers = TEXT, body = `${status}: canned answer (${marker})`) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: TEXT, body: `500 Internal Server Error\n\nServer got itself in trouble: ${marker}` }),
    rateLimitNext: (seconds) => answerNext({ status: 429, headers: { ...TEXT, 'retry-after': String(seconds) }, body: `429: Too Many Requests (${marker})` }),
  };
}

function kindOf(path: string): HaArrival['kind'] {
  return SERVICE.test(path) ? 'service' : WEBHOOK.test(path) ? 'webhook' : path === '/api/' ? 'api' : 'other';
}

/** What Home Assistant's own schemas require of the services whose callers need it most. */
function fitsSchema(domain: string, service: string, data: Record<string, unknown>): boolean {
  const text = (key: string) => typeof data[key] === 'string' && data[key] !== '';
  if (domain === 'notify') return text('message') && (data.title === undefined || typeof data.title === 'string');
  if (domain === 'persistent_notification' && service === 'create') return text('message');
  if (domain === 'tts' && service === 'speak') return text('entity_id') && text('media_player_entity_id') && text('message');
  return true;
}

/** The states a call changed: the targeted entities, on. */
function changedStates(domain: string, data: Record<string, unknown>): unknown[] {
  if (domain !== 'light' && domain !== 'switch') return [];
  const ids = Array.isArray(data.entity_id) ? data.entity_id : [data.entity_id];
  return ids
    .filter((id): id is string => typeof id === 'string')
    .map((entityId) => ({ entity_id: entityId, state: 'on', attributes: {}, last_changed: '2026-11-26T09:00:00.000000+00:00', last_updated: '2026-11-26T09:00:00.000000+00:00' }));
}
