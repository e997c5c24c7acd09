/**
 * Telegram channel (provider-channels issue).
 * - `telegram_link_codes`: one-time codes that link a Telegram chat to an account ("/start <code>"),
 *   stored as SHA-256, valid 10 minutes, single use (`used_at`, and the chat that used it so that a
 *   replayed update links the same chat again instead of being refused).
 * - `telegram_update_state`: who receives the bot's updates and from where, one row per bot (the bot
 *   id from the token): a lease (`holder`, `lease_expires_at`) so that exactly one process polls
 *   getUpdates across every process sharing the database, and the confirmed `update_offset`.
 */
import type { Migration } from './migration.types.ts';
import { schemaKit } from './schema-kit.ts';

export const telegram: Migration = {
  name: '0009-telegram',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await db.schema
      .createTable('telegram_link_codes')
      .addColumn(...k.varchar('code_hash', 64, (c) => c.primaryKey()))
      .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
      .addColumn(...k.instant('expires_at', (c) => c.notNull()))
      .addColumn(...k.instant('used_at'))
      .addColumn(...k.bigint('chat_id'))
      .addColumn(...k.stamp('created_at'))
      .execute();
    await db.schema.createIndex('idx_telegram_link_codes_user').on('telegram_link_codes').column('user_id').execute();
    await db.schema.createIndex('idx_telegram_link_codes_expires').on('telegram_link_codes').column('expires_at').execute();

    await db.schema
      .createTable('telegram_update_state')
      .addColumn(...k.varchar('bot_id', 32, (c) => c.primaryKey()))
      .addColumn(...k.varchar('holder', 200))
      .addColumn(...k.instant('lease_expires_at'))
      .addColumn(...k.bigint('update_offset'))
      .addColumn(...k.instant('offset_at'))
      .addColumn(...k.stamp('updated_at'))
      .execute();
  },
};
