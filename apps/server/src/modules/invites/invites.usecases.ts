/**
 * Registration by mode (WORKMATE_REGISTRATION): the first user always may and becomes the admin;
 * then `closed` (admin creates users), `open`, or `invite` (single-use links the admin makes).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { newId } from '../../shared/ids/ids.ts';
import { inviteInvalid, registrationClosed } from '../auth/auth.errors.ts';
import { hashToken, newToken } from '../auth/auth.models.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { toMe, type UsersUsecases } from '../users/users.usecases.ts';
import type { InvitesRepository } from './invites.repository.ts';

/** Arbitrary constant naming the registration lock on PostgreSQL. */
const REGISTRATION_LOCK = 727_100_001;

export const inviteNotFound = defineError({ code: 'invites.not_found', status: 404, message: 'No such invite.' });

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  full_name?: string;
  timezone?: string;
  language?: 'de' | 'en';
  invite_token?: string;
}

export function createInvitesUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: InvitesRepository;
  users: UsersRepository;
  accounts: UsersUsecases;
  clock: Clock;
  settings: { registration: 'closed' | 'open' | 'invite'; publicUrl: string | undefined };
}) {
  async function register(input: RegisterInput) {
    const now = deps.clock.now();
    const mode = deps.settings.registration;
    const inviteHash = input.invite_token ? hashToken(input.invite_token) : undefined;
    return inTransaction(deps.handle, async (trx) => {
      // Decided inside the transaction: two people racing to be the first user cannot both become admin
      // (SQLite: BEGIN IMMEDIATE serialises; PostgreSQL: this lock does).
      if (deps.handle.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK})`.execute(trx);
      const first = (await deps.users.count(trx)) === 0;
      if (!first && mode === 'closed') throw registrationClosed();
      if (!first && mode === 'invite') {
        const invite = inviteHash ? await deps.repository.findUsable(inviteHash, now, trx) : undefined;
        if (!invite) throw inviteInvalid();
        if (invite.email && invite.email !== input.email.toLowerCase()) throw inviteInvalid({ message: 'This invite is for another e-mail address.' });
      }
      const { user } = await deps.accounts.createUser(
        {
          username: input.username, email: input.email, password: input.password,
          ...(input.full_name ? { fullName: input.full_name } : {}), ...(input.timezone ? { timezone: input.timezone } : {}), ...(input.language ? { language: input.language } : {}),
        },
        trx,
      );
      if (!first && mode === 'invite' && !(inviteHash && (await deps.repository.consume(trx, inviteHash, user.id, now)))) throw inviteInvalid();
      return toMe(user);
    });
  }

  async function create(adminId: string, input: { email?: string; expires_in_days?: number }) {
    const now = deps.clock.now();
    const token = newToken('invite');
    const row = await deps.repository.insert({
      id: newId(), tokenHash: hashToken(token), createdBy: adminId, email: input.email?.toLowerCase() ?? null,
      expiresAt: new Date(now.getTime() + (input.expires_in_days ?? 7) * 86_400_000), now,
    });
    const path = `/register?invite=${encodeURIComponent(token)}`;
    return { ...toResponse(row), token, url: deps.settings.publicUrl ? new URL(path, deps.settings.publicUrl).toString() : path };
  }

  async function list(adminId: string) {
    return (await deps.repository.list(adminId)).map(toResponse);
  }

  async function revoke(adminId: string, id: string) {
    if (!(await deps.repository.remove(adminId, id))) throw inviteNotFound();
  }

  return { register, create, list, revoke };
}

function toResponse(row: { id: string; email: string | null; expires_at: string; used_at: string | null; created_at: string }) {
  return { id: row.id, email: row.email, expires_at: row.expires_at, used_at: row.used_at, created_at: row.created_at };
}

export type InvitesUsecases = ReturnType<typeof createInvitesUsecases>;
