/**
 * signal-cli-rest-api on 127.0.0.1 for tests, keeping the contract of `POST /v2/send` as its
 * Swagger and source document it: JSON `{message, number, recipients}`; 201 `{"timestamp":"..."}`;
 * every failure 400 `{"error":"<signal-cli's message>"}` (missing recipients or number, an
 * account that is not registered here, an unregistered recipient, an unknown group, a network
 * failure on the way to Signal); rate limiting as 429 with `challenge_tokens` and `account` (no
 * retry time); unknown paths 404 as gin answers them. Optionally behind a reverse proxy with Basic
 * authentication (401 without it). Every request is recorded in `arrivals`, sent messages in
 * `received`. The error wording follows signal-cli's where known; it is never shown to users.
 */
import { header } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedRequest } from '../../testing/recording-server.ts';

export interface SignalRequest extends RecordedRequest {
  /** For a sent message: the timestamp answered. */
  timestamp?: string;
}

export interface SignalFakeOptions {
  /** The account registered in this signal-cli (default +4915100000001). */
  account?: string;
  /** Recipients Signal does not know. */
  unregistered?: string[];
  /** Groups the account is a member of (`group.<id>`). */
  groups?: string[];
  /** A reverse proxy in front asks for these. */
  basicAuth?: { username: string; password: string };
  /** Put into the body of every error answer (the contract suite passes FOREIGN_BODY_CANARY). */
  foreignBodyMarker?: string;
}

export interface SignalFake extends ProviderFake<SignalRequest> {
  /** The API URL to configure: `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly account: string;
  /** A 400 for a network failure between signal-cli and Signal's servers: worth retrying. */
  failNextWithError(): void;
  /** Signal rate-limits the account: 429 with challenge tokens, as recent versions answer. */
  rateLimitNext(): void;
}

const E164 = /^\+[1-9][0-9]{6,14}$/;
const GROUP = /^group\.[A-Za-z0-9+/=_-]{8,200}$/;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export async function startSignalFake(options: SignalFakeOptions = {}): Promise<SignalFake> {
  const marker = options.foreignBodyMarker ?? 'signal-cli error';
  const account = options.account ?? '+4915100000001';
  const unregistered = new Set(options.unregistered ?? []);
  const groups = new Set(options.groups ?? []);
  let lastTimestamp = 0;

  const errorBody = (error: string) => JSON.stringify({ error: `${error} (${marker})` });

  const { origin, answerNext, ...recording } = await startRecordingServer<SignalRequest>({ record: (_request, base) => base, handle });

  function handle({ request, record, answer, accept }: Exchange<SignalRequest>) {
    const refuse = (status: number, error: string) => answer('rejected', status, JSON_HEADERS, errorBody(error));
    if (options.basicAuth) {
      const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`, 'utf8').toString('base64')}`;
      if (header(request, 'authorization') !== expected) return answer('rejected', 401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="signal"' }, `401 Unauthorized (${marker})`);
    }
    if (record.method !== 'POST' || record.path !== '/v2/send') return answer('rejected', 404, { 'content-type': 'text/plain' }, '404 page not found');
    const body = record.json as { number?: unknown; recipients?: unknown; message?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(400, "Couldn't process request - invalid request");
    if (!Array.isArray(body.recipients) || body.recipients.length === 0) return refuse(400, "Couldn't process request - please provide at least one recipient");
    if (typeof body.number !== 'string' || body.number === '') return refuse(400, "Couldn't process request - please provide a valid number");
    if (body.message !== undefined && typeof body.message !== 'string') return refuse(400, "Couldn't process request - invalid request");
    if (body.number !== account) return refuse(400, `Failed to send message: User ${body.number} is not registered.`);
    for (const recipient of body.recipients as unknown[]) {
      if (typeof recipient !== 'string') return refuse(400, "Couldn't process request - invalid request");
      if (recipient.startsWith('group.')) {
        if (!GROUP.test(recipient) || !groups.has(recipient)) return refuse(400, 'Failed to send message: Unknown group id');
      } else if (!E164.test(recipient)) {
        return refuse(400, `Failed to send message: Invalid number: ${recipient}`);
      } else if (unregistered.has(recipient)) {
        return refuse(400, `Failed to send (some) messages:\n${recipient}: Unregistered user "${recipient}"`);
      }
    }

    // Signal timestamps are milliseconds and unique per sender.
    lastTimestamp = Math.max(lastTimestamp + 1, Math.floor(performance.timeOrigin + performance.now()));
    record.timestamp = String(lastTimestamp);
    accept(record, 201, JSON_HEADERS, JSON.stringify({ timestamp: record.timestamp }));
  }

  return {
    ...recording,
    url: origin,
    account,
    answerNext: (status, headers = JSON_HEADERS, body = errorBody(`answer ${status}`)) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 400, headers: JSON_HEADERS, body: errorBody('Failed to send (some) messages:\n+4917600000002: Network failure for "+4917600000002"') }),
    rateLimitNext: () =>
      answerNext({
        status: 429,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          error: `Failed to send message due to rate limiting. Use the attached challenge tokens to lift the rate limit restrictions via the '/v1/accounts/{number}/rate-limit-challenge' endpoint. (${marker})`,
          challenge_tokens: ['91e451ce-71d1-4a42-8c0b-f858a054be3f'],
          account,
        }),
      }),
  };
}
