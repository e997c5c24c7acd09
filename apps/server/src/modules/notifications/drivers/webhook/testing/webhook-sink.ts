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
import { header } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedOutcome, type RecordedRequest } from '../../testing/recording-server.ts';

/**
 * accepted: first request with its key (in `received`); duplicate: key already accepted, answered
 * 200 and dropped; rejected: broke the receiver contract (`status` says how); canned: answered as
 * told by answerNext and friends; hung: never answered.
 */
export interface WebhookRequest extends RecordedRequest<RecordedOutcome | 'duplicate'> {
  idempotencyKey: string | undefined;
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

/** `received`: accepted deliveries, each Idempotency-Key once; `arrivals`: repeats and refusals too. */
export interface WebhookSink extends ProviderFake<WebhookRequest> {
  /** `http://127.0.0.1:<port>/hook`: the URL to configure. */
  readonly url: string;
  /** Whether the request's X-Workmate-Signature was made with `secret` (the documented scheme). */
  verify(request: WebhookRequest, secret: string): boolean;
  rateLimitNext(retryAfterSeconds: number): void;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A client that reuses connections keeps them through a burst; an idle one is let go soon. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const JSON_TYPE = { 'content-type': 'application/json' };

export async function startWebhookSink(options: WebhookSinkOptions = {}): Promise<WebhookSink> {
  const marker = options.foreignBodyMarker ?? 'webhook receiver error';
  const seenKeys = new Set<string>();

  const { origin, answerNext, ...recording } = await startRecordingServer<WebhookRequest>({
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
    record: (request, base) => ({ ...base, idempotencyKey: header(request, 'idempotency-key'), at: performance.timeOrigin + performance.now() }),
    handle,
  });

  function handle({ request, record, bodyTooLarge, answer, accept }: Exchange<WebhookRequest>) {
    const reject = (status: number, reason: string) => answer('rejected', status, { 'content-type': 'text/plain' }, `${reason}: ${marker}`);
    if (bodyTooLarge) return reject(413, 'body too large');
    if (record.method !== 'POST' && record.method !== 'PUT') return reject(405, 'POST or PUT only');
    if (!/^application\/json\b/i.test(header(request, 'content-type') ?? '')) return reject(415, 'Content-Type is not application/json');
    if (record.json === undefined) return reject(400, 'body is not JSON');
    if (!record.idempotencyKey) return reject(400, 'Idempotency-Key missing');
    if (options.secret !== undefined && !verify(record, options.secret)) return reject(401, 'signature missing or wrong');

    if (seenKeys.has(record.idempotencyKey)) return answer('duplicate', 200, JSON_TYPE, '{"duplicate":true}');
    seenKeys.add(record.idempotencyKey);
    accept(record, 200, JSON_TYPE, `{"id":"delivery-${seenKeys.size}"}`);
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
    ...recording,
    url: `${origin}/hook`,
    verify,
    answerNext: (status, headers = {}, body = `answer ${status}: ${marker}`) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: { 'content-type': 'text/plain' }, body: `internal error: ${marker}` }),
    rateLimitNext: (seconds) => answerNext({ status: 429, headers: { 'retry-after': String(seconds) }, body: `slow down: ${marker}` }),
  };
}
