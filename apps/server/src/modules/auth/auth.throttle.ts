/**
 * Login throttling kept in the database, so every process sees the same counts: 10 failures per
 * account and 30 per network address in 15 minutes, then 429 with Retry-After. An attempt is
 * written *before* the password is checked and removed when it succeeds, so attempts sent all at
 * once see each other instead of all passing the check.
 */
import ipaddr from 'ipaddr.js';
import type { Clock } from '../../shared/clock/clock.ts';
import { verifyPassword } from '../../shared/crypto/passwords.ts';
import { tooManyAttempts } from './auth.errors.ts';
import { retryAfterSeconds } from './auth.models.ts';
import type { AuthRepository } from './auth.repository.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 30;

/** The address a client is counted under: IPv4 as is, IPv6 by its /64 (one customer's whole network). */
export function ipSubject(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const bytes = v6.toByteArray().map((byte, index) => (index < 8 ? byte : 0));
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}

export interface Attempt {
  ids: string[];
}

export function createLoginThrottle({ auth, clock }: { auth: AuthRepository; clock: Clock }) {
  /** Records an attempt and refuses it (429) when the account or address already reached its limit. */
  async function begin(subjects: { account: string; ip?: string }): Promise<Attempt> {
    const now = clock.now();
    const ids = [await auth.recordFailure('account', subjects.account, now)];
    if (subjects.ip !== undefined) ids.push(await auth.recordFailure('ip', subjects.ip, now));
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const others = (rows: { id: string; failed_at: Date }[]) => rows.filter((row) => !ids.includes(row.id)).map((row) => row.failed_at);
    const wait = Math.max(
      retryAfterSeconds(others(await auth.failuresSince('account', subjects.account, since)), ACCOUNT_FAILURE_LIMIT, LOGIN_WINDOW_MS, now),
      subjects.ip === undefined ? 0 : retryAfterSeconds(others(await auth.failuresSince('ip', subjects.ip, since)), IP_FAILURE_LIMIT, LOGIN_WINDOW_MS, now),
    );
    if (wait > 0) {
      await auth.deleteFailures(ids);
      throw tooManyAttempts({ details: { retry_after_seconds: wait }, headers: { 'retry-after': String(wait) } });
    }
    return { ids };
  }

  /** The attempt succeeded: it does not count as a failure. */
  async function succeed(attempt: Attempt) {
    await auth.deleteFailures(attempt.ids);
  }

  /**
   * Checks the password of a signed-in user before a sensitive change (2FA, password, deletion),
   * under the same per-account limit, so a stolen session is no unlimited password oracle.
   */
  async function verifyUserPassword(user: { id: string; password_hash: string }, password: string, wrong: () => Error): Promise<void> {
    const attempt = await begin({ account: `user:${user.id}` });
    if (!(await verifyPassword(user.password_hash, password))) throw wrong();
    await succeed(attempt);
  }

  return { begin, succeed, verifyUserPassword };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
