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
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { header, parseJson, readBody } from '../../testing/read-body.ts';

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

export interface HaArrival {
  kind: 'service' | 'webhook' | 'api' | 'other';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  json: unknown;
  outcome: 'accepted' | 'unregistered' | 'rejected' | 'canned' | 'hung';
  status: number | undefined;
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

export interface HomeAssistantFake {
  /** `http://127.0.0.1:<port>`: the base URL to configure. */
  readonly url: string;
  readonly arrivals: readonly HaArrival[];
  readonly received: readonly HaReceived[];
  waitFor(count: number, waitMs: number): Promise<HaReceived[]>;
  answerNext(status: number, headers?: Record<string, string>, body?: string): void;
  failNextWithError(): void;
  hangNext(): void;
  rateLimitNext(retryAfterSeconds: number): void;
  close(): Promise<void>;
}

interface Canned {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Waiter {
  count: number;
  resolve: (received: HaReceived[]) => void;
  timer: NodeJS.Timeout;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json' };
const MAX_BODY_BYTES = 1024 * 1024;

export async function startHomeAssistantFake(options: HomeAssistantFakeOptions = {}): Promise<HomeAssistantFake> {
  const token = options.token ?? FAKE_HA_TOKEN;
  const services = new Set(options.services ?? DEFAULT_SERVICES);
  const webhooks = options.webhooks ?? { 'workmate-reminders': ['POST', 'PUT'] };
  const marker = options.foreignBodyMarker ?? 'home assistant error';
  const arrivals: HaArrival[] = [];
  const received: HaReceived[] = [];
  const canned: (Canned | 'hang')[] = [];
  let waiters: Waiter[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = (await readBody(request, MAX_BODY_BYTES)) ?? Buffer.alloc(0);
    const path = new URL(request.url ?? '/', url).pathname;
    const service = /^\/api\/services\/([^/]+)\/([^/]+)$/.exec(path);
    const webhook = /^\/api\/webhook\/([^/]+)$/.exec(path);
    const arrival: HaArrival = {
      kind: service ? 'service' : webhook ? 'webhook' : path === '/api/' ? 'api' : 'other',
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      rawBody: raw,
      json: raw.byteLength === 0 ? undefined : parseJson(raw.toString('utf8')),
      outcome: 'rejected',
      status: undefined,
    };
    arrivals.push(arrival);
    const answer = (outcome: HaArrival['outcome'], status: number, headers: Record<string, string>, body: string) => {
      arrival.outcome = outcome;
      arrival.status = status;
      response.writeHead(status, headers).end(body);
    };
    const reject = (status: number, text: string) => answer('rejected', status, TEXT, `${status}: ${text} (${marker})`);

    const next = canned.shift();
    if (next === 'hang') {
      arrival.outcome = 'hung';
      return;
    }
    if (next) return answer('canned', next.status, next.headers, next.body);

    if (webhook) {
      const id = webhook[1] as string;
      const allowed = webhooks[id];
      // Unknown ids get the same 200 as known ones: Home Assistant does not say which exist.
      if (!allowed) return answer('unregistered', 200, {}, '');
      if (!allowed.includes(arrival.method)) return reject(405, 'Method Not Allowed');
      received.push({ kind: 'webhook', webhookId: id, payload: arrival.json, arrival });
      answer('accepted', 200, {}, '');
      return wake();
    }

    if (header(request, 'authorization') !== `Bearer ${token}`) return reject(401, 'Unauthorized');
    if (arrival.kind === 'api' && arrival.method === 'GET') return answer('accepted', 200, JSON_TYPE, JSON.stringify({ message: 'API running.' }));
    if (!service) return reject(404, 'Not Found');
    if (arrival.method !== 'POST') return reject(405, 'Method Not Allowed');
    if (raw.byteLength > 0 && arrival.json === undefined) return answer('rejected', 400, JSON_TYPE, JSON.stringify({ message: 'Data should be valid JSON.' }));
    const domain = service[1] as string;
    const name = service[2] as string;
    const data = (arrival.json ?? {}) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return reject(400, 'Bad Request');
    if (!services.has(`${domain}.${name}`)) return reject(400, 'Bad Request');
    if (!fitsSchema(domain, name, data as Record<string, unknown>)) return reject(400, 'Bad Request');

    received.push({ kind: 'service', domain, service: name, data: data as Record<string, unknown>, arrival });
    answer('accepted', 200, JSON_TYPE, JSON.stringify(changedStates(domain, data as Record<string, unknown>)));
    wake();
  }

  function wake() {
    waiters = waiters.filter((waiter) => {
      if (received.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve([...received]);
      return false;
    });
  }

  return {
    url,
    arrivals,
    received,
    waitFor(count, waitMs) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          count,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((other) => other !== waiter);
            resolve([...received]);
          }, waitMs),
        };
        waiters.push(waiter);
      });
    },
    answerNext: (status, headers = TEXT, body = `${status}: canned answer (${marker})`) => void canned.push({ status, headers, body }),
    failNextWithError: () => void canned.push({ status: 500, headers: TEXT, body: `500 Internal Server Error\n\nServer got itself in trouble: ${marker}` }),
    hangNext: () => void canned.push('hang'),
    rateLimitNext: (seconds) => void canned.push({ status: 429, headers: { ...TEXT, 'retry-after': String(seconds) }, body: `429: Too Many Requests (${marker})` }),
    async close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve([...received]);
      }
      waiters = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
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
