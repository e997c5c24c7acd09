/**
 * The dispatcher: every worker tick takes the reminders that are due (a batch at a time, rows other
 * dispatchers hold skipped on PostgreSQL), turns them into firings in one transaction with their
 * in-app entries and delivery jobs, and plans the next stretch of tasks whose plan ran out.
 *
 * Several reminders of one user due at once are merged into one message per channel when quiet
 * hours held them ("Guten Morgen – 2 Erinnerungen von heute Nacht"), or when they are late because
 * the dispatcher was not running ("while I was away: 3 things became due"); everything else fires
 * on its own.
 */
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DialectName } from '../../db/database.ts';
import type { Database, NotificationChannel, ReminderSeverity } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fromDbInstant, fromDbJson } from '../../db/values.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { FiringInput, NotificationsUsecases } from '../notifications/notifications.usecases.ts';
import { digestMessage, reminderMessage } from './reminders.messages.models.ts';
import { quietPeriodEnd } from './reminders.schedule.models.ts';
import type { DueReminderRow, RemindersRepository } from './reminders.repository.ts';
import { messageTaskOf, type PlanningUser, type RemindersUsecases } from './reminders.usecases.ts';

/** A reminder this much later than its time was missed (the dispatcher was down), not merely busy. */
export const LATE_AFTER_MS = 5 * 60_000;
const SEVERITY_ORDER: readonly ReminderSeverity[] = ['info', 'warning', 'urgent', 'critical'];

export function createReminderDispatcher(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: RemindersRepository;
  reminders: Pick<RemindersUsecases, 'planningUsers' | 'replan'>;
  notifications: Pick<NotificationsUsecases, 'fire'>;
  queue: JobQueue;
  clock: Clock;
  batchSize?: number;
  /** Called after a batch committed (wake the workers, tell the live streams). */
  onFired?: (firings: { id: string; userId: string }[]) => void;
}) {
  const batchSize = deps.batchSize ?? 500;

  /**
   * Fires what is due now, at most `maxBatches` batches (then returns, so the worker can start the
   * deliveries of what it fired; `onFired` wakes it for the next round at once). Returns how many
   * reminders it took.
   */
  async function dispatchDue(options: { maxBatches?: number } = {}): Promise<number> {
    let total = 0;
    for (let batches = 1; ; batches += 1) {
      const { taken, fired } = await inTransaction(deps.handle, async (trx) => {
        const now = deps.clock.now();
        const due = await deps.repository.takeDue(trx, now, batchSize);
        if (due.length === 0) return { taken: 0, fired: [] };
        const byUser = new Map<string, DueReminderRow[]>();
        for (const row of due) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
        const inputs: FiringInput[] = [];
        const replanTasks = new Map<string, Set<string>>();
        const users = await deps.reminders.planningUsers(trx, [...byUser.keys()]);
        for (const [userId, rows] of byUser) {
          const user = users.get(userId);
          if (!user) continue; // deleted meanwhile: its reminders went with it
          const open = rows.filter((row) => row.task_status === 'open' || row.task_status === 'in_progress');
          await deps.repository.markFired(trx, rows.filter((row) => !open.includes(row)).map((row) => row.id), 'failed', now, 'task closed before the reminder fired');
          inputs.push(...firingsFor(user, open, now));
          replanTasks.set(userId, new Set(open.map((row) => row.task_id)));
        }
        const fired = await deps.notifications.fire(trx, deps.queue, inputs);
        // In-app delivery is part of the firing, so every fired reminder reached the user at least there.
        await deps.repository.markFired(trx, inputs.flatMap((input) => input.reminderIds), 'sent', now);
        // One query for the whole batch (not one per user: on PostgreSQL each is a round trip).
        const ranOut = new Set(await deps.repository.withoutPending(trx, [...replanTasks.values()].flatMap((taskIds) => [...taskIds])));
        for (const [userId, taskIds] of replanTasks) {
          const mine = [...taskIds].filter((taskId) => ranOut.has(taskId));
          if (mine.length > 0) await deps.reminders.replan(trx, userId, mine, { from: now });
        }
        return { taken: due.length, fired };
      });
      total += taken;
      if (fired.length > 0) deps.onFired?.(fired);
      if (taken < batchSize || batches >= (options.maxBatches ?? Number.POSITIVE_INFINITY)) return total;
    }
  }

  /** When the next reminder is due, so that the worker wakes for it to the millisecond instead of at its next poll. */
  function nextDueAt(): Promise<Date | null> {
    return deps.repository.nextDueAt(deps.handle.db);
  }

  return { dispatchDue, nextDueAt };
}

/** Groups one user's due reminders into firings: held-together and missed ones merged, the rest alone. */
export function firingsFor(user: PlanningUser, rows: readonly DueReminderRow[], now: Date): FiringInput[] {
  // Only critical reminders go out during quiet hours (the plan holds the rest): without sound.
  const silent = quietPeriodEnd(now, user.preferences) !== null;
  // A snoozed reminder fires when the plan did not expect it: the daily SMS/smart-home caps are checked again.
  const capsSince = rows.some((row) => row.snoozed_until !== null) ? DateTime.fromJSDate(now, { zone: user.zone }).startOf('day').toJSDate() : undefined;
  const late = rows.filter((row) => now.getTime() - fireTimeOf(row).getTime() > LATE_AFTER_MS);
  const onTime = rows.filter((row) => !late.includes(row));
  const held = new Map<string, DueReminderRow[]>();
  const single: DueReminderRow[] = [];
  for (const row of onTime) {
    if (row.held_from && row.snoozed_until === null) {
      const key = fireTimeOf(row).toISOString();
      held.set(key, [...(held.get(key) ?? []), row]);
    } else single.push(row);
  }
  // `rows` speak in the digest (the latest stage per task); `all` are the reminders it fires.
  const groups: { rows: DueReminderRow[]; all: DueReminderRow[]; reason: 'quiet_hours' | 'catch_up' }[] = [];
  if (late.length > 1) groups.push({ rows: latestPerTask(late), all: late, reason: 'catch_up' });
  else single.push(...late);
  for (const rows of held.values()) {
    if (rows.length > 1) groups.push({ rows: latestPerTask(rows), all: rows, reason: 'quiet_hours' });
    else single.push(...rows);
  }
  // Several reminders of one task due together (a snooze meeting the next stage) are one message: the most severe speaks for all.
  const byTask = new Map<string, DueReminderRow[]>();
  for (const row of single) byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row]);
  const inputs: FiringInput[] = [...byTask.values()].map((rows) => {
    const row = [...rows].sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity))[0]!;
    const task = messageTaskOfRow(row);
    const firedAt = fireTimeOf(row);
    const text = reminderMessage({ task, severity: row.severity, now, zone: user.zone, language: user.language, discreet: false, variant: variantOf(row.id, firedAt) });
    return {
      userId: user.id, taskId: row.task_id, kind: 'reminder', severity: row.severity, title: text.title, body: text.body, path: `/tasks/${row.task_id}`,
      fireKey: `reminder:${row.id}:${firedAt.toISOString()}`, reminderIds: [row.id, ...rows.filter((other) => other !== row).map((other) => other.id)], taskIds: [row.task_id],
      channels: [...new Set(rows.flatMap((other) => fromDbJson<NotificationChannel[]>(other.channels)))],
      silent,
      ...(capsSince && rows.some((other) => other.snoozed_until !== null) ? { capsSince } : {}),
    };
  });
  for (const group of groups) {
    const items = group.rows.map((row) => ({ task: messageTaskOfRow(row), severity: row.severity }));
    const reason = group.reason;
    const text = digestMessage({ tasks: items, now, zone: user.zone, language: user.language, discreet: false, reason });
    const severity = items.map((item) => item.severity).sort((a, b) => SEVERITY_ORDER.indexOf(b) - SEVERITY_ORDER.indexOf(a))[0] ?? 'info';
    const allIds = group.all.map((row) => row.id);
    inputs.push({
      userId: user.id, taskId: null, kind: 'digest', severity, title: text.title, body: text.body, path: '/today',
      fireKey: `digest:${reason}:${user.id}:${[...allIds].sort().join(',').slice(0, 64)}:${now.toISOString()}`,
      reminderIds: allIds, taskIds: [...new Set(group.rows.map((row) => row.task_id))],
      channels: [...new Set(group.rows.flatMap((row) => fromDbJson<NotificationChannel[]>(row.channels)))],
      silent,
    });
  }
  return inputs;
}

function messageTaskOfRow(row: DueReminderRow) {
  return messageTaskOf({ id: row.task_id, title: row.task_title, due_date: row.task_due_date, due_is_date: row.task_due_is_date, amount: row.task_amount, currency: row.task_currency, document_type: row.task_document_type });
}

/** Of several missed reminders of one task only the latest stage is worth saying. */
function latestPerTask(rows: readonly DueReminderRow[]): DueReminderRow[] {
  const byTask = new Map<string, DueReminderRow>();
  for (const row of rows) {
    const known = byTask.get(row.task_id);
    if (!known || fireTimeOf(row) > fireTimeOf(known)) byTask.set(row.task_id, row);
  }
  return [...byTask.values()];
}

/** The time this firing was due: the snooze, else the (possibly quiet-hours-moved) trigger. */
function fireTimeOf(row: Pick<DueReminderRow, 'snoozed_until' | 'trigger_at' | 'fire_at'>): Date {
  return fromDbInstant(row.snoozed_until ?? row.fire_at ?? row.trigger_at);
}

function variantOf(id: string, at: Date): number {
  let hash = at.getTime() % 997;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash);
}
