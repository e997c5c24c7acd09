/**
 * The instance's VAPID key pair: generated once, on first use, and kept sealed in
 * `instance_settings` so every process (and every restart) signs with the same pair: browsers
 * bind their subscriptions to the public key. Two processes racing on first use agree on the one
 * that was stored first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { generateVapidKeys, parseVapidKeys, type VapidKeys } from './drivers/push/vapid.models.ts';

const KEY = 'vapid';
const CONTEXT = 'instance_settings:vapid';

export function createVapidKeyStore(deps: { db: Kysely<Database>; secrets: { seal(plain: string, context: string): string; open(sealed: string, context: string): string }; clock: Clock }) {
  let loaded: Promise<VapidKeys> | undefined;

  async function load(): Promise<VapidKeys> {
    const stored = await deps.db.selectFrom('instance_settings').select('value_encrypted').where('id', '=', KEY).executeTakeFirst();
    if (stored) return parseVapidKeys(JSON.parse(deps.secrets.open(stored.value_encrypted, CONTEXT)));
    const fresh = generateVapidKeys();
    await deps.db
      .insertInto('instance_settings')
      .values({ id: KEY, value_encrypted: deps.secrets.seal(JSON.stringify(fresh), CONTEXT), created_at: toDbInstant(deps.clock.now()) })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
    const winner = await deps.db.selectFrom('instance_settings').select('value_encrypted').where('id', '=', KEY).executeTakeFirstOrThrow();
    return parseVapidKeys(JSON.parse(deps.secrets.open(winner.value_encrypted, CONTEXT)));
  }

  return {
    keys(): Promise<VapidKeys> {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return loaded;
    },
  };
}

export type VapidKeyStore = ReturnType<typeof createVapidKeyStore>;
