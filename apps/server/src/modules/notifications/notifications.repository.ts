/**
 * All SQL of the notification centre: firings (what the user sees, one per reminder firing, digest
 * or system message) and their delivery attempts (the seed's `notifications` rows).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, NotificationChannel, NotificationFiringsTable, NotificationsTable } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export type FiringRow = Selectable<NotificationFiringsTable>;
export type AttemptRow = Selectable<NotificationsTable>;

export interface NewFiring {
  id: string;
  user_id: string;
  task_id: string | null;
  kind: FiringRow['kind'];
  severity: FiringRow['severity'];
  title: string;
  body: string;
  action_url: string | null;
  fire_key: string;
  reminder_ids: string;
  task_ids: string;
  silent?: boolean;
}

export interface NewAttempt {
  id: string;
  user_id: string;
  firing_id: string;
  task_id: string | null;
  reminder_id: string | null;
  integration_id: string | null;
  title: string;
  body: string;
  action_url: string | null;
  channel: NotificationChannel;
  driver: string;
  attempt: number;
  idempotency_key: string;
  status: 'pending' | 'sent' | 'failed';
  error_message: string | null;
  sent_at: string | null;
}

export function createNotificationsRepository({ db }: { db: Kysely<Database> }) {
  /** Inserts the firings; one whose `fire_key` exists already is left as it is. Returns the ids that were new. */
  async function insertFirings(executor: Kysely<Database>, rows: readonly NewFiring[], now: Date): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const created = new Set<string>();
    for (let start = 0; start < rows.length; start += 400) {
      const inserted = await executor
        .insertInto('notification_firings')
        .values(rows.slice(start, start + 400).map((row) => ({ ...row, created_at: toDbInstant(now) })))
        .onConflict((conflict) => conflict.column('fire_key').doNothing())
        .returning('id')
        .execute();
      for (const row of inserted) created.add(row.id);
    }
    return created;
  }

  async function insertAttempts(executor: Kysely<Database>, rows: readonly NewAttempt[], now: Date) {
    for (let start = 0; start < rows.length; start += 300) {
      await executor
        .insertInto('notifications')
        .values(rows.slice(start, start + 300).map((row) => ({ ...row, created_at: toDbInstant(now) })))
        .execute();
    }
  }

  async function findFiring(executor: Kysely<Database>, id: string) {
    return executor.selectFrom('notification_firings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function findFirings(executor: Kysely<Database>, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return executor.selectFrom('notification_firings').selectAll().where('id', 'in', ids).execute();
  }

  /** What a delivery needs of its user: the language and the account address. */
  async function usersOf(executor: Kysely<Database>, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return executor.selectFrom('users').select(['id', 'email', 'language']).where('id', 'in', ids).execute();
  }

  /** Which of these tasks are still open (nothing more goes out about the others). */
  async function openTaskIds(executor: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await executor.selectFrom('tasks').select('id').where('id', 'in', ids).where('status', 'in', ['open', 'in_progress']).execute();
    return rows.map((row) => row.id);
  }

  async function attemptsOf(executor: Kysely<Database>, firingIds: readonly string[]) {
    if (firingIds.length === 0) return [];
    return executor
      .selectFrom('notifications')
      .select(['id', 'firing_id', 'channel', 'driver', 'integration_id', 'attempt', 'status', 'error_message', 'created_at', 'sent_at'])
      .where('firing_id', 'in', firingIds)
      .orderBy('created_at')
      .orderBy('attempt')
      .execute();
  }

  async function list(executor: Kysely<Database>, userId: string, options: { unread: boolean; offset: number; limit: number }) {
    let query = executor.selectFrom('notification_firings').where('user_id', '=', userId);
    if (options.unread) query = query.where('read_at', 'is', null);
    const [{ total } = { total: 0 }] = await query.select(sql<number>`count(*)`.as('total')).execute();
    const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').offset(options.offset).limit(options.limit).execute();
    return { total: Number(total), rows };
  }

  async function unreadCount(executor: Kysely<Database>, userId: string) {
    const row = await executor.selectFrom('notification_firings').select(sql<number>`count(*)`.as('count')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Marks every unread notification of the user read (the firings and their attempts); returns how many firings. */
  async function markAllRead(executor: Kysely<Database>, userId: string, at: Date): Promise<number> {
    const stamp = toDbInstant(at);
    const result = await executor.updateTable('notification_firings').set({ read_at: stamp }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    await executor.updateTable('notifications').set({ read_at: stamp }).where('user_id', '=', userId).where('firing_id', 'is not', null).where('read_at', 'is', null).execute();
    return Number(result.numUpdatedRows);
  }

  async function markRead(executor: Kysely<Database>, userId: string, firingId: string, at: Date, clicked: boolean) {
    const stamp = toDbInstant(at);
    const result = await executor
      .updateTable('notification_firings')
      .set({ read_at: sql`coalesce(read_at, ${stamp})`, ...(clicked ? { clicked_at: sql`coalesce(clicked_at, ${stamp})` } : {}) })
      .where('id', '=', firingId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await executor
      .updateTable('notifications')
      .set({ read_at: sql`coalesce(read_at, ${stamp})`, ...(clicked ? { clicked_at: sql`coalesce(clicked_at, ${stamp})` } : {}) })
      .where('firing_id', '=', firingId)
      .execute();
    return true;
  }

  /** How many alerts went out over a channel for a task on or after `since` (the per-day SMS and smart-home caps). */
  async function sentForTaskSince(executor: Kysely<Database>, taskId: string, channel: NotificationChannel, since: Date) {
    const row = await executor
      .selectFrom('notifications')
      .select(sql<number>`count(*)`.as('count'))
      .where('task_id', '=', taskId)
      .where('channel', '=', channel)
      .where('status', '=', 'sent')
      .where('sent_at', '>=', toDbInstant(since))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** The latest attempts on an integration, newest first: a channel that keeps failing is shown to the user. */
  async function recentOutcomes(executor: Kysely<Database>, integrationId: string, limit: number) {
    const rows = await executor.selectFrom('notifications').select('status').where('integration_id', '=', integrationId).where('status', '<>', 'pending').orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((row) => row.status);
  }

  return { db, insertFirings, insertAttempts, findFiring, findFirings, usersOf, openTaskIds, attemptsOf, list, unreadCount, markRead, markAllRead, sentForTaskSince, recentOutcomes };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
