/**
 * Log-in, token refresh with rotation and reuse detection, log-out, sessions, and authenticating
 * each request. Access tokens are short-lived; refresh tokens rotate on every use, and presenting
 * one that was already rotated ends the whole session.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { DialectName } from '../../db/database.ts';
import type { EventBus } from '../../events/events.outbox.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { GeoIp } from '../../shared/geoip/geoip.ts';
import { hashPassword, verifyPassword } from '../../shared/crypto/passwords.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { UserRow, UsersRepository } from '../users/users.repository.ts';
import * as errors from './auth.errors.ts';
import { hashToken, isSuspiciousLogin, networkOf, newToken, parseDevice, safeEqual } from './auth.models.ts';
import type { AuthRepository, SessionRow } from './auth.repository.ts';
import { suspiciousLoginEvent } from './auth.schemas.ts';
import { ipSubject, type LoginThrottle } from './auth.throttle.ts';
import type { ClientInfo, IssuedTokens, Principal } from './auth.types.ts';

const TOUCH_INTERVAL_MS = 60_000;

export interface LoginInput {
  username: string;
  password: string;
  totp_code?: string;
  recovery_code?: string;
  session_type?: 'bearer' | 'cookie';
}

export interface SecondFactor {
  /** Checks a TOTP or recovery code for a user with 2FA on, consuming it; false when wrong or reused. */
  verifyLoginCode(executor: Executor, user: UserRow, codes: { totp_code?: string; recovery_code?: string }): Promise<boolean>;
}

export function createAuthUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  auth: AuthRepository;
  users: UsersRepository;
  bus: EventBus;
  clock: Clock;
  secondFactor: SecondFactor;
  geo: GeoIp;
  throttle: LoginThrottle;
  settings: { accessTokenTtlSeconds: number; sessionTtlDays: number };
}) {
  const { auth, users, clock } = deps;
  // Verified against when the user does not exist, so that both paths take as long.
  let dummyHash: Promise<string> | undefined;

  function lifetimes(now: Date) {
    return {
      accessExpiresAt: new Date(now.getTime() + deps.settings.accessTokenTtlSeconds * 1000),
      expiresAt: new Date(now.getTime() + deps.settings.sessionTtlDays * 86_400_000),
    };
  }

  async function login(input: LoginInput, client: ClientInfo) {
    const now = clock.now();
    const typed = input.username.trim().toLowerCase();
    const user = await users.findByLogin(typed);
    // Counted per account whether the user typed the username or the e-mail address.
    const attempt = await deps.throttle.begin({ account: user ? `user:${user.id}` : `login:${typed}`, ip: ipSubject(client.ip) });

    if (!user) {
      dummyHash ??= hashPassword(newToken('csrf'));
      await verifyPassword(await dummyHash, input.password);
      throw errors.invalidCredentials();
    }
    if (!(await verifyPassword(user.password_hash, input.password))) throw errors.invalidCredentials();
    if (!user.is_active) throw errors.accountDisabled();

    const outcome = await inTransaction(deps.handle, async (trx) => {
      if (user.two_factor_enabled) {
        if (!input.totp_code && !input.recovery_code) throw errors.totpRequired();
        if (!(await deps.secondFactor.verifyLoginCode(trx, user, input))) return undefined;
      }
      const device = parseDevice(client.userAgent);
      const network = networkOf(client.ip);
      const place = deps.geo.locate(client.ip);
      const seen = { device_type: device.device_type, os: device.os, network, country: place.country };
      const suspicious = isSuspiciousLogin(seen, await auth.listKnownDevices(trx, user.id));
      const kind = input.session_type ?? 'bearer';
      const tokens: IssuedTokens = { accessToken: newToken('access'), refreshToken: newToken('refresh'), csrfToken: kind === 'cookie' ? newToken('csrf') : null, ...lifetimes(now) };
      const sessionId = newId();
      await auth.insertSession(trx, {
        id: sessionId, userId: user.id, kind, accessHash: hashToken(tokens.accessToken), refreshHash: hashToken(tokens.refreshToken),
        csrfHash: tokens.csrfToken ? hashToken(tokens.csrfToken) : null, device, userAgent: client.userAgent?.slice(0, 1000) ?? null,
        ipAddress: client.ip, network, place, suspicious, accessExpiresAt: tokens.accessExpiresAt, expiresAt: tokens.expiresAt, now,
      });
      // A suspicious device becomes known only when the user confirms it.
      if (!suspicious) await auth.rememberDevice(trx, { userId: user.id, ...seen, now });
      await users.recordLogin(user.id, now, trx);
      if (suspicious) {
        await deps.bus.publish(trx, suspiciousLoginEvent, { session_id: sessionId, user_id: user.id, device_type: device.device_type, os: device.os, network }, { userId: user.id });
      }
      return { tokens, sessionId, suspicious, user };
    });
    if (!outcome) throw errors.invalidTotp(); // the attempt stays recorded as a failure
    await deps.throttle.succeed(attempt);
    return outcome;
  }

  async function refresh(refreshToken: string, options: { csrfToken?: string | undefined; viaCookie: boolean }) {
    const now = clock.now();
    const presented = hashToken(refreshToken);
    return inTransaction(deps.handle, async (trx) => {
      const session = await auth.findSessionByRefreshHash(trx, presented);
      if (!session) {
        const reusedIn = await auth.findSessionIdByRotatedHash(trx, presented);
        if (reusedIn) {
          await auth.revokeSession(trx, reusedIn);
          return { reused: true as const };
        }
        throw errors.invalidToken();
      }
      if (new Date(session.expires_at) <= now || !session.is_active) throw errors.invalidToken();
      if (options.viaCookie && !(session.csrf_token_hash && options.csrfToken && safeEqual(hashToken(options.csrfToken), session.csrf_token_hash))) {
        throw errors.csrfFailed();
      }
      const tokens = { accessToken: newToken('access'), refreshToken: newToken('refresh'), csrfToken: null, ...lifetimes(now) };
      const rotated = await auth.rotateSession(trx, {
        sessionId: session.id, oldRefreshHash: presented, accessHash: hashToken(tokens.accessToken), refreshHash: hashToken(tokens.refreshToken),
        accessExpiresAt: tokens.accessExpiresAt, expiresAt: tokens.expiresAt, now,
      });
      if (!rotated) throw errors.invalidToken();
      return { reused: false as const, tokens: tokens as IssuedTokens, session };
    }).then((result) => {
      // Thrown outside the transaction, so the revocation above is committed.
      if (result.reused) throw errors.refreshTokenReused();
      return result;
    });
  }

  /** Resolves an access token (Bearer header or cookie) to its principal; undefined when unknown or expired. */
  async function authenticateAccessToken(token: string, via: 'bearer' | 'cookie', csrfToken: string | undefined, unsafeMethod: boolean): Promise<Principal | undefined> {
    const session = await auth.findSessionByAccessHash(hashToken(token));
    const now = clock.now();
    if (!session || !session.is_active || new Date(session.access_expires_at) <= now || new Date(session.expires_at) <= now) return undefined;
    if (via === 'cookie' && unsafeMethod && !(session.csrf_token_hash && csrfToken && safeEqual(hashToken(csrfToken), session.csrf_token_hash))) {
      throw errors.csrfFailed();
    }
    if (now.getTime() - new Date(session.last_active).getTime() > TOUCH_INTERVAL_MS) await auth.touchSession(session.id, now);
    return { userId: session.user_id, role: session.role, via, sessionId: session.id, passwordChangeRequired: Boolean(session.password_change_required) };
  }

  async function logout(principal: Principal) {
    if (principal.sessionId) await auth.deleteSession(principal.userId, principal.sessionId);
  }

  async function listSessions(principal: Principal) {
    const sessions = await auth.listSessions(principal.userId);
    return sessions.map((session) => toSessionResponse(session, principal.sessionId));
  }

  async function revokeSession(principal: Principal, id: string) {
    if (!(await auth.deleteSession(principal.userId, id))) throw errors.sessionNotFound();
  }

  async function revokeOtherSessions(principal: Principal) {
    return { revoked: await auth.deleteOtherSessions(deps.handle.db, principal.userId, principal.sessionId) };
  }

  /** The user says a flagged login was theirs: its device and network become known. */
  async function confirmSession(principal: Principal, id: string) {
    const session = await auth.findSession(principal.userId, id);
    if (!session) throw errors.sessionNotFound();
    await inTransaction(deps.handle, async (trx) => {
      await auth.rememberDevice(trx, { userId: principal.userId, device_type: session.device_type ?? 'web', os: session.os ?? 'unknown', network: session.network ?? 'unknown', country: session.country, now: clock.now() });
    });
    await auth.clearSuspicious(principal.userId, id);
    return toSessionResponse({ ...session, is_suspicious: false }, principal.sessionId);
  }

  return { login, refresh, authenticateAccessToken, logout, listSessions, revokeSession, revokeOtherSessions, confirmSession };
}

export function toSessionResponse(session: SessionRow, currentSessionId: string | undefined) {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    kind: session.kind,
    device_type: session.device_type,
    device_name: session.device_name,
    os: session.os,
    ip_address: session.ip_address,
    city: session.city,
    country: session.country,
    is_suspicious: Boolean(session.is_suspicious),
    created_at: session.created_at,
    last_active: session.last_active,
    expires_at: session.expires_at,
  };
}

export type AuthUsecases = ReturnType<typeof createAuthUsecases>;
