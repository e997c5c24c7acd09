/** All SQL of sessions, rotated refresh tokens, known devices and login failures. Scoped by user where the data is a user's. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';
import { newId } from '../../shared/ids/ids.ts';

export type SessionRow = Selectable<SessionsTable>;

export interface NewSession {
  id: string;
  userId: string;
  kind: 'bearer' | 'cookie';
  accessHash: string;
  refreshHash: string;
  csrfHash: string | null;
  device: { device_type: 'web' | 'android' | 'ios'; device_name: string | null; os: string };
  userAgent: string | null;
  ipAddress: string;
  network: string;
  place: { country: string | null; city: string | null };
  suspicious: boolean;
  accessExpiresAt: Date;
  expiresAt: Date;
  now: Date;
}

export function createAuthRepository({ db }: { db: Kysely<Database> }) {
  async function insertSession(executor: Kysely<Database>, session: NewSession) {
    const now = toDbInstant(session.now);
    await executor
      .insertInto('sessions')
      .values({
        id: session.id, user_id: session.userId, kind: session.kind, token_hash: session.accessHash, refresh_token_hash: session.refreshHash,
        csrf_token_hash: session.csrfHash, device_type: session.device.device_type, device_name: session.device.device_name, os: session.device.os,
        user_agent: session.userAgent, ip_address: session.ipAddress.slice(0, 45), network: session.network, is_suspicious: session.suspicious,
        country: session.place.country, city: session.place.city,
        access_expires_at: toDbInstant(session.accessExpiresAt), expires_at: toDbInstant(session.expiresAt), last_active: now, created_at: now,
      })
      .execute();
  }

  const sessionWithUser = (executor: Kysely<Database>) =>
    executor
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select(['users.role', 'users.is_active', 'users.password_change_required']);

  async function findSessionByAccessHash(hash: string) {
    return sessionWithUser(db).where('sessions.token_hash', '=', hash).executeTakeFirst();
  }

  async function findSessionByRefreshHash(executor: Kysely<Database>, hash: string) {
    return sessionWithUser(executor).where('sessions.refresh_token_hash', '=', hash).executeTakeFirst();
  }

  async function findSessionIdByRotatedHash(executor: Kysely<Database>, hash: string): Promise<string | undefined> {
    const row = await executor.selectFrom('session_rotated_tokens').select('session_id').where('token_hash', '=', hash).executeTakeFirst();
    return row?.session_id;
  }

  /** Swaps the session's tokens if `oldRefreshHash` is still its current one; false when another refresh won. */
  async function rotateSession(
    executor: Kysely<Database>,
    input: { sessionId: string; oldRefreshHash: string; accessHash: string; refreshHash: string; accessExpiresAt: Date; expiresAt: Date; now: Date },
  ): Promise<boolean> {
    const now = toDbInstant(input.now);
    const result = await executor
      .updateTable('sessions')
      .set({ token_hash: input.accessHash, refresh_token_hash: input.refreshHash, access_expires_at: toDbInstant(input.accessExpiresAt), expires_at: toDbInstant(input.expiresAt), last_active: now })
      .where('id', '=', input.sessionId)
      .where('refresh_token_hash', '=', input.oldRefreshHash)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return false;
    await executor.insertInto('session_rotated_tokens').values({ token_hash: input.oldRefreshHash, session_id: input.sessionId, rotated_at: now }).execute();
    return true;
  }

  async function touchSession(id: string, now: Date) {
    await db.updateTable('sessions').set({ last_active: toDbInstant(now) }).where('id', '=', id).execute();
  }

  async function listSessions(userId: string) {
    return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_active', 'desc').execute();
  }

  async function findSession(userId: string, id: string) {
    return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  }

  async function deleteSession(userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  async function revokeSession(executor: Kysely<Database>, id: string) {
    await executor.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async function deleteOtherSessions(executor: Kysely<Database>, userId: string, keepSessionId: string | undefined): Promise<number> {
    let query = executor.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) query = query.where('id', '<>', keepSessionId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async function clearSuspicious(userId: string, id: string) {
    await db.updateTable('sessions').set({ is_suspicious: false }).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  async function purgeExpiredSessions(executor: Kysely<Database>, now: Date): Promise<number> {
    const result = await executor.deleteFrom('sessions').where('expires_at', '<', toDbInstant(now)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async function listKnownDevices(executor: Kysely<Database>, userId: string) {
    return executor.selectFrom('known_devices').select(['device_type', 'os', 'network', 'country']).where('user_id', '=', userId).execute();
  }

  async function rememberDevice(executor: Kysely<Database>, input: { userId: string; device_type: string; os: string; network: string; country: string | null; now: Date }) {
    const now = toDbInstant(input.now);
    const existing = await executor
      .selectFrom('known_devices')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('device_type', '=', input.device_type)
      .where('os', '=', input.os)
      .where('network', '=', input.network)
      .executeTakeFirst();
    if (existing) {
      await executor.updateTable('known_devices').set({ last_seen_at: now }).where('id', '=', existing.id).execute();
      return;
    }
    await executor
      .insertInto('known_devices')
      .values({ id: newId(), user_id: input.userId, device_type: input.device_type, os: input.os, network: input.network, country: input.country, first_seen_at: now, last_seen_at: now })
      .execute();
  }

  async function recordFailure(scope: 'account' | 'ip', subject: string, now: Date): Promise<string> {
    const id = newId();
    await db.insertInto('auth_failures').values({ id, scope, subject: subject.slice(0, 255), failed_at: toDbInstant(now) }).execute();
    return id;
  }

  async function deleteFailures(ids: readonly string[]) {
    if (ids.length > 0) await db.deleteFrom('auth_failures').where('id', 'in', ids).execute();
  }

  async function failuresSince(scope: 'account' | 'ip', subject: string, since: Date): Promise<{ id: string; failed_at: Date }[]> {
    const rows = await db
      .selectFrom('auth_failures')
      .select(['id', 'failed_at'])
      .where('scope', '=', scope)
      .where('subject', '=', subject.slice(0, 255))
      .where('failed_at', '>', toDbInstant(since))
      .execute();
    return rows.map((row) => ({ id: row.id, failed_at: new Date(row.failed_at) }));
  }

  async function purgeFailures(executor: Kysely<Database>, before: Date): Promise<number> {
    const result = await executor.deleteFrom('auth_failures').where('failed_at', '<', toDbInstant(before)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    insertSession, findSessionByAccessHash, findSessionByRefreshHash, findSessionIdByRotatedHash, rotateSession, touchSession,
    listSessions, findSession, deleteSession, revokeSession, deleteOtherSessions, clearSuspicious, purgeExpiredSessions,
    listKnownDevices, rememberDevice, recordFailure, deleteFailures, failuresSince, purgeFailures,
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
