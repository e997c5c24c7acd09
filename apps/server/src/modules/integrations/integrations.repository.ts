/**
 * All SQL of the user's channels and other integrations (`integrations`). Every query is scoped to one
 * user, except those named for a provider's callback (`ofType`, `lockByIds`), which find the rows
 * a provider's message is about by their settings.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, IntegrationsTable } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export type IntegrationRow = Selectable<IntegrationsTable>;

export function createIntegrationsRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  async function list(userId: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('integrations').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  async function find(userId: string, id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('integrations').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  }

  /** Any user's integration by id (for the delivery job, which runs for the user the job belongs to). */
  async function findById(id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function findByIds(ids: readonly string[], executor: Kysely<Database> = db) {
    if (ids.length === 0) return [];
    return executor.selectFrom('integrations').selectAll().where('id', 'in', ids).execute();
  }

  /** Every user's integrations of one type (a provider's callback matches them by their settings). */
  async function ofType(type: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('integrations').selectAll().where('integration_type', '=', type).orderBy('id').execute();
  }

  /**
   * These integrations, locked until the transaction ends (PostgreSQL `FOR UPDATE`; on SQLite the
   * transaction's BEGIN IMMEDIATE already holds the only write lock), so that a change computed from
   * their settings is not lost to, and does not undo, a concurrent change.
   */
  async function lockByIds(executor: Kysely<Database>, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const query = executor.selectFrom('integrations').selectAll().where('id', 'in', ids).orderBy('id');
    return dialect === 'postgres' ? query.forUpdate().execute() : query.execute();
  }

  /** The users among these that have any integration (enabled or not) of these types. */
  async function usersWithAny(executor: Kysely<Database>, userIds: readonly string[], types: readonly string[]): Promise<string[]> {
    if (userIds.length === 0 || types.length === 0) return [];
    const rows = await executor.selectFrom('integrations').select('user_id').distinct().where('user_id', 'in', userIds).where('integration_type', 'in', types).execute();
    return rows.map((row) => row.user_id);
  }

  async function enabledOf(executor: Kysely<Database>, userIds: readonly string[], types: readonly string[]) {
    if (userIds.length === 0 || types.length === 0) return [];
    return executor
      .selectFrom('integrations')
      .selectAll()
      .where('user_id', 'in', userIds)
      .where('integration_type', 'in', types)
      .where('enabled', '=', true)
      .orderBy('created_at')
      .execute();
  }

  async function insert(executor: Kysely<Database>, row: Pick<IntegrationRow, 'id' | 'user_id' | 'integration_type' | 'name' | 'credentials_encrypted'> & { enabled: boolean; config: string }, now: Date) {
    await executor.insertInto('integrations').values({ ...row, created_at: toDbInstant(now), updated_at: toDbInstant(now) }).execute();
  }

  async function update(executor: Kysely<Database>, userId: string, id: string, changes: { name?: string | null; enabled?: boolean; config?: string; credentials_encrypted?: string | null; sync_status?: IntegrationRow['sync_status']; error_log?: string | null; last_sync_at?: string }, now: Date) {
    await executor.updateTable('integrations').set({ ...changes, updated_at: toDbInstant(now) }).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  async function remove(executor: Kysely<Database>, userId: string, id: string) {
    const result = await executor.deleteFrom('integrations').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async function countUsers(executor: Kysely<Database> = db) {
    const row = await executor.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  return { list, find, findById, findByIds, ofType, lockByIds, usersWithAny, enabledOf, insert, update, remove, countUsers };
}

export type IntegrationsRepository = ReturnType<typeof createIntegrationsRepository>;
