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
import { header, parseJsonObject } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedRequest } from '../../testing/recording-server.ts';

export interface NtfyRequest extends RecordedRequest {
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

export interface NtfyFake extends ProviderFake<NtfyRequest> {
  /** The server URL to configure (`http://127.0.0.1:<port>` plus the base path). */
  readonly url: string;
  /** ntfy's 429 (code 42901), with Retry-After when seconds are given. */
  rateLimitNext(retryAfterSeconds?: number): void;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const ACTION_TYPES = new Set(['view', 'http', 'broadcast', 'copy']);
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const MAX_BODY_BYTES = 32 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json' };

export async function startNtfyFake(options: NtfyFakeOptions = {}): Promise<NtfyFake> {
  const marker = options.foreignBodyMarker ?? 'ntfy error';
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const errorBody = (code: number, http: number, error: string, link?: string) => JSON.stringify({ code, http, error: `${error} (${marker})`, ...(link ? { link } : {}) });

  const { origin, answerNext, ...recording } = await startRecordingServer<NtfyRequest>({
    maxBodyBytes: MAX_BODY_BYTES,
    parseBody: parseJsonObject,
    record: (_request, base) => base,
    handle,
  });

  function handle({ request, record, answer, accept }: Exchange<NtfyRequest>) {
    const refuse = (code: number, status: number, error: string, link?: string) => answer('rejected', status, JSON_HEADERS, errorBody(code, status, error, link));
    const path = record.path.split('?')[0] ?? '';
    if (path !== `${basePath}/` || (record.method !== 'POST' && record.method !== 'PUT')) return refuse(40401, 404, 'page not found');
    const auth = authProblem(header(request, 'authorization'));
    if (auth === 'missing') return refuse(40301, 403, 'forbidden', 'https://ntfy.sh/docs/publish/#authentication');
    if (auth === 'wrong') return refuse(40101, 401, 'unauthorized', 'https://ntfy.sh/docs/publish/#authentication');
    if (!isUtf8(record.rawBody)) return refuse(40011, 400, 'invalid message: message must be UTF-8 encoded');
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
    accept(record, 200, JSON_HEADERS, JSON.stringify(stored));
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
    ...recording,
    url: `${origin}${basePath}`,
    answerNext: (status, headers = JSON_HEADERS, body = errorBody(status * 100 + 1, status, `answer ${status}`)) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: JSON_HEADERS, body: errorBody(50001, 500, 'internal server error') }),
    rateLimitNext: (seconds) =>
      answerNext({
        status: 429,
        headers: { ...JSON_HEADERS, ...(seconds === undefined ? {} : { 'retry-after': String(seconds) }) },
        body: errorBody(42901, 429, 'limit reached: too many requests, please be nice', 'https://ntfy.sh/docs/publish/#limitations'),
      }),
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
