/** Documents as other modules may see them until the intake issue builds this module out. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export function createDocumentsRepository({ db }: { db: Kysely<Database> }) {
  /** The user's document (not soft-deleted), or undefined: another user's document is simply not found. */
  async function findOwned(userId: string, id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('documents').select(['id', 'type']).where('user_id', '=', userId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  }
  return { findOwned };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
