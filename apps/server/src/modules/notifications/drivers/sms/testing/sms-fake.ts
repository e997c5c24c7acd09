/**
 * SMS gateways on 127.0.0.1 for the SMS driver's tests, each route keeping the documented contract
 * of one gateway style (what a preset sends):
 *
 * - Twilio Messages API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form fields `To`,
 *   `From`, `Body`, Basic auth AccountSid:AuthToken. 201 `{"sid":"SM…","status":"queued",…}`;
 *   400 `{"code":21211,…}` for a `To` that is not E.164, 21602 without a Body; 401 `{"code":20003}`.
 * - SMS Gateway for Android: `POST /message` (local server) or `/3rdparty/v1/message` (cloud),
 *   JSON `{"textMessage":{"text"},"phoneNumbers":[…]}` (or the older `{"message",…}`), Basic auth.
 *   202 `{"id","state":"Pending","recipients":[…]}`; 400 on a body it cannot read; 401.
 * - textbee: `POST /api/v1/gateway/devices/{deviceId}/send-sms`, JSON `{"recipients":[…],"message"}`,
 *   `x-api-key`. 201 `{"data":{"success":true,"smsBatchId",…}}`; 401.
 * - A plain JSON gateway: `POST /api/sms`, `{"to","text"}`, `Authorization: Bearer`. 200 `{"id"}`; 401.
 * - Anything else under `/custom`: any method, recorded as it came; the text is read from a `text`
 *   field of the query, the form or the JSON, or the whole text/plain body. 200 `{"messageId"}`.
 *
 * Every request is recorded in `arrivals`; accepted messages in `received`. The next request can be
 * answered with an error (its body carries the marker), a rate limit (429 with Retry-After), any
 * status, or not at all.
 */
import type { IncomingMessage } from 'node:http';
import { header, parseJson } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedRequest, requestUrl } from '../../testing/recording-server.ts';

export const FAKE_TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token-5e1f' };
export const FAKE_SMS_GATE = { username: 'sms', password: 'gate-password-77' };
export const FAKE_TEXTBEE = { deviceId: '65f0000000000000000000aa', apiKey: 'textbee-key-19c0' };
export const FAKE_BEARER = { token: 'bearer-token-a8d2' };

export type SmsRoute = 'twilio' | 'sms-gate' | 'textbee' | 'json-bearer' | 'custom' | 'unknown';

/** `json` holds the body parsed only when it was sent as JSON. */
export interface SmsArrival extends RecordedRequest {
  route: SmsRoute;
  query: URLSearchParams;
  /** The body read as a form when it was sent as one. */
  form: URLSearchParams | undefined;
}

export interface SmsReceived {
  route: SmsRoute;
  to: string[];
  from: string | undefined;
  text: string;
  arrival: SmsArrival;
}

export interface SmsFake extends ProviderFake<SmsArrival, SmsReceived> {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly urls: {
    twilio: string;
    smsGateLocal: string;
    smsGateCloud: string;
    textbee: string;
    jsonBearer: string;
    custom: string;
  };
  rateLimitNext(retryAfterSeconds: number): void;
}

const MAX_BODY_BYTES = 64 * 1024;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const JSON_TYPE = { 'content-type': 'application/json' };

export async function startSmsFake(options: { foreignBodyMarker?: string } = {}): Promise<SmsFake> {
  const marker = options.foreignBodyMarker ?? 'sms gateway error';
  let sequence = 0;

  const { origin, answerNext, ...recording } = await startRecordingServer<SmsArrival, SmsReceived>({
    maxBodyBytes: MAX_BODY_BYTES,
    parseBody: (raw, request) => (/^application\/json\b/i.test(contentTypeOf(request)) ? parseJson(raw.toString('utf8')) : undefined),
    record: (request, base) => {
      const url = requestUrl(request);
      const form = /^application\/x-www-form-urlencoded\b/i.test(contentTypeOf(request)) ? new URLSearchParams(base.rawBody.toString('utf8')) : undefined;
      return { ...base, route: routeOf(url.pathname), query: url.searchParams, form };
    },
    handle,
  });

  function handle(exchange: Exchange<SmsArrival, SmsReceived>) {
    const { request, record: arrival } = exchange;
    const url = requestUrl(request);
    const reject = (status: number, body: Record<string, unknown>) => exchange.answer('rejected', status, JSON_TYPE, JSON.stringify({ ...body, detail: marker }));
    const accept = (message: Omit<SmsReceived, 'route' | 'arrival'>, status: number, body: Record<string, unknown>) =>
      exchange.accept({ ...message, route: arrival.route, arrival }, status, JSON_TYPE, JSON.stringify(body));

    sequence += 1;
    const id = String(sequence).padStart(6, '0');
    switch (arrival.route) {
      case 'twilio': {
        const sid = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname)?.[1];
        if (request.method !== 'POST') return reject(405, { code: 20004, message: 'Method not allowed', status: 405 });
        if (sid !== FAKE_TWILIO.accountSid || !basicIs(request, FAKE_TWILIO.accountSid, FAKE_TWILIO.authToken)) return reject(401, { code: 20003, message: 'Authenticate', status: 401 });
        if (!arrival.form) return reject(400, { code: 21601, message: 'Bad request', status: 400 });
        const to = arrival.form.get('To') ?? '';
        const body = arrival.form.get('Body') ?? '';
        if (!E164.test(to)) return reject(400, { code: 21211, message: 'Invalid To number', status: 400 });
        if (body === '') return reject(400, { code: 21602, message: 'Message body is required', status: 400 });
        const from = arrival.form.get('From') ?? undefined;
        return accept({ to: [to], from, text: body }, 201, { sid: `SM${id.padStart(32, '0')}`, status: 'queued', to, from, body, account_sid: sid });
      }
      case 'sms-gate': {
        if (request.method !== 'POST') return reject(405, { message: 'Method not allowed' });
        if (!basicIs(request, FAKE_SMS_GATE.username, FAKE_SMS_GATE.password)) return reject(401, { message: 'Unauthorized' });
        const json = arrival.json as { textMessage?: { text?: unknown }; message?: unknown; phoneNumbers?: unknown } | undefined;
        const body = typeof json?.textMessage?.text === 'string' ? json.textMessage.text : json?.message;
        const numbers = json?.phoneNumbers;
        if (typeof body !== 'string' || !Array.isArray(numbers) || numbers.length === 0 || !numbers.every((n) => typeof n === 'string')) {
          return reject(400, { message: 'Invalid message' });
        }
        const messageId = `msg-${id}`;
        return accept({ to: numbers as string[], from: undefined, text: body }, 202, {
          id: messageId,
          state: 'Pending',
          recipients: (numbers as string[]).map((phoneNumber) => ({ phoneNumber, state: 'Pending' })),
        });
      }
      case 'textbee': {
        const device = /^\/api\/v1\/gateway\/devices\/([^/]+)\/send-sms$/.exec(url.pathname)?.[1];
        if (request.method !== 'POST') return reject(405, { message: 'Method not allowed' });
        if (header(request, 'x-api-key') !== FAKE_TEXTBEE.apiKey || device !== FAKE_TEXTBEE.deviceId) return reject(401, { message: 'Unauthorized', statusCode: 401 });
        const json = arrival.json as { recipients?: unknown; message?: unknown } | undefined;
        if (typeof json?.message !== 'string' || !Array.isArray(json.recipients) || !json.recipients.every((n) => typeof n === 'string')) {
          return reject(400, { message: 'Invalid request', statusCode: 400 });
        }
        return accept({ to: json.recipients as string[], from: undefined, text: json.message }, 201, {
          data: { success: true, message: 'SMS added to queue for processing', smsBatchId: `batch-${id}`, recipientCount: json.recipients.length },
        });
      }
      case 'json-bearer': {
        if (request.method !== 'POST') return reject(405, { error: 'method not allowed' });
        if (header(request, 'authorization') !== `Bearer ${FAKE_BEARER.token}`) return reject(401, { error: 'unauthorized' });
        const json = arrival.json as { to?: unknown; text?: unknown } | undefined;
        if (typeof json?.to !== 'string' || typeof json.text !== 'string') return reject(400, { error: 'to and text are required' });
        return accept({ to: [json.to], from: undefined, text: json.text }, 200, { id: `sms-${id}` });
      }
      case 'custom': {
        const fromJson = (arrival.json as { text?: unknown } | undefined)?.text;
        const said = arrival.query.get('text') ?? arrival.form?.get('text') ?? (typeof fromJson === 'string' ? fromJson : /^text\/plain\b/i.test(contentTypeOf(request)) ? arrival.rawBody.toString('utf8') : undefined);
        if (said === undefined) return reject(400, { error: 'no text' });
        const to = arrival.query.get('to') ?? arrival.form?.get('to') ?? (arrival.json as { to?: unknown } | undefined)?.to;
        return accept({ to: typeof to === 'string' ? [to] : [], from: undefined, text: said }, 200, { messageId: `custom-${id}` });
      }
      case 'unknown':
        return reject(404, { error: 'not found' });
    }
  }

  return {
    ...recording,
    origin,
    urls: {
      twilio: `${origin}/2010-04-01/Accounts/${FAKE_TWILIO.accountSid}/Messages.json`,
      smsGateLocal: `${origin}/message`,
      smsGateCloud: `${origin}/3rdparty/v1/message`,
      textbee: `${origin}/api/v1/gateway/devices/${FAKE_TEXTBEE.deviceId}/send-sms`,
      jsonBearer: `${origin}/api/sms`,
      custom: `${origin}/custom`,
    },
    answerNext: (status, headers = JSON_TYPE, body = JSON.stringify({ code: 99999, message: `answer ${status}: ${marker}` })) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: JSON_TYPE, body: JSON.stringify({ code: 20500, message: `Internal Server Error: ${marker}`, status: 500 }) }),
    rateLimitNext: (seconds) =>
      answerNext({ status: 429, headers: { ...JSON_TYPE, 'retry-after': String(seconds) }, body: JSON.stringify({ code: 20429, message: `Too Many Requests: ${marker}`, status: 429 }) }),
  };
}

function routeOf(path: string): SmsRoute {
  if (path.startsWith('/2010-04-01/Accounts/')) return 'twilio';
  if (path === '/message' || path === '/3rdparty/v1/message') return 'sms-gate';
  if (path.startsWith('/api/v1/gateway/devices/')) return 'textbee';
  if (path === '/api/sms') return 'json-bearer';
  if (path === '/custom' || path.startsWith('/custom/')) return 'custom';
  return 'unknown';
}

function contentTypeOf(request: IncomingMessage): string {
  return header(request, 'content-type') ?? '';
}

/** Whether the request carries Basic credentials for this user and password (RFC 7617, UTF-8). */
function basicIs(request: IncomingMessage, username: string, password: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header(request, 'authorization') ?? '');
  if (!match) return false;
  return Buffer.from(match[1] as string, 'base64').toString('utf8') === `${username}:${password}`;
}
