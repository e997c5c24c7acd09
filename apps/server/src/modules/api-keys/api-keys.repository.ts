import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export type ApiKeyRow = Selectable<ApiKeysTable>;

export function createApiKeysRepository({ db }: { db: Kysely<Database> }) {
  async function insert(key: { id: string; userId: string; name: string; keyHash: string; keyPrefix: string; expiresAt: Date | null; now: Date }) {
    return db
      .insertInto('api_keys')
      .values({ id: key.id, user_id: key.userId, name: key.name, key_hash: key.keyHash, key_prefix: key.keyPrefix, created_at: toDbInstant(key.now), expires_at: key.expiresAt ? toDbInstant(key.expiresAt) : null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async function findByHash(hash: string) {
    return db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .selectAll('api_keys')
      .select(['users.role', 'users.is_active', 'users.password_change_required'])
      .where('api_keys.key_hash', '=', hash)
      .executeTakeFirst();
  }

  async function list(userId: string) {
    return db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  }

  async function remove(userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('api_keys').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  async function touch(id: string, now: Date) {
    await db.updateTable('api_keys').set({ last_used_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  return { insert, findByHash, list, remove, touch };
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
