/**
 * Learning from corrections (understanding-in-depth issue): `sender_profiles` keeps, per user and
 * sender, what the user's corrections taught (class, proper name, account, which printed label
 * means the due date or the invoice number). One row per key the sender is known by (VAT id, IBAN,
 * name as read or as corrected), all rows of one sender holding the same profile.
 */
import type { Migration } from './migration.types.ts';
import { schemaKit } from './schema-kit.ts';

export const senderProfiles: Migration = {
  name: '0010-sender-profiles',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await db.schema
      .createTable('sender_profiles')
      .addColumn(...k.id())
      .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
      .addColumn(...k.varchar('sender_key', 250, (c) => c.notNull()))
      .addColumn(...k.json('profile', 'object', (c) => c.notNull()))
      .addColumn(...k.stamp('created_at'))
      .addColumn(...k.stamp('updated_at'))
      .addUniqueConstraint('uq_sender_profiles_user_key', ['user_id', 'sender_key'])
      .execute();
  },
};
