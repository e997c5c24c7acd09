/**
 * Accounts and security (accounts issue): token rotation, API keys, 2FA recovery codes, login
 * throttling, known devices for suspicious-login detection, and invites.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.types.ts';
import { schemaKit, type SchemaKit } from './schema-kit.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
type Db = Kysely<any>;

export const accountsSchema: Migration = {
  name: '0002-accounts',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await extendSessions(db, k);
    await db.schema.alterTable('users').addColumn(...k.bigint('last_totp_step')).execute();
    await createSessionRotatedTokens(db, k);
    await createApiKeys(db, k);
    await createRecoveryCodes(db, k);
    await createAuthFailures(db, k);
    await createKnownDevices(db, k);
    await createInvites(db, k);
  },
};

async function extendSessions(db: Db, k: SchemaKit) {
  // SQLite adds one column per statement; a NOT NULL column needs a default (no session exists before this migration).
  await db.schema.alterTable('sessions').addColumn(...k.instant('access_expires_at', (c) => c.notNull().defaultTo('1970-01-01T00:00:00.000Z'))).execute();
  await db.schema.alterTable('sessions').addColumn(...k.enumeration('kind', ['bearer', 'cookie'], { default: 'bearer' })).execute();
  await db.schema.alterTable('sessions').addColumn(...k.varchar('csrf_token_hash', 64)).execute();
  await db.schema.alterTable('sessions').addColumn(...k.varchar('network', 64)).execute();
}

/** Refresh tokens already rotated away, kept so that presenting one again revokes its session. */
async function createSessionRotatedTokens(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('session_rotated_tokens')
    .addColumn(...k.varchar('token_hash', 64, (c) => c.primaryKey()))
    .addColumn(...k.reference('session_id', 'sessions', 'cascade', (c) => c.notNull()))
    .addColumn(...k.stamp('rotated_at'))
    .execute();
  await db.schema.createIndex('idx_session_rotated_tokens_session').on('session_rotated_tokens').column('session_id').execute();
}

async function createApiKeys(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('api_keys')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('name', 100, (c) => c.notNull().check(sql`length(trim(name)) > 0`)))
    .addColumn(...k.varchar('key_hash', 64, (c) => c.notNull().unique()))
    .addColumn(...k.varchar('key_prefix', 16, (c) => c.notNull()))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.instant('last_used_at'))
    .addColumn(...k.instant('expires_at'))
    .execute();
  await db.schema.createIndex('idx_api_keys_user_id').on('api_keys').column('user_id').execute();
}

async function createRecoveryCodes(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('recovery_codes')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('code_hash', 64, (c) => c.notNull()))
    .addColumn(...k.instant('used_at'))
    .addColumn(...k.stamp('created_at'))
    .execute();
  await db.schema.createIndex('idx_recovery_codes_user_id').on('recovery_codes').column('user_id').execute();
}

/** Failed logins, counted per account and per IP over a sliding window; shared by all processes. */
async function createAuthFailures(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('auth_failures')
    .addColumn(...k.id())
    .addColumn(...k.enumeration('scope', ['account', 'ip']))
    .addColumn(...k.varchar('subject', 255, (c) => c.notNull()))
    .addColumn(...k.instant('failed_at', (c) => c.notNull()))
    .execute();
  await db.schema.createIndex('idx_auth_failures_subject').on('auth_failures').columns(['scope', 'subject', 'failed_at']).execute();
  await db.schema.createIndex('idx_auth_failures_failed_at').on('auth_failures').column('failed_at').execute();
}

/** Devices and networks a user has logged in from; a login matching neither is suspicious. */
async function createKnownDevices(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('known_devices')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('device_type', 20, (c) => c.notNull()))
    .addColumn(...k.varchar('os', 50, (c) => c.notNull()))
    .addColumn(...k.varchar('network', 64, (c) => c.notNull()))
    .addColumn(...k.varchar('country', 2))
    .addColumn(...k.stamp('first_seen_at'))
    .addColumn(...k.stamp('last_seen_at'))
    .execute();
  await db.schema.createIndex('idx_known_devices_user_id').on('known_devices').column('user_id').execute();
}

async function createInvites(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('invites')
    .addColumn(...k.id())
    .addColumn(...k.varchar('token_hash', 64, (c) => c.notNull().unique()))
    .addColumn(...k.reference('created_by', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('email', 255))
    .addColumn(...k.instant('expires_at', (c) => c.notNull()))
    .addColumn(...k.instant('used_at'))
    .addColumn(...k.reference('used_by', 'users', 'set null'))
    .addColumn(...k.stamp('created_at'))
    .execute();
  await db.schema.createIndex('idx_invites_created_by').on('invites').column('created_by').execute();
}
