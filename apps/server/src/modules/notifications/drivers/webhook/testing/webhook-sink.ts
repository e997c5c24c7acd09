/**
 * A webhook receiver on 127.0.0.1 for tests and benchmarks. It keeps the contract the webhook
 * driver documents for receivers: JSON by POST or PUT with an Idempotency-Key, a repeated key
 * answered 200 and dropped, and (when started with a secret) a valid X-Workmate-Signature, checked
 * here with its own HMAC code rather than the driver's. Every request is recorded in `arrivals`;
 * the deliveries it accepted, each key once, in `received`. It can also be told to answer the next
 * request with an error, a rate limit, any status, or not at all; such a request is in `arrivals`
 * only, and its key stays unused (the receiver did not take it, so a retry must get through).
 *
 * Lean on purpose (a benchmark pushes 10,000 deliveries through it): no logging, one Set for the
 * keys, waiters woken on arrival instead of polling.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { header, parseJson, readBody } from '../../testing/read-body.ts';

export interface WebhookRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body's bytes exactly as received (what the signature covers). */
  rawBody: Buffer;
  /** The body parsed, or undefined when it is not JSON. */
  json: unknown;
  idempotencyKey: string | undefined;
  /**
   * accepted: first request with its key (in `received`); duplicate: key already accepted, answered
   * 200 and dropped; rejected: broke the receiver contract (`status` says how); canned: answered as
   * told by answerNext and friends; hung: never answered.
   */
  outcome: 'accepted' | 'duplicate' | 'rejected' | 'canned' | 'hung';
  status: number | undefined;
  /** When the whole request had arrived (epoch milliseconds), for benchmarks measuring lateness. */
  at: number;
}

export interface WebhookSinkOptions {
  /** Requests must carry a valid signature made with this secret; others are answered 401. */
  secret?: string;
  /** Put into the body of every error answer (the contract suite passes FOREIGN_BODY_CANARY). */
  foreignBodyMarker?: string;
  /** Longer bodies are answered 413 (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface WebhookSink {
  /** `http://127.0.0.1:<port>/hook`: the URL to configure. */
  readonly url: string;
  /** Accepted deliveries, each Idempotency-Key once, in order of arrival. */
  readonly received: readonly WebhookRequest[];
  /** Every request, repeats and refusals included. */
  readonly arrivals: readonly WebhookRequest[];
  /** Waits up to `waitMs` until `count` deliveries were accepted, then returns all accepted so far. */
  waitFor(count: number, waitMs: number): Promise<WebhookRequest[]>;
  /** Whether the request's X-Workmate-Signature was made with `secret` (the documented scheme). */
  verify(request: WebhookRequest, secret: string): boolean;
  /** The next request gets this answer instead of being processed (queued: one per request, in order). */
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
  resolve: (received: WebhookRequest[]) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A client that reuses connections keeps them through a burst; an idle one is let go soon. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export async function startWebhookSink(options: WebhookSinkOptions = {}): Promise<WebhookSink> {
  const marker = options.foreignBodyMarker ?? 'webhook receiver error';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const received: WebhookRequest[] = [];
  const arrivals: WebhookRequest[] = [];
  const seenKeys = new Set<string>();
  const canned: (Canned | 'hang')[] = [];
  let waiters: Waiter[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request, maxBodyBytes);
    const idempotencyKey = header(request, 'idempotency-key');
    const record: WebhookRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      rawBody: raw ?? Buffer.alloc(0),
      json: raw === undefined ? undefined : parseJson(raw.toString('utf8')),
      idempotencyKey,
      outcome: 'rejected',
      status: undefined,
      at: performance.timeOrigin + performance.now(),
    };
    arrivals.push(record);
    const answer = (outcome: WebhookRequest['outcome'], status: number, headers: Record<string, string>, body: string) => {
      record.outcome = outcome;
      record.status = status;
      response.writeHead(status, headers).end(body);
    };
    const reject = (status: number, reason: string) => answer('rejected', status, { 'content-type': 'text/plain' }, `${reason}: ${marker}`);

    const next = canned.shift();
    if (next === 'hang') {
      record.outcome = 'hung'; // The socket stays open until the client gives up or close().
      return;
    }
    if (next) return answer('canned', next.status, next.headers, next.body);

    if (raw === undefined) return reject(413, 'body too large');
    if (record.method !== 'POST' && record.method !== 'PUT') return reject(405, 'POST or PUT only');
    if (!/^application\/json\b/i.test(header(request, 'content-type') ?? '')) return reject(415, 'Content-Type is not application/json');
    if (record.json === undefined) return reject(400, 'body is not JSON');
    if (!idempotencyKey) return reject(400, 'Idempotency-Key missing');
    if (options.secret !== undefined && !verify(record, options.secret)) return reject(401, 'signature missing or wrong');

    if (seenKeys.has(idempotencyKey)) return answer('duplicate', 200, { 'content-type': 'application/json' }, '{"duplicate":true}');
    seenKeys.add(idempotencyKey);
    received.push(record);
    answer('accepted', 200, { 'content-type': 'application/json' }, `{"id":"delivery-${received.length}"}`);
    if (waiters.length > 0) wake();
  }

  function wake() {
    waiters = waiters.filter((waiter) => {
      if (received.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve([...received]);
      return false;
    });
  }

  function verify(request: WebhookRequest, secret: string): boolean {
    const timestamp = header(request, 'x-workmate-timestamp');
    const signature = /^sha256=([0-9a-f]{64})$/.exec(header(request, 'x-workmate-signature') ?? '')?.[1];
    if (timestamp === undefined || !/^\d+$/.test(timestamp) || signature === undefined) return false;
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), request.rawBody]))
      .digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }

  return {
    url,
    received,
    arrivals,
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
    verify,
    answerNext: (status, headers = {}, body = `answer ${status}: ${marker}`) => void canned.push({ status, headers, body }),
    failNextWithError: () => void canned.push({ status: 500, headers: { 'content-type': 'text/plain' }, body: `internal error: ${marker}` }),
    hangNext: () => void canned.push('hang'),
    rateLimitNext: (seconds) => void canned.push({ status: 429, headers: { 'retry-after': String(seconds) }, body: `slow down: ${marker}` }),
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
