/**
 * The outbound guard: every request to an address a user typed in goes through here (see
 * `outbound.types.ts` for the contract). The host is resolved once, every address it resolves to is
 * checked (`outbound.models.ts`), and the connection goes to the checked address through a pinned
 * `lookup`, so a second DNS answer cannot move it elsewhere. Each redirect hop is checked the same
 * way before anything connects to it.
 *
 * The exchange itself goes through undici (a `Pool` per checked address) rather than `node:http`:
 * ten thousand webhook deliveries cost about 1.3 s of CPU that way against 2.2 s (measured with the
 * webhook driver against a local receiver), and the delivery path is CPU-bound when reminders pile up.
 */
import { promises as dns } from 'node:dns';
import { Pool, type Dispatcher } from 'undici';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, isAllowedAddress, refusalMessage, type AddressClass } from './outbound.models.ts';
import { OutboundError, type OutboundHttp, type OutboundRequest, type OutboundResponse } from './outbound.types.ts';

export interface OutboundOptions {
  /** A boolean, or a function asked once per request (the "one user" default lives with the caller). */
  allowPrivateTargets: boolean | (() => boolean | Promise<boolean>);
}

/** What the guard takes from the world. Tests replace it to stand in for DNS and for the internet. */
export interface OutboundInternals {
  lookup(host: string): Promise<readonly { address: string; family: number }[]>;
  classify(address: string): AddressClass | undefined;
}

export const MAX_OUTBOUND_BODY_BYTES = 64 * 1024;

const defaultInternals: OutboundInternals = {
  lookup: (host) => dns.lookup(host, { all: true }),
  classify: classifyAddress,
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect leaves the origin, as browsers do. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

interface Target {
  url: URL;
  host: string;
  port: number;
  secure: boolean;
}

interface Pinned {
  address: string;
  family: 4 | 6;
}

interface Hop {
  method: OutboundRequest['method'];
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export function createOutboundHttp(options: OutboundOptions, internals: OutboundInternals = defaultInternals): OutboundHttp {
  const agents = createAgentPool();
  const privateAllowed = async () =>
    typeof options.allowPrivateTargets === 'function' ? await options.allowPrivateTargets() : options.allowPrivateTargets;

  async function pin(host: string, allowPrivate: boolean, signal: AbortSignal): Promise<Pinned> {
    const literal = isIP(host);
    const found = literal !== 0 ? [{ address: host, family: literal }] : await resolve(host, signal);
    if (found.length === 0) throw new OutboundError('dns', `${host} did not resolve to any address`);
    const classes = found.map((entry) => {
      const classified = internals.classify(entry.address);
      if (!classified) throw new OutboundError('dns', `${host} resolved to something that is not an IP address`);
      return classified;
    });
    // Every address counts: a name that also resolves privately could be answered that way next time.
    const refused = classes.find((entry) => !isAllowedAddress(entry, allowPrivate));
    if (refused) throw new OutboundError('forbidden_target', refusalMessage(refused, host));
    const first = classes[0] as AddressClass;
    return { address: first.address, family: first.family };
  }

  async function resolve(host: string, signal: AbortSignal) {
    try {
      return await abortable(internals.lookup(host), signal);
    } catch (error) {
      if (error instanceof OutboundError) throw error;
      throw new OutboundError('dns', `could not resolve ${host} (${errorCode(error) ?? 'lookup failed'})`);
    }
  }

  return {
    async request(url, request) {
      const deadline = createDeadline(request.signal, request.timeoutMs, () => new URL(url).host);
      try {
        const allowPrivate = await abortable(privateAllowed(), deadline.signal);
        const maxRedirects = request.maxRedirects ?? 0;
        let target = parseTarget(url);
        let hop: Hop = {
          method: request.method,
          headers: withoutHost(request.headers ?? {}),
          body: request.body === undefined ? undefined : Buffer.from(request.body),
        };
        for (let redirects = 0; ; redirects += 1) {
          const pinned = await pin(target.host, allowPrivate, deadline.signal);
          const follow = maxRedirects > 0;
          const answer = await exchange(target, hop, deadline.signal, follow, agents.agentFor(target, pinned));
          const location = answer.headers.get('location');
          if (!follow || !REDIRECTS.has(answer.status) || location === null) return answer;
          if (redirects >= maxRedirects) {
            throw new OutboundError('too_many_redirects', `${target.url.host} redirected more than ${maxRedirects} times`);
          }
          const next = parseTarget(resolveLocation(location, target.url));
          hop = nextHop(hop, answer.status, target.url.origin === next.url.origin);
          target = next;
        }
      } finally {
        deadline.dispose();
      }
    },

    async resolveTarget(host, signal) {
      if (signal.aborted) throw new OutboundError('aborted', 'the lookup was aborted');
      const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
      if (bare === '' || /[\s/@?#]/.test(bare)) throw new OutboundError('invalid_url', 'the host name is not valid');
      const allowPrivate = await abortable(privateAllowed(), signal);
      return pin(bare, allowPrivate, signal);
    },
  };
}

function parseTarget(raw: string): Target {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('invalid_url', 'the URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('invalid_url', `only http and https URLs are allowed, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username !== '' || url.password !== '') throw new OutboundError('invalid_url', 'the URL must not contain a user name or password');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new OutboundError('invalid_url', 'the URL has no host');
  const secure = url.protocol === 'https:';
  return { url, host, port: url.port === '' ? (secure ? 443 : 80) : Number(url.port), secure };
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new OutboundError('invalid_url', `${base.host} redirected to a URL that is not valid`);
  }
}

/** Method and body of the next hop, as fetch does it: 303 (and 301/302 after a POST) become a GET without body. */
function nextHop(hop: Hop, status: number, sameOrigin: boolean): Hop {
  const toGet = (status === 303 && hop.method !== 'GET') || ((status === 301 || status === 302) && hop.method === 'POST');
  const headers = Object.fromEntries(
    Object.entries(hop.headers).filter(([name]) => {
      const lower = name.toLowerCase();
      if (!sameOrigin && CREDENTIAL_HEADERS.includes(lower)) return false;
      return !(toGet && (lower === 'content-type' || lower === 'content-length'));
    }),
  );
  return toGet ? { method: 'GET', headers, body: undefined } : { ...hop, headers };
}

/**
 * Keep-alive connections, one pool per checked address (and port, TLS name): a pooled connection
 * always leads to an address that passed the check for this very request, because the request
 * picks the pool only after the check. Bounded; the oldest pool is closed when a new one is needed.
 */
function createAgentPool(limit = 256) {
  const pools = new Map<string, Pool>();
  return {
    agentFor(target: Target, pinned: Pinned): Pool {
      const key = `${target.secure ? 'https' : 'http'}|${pinned.address}|${target.port}|${target.host}`;
      let pool = pools.get(key);
      if (!pool) {
        // The origin keeps the name (Host header, TLS server name); the pinned lookup makes it connect to the checked address.
        pool = new Pool(target.url.origin, { connections: 32, keepAliveTimeout: 60_000, connect: { lookup: pinnedLookup(pinned) } });
        if (pools.size >= limit) {
          const [oldest] = pools.entries();
          if (oldest) {
            void oldest[1].destroy().catch(() => undefined);
            pools.delete(oldest[0]);
          }
        }
        pools.set(key, pool);
      }
      return pool;
    },
  };
}

async function exchange(target: Target, hop: Hop, signal: AbortSignal, follow: boolean, pool: Pool): Promise<OutboundResponse> {
  const failed = (error: unknown) => (signal.aborted ? signal.reason : new OutboundError('connect', `could not reach ${target.url.host} (${errorCode(error) ?? 'connection failed'})`));
  let answer: Dispatcher.ResponseData;
  try {
    answer = await pool.request({ path: `${target.url.pathname}${target.url.search}`, method: hop.method, headers: hop.headers, body: hop.body ?? null, signal });
  } catch (error) {
    throw failed(error);
  }
  const status = answer.statusCode;
  const headers = toHeaders(answer.headers);
  if (follow && REDIRECTS.has(status) && headers.has('location')) {
    await answer.body.dump().catch(() => undefined); // the redirect's own body is not read
    return { status, headers, body: Buffer.alloc(0) };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= MAX_OUTBOUND_BODY_BYTES) break; // enough: leaving the loop closes the body, the rest is never read
    }
  } catch (error) {
    throw failed(error);
  }
  return { status, headers, body: Buffer.concat(chunks).subarray(0, MAX_OUTBOUND_BODY_BYTES) };
}

function pinnedLookup(pinned: Pinned): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

function withoutHost(headers: Record<string, string>): Record<string, string> {
  // The Host header stays the name in the URL.
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // a header value fetch's Headers refuses: not one the drivers read
      }
    }
  }
  return headers;
}

function createDeadline(outer: AbortSignal, timeoutMs: number, describeHost: () => string) {
  const controller = new AbortController();
  const host = () => {
    try {
      return describeHost();
    } catch {
      return 'the target';
    }
  };
  const onAbort = () => controller.abort(new OutboundError('aborted', `the request to ${host()} was aborted`));
  const timer = setTimeout(() => controller.abort(new OutboundError('timeout', `${host()} did not answer within ${timeoutMs} ms`)), timeoutMs);
  if (outer.aborted) onAbort();
  else outer.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
    },
  };
}

/** Races a promise that cannot be cancelled (a DNS lookup) against the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(asOutboundAbort(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(asOutboundAbort(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function asOutboundAbort(signal: AbortSignal): OutboundError {
  return signal.reason instanceof OutboundError ? signal.reason : new OutboundError('aborted', 'the request was aborted');
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code)) return code;
  // undici's parser error carries llhttp's fixed reason ("... (Invalid header token)"), never the answer itself.
  const reason = error instanceof Error && error.name === 'HTTPParserError' ? /\(([A-Za-z ]{2,60})\)$/.exec(error.message)?.[1] : undefined;
  if (reason) return `HPE_${reason.toUpperCase().replaceAll(' ', '_')}`;
  return error instanceof Error && /^[A-Z0-9_]{2,60}$/.test(error.message) ? error.message : undefined;
}
