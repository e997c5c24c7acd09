import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export function createInvitesRepository({ db }: { db: Kysely<Database> }) {
  async function insert(invite: { id: string; tokenHash: string; createdBy: string; email: string | null; expiresAt: Date; now: Date }) {
    return db
      .insertInto('invites')
      .values({ id: invite.id, token_hash: invite.tokenHash, created_by: invite.createdBy, email: invite.email, expires_at: toDbInstant(invite.expiresAt), created_at: toDbInstant(invite.now) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async function list(createdBy: string) {
    return db.selectFrom('invites').selectAll().where('created_by', '=', createdBy).orderBy('created_at', 'desc').execute();
  }

  async function remove(createdBy: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('invites').where('created_by', '=', createdBy).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Marks an unused, unexpired invite used; false when there is none. */
  async function consume(executor: Kysely<Database>, tokenHash: string, usedBy: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('invites')
      .set({ used_at: toDbInstant(now), used_by: usedBy })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toDbInstant(now))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function findUsable(tokenHash: string, now: Date, executor: Kysely<Database> = db) {
    return executor.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', toDbInstant(now)).executeTakeFirst();
  }

  return { insert, list, remove, consume, findUsable };
}

export type InvitesRepository = ReturnType<typeof createInvitesRepository>;
