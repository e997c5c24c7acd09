/**
 * A push service on 127.0.0.1 for tests: it mints subscriptions the way a browser and its push
 * service do together (a fresh P-256 key pair and auth secret per subscription), checks each
 * delivery's VAPID authorization and RFC 8030 headers, decrypts the body with its own
 * implementation (web-push-crypto.ts) and records what a service worker would get. It can also be
 * told to answer the next delivery with an error, a rate limit, Gone, or not at all.
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../../../../shared/clock/clock.ts';
import { decryptWebPushMessage, verifyVapidAuthorization, WebPushDecryptError, type VapidClaims } from './web-push-crypto.ts';
import { header, parseJson, readBody } from '../../testing/read-body.ts';

export interface MintedSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted body as text, and parsed when it is JSON. */
  text: string;
  json: unknown;
  headers: { ttl: string | undefined; urgency: string | undefined; topic: string | undefined; contentEncoding: string | undefined };
  /** Size of the encrypted body as sent. */
  encryptedBytes: number;
  vapid: VapidClaims & { publicKey: string };
}

export interface PushRejection {
  endpoint: string;
  status: number;
  reason: string;
}

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Whether Node adds its Date header (default true). */
  sendDate?: boolean;
}

export interface PushReceiver {
  /** `http://127.0.0.1:<port>`: the audience VAPID JWTs must name. */
  readonly origin: string;
  /** A new subscription; with `applicationServerKey`, only JWTs signed for that key are accepted (as with `pushManager.subscribe`). */
  subscribe(options?: { applicationServerKey?: string }): MintedSubscription;
  readonly messages: readonly ReceivedPush[];
  readonly rejections: readonly PushRejection[];
  /** Deliveries that reached the server at all, answered or not. */
  readonly requestCount: number;
  /** Waits up to `waitMs` until `count` messages were accepted, then returns all accepted so far. */
  waitFor(count: number, waitMs: number): Promise<ReceivedPush[]>;
  /** The next delivery gets this answer instead of being processed (queued: one per delivery, in order). */
  answerNext(answer: CannedAnswer): void;
  failNextWithError(): void;
  hangNext(): void;
  rateLimitNext(retryAfterSeconds: number): void;
  goneNext(): void;
  close(): Promise<void>;
}

/** Push services must accept at least 4096 bytes of body (RFC 8030 7.2); this one accepts exactly that. */
const MAX_BODY_BYTES = 4096;

interface Subscriber {
  privateKey: Buffer;
  auth: Buffer;
  applicationServerKey: string | undefined;
}

export async function startPushReceiver(options: { clock?: Clock; foreignBodyMarker?: string } = {}): Promise<PushReceiver> {
  const clock = options.clock ?? systemClock;
  const marker = options.foreignBodyMarker ?? 'push service error';
  const subscribers = new Map<string, Subscriber>();
  const messages: ReceivedPush[] = [];
  const rejections: PushRejection[] = [];
  const canned: (CannedAnswer | 'hang')[] = [];
  let requestCount = 0;

  const server = createServer((request, response) => {
    requestCount += 1;
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const endpoint = `${origin}${request.url ?? ''}`;
    const reject = (status: number, reason: string) => {
      rejections.push({ endpoint, status, reason });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
    };
    const body = await readBody(request, MAX_BODY_BYTES);

    const answer = canned.shift();
    if (answer === 'hang') return; // The socket stays open until close().
    if (answer) {
      response.sendDate = answer.sendDate ?? true;
      response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      return;
    }

    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(request.url ?? '')?.[1];
    const subscriber = id === undefined ? undefined : subscribers.get(id);
    if (!subscriber) return reject(404, 'unknown subscription');
    if (request.method !== 'POST') return reject(405, 'POST only');

    const vapid = verifyVapidAuthorization(request.headers.authorization, {
      audience: origin,
      now: clock.now(),
      ...(subscriber.applicationServerKey === undefined ? {} : { applicationServerKey: subscriber.applicationServerKey }),
    });
    if (!vapid.ok) return reject(vapid.status, vapid.reason);

    const ttl = header(request, 'ttl');
    const urgency = header(request, 'urgency');
    const topic = header(request, 'topic');
    const contentEncoding = header(request, 'content-encoding');
    if (ttl === undefined || !/^\d+$/.test(ttl)) return reject(400, 'TTL header missing or not a number');
    if (urgency !== undefined && !['very-low', 'low', 'normal', 'high'].includes(urgency)) return reject(400, 'Urgency is not very-low|low|normal|high');
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return reject(400, 'Topic is not at most 32 base64url characters');
    if (contentEncoding !== 'aes128gcm') return reject(415, 'Content-Encoding is not aes128gcm');
    if (body === undefined) return reject(413, 'payload larger than 4096 bytes');

    let plaintext: Buffer;
    try {
      plaintext = decryptWebPushMessage({ body, userAgentPrivateKey: subscriber.privateKey, authSecret: subscriber.auth });
    } catch (error) {
      if (error instanceof WebPushDecryptError) return reject(400, `decryption failed: ${error.message}`);
      throw error;
    }
    const text = plaintext.toString('utf8');
    messages.push({
      endpoint,
      text,
      json: parseJson(text),
      headers: { ttl, urgency, topic, contentEncoding },
      encryptedBytes: body.length,
      vapid: { ...vapid.claims, publicKey: vapid.publicKey },
    });
    response.writeHead(201, { location: `${origin}/message/${randomUUID()}` }).end();
  }

  return {
    origin,
    subscribe(subscribeOptions = {}) {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(16).toString('base64url');
      subscribers.set(id, { privateKey: ecdh.getPrivateKey(), auth, applicationServerKey: subscribeOptions.applicationServerKey });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') } };
    },
    get messages() {
      return messages;
    },
    get rejections() {
      return rejections;
    },
    get requestCount() {
      return requestCount;
    },
    async waitFor(count, waitMs) {
      const deadline = performance.now() + waitMs;
      while (messages.length < count && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      return [...messages];
    },
    answerNext: (answer) => void canned.push(answer),
    failNextWithError: () => void canned.push({ status: 500, headers: { 'content-type': 'text/plain' }, body: `internal error: ${marker}` }),
    hangNext: () => void canned.push('hang'),
    rateLimitNext: (seconds) => void canned.push({ status: 429, headers: { 'retry-after': String(seconds) }, body: `slow down: ${marker}` }),
    goneNext: () => void canned.push({ status: 410, body: `subscription expired: ${marker}` }),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
