/**
 * Cookies of a web session: the access token (HttpOnly, whole site), the refresh token (HttpOnly,
 * only sent to the refresh route), and the CSRF token (readable by the page, which echoes it in
 * X-CSRF-Token). All SameSite=Strict; Secure when the request came over HTTPS.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedTokens } from '../modules/auth/auth.types.ts';

export const ACCESS_COOKIE = 'wm_access';
export const REFRESH_COOKIE = 'wm_refresh';
export const CSRF_COOKIE = 'wm_csrf';
export const REFRESH_PATH = '/api/v1/auth/refresh';

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, tokens: IssuedTokens, now: Date) {
  const secure = request.protocol === 'https';
  const base = { sameSite: 'strict' as const, secure };
  const sessionSeconds = Math.max(Math.floor((tokens.expiresAt.getTime() - now.getTime()) / 1000), 0);
  reply.setCookie(ACCESS_COOKIE, tokens.accessToken, { ...base, httpOnly: true, path: '/', maxAge: sessionSeconds });
  reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, { ...base, httpOnly: true, path: REFRESH_PATH, maxAge: sessionSeconds });
  if (tokens.csrfToken) reply.setCookie(CSRF_COOKIE, tokens.csrfToken, { ...base, httpOnly: false, path: '/', maxAge: sessionSeconds });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(ACCESS_COOKIE, { path: '/' });
  reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
