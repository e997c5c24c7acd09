import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from '../../app/session-cookies.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { InvitesUsecases } from '../invites/invites.usecases.ts';
import { Me, RegisterBody } from '../users/users.schemas.ts';
import { toMe } from '../users/users.usecases.ts';
import { invalidToken } from './auth.errors.ts';
import { LoginBody, RefreshBody, Session, SessionParams, TokenResponse } from './auth.schemas.ts';
import type { AuthUsecases } from './auth.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const tags = ['auth'];

export const authRoutes = (deps: { auth: AuthUsecases; invites: InvitesUsecases; clock: Clock; accessTokenTtlSeconds: number }): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/register',
    { config: { auth: 'public' }, schema: { tags, summary: 'Create an account (the first one becomes the admin; then as WORKMATE_REGISTRATION allows).', body: RegisterBody, response: { 201: Me, ...errors } } },
    async (request, reply) => reply.status(201).send(await deps.invites.register(request.body)),
  );

  app.post(
    '/login',
    { config: { auth: 'public' }, schema: { tags, summary: 'Log in with username or e-mail and password (and a TOTP or recovery code when 2FA is on).', body: LoginBody, response: { 200: TokenResponse, ...errors } } },
    async (request, reply) => {
      const result = await deps.auth.login(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] });
      const cookie = request.body.session_type === 'cookie';
      if (cookie) setSessionCookies(request, reply, result.tokens, deps.clock.now());
      return {
        token_type: 'Bearer' as const,
        ...(cookie ? { csrf_token: result.tokens.csrfToken ?? '' } : { access_token: result.tokens.accessToken, refresh_token: result.tokens.refreshToken }),
        expires_in: deps.accessTokenTtlSeconds,
        session_id: result.sessionId,
        is_suspicious: result.suspicious,
        password_change_required: Boolean(result.user.password_change_required),
        user: toMe(result.user),
      };
    },
  );

  app.post(
    '/refresh',
    {
      config: { auth: 'public' },
      // A web session refreshes with its cookie and may send no body at all.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { tags, summary: 'Trade a refresh token for new tokens; the old refresh token stops working, and using it again ends the session.', body: RefreshBody, response: { 200: TokenResponse, ...errors } },
    },
    async (request, reply) => {
      const fromBody = request.body?.refresh_token;
      const fromCookie = request.cookies[REFRESH_COOKIE];
      const token = fromBody ?? fromCookie;
      if (!token) throw invalidToken({ message: 'Send refresh_token, or the refresh cookie of a web session.' });
      const csrf = request.headers['x-csrf-token'];
      const result = await deps.auth.refresh(token, { viaCookie: fromBody === undefined, csrfToken: typeof csrf === 'string' ? csrf : undefined });
      if (fromBody === undefined) {
        // The CSRF token was just checked against the session; its cookie lives as long as the session now does.
        const csrfToken = typeof csrf === 'string' ? csrf : '';
        setSessionCookies(request, reply, { ...result.tokens, csrfToken }, deps.clock.now());
        return { token_type: 'Bearer' as const, csrf_token: csrfToken, expires_in: deps.accessTokenTtlSeconds, session_id: result.session.id };
      }
      return { token_type: 'Bearer' as const, access_token: result.tokens.accessToken, refresh_token: result.tokens.refreshToken, expires_in: deps.accessTokenTtlSeconds, session_id: result.session.id };
    },
  );

  app.post(
    '/logout',
    { config: { duringPasswordChange: true }, schema: { tags, summary: 'End the current session.', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deps.auth.logout(principalOf(request));
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/sessions',
    { config: { session: true }, schema: { tags, summary: 'Your sessions with device, network and last activity; the one making this request is `current`.', response: { 200: Type.Array(Session), ...errors } } },
    async (request) => deps.auth.listSessions(principalOf(request)),
  );

  app.delete(
    '/sessions',
    { config: { session: true }, schema: { tags, summary: 'End every session except the current one.', response: { 200: Type.Object({ revoked: Type.Integer() }), ...errors } } },
    async (request) => deps.auth.revokeOtherSessions(principalOf(request)),
  );

  app.delete(
    '/sessions/:id',
    { config: { session: true }, schema: { tags, summary: 'End one session (e.g. a suspicious one).', params: SessionParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deps.auth.revokeSession(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sessions/:id/confirm',
    { config: { session: true }, schema: { tags, summary: 'Confirm that a login flagged as suspicious was yours; its device and network become known.', params: SessionParams, response: { 200: Session, ...errors } } },
    async (request) => deps.auth.confirmSession(principalOf(request), request.params.id),
  );
};
