/**
 * Requests to addresses a user typed in (push endpoints, Home Assistant, webhooks, MQTT brokers).
 * The implementation (`outbound.ts`) resolves the host itself, refuses loopback, link-local and
 * private ranges unless private targets are allowed, connects to the address it checked (no second
 * lookup an attacker could answer differently), follows no redirect across that boundary and reads
 * at most a bounded amount of the answer.
 */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  signal: AbortSignal;
  /** The whole exchange (connect, send, answer) ends within this time or fails with OutboundError kind `timeout`. */
  timeoutMs: number;
  /** Redirects followed (each hop checked again); default 0: a redirect is returned as the answer. */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  /** At most 64 KiB of the answer; for the driver to interpret, never to show the user. */
  body: Uint8Array;
}

export type OutboundErrorKind = 'forbidden_target' | 'invalid_url' | 'dns' | 'connect' | 'timeout' | 'aborted' | 'too_many_redirects';

export class OutboundError extends Error {
  override name = 'OutboundError';
  constructor(
    readonly kind: OutboundErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OutboundHttp {
  request(url: string, request: OutboundRequest): Promise<OutboundResponse>;
  /** Resolves a host a user typed in (for non-HTTP protocols such as MQTT) and returns the one address to connect to, or throws OutboundError `forbidden_target`/`dns`. */
  resolveTarget(host: string, signal: AbortSignal): Promise<{ address: string; family: 4 | 6 }>;
}
