/**
 * Reminders: the plan of a task (recomputed in the transaction that changes the task), its timeline,
 * and what the user does with a reminder (snooze, acknowledge, complete).
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, NotificationChannel } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { fromDbBool, fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { newId } from '../../shared/ids/ids.ts';
import * as errors from './reminders.errors.ts';
import { reminderMessage, type MessageTask } from './reminders.messages.models.ts';
import { parseNotificationPreferences, type ReminderPreferences } from './reminders.preferences.models.ts';
import { reconcilePlan, TASK_CLOSED, type StoredReminder } from './reminders.reconcile.models.ts';
import type { NewReminder, PlanningTaskRow, ReminderRow, RemindersRepository } from './reminders.repository.ts';
import { planReminders, type ScheduleTask } from './reminders.schedule.models.ts';
import { InvalidSnoozeError, snoozeUntil } from './reminders.snooze.models.ts';

/** How far ahead a plan reaches; the dispatcher plans the next stretch when a task's plan runs out. */
export const PLAN_HORIZON_DAYS = 35;
const DAY_MS = 86_400_000;
const OPEN = new Set(['open', 'in_progress']);
/** The agenda asks for a month view's six weeks at most; a little more is allowed. */
export const MAX_PLANNED_RANGE_DAYS = 62;
const PLANNED_LIMIT = 1000;

export interface ChannelDirectory {
  /** The channels the user has a working setup for (an enabled integration, or the instance's SMTP for their account address); `in_app` is implied. */
  configured(executor: Executor, userId: string): Promise<ReadonlySet<NotificationChannel>>;
}

export interface PlanningUser {
  id: string;
  email: string;
  zone: string;
  language: 'de' | 'en';
  preferences: ReminderPreferences;
}

export function createRemindersUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: RemindersRepository;
  channels: ChannelDirectory;
  clock: Clock;
  /** Marks the task done through the tasks module (which cancels every pending reminder in the same transaction). */
  completeTask: (userId: string, taskId: string) => Promise<unknown>;
}) {
  const { repository, clock } = deps;

  /** The users as planning and messages need them (one query for all). */
  async function planningUsers(executor: Executor, userIds: readonly string[]): Promise<Map<string, PlanningUser>> {
    const users = new Map<string, PlanningUser>();
    for (const user of await repository.planningUsers(executor, userIds)) {
      let preferences: ReminderPreferences;
      try {
        preferences = parseNotificationPreferences(fromDbJson(user.notification_preferences), user.timezone);
      } catch {
        // Preferences are validated when saved; a stored value that no longer parses falls back to the defaults rather than silencing every reminder.
        preferences = parseNotificationPreferences({}, user.timezone);
      }
      users.set(user.id, { id: user.id, email: user.email, zone: user.timezone, language: user.language === 'en' ? 'en' : 'de', preferences });
    }
    return users;
  }

  async function planningUser(executor: Executor, userId: string): Promise<PlanningUser> {
    const user = (await planningUsers(executor, [userId])).get(userId);
    if (!user) throw errors.reminderNotFound({ message: 'no such user' });
    return user;
  }

  /**
   * Recomputes the pending reminders of the tasks, in the caller's transaction: open tasks with a due
   * date get their plan from now, reconciled with what they have (see reminders.reconcile.models.ts:
   * unchanged reminders keep their rows, snoozes and acknowledgements hold); done, cancelled or
   * undated tasks get none (pending ones are cancelled or removed, the history stays).
   */
  async function replan(trx: Executor, userId: string, taskIds: readonly string[], options: { from?: Date } = {}) {
    if (taskIds.length === 0) return;
    const now = options.from ?? clock.now();
    const tasks = await repository.planningTasks(trx, userId, taskIds);
    const closed = tasks.filter((task) => !OPEN.has(task.status)).map((task) => task.id);
    await repository.cancelPending(trx, closed, TASK_CLOSED);
    const open = tasks.filter((task) => OPEN.has(task.status));
    if (open.length === 0) return;
    // A day back: a reminder held by quiet hours may have been planned before now.
    const stored = new Map<string, StoredReminder[]>();
    for (const row of await repository.ofTasks(trx, open.map((task) => task.id), new Date(now.getTime() - DAY_MS))) {
      const rows = stored.get(row.task_id);
      if (rows) rows.push(row);
      else stored.set(row.task_id, [row]);
    }
    const wanted = new Set(open.filter((task) => task.due_date !== null && fromDbJson<{ reminders?: boolean }>(task.details).reminders !== false));
    const user = wanted.size > 0 ? await planningUser(trx, userId) : undefined;
    const configured = user ? await deps.channels.configured(trx, userId) : new Set<NotificationChannel>();
    const inserts: NewReminder[] = [];
    const removes: string[] = [];
    // Rows that need the same change (new channels for every reminder, after an integration was added) in one statement.
    const updates = new Map<string, { ids: string[]; changes: Parameters<RemindersRepository['updatePlanned']>[2] }>();
    for (const task of open) {
      const plan = user && wanted.has(task) ? planTask(task, user, configured, now) : [];
      const change = reconcilePlan(stored.get(task.id) ?? [], plan);
      inserts.push(...change.insert);
      removes.push(...change.remove);
      for (const { id, changes } of change.update) {
        const key = JSON.stringify(changes);
        const group = updates.get(key);
        if (group) group.ids.push(id);
        else updates.set(key, { ids: [id], changes });
      }
    }
    for (const { ids, changes } of updates.values()) await repository.updatePlanned(trx, ids, changes);
    await repository.deletePending(trx, removes);
    await repository.insert(trx, inserts, now);
  }

  function planTask(task: PlanningTaskRow, user: PlanningUser, configured: ReadonlySet<NotificationChannel>, now: Date) {
    const schedule = scheduleTaskOf(task);
    const until = new Date(Math.max(now.getTime(), schedule.dueAt.getTime()) + PLAN_HORIZON_DAYS * DAY_MS);
    const planned = planReminders({ task: schedule, preferences: user.preferences, configuredChannels: configured, from: now, until });
    const message = messageTaskOf(task);
    return planned.map((reminder, index) => {
      const text = reminderMessage({ task: message, severity: reminder.severity, now: reminder.plannedAt, zone: user.zone, language: user.language, discreet: false, variant: index });
      return {
        id: newId(),
        task_id: task.id,
        trigger_at: toDbInstant(reminder.triggerAt),
        fire_at: toDbInstant(reminder.triggerAt),
        held_from: reminder.held ? toDbInstant(reminder.plannedAt) : null,
        severity: reminder.severity,
        channels: toDbJson(reminder.channels),
        message: text.title,
      };
    });
  }

  /** Replans every open task of the user (after a change of preferences, time zone or channels). */
  async function replanAll(trx: Executor, userId: string) {
    await replan(trx, userId, await repository.openTaskIds(trx, userId));
  }

  async function timeline(userId: string, taskId: string) {
    const rows = await repository.ofTask(deps.handle.db, taskId);
    const owned = await repository.planningTasks(deps.handle.db, userId, [taskId]);
    if (owned.length === 0) throw errors.taskNotFound();
    return { task_id: taskId, reminders: rows.map(toResponse) };
  }

  /** The pending reminders in [from, to) across the user's open tasks (the agenda), at most `PLANNED_LIMIT`. */
  async function planned(userId: string, from: string, to: string) {
    const [start, end] = [new Date(from), new Date(to)];
    if (!(end.getTime() > start.getTime())) throw errors.invalidRange({ message: '`to` must be after `from`.' });
    if (end.getTime() - start.getTime() > MAX_PLANNED_RANGE_DAYS * DAY_MS) throw errors.invalidRange({ message: `The range may span at most ${MAX_PLANNED_RANGE_DAYS} days.` });
    const rows = await repository.plannedBetween(deps.handle.db, userId, start, end, PLANNED_LIMIT + 1);
    return { reminders: rows.slice(0, PLANNED_LIMIT).map((row) => ({ ...toResponse(row), task_title: row.task_title })), truncated: rows.length > PLANNED_LIMIT };
  }

  async function owned(executor: Executor, userId: string, reminderId: string) {
    const reminder = await repository.findOwned(executor, userId, reminderId);
    if (!reminder) throw errors.reminderNotFound();
    return reminder;
  }

  /** The reminder comes back at `until`; the task's other reminders that would come before then stay quiet. */
  async function snooze(userId: string, reminderId: string, until: string) {
    return inTransaction(deps.handle, async (trx) => {
      const reminder = await owned(trx, userId, reminderId);
      if (!OPEN.has(reminder.task_status)) throw errors.taskClosed();
      const user = await planningUser(trx, userId);
      let at: Date;
      try {
        at = snoozeUntil({ until, now: clock.now(), zone: user.zone, morning: user.preferences.wakingHours.start });
      } catch (error) {
        if (error instanceof InvalidSnoozeError) throw errors.invalidSnooze({ message: error.message });
        throw error;
      }
      await repository.update(trx, reminder.id, { status: 'pending', snoozed_until: toDbInstant(at), fire_at: toDbInstant(at), error_message: null });
      const silenced = await repository.cancelWhere(trx, reminder.task_id, { firesBefore: at, exceptId: reminder.id }, 'snoozed');
      return { ...toResponse({ ...reminder, status: 'pending', snoozed_until: toDbInstant(at), fire_at: toDbInstant(at) }), silenced };
    });
  }

  /** "Seen it": this stage goes quiet; the later stages still come. */
  async function acknowledge(userId: string, reminderId: string) {
    return inTransaction(deps.handle, async (trx) => {
      const reminder = await owned(trx, userId, reminderId);
      const at = toDbInstant(clock.now());
      await repository.update(trx, reminder.id, { acknowledged_at: at, ...(reminder.status === 'pending' ? { status: 'cancelled', fire_at: null, error_message: 'acknowledged' } : {}) });
      const silenced = await repository.cancelWhere(trx, reminder.task_id, { severity: reminder.severity }, 'acknowledged');
      return { ...toResponse({ ...reminder, acknowledged_at: at }), silenced };
    });
  }

  /** The task is done: every pending reminder of it is cancelled, on every channel. */
  async function complete(userId: string, reminderId: string) {
    const reminder = await owned(deps.handle.db, userId, reminderId);
    await deps.completeTask(userId, reminder.task_id);
    return { task_id: reminder.task_id, status: 'done' as const };
  }

  return { replan, replanAll, planningUser, planningUsers, timeline, planned, snooze, acknowledge, complete };
}

/** What kind of ladder a task climbs: payments and contracts and appointments have their own. */
export function reminderKindOf(documentType: string | null, amountMinor: number | null): ScheduleTask['kind'] {
  if (documentType === 'contract') return 'contract';
  if (documentType === 'appointment') return 'appointment';
  if (documentType === 'invoice' || documentType === 'reminder' || amountMinor !== null) return 'payment';
  return 'general';
}

export function scheduleTaskOf(task: Pick<PlanningTaskRow, 'due_date' | 'due_is_date' | 'amount' | 'document_type' | 'priority' | 'priority_source'>): ScheduleTask {
  return {
    dueAt: new Date(task.due_date ?? 0),
    dueIsDate: fromDbBool(task.due_is_date),
    amountMinor: task.amount,
    kind: reminderKindOf(task.document_type, task.amount),
    manualPriority: task.priority_source === 'manual' ? (task.priority as ScheduleTask['manualPriority']) : null,
  };
}

export function messageTaskOf(task: { id: string; title: string; due_date: string | null; due_is_date: boolean | number; amount: number | null; currency: string; document_type: string | null }): MessageTask {
  return {
    id: task.id,
    title: task.title,
    sender: null,
    amountMinor: task.amount,
    currency: task.amount === null ? null : task.currency,
    dueAt: new Date(task.due_date ?? 0),
    dueIsDate: fromDbBool(task.due_is_date),
    kind: reminderKindOf(task.document_type, task.amount),
  };
}

function toResponse(row: Pick<ReminderRow, 'id' | 'task_id' | 'trigger_at' | 'fire_at' | 'held_from' | 'severity' | 'channels' | 'message' | 'status' | 'sent_at' | 'acknowledged_at' | 'snoozed_until' | 'error_message'>) {
  return {
    id: row.id,
    task_id: row.task_id,
    trigger_at: row.trigger_at,
    fires_at: row.fire_at,
    held_by_quiet_hours_from: row.held_from,
    severity: row.severity,
    channels: fromDbJson<string[]>(row.channels),
    message: row.message,
    status: row.status,
    sent_at: row.sent_at,
    acknowledged_at: row.acknowledged_at,
    snoozed_until: row.snoozed_until,
    note: row.error_message,
  };
}

export type RemindersUsecases = ReturnType<typeof createRemindersUsecases>;
