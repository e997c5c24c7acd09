/**
 * All SQL of the Telegram bot: one-time link codes, and the receiver lease with the confirmed
 * update offset. The lease is one conditional UPDATE (taken when free, expired or already ours),
 * which both databases apply atomically: PostgreSQL locks the row, SQLite has one writer.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toDbInstant } from '../../db/values.ts';

export function createTelegramRepository(handle: { db: Kysely<Database>; dialect: DialectName }) {
  const { db } = handle;

  /** Stores a new code for the user; the user's unused codes and everyone's expired ones go. */
  async function createCode(input: { codeHash: string; userId: string; expiresAt: Date }, now: Date) {
    await inTransaction(handle, async (trx) => {
      await trx.deleteFrom('telegram_link_codes').where('expires_at', '<', toDbInstant(now)).execute();
      await trx.deleteFrom('telegram_link_codes').where('user_id', '=', input.userId).where('used_at', 'is', null).execute();
      await trx.insertInto('telegram_link_codes').values({ code_hash: input.codeHash, user_id: input.userId, expires_at: toDbInstant(input.expiresAt), created_at: toDbInstant(now) }).execute();
    });
  }

  /** Uses the code for the chat, once: the user it links, or undefined when it is unknown, expired or used. */
  async function consumeCode(codeHash: string, chatId: number, now: Date): Promise<string | undefined> {
    const row = await db
      .updateTable('telegram_link_codes')
      .set({ used_at: toDbInstant(now), chat_id: chatId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toDbInstant(now))
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }

  /** The user of a code this very chat used already (the same update handled again), or undefined. */
  async function usedBy(codeHash: string, chatId: number): Promise<string | undefined> {
    const row = await db.selectFrom('telegram_link_codes').select('user_id').where('code_hash', '=', codeHash).where('chat_id', '=', chatId).where('used_at', 'is not', null).executeTakeFirst();
    return row?.user_id;
  }

  /** Takes or renews the lease of the bot's updates for `holder`: true while it holds it. */
  async function acquireLease(botId: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    await db.insertInto('telegram_update_state').values({ bot_id: botId, updated_at: toDbInstant(now) }).onConflict((conflict) => conflict.column('bot_id').doNothing()).execute();
    const result = await db
      .updateTable('telegram_update_state')
      .set({ holder, lease_expires_at: toDbInstant(new Date(now.getTime() + leaseMs)), updated_at: toDbInstant(now) })
      .where('bot_id', '=', botId)
      .where((eb) => eb.or([eb('holder', 'is', null), eb('holder', '=', holder), eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', toDbInstant(now))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function releaseLease(botId: string, holder: string) {
    await db.updateTable('telegram_update_state').set({ holder: null, lease_expires_at: null }).where('bot_id', '=', botId).where('holder', '=', holder).execute();
  }

  async function state(botId: string) {
    return db.selectFrom('telegram_update_state').selectAll().where('bot_id', '=', botId).executeTakeFirst();
  }

  /** Moves the offset, fenced by the lease (in the transaction that hands the updates over): false when `holder` lost it. */
  async function advanceOffset(executor: Kysely<Database>, botId: string, holder: string, offset: number, now: Date): Promise<boolean> {
    const result = await executor
      .updateTable('telegram_update_state')
      .set({ update_offset: offset, offset_at: toDbInstant(now), updated_at: toDbInstant(now) })
      .where('bot_id', '=', botId)
      .where('holder', '=', holder)
      .where('lease_expires_at', '>', toDbInstant(now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return { createCode, consumeCode, usedBy, acquireLease, releaseLease, state, advanceOffset };
}

export type TelegramRepository = ReturnType<typeof createTelegramRepository>;
