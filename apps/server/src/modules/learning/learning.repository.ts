/** All SQL of sender profiles: one row per (user, sender key), upserted together for one sender. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { SenderProfile } from './learning.models.ts';

export function createLearningRepository() {
  /** The profile of the first key that has one, in the order given (most specific first). */
  async function find(executor: Kysely<Database>, userId: string, keys: readonly string[]): Promise<SenderProfile | undefined> {
    if (keys.length === 0) return undefined;
    const rows = await executor.selectFrom('sender_profiles').select(['sender_key', 'profile']).where('user_id', '=', userId).where('sender_key', 'in', [...keys]).execute();
    const byKey = new Map(rows.map((row) => [row.sender_key, row.profile]));
    const first = keys.find((key) => byKey.has(key));
    return first === undefined ? undefined : fromDbJson<SenderProfile>(byKey.get(first));
  }

  async function save(executor: Kysely<Database>, userId: string, keys: readonly string[], profile: SenderProfile, now: Date): Promise<void> {
    const stamp = toDbInstant(now);
    for (const key of keys) {
      await executor
        .insertInto('sender_profiles')
        .values({ id: newId(), user_id: userId, sender_key: key, profile: toDbJson(profile), created_at: stamp, updated_at: stamp })
        .onConflict((conflict) => conflict.columns(['user_id', 'sender_key']).doUpdateSet({ profile: toDbJson(profile), updated_at: stamp }))
        .execute();
    }
  }

  return { find, save };
}

export type LearningRepository = ReturnType<typeof createLearningRepository>;
