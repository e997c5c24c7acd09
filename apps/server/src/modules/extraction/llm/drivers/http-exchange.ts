/**
 * What the two drivers share: one JSON POST through the outbound guard (the base URL is typed in
 * by an admin, so it is checked against private networks like any user-supplied target, and no
 * redirect is followed), and the HTTP failures every LLM server has, turned into `LlmCallError`s
 * whose messages name the host, the status and at most the provider's error code: never the key,
 * never the server's error text (OpenAI's 401 text quotes part of the key).
 */
import { OutboundError, type OutboundHttp, type OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { LlmCallError } from '../llm.errors.ts';
import type { LlmRequest } from '../llm.types.ts';

/** `base` with `path` appended to its path (query kept: some gateways put the API version there). */
export function endpointUrl(base: string, path: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url.href;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the LLM endpoint';
  }
}

export async function postJson(
  http: OutboundHttp,
  url: string,
  body: unknown,
  apiKey: string | undefined,
  request: Pick<LlmRequest, 'signal' | 'timeoutMs'>,
): Promise<OutboundResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Workmate' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  try {
    return await http.request(url, { method: 'POST', headers, body: JSON.stringify(body), signal: request.signal, timeoutMs: request.timeoutMs });
  } catch (error) {
    throw asCallError(error, hostOf(url), request.timeoutMs);
  }
}

function asCallError(error: unknown, host: string, timeoutMs: number): LlmCallError {
  if (!(error instanceof OutboundError)) return new LlmCallError('unreachable', `${host} could not be reached`);
  switch (error.kind) {
    case 'forbidden_target':
      return new LlmCallError('forbidden_target', `${host} is in a private network or otherwise not a public address; set WORKMATE_LLM_ALLOW_PRIVATE=true to allow it`);
    case 'timeout':
      return new LlmCallError('timeout', `${host} did not answer within ${formatSeconds(timeoutMs)}`);
    case 'aborted':
      return new LlmCallError('aborted', `the call to ${host} was stopped`);
    case 'invalid_url':
      return new LlmCallError('rejected', 'WORKMATE_LLM_BASE_URL is not a usable http(s) URL');
    case 'dns':
      return new LlmCallError('unreachable', `${host} could not be resolved`);
    default:
      return new LlmCallError('unreachable', `${host} could not be reached`);
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Fails for every answer but a 2xx. `code` is the provider's machine-readable error code, shown only when it looks like one. */
export function failUnlessOk(response: OutboundResponse, host: string, code?: unknown): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const detail = typeof code === 'string' && /^[a-z0-9_.-]{1,60}$/i.test(code) ? `, ${code}` : '';
  if (status === 401 || status === 403) throw new LlmCallError('unauthorized', `${host} refused the API key (${status}${detail}); check WORKMATE_LLM_API_KEY`);
  if (status === 429) throw new LlmCallError('rate_limited', `${host} asked to slow down (429${detail})`);
  if (status === 404) throw new LlmCallError('not_found', `${host} answered 404${detail}; check WORKMATE_LLM_BASE_URL and WORKMATE_LLM_MODEL`);
  if (status >= 500) throw new LlmCallError('server', `${host} failed (${status}${detail})`);
  if (status >= 300 && status < 400) throw new LlmCallError('rejected', `${host} redirects (${status}); set WORKMATE_LLM_BASE_URL to the address it redirects to`);
  throw new LlmCallError('rejected', `${host} refused the request (${status}${detail})`);
}

/** The body as JSON, or undefined when it is not (a proxy's HTML error page, a cut-off answer). */
export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
