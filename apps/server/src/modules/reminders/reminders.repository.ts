/**
 * All SQL of reminders. The planner and the dispatcher read the few task and user columns a
 * reminder needs in the same statement as the reminders themselves (read-only joins): the dispatcher
 * must take thousands of due reminders in one query, not one round trip per task.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, RemindersTable } from '../../db/schema.ts';
import { fromDbInstant, toDbInstant } from '../../db/values.ts';

export type ReminderRow = Selectable<RemindersTable>;

export interface NewReminder {
  id: string;
  task_id: string;
  trigger_at: string;
  fire_at: string;
  held_from: string | null;
  severity: ReminderRow['severity'];
  channels: string;
  message: string;
}

/** What planning and the messages need of a task. */
export interface PlanningTaskRow {
  id: string;
  user_id: string;
  title: string;
  status: string;
  due_date: string | null;
  due_is_date: boolean | number;
  amount: number | null;
  currency: string;
  priority: string;
  priority_source: string;
  details: unknown;
  document_type: string | null;
}

export interface DueReminderRow extends ReminderRow {
  user_id: string;
  task_title: string;
  task_status: string;
  task_due_date: string | null;
  task_due_is_date: boolean | number;
  task_amount: number | null;
  task_currency: string;
  task_document_type: string | null;
}

const PENDING = 'pending';

export function createRemindersRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  async function planningTasks(executor: Kysely<Database>, userId: string, taskIds: readonly string[]): Promise<PlanningTaskRow[]> {
    if (taskIds.length === 0) return [];
    return executor
      .selectFrom('tasks')
      .leftJoin('documents', 'documents.id', 'tasks.document_id')
      .select(['tasks.id', 'tasks.user_id', 'tasks.title', 'tasks.status', 'tasks.due_date', 'tasks.due_is_date', 'tasks.amount', 'tasks.currency', 'tasks.priority', 'tasks.priority_source', 'tasks.details'])
      .select('documents.type as document_type')
      .where('tasks.user_id', '=', userId)
      .where('tasks.id', 'in', taskIds)
      .execute();
  }

  async function planningUsers(executor: Kysely<Database>, userIds: readonly string[]) {
    if (userIds.length === 0) return [];
    return executor.selectFrom('users').select(['id', 'email', 'timezone', 'language', 'notification_preferences']).where('id', 'in', userIds).execute();
  }

  /**
   * What a replan reconciles its plan with: the tasks' pending reminders, and the others planned
   * for `since` or later (older history cannot meet a plan that starts now).
   */
  async function ofTasks(executor: Kysely<Database>, taskIds: readonly string[], since: Date) {
    if (taskIds.length === 0) return [];
    return executor
      .selectFrom('reminders')
      .select(['id', 'task_id', 'trigger_at', 'fire_at', 'held_from', 'severity', 'channels', 'message', 'status', 'snoozed_until', 'error_message'])
      .where('task_id', 'in', taskIds)
      .where((eb) => eb.or([eb('status', '=', PENDING), eb('trigger_at', '>=', toDbInstant(since))]))
      .execute();
  }

  /** Removes planned reminders a replan no longer wants (only pending ones: history stays). */
  async function deletePending(executor: Kysely<Database>, reminderIds: readonly string[]) {
    for (let start = 0; start < reminderIds.length; start += 500) {
      await executor.deleteFrom('reminders').where('id', 'in', reminderIds.slice(start, start + 500)).where('status', '=', PENDING).execute();
    }
  }

  /** Rewrites what a replan changed of pending reminders it keeps (the same change for all of `reminderIds`). */
  async function updatePlanned(executor: Kysely<Database>, reminderIds: readonly string[], changes: Partial<Pick<NewReminder, 'fire_at' | 'held_from' | 'channels' | 'message'>>) {
    for (let start = 0; start < reminderIds.length; start += 500) {
      await executor.updateTable('reminders').set(changes).where('id', 'in', reminderIds.slice(start, start + 500)).where('status', '=', PENDING).execute();
    }
  }

  /** Cancels everything still to come for the tasks (completed or cancelled tasks), keeping the history. */
  async function cancelPending(executor: Kysely<Database>, taskIds: readonly string[], reason: string) {
    if (taskIds.length === 0) return 0;
    const result = await executor
      .updateTable('reminders')
      .set({ status: 'cancelled', fire_at: null, error_message: reason })
      .where('task_id', 'in', taskIds)
      .where('status', '=', PENDING)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async function insert(executor: Kysely<Database>, rows: readonly NewReminder[], now: Date) {
    const created = toDbInstant(now);
    // Chunked: SQLite allows 32,766 bound parameters per statement.
    for (let start = 0; start < rows.length; start += 500) {
      await executor
        .insertInto('reminders')
        .values(rows.slice(start, start + 500).map((row) => ({ ...row, status: PENDING, created_at: created })))
        .execute();
    }
  }

  async function ofTask(executor: Kysely<Database>, taskId: string) {
    return executor.selectFrom('reminders').selectAll().where('task_id', '=', taskId).orderBy('trigger_at').orderBy('id').execute();
  }

  /** A reminder with the task it belongs to, if that task is the user's. */
  async function findOwned(executor: Kysely<Database>, userId: string, reminderId: string) {
    return executor
      .selectFrom('reminders')
      .innerJoin('tasks', 'tasks.id', 'reminders.task_id')
      .selectAll('reminders')
      .select(['tasks.status as task_status', 'tasks.user_id'])
      .where('reminders.id', '=', reminderId)
      .where('tasks.user_id', '=', userId)
      .executeTakeFirst();
  }

  async function update(executor: Kysely<Database>, reminderId: string, changes: Partial<Pick<ReminderRow, 'status' | 'fire_at' | 'snoozed_until' | 'acknowledged_at' | 'sent_at' | 'error_message'>>) {
    await executor.updateTable('reminders').set(changes).where('id', '=', reminderId).execute();
  }

  /** Cancels the task's pending reminders that match; returns how many. */
  async function cancelWhere(executor: Kysely<Database>, taskId: string, filter: { severity?: ReminderRow['severity']; firesBefore?: Date; exceptId?: string }, reason: string) {
    let query = executor.updateTable('reminders').set({ status: 'cancelled', fire_at: null, error_message: reason }).where('task_id', '=', taskId).where('status', '=', PENDING);
    if (filter.severity) query = query.where('severity', '=', filter.severity);
    if (filter.firesBefore) query = query.where('fire_at', '<', toDbInstant(filter.firesBefore));
    if (filter.exceptId) query = query.where('id', '<>', filter.exceptId);
    return Number((await query.executeTakeFirst()).numUpdatedRows);
  }

  /**
   * Takes up to `limit` reminders due at `now`, oldest first, with what their messages need. The
   * caller marks every one of them fired (`markFired`) in the same transaction; until it commits,
   * SQLite's write lock or, on PostgreSQL, the row locks keep a second dispatcher from taking them
   * (rows another dispatcher holds are skipped, so several workers share the load).
   */
  async function takeDue(trx: Kysely<Database>, now: Date, limit: number): Promise<DueReminderRow[]> {
    let query = trx
      .selectFrom('reminders')
      .innerJoin('tasks', 'tasks.id', 'reminders.task_id')
      .leftJoin('documents', 'documents.id', 'tasks.document_id')
      .selectAll('reminders')
      .select([
        'tasks.user_id', 'tasks.title as task_title', 'tasks.status as task_status', 'tasks.due_date as task_due_date', 'tasks.due_is_date as task_due_is_date',
        'tasks.amount as task_amount', 'tasks.currency as task_currency', 'documents.type as task_document_type',
      ])
      .where('reminders.fire_at', '<=', toDbInstant(now))
      .where('reminders.status', '=', PENDING)
      .orderBy('reminders.fire_at')
      .limit(limit);
    if (dialect === 'postgres') query = query.forUpdate('reminders').skipLocked();
    return query.execute();
  }

  async function markFired(executor: Kysely<Database>, reminderIds: readonly string[], status: 'sent' | 'failed', at: Date, error: string | null = null) {
    if (reminderIds.length === 0) return;
    await executor.updateTable('reminders').set({ status, fire_at: null, sent_at: toDbInstant(at), error_message: error }).where('id', 'in', reminderIds).execute();
  }

  /** Open tasks of these whose plan ran out (no pending reminder left): the dispatcher plans their next stretch. */
  async function withoutPending(executor: Kysely<Database>, taskIds: readonly string[]): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const rows = await executor
      .selectFrom('tasks')
      .select('tasks.id')
      .where('tasks.id', 'in', taskIds)
      .where('tasks.status', 'in', ['open', 'in_progress'])
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('reminders').select('reminders.id').whereRef('reminders.task_id', '=', 'tasks.id').where('reminders.status', '=', PENDING))))
      .execute();
    return rows.map((row) => row.id);
  }

  /** The tasks of a user that may need reminders (open with a due date): for a replan of everything after a settings change. */
  async function openTaskIds(executor: Kysely<Database>, userId: string): Promise<string[]> {
    const rows = await executor.selectFrom('tasks').select('id').where('user_id', '=', userId).where('status', 'in', ['open', 'in_progress']).where('due_date', 'is not', null).execute();
    return rows.map((row) => row.id);
  }

  /** A user's pending reminders of open tasks that fire in [from, to), with the task's title, earliest first. */
  async function plannedBetween(executor: Kysely<Database>, userId: string, from: Date, to: Date, limit: number) {
    return executor
      .selectFrom('reminders')
      .innerJoin('tasks', 'tasks.id', 'reminders.task_id')
      .selectAll('reminders')
      .select('tasks.title as task_title')
      .where('tasks.user_id', '=', userId)
      .where('tasks.status', 'in', ['open', 'in_progress'])
      .where('reminders.status', '=', PENDING)
      .where('reminders.fire_at', '>=', toDbInstant(from))
      .where('reminders.fire_at', '<', toDbInstant(to))
      .orderBy('reminders.fire_at')
      .orderBy('reminders.id')
      .limit(limit)
      .execute();
  }

  /** When the earliest pending reminder is due (null: none pending). */
  async function nextDueAt(executor: Kysely<Database>): Promise<Date | null> {
    const row = await executor.selectFrom('reminders').select((eb) => eb.fn.min('fire_at').as('next')).where('status', '=', PENDING).executeTakeFirst();
    return row?.next ? fromDbInstant(row.next) : null;
  }

  return { db, planningTasks, planningUsers, ofTasks, deletePending, updatePlanned, cancelPending, insert, ofTask, findOwned, update, cancelWhere, takeDue, markFired, withoutPending, openTaskIds, plannedBetween, nextDueAt };
}

export type RemindersRepository = ReturnType<typeof createRemindersRepository>;
