/**
 * The one way the web app talks to the server: a typed openapi-fetch client over the generated
 * schema. In the browser it uses the cookie session (HttpOnly cookies + the CSRF token echoed in
 * X-CSRF-Token) and renews an expired access token once, transparently; tests pass a Bearer token
 * and a base URL instead.
 */
import createClient from 'openapi-fetch';
import { ApiError, apiErrorFrom, NetworkError } from './errors.ts';
import type { paths } from './schema.gen.ts';

export type Api = ReturnType<typeof createClient<paths>>;

export interface ApiOptions {
  /** '' (same origin) in the app; the test server's URL in component tests. */
  baseUrl?: string;
  /** A Bearer token instead of the cookie session (tests, never the browser app). */
  bearer?: string;
  /** Called when the session is gone for good (refresh failed): the app shows sign-in. */
  onSignedOut?: () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REFRESH_PATH = '/api/v1/auth/refresh';

export function csrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'wm_csrf') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function createSessionFetch(options: ApiOptions): (request: Request) => Promise<Response> {
  let refreshing: Promise<boolean> | undefined;

  const send = (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (options.bearer) headers.set('authorization', `Bearer ${options.bearer}`);
    const csrf = csrfToken();
    if (!SAFE_METHODS.has(request.method) && csrf) headers.set('x-csrf-token', csrf);
    return fetch(new Request(request, { headers, credentials: 'same-origin' })).catch((error: unknown) => {
      throw new NetworkError(error);
    });
  };

  const refresh = (): Promise<boolean> => {
    refreshing ??= send(new Request(`${options.baseUrl ?? ''}${REFRESH_PATH}`, { method: 'POST' }))
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  return async (request: Request) => {
    const retry = request.clone();
    const response = await send(request);
    if (response.status !== 401 || options.bearer || request.url.endsWith(REFRESH_PATH) || request.url.includes('/api/v1/auth/login')) return response;
    if (await refresh()) return send(retry);
    options.onSignedOut?.();
    return response;
  };
}

export function createApi(options: ApiOptions = {}): Api {
  return createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: createSessionFetch(options) });
}

/** openapi-fetch answers `{ data, error, response }`; this turns a failure into a thrown ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  // openapi-fetch has already read (and parsed) the body of a failed response: take the error from it.
  if (!response.ok) throw apiErrorFrom(response, error);
  return data as T;
}

export { ApiError, NetworkError };
