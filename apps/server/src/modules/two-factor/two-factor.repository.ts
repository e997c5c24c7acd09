import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';
import { newId } from '../../shared/ids/ids.ts';

export function createTwoFactorRepository({ db }: { db: Kysely<Database> }) {
  async function storePendingSecret(userId: string, sealedSecret: string, now: Date) {
    await db.updateTable('users').set({ two_factor_secret: sealedSecret, updated_at: toDbInstant(now) }).where('id', '=', userId).where('two_factor_enabled', '=', false).execute();
  }

  async function enable(executor: Kysely<Database>, userId: string, step: number, codeHashes: string[], now: Date) {
    await executor.updateTable('users').set({ two_factor_enabled: true, last_totp_step: step, updated_at: toDbInstant(now) }).where('id', '=', userId).execute();
    await executor.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    for (const hash of codeHashes) {
      await executor.insertInto('recovery_codes').values({ id: newId(), user_id: userId, code_hash: hash, created_at: toDbInstant(now) }).execute();
    }
  }

  async function disable(executor: Kysely<Database>, userId: string, now: Date) {
    await executor.updateTable('users').set({ two_factor_enabled: false, two_factor_secret: null, last_totp_step: null, updated_at: toDbInstant(now) }).where('id', '=', userId).execute();
    await executor.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  }

  /** Accepts a TOTP step only if it is newer than the last accepted one (each code works once). */
  async function advanceStep(executor: Kysely<Database>, userId: string, step: number): Promise<boolean> {
    const result = await executor
      .updateTable('users')
      .set({ last_totp_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('last_totp_step', 'is', null), eb('last_totp_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function useRecoveryCode(executor: Kysely<Database>, userId: string, codeHash: string, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('recovery_codes')
      .set({ used_at: toDbInstant(now) })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function remainingRecoveryCodes(userId: string): Promise<number> {
    const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  return { storePendingSecret, enable, disable, advanceStep, useRecoveryCode, remainingRecoveryCodes };
}

export type TwoFactorRepository = ReturnType<typeof createTwoFactorRepository>;
