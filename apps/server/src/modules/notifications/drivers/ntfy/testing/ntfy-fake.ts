/**
 * An ntfy server on 127.0.0.1 for tests, keeping the part of ntfy's documented contract Workmate
 * uses (https://docs.ntfy.sh/publish/#publish-as-json): a JSON message PUT or POSTed to the server
 * root, checked the way ntfy checks it (topic name, priority 1-5, at most three well-formed
 * actions, UTF-8), answered 200 with the stored message (`{"id":...,"event":"message",...}`), and
 * errors in ntfy's shape (`{"code":40009,"http":400,"error":"...","link":"..."}`). With a token or
 * a user set, publishing needs them: none is 403, wrong ones 401, as on a server with access
 * control. Every request is recorded in `arrivals`, accepted messages in `received`; the next
 * request can be answered with an error, a rate limit (ntfy's own 429 has no Retry-After; the
 * seconds given here are sent as one, as a proxy in front of ntfy would), any answer, or none.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { header, readBody } from '../../testing/read-body.ts';

export interface NtfyRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  outcome: 'accepted' | 'rejected' | 'canned' | 'hung';
  status: number | undefined;
  /** For an accepted message: what the server stored and answered with. */
  message?: NtfyStoredMessage;
}

export interface NtfyStoredMessage {
  id: string;
  time: number;
  expires: number;
  event: 'message';
  topic: string;
  title?: string;
  message: string;
  priority?: number;
  tags?: string[];
  click?: string;
  actions?: (Record<string, unknown> & { id: string; action: string; label: string; url?: string })[];
  sequence_id?: string;
}

export interface NtfyFakeOptions {
  /** Publishing needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Publishing needs Basic authentication with these. */
  user?: { username: string; password: string };
  /** Serve under this path (a server behind a reverse proxy), e.g. `/ntfy`. */
  basePath?: string;
  /** Put into the body of every error answer (the contract suite passes FOREIGN_BODY_CANARY). */
  foreignBodyMarker?: string;
}

export interface NtfyFake {
  /** The server URL to configure (`http://127.0.0.1:<port>` plus the base path). */
  readonly url: string;
  readonly received: readonly NtfyRequest[];
  readonly arrivals: readonly NtfyRequest[];
  waitFor(count: number, waitMs: number): Promise<NtfyRequest[]>;
  answerNext(status: number, headers?: Record<string, string>, body?: string): void;
  failNextWithError(): void;
  hangNext(): void;
  /** ntfy's 429 (code 42901), with Retry-After when seconds are given. */
  rateLimitNext(retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const ACTION_TYPES = new Set(['view', 'http', 'broadcast', 'copy']);
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const MAX_BODY_BYTES = 32 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json' };

type Canned = { status: number; headers: Record<string, string>; body: string } | 'hang';

export async function startNtfyFake(options: NtfyFakeOptions = {}): Promise<NtfyFake> {
  const marker = options.foreignBodyMarker ?? 'ntfy error';
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const received: NtfyRequest[] = [];
  const arrivals: NtfyRequest[] = [];
  const canned: Canned[] = [];
  let waiters: { count: number; resolve: (all: NtfyRequest[]) => void; timer: NodeJS.Timeout }[] = [];

  const errorBody = (code: number, http: number, error: string, link?: string) => JSON.stringify({ code, http, error: `${error} (${marker})`, ...(link ? { link } : {}) });

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = (await readBody(request, MAX_BODY_BYTES)) ?? Buffer.alloc(0);
    const record: NtfyRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, rawBody: raw, json: parseJsonObject(raw), outcome: 'rejected', status: undefined };
    arrivals.push(record);
    const answer = (outcome: NtfyRequest['outcome'], status: number, headers: Record<string, string>, body: string) => {
      record.outcome = outcome;
      record.status = status;
      response.writeHead(status, headers).end(body);
    };
    const refuse = (code: number, status: number, error: string, link?: string) => answer('rejected', status, JSON_HEADERS, errorBody(code, status, error, link));

    const next = canned.shift();
    if (next === 'hang') {
      record.outcome = 'hung';
      return;
    }
    if (next) return answer('canned', next.status, next.headers, next.body);

    const path = (request.url ?? '').split('?')[0] ?? '';
    if (path !== `${basePath}/` || (record.method !== 'POST' && record.method !== 'PUT')) return refuse(40401, 404, 'page not found');
    const auth = authProblem(header(request, 'authorization'));
    if (auth === 'missing') return refuse(40301, 403, 'forbidden', 'https://ntfy.sh/docs/publish/#authentication');
    if (auth === 'wrong') return refuse(40101, 401, 'unauthorized', 'https://ntfy.sh/docs/publish/#authentication');
    if (!isUtf8(raw)) return refuse(40011, 400, 'invalid message: message must be UTF-8 encoded');
    const json = record.json as Record<string, unknown> | undefined;
    if (json === undefined) return refuse(40017, 400, 'invalid request: request body must be message JSON', 'https://ntfy.sh/docs/publish/#publish-as-json');
    if (typeof json.topic !== 'string' || !TOPIC.test(json.topic)) return refuse(40009, 400, 'invalid request: topic invalid');
    if (json.priority !== undefined && !(Number.isInteger(json.priority) && (json.priority as number) >= 1 && (json.priority as number) <= 5)) {
      return refuse(40007, 400, 'invalid priority parameter', 'https://ntfy.sh/docs/publish/#message-priority');
    }
    if (!actionsValid(json.actions)) return refuse(40018, 400, 'invalid request: actions invalid', 'https://ntfy.sh/docs/publish/#action-buttons');
    for (const field of ['title', 'message', 'click', 'sequence_id'] as const) {
      if (json[field] !== undefined && typeof json[field] !== 'string') return refuse(40017, 400, 'invalid request: request body must be message JSON');
    }
    if (json.tags !== undefined && !(Array.isArray(json.tags) && json.tags.every((tag) => typeof tag === 'string'))) return refuse(40017, 400, 'invalid request: request body must be message JSON');

    const time = Math.floor((performance.timeOrigin + performance.now()) / 1000);
    const stored: NtfyStoredMessage = {
      id: randomId(),
      time,
      expires: time + 12 * 60 * 60,
      event: 'message',
      topic: json.topic,
      ...(typeof json.title === 'string' ? { title: json.title } : {}),
      message: typeof json.message === 'string' && json.message !== '' ? json.message : 'triggered',
      ...(typeof json.priority === 'number' && json.priority !== 3 ? { priority: json.priority } : {}),
      ...(Array.isArray(json.tags) ? { tags: json.tags as string[] } : {}),
      ...(typeof json.click === 'string' ? { click: json.click } : {}),
      ...(Array.isArray(json.actions) ? { actions: (json.actions as Record<string, unknown>[]).map((action) => ({ ...action, id: randomId() }) as NonNullable<NtfyStoredMessage['actions']>[number]) } : {}),
      ...(typeof json.sequence_id === 'string' ? { sequence_id: json.sequence_id } : {}),
    };
    record.message = stored;
    received.push(record);
    answer('accepted', 200, JSON_HEADERS, JSON.stringify(stored));
    waiters = waiters.filter((waiter) => {
      if (received.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve([...received]);
      return false;
    });
  }

  function authProblem(authorization: string | undefined): 'missing' | 'wrong' | undefined {
    if (options.token === undefined && options.user === undefined) return undefined;
    if (authorization === undefined) return 'missing';
    if (options.token !== undefined && authorization === `Bearer ${options.token}`) return undefined;
    if (options.user !== undefined) {
      const expected = Buffer.from(`${options.user.username}:${options.user.password}`, 'utf8').toString('base64');
      if (authorization === `Basic ${expected}`) return undefined;
    }
    return 'wrong';
  }

  return {
    url,
    received,
    arrivals,
    waitFor(count, waitMs) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => {
        const waiter = {
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
    answerNext: (status, headers = JSON_HEADERS, body = errorBody(status * 100 + 1, status, `answer ${status}`)) => void canned.push({ status, headers, body }),
    failNextWithError: () => void canned.push({ status: 500, headers: JSON_HEADERS, body: errorBody(50001, 500, 'internal server error') }),
    hangNext: () => void canned.push('hang'),
    rateLimitNext: (seconds) =>
      void canned.push({
        status: 429,
        headers: { ...JSON_HEADERS, ...(seconds === undefined ? {} : { 'retry-after': String(seconds) }) },
        body: errorBody(42901, 429, 'limit reached: too many requests, please be nice', 'https://ntfy.sh/docs/publish/#limitations'),
      }),
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

/** ntfy's checks on actions: at most three, a known type, a label, a URL where the type needs one, a known method. */
function actionsValid(actions: unknown): boolean {
  if (actions === undefined) return true;
  if (!Array.isArray(actions) || actions.length > 3) return false;
  return actions.every((action: unknown) => {
    if (typeof action !== 'object' || action === null) return false;
    const { action: type, label, url, method, headers } = action as Record<string, unknown>;
    if (typeof type !== 'string' || !ACTION_TYPES.has(type) || typeof label !== 'string' || label === '') return false;
    if ((type === 'view' || type === 'http') && (typeof url !== 'string' || url === '')) return false;
    if (method !== undefined && (typeof method !== 'string' || !HTTP_METHODS.has(method.toUpperCase()))) return false;
    return headers === undefined || (typeof headers === 'object' && headers !== null && Object.values(headers).every((value) => typeof value === 'string'));
  });
}

function parseJsonObject(raw: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

function randomId(): string {
  return randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
}
