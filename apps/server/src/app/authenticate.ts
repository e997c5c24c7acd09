/**
 * Authentication for every /api/v1 route: a cookie session (web app; state-changing requests also
 * need the X-CSRF-Token header), a Bearer access token, or an API key (`Bearer wmk_…`). Routes opt
 * out with `config: { auth: 'public' }`, restrict with `session: true` (no API keys) or
 * `admin: true` (others get a 404, as for anything not theirs).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeysUsecases } from '../modules/api-keys/api-keys.usecases.ts';
import * as errors from '../modules/auth/auth.errors.ts';
import { TOKEN_PREFIX } from '../modules/auth/auth.models.ts';
import type { Principal } from '../modules/auth/auth.types.ts';
import type { AuthUsecases } from '../modules/auth/auth.usecases.ts';
import { defineError } from '../shared/errors/errors.ts';
import { ACCESS_COOKIE } from './session-cookies.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: 'public';
    /** Refuse API keys: the route changes credentials or the account itself. */
    session?: boolean;
    admin?: boolean;
    /** Reachable while the user still has to replace a one-time password. */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const notFound = defineError({ code: 'route.not_found', status: 404, message: 'No such route.' });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: { auth: AuthUsecases; apiKeys: ApiKeysUsecases }) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.auth === 'public') return;
    const principal = await resolvePrincipal(request, deps);
    if (!principal) throw errors.unauthenticated();
    if (config.admin && principal.role !== 'admin') throw notFound({ message: `No route ${request.method} ${request.url.split('?')[0]}.` });
    if (config.session && principal.via === 'api_key') throw errors.sessionRequired();
    if (principal.passwordChangeRequired && !config.duringPasswordChange) throw errors.passwordChangeRequired();
    request.principal = principal;
  };
}

async function resolvePrincipal(request: FastifyRequest, deps: { auth: AuthUsecases; apiKeys: ApiKeysUsecases }): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    if (!match?.[1]) return undefined;
    const token = match[1];
    if (token.startsWith(TOKEN_PREFIX.apiKey)) return deps.apiKeys.authenticate(token);
    return deps.auth.authenticateAccessToken(token, 'bearer', undefined, false);
  }
  const cookie = request.cookies[ACCESS_COOKIE];
  if (!cookie) return undefined;
  const csrf = request.headers['x-csrf-token'];
  return deps.auth.authenticateAccessToken(cookie, 'cookie', typeof csrf === 'string' ? csrf : undefined, !SAFE_METHODS.has(request.method));
}

/** The authenticated principal of a route that is not public. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw errors.unauthenticated();
  return request.principal;
}
