/**
 * A replan as the smallest change to what is stored. Planning is deterministic, so replanning a task
 * whose deadline did not move yields the reminders it already has: those keep their rows (and ids,
 * which a client may be about to snooze), only what differs is written. And a replan never undoes
 * what the user did: a reminder they snoozed or acknowledged away, or one that already went out,
 * is not planned again, and nothing is planned to fire before a snoozed reminder comes back.
 *
 * A reminder is known by its stage and the instant it was planned for (`severity` + `trigger_at`).
 */

export interface StoredReminder {
  id: string;
  trigger_at: string;
  fire_at: string | null;
  held_from: string | null;
  severity: string;
  /** JSON text (SQLite) or the parsed array (PostgreSQL jsonb). */
  channels: unknown;
  message: string;
  status: string;
  snoozed_until: string | null;
  error_message: string | null;
}

export interface PlannedReminder {
  trigger_at: string;
  fire_at: string;
  held_from: string | null;
  severity: string;
  channels: string;
  message: string;
}

export interface Reconciled<P extends PlannedReminder> {
  /** Planned reminders without a stored row yet. */
  insert: P[];
  /** Stored pending rows that stay, with what changed (channels after a new integration, a message). */
  update: { id: string; changes: Partial<PlannedReminder> }[];
  /** Stored pending rows the plan no longer has. */
  remove: string[];
}

/** Cancelled because the task closed: reopening the task brings these reminders back. */
export const TASK_CLOSED = 'task closed';

const keyOf = (reminder: { severity: string; trigger_at: string }) => `${reminder.severity}@${Date.parse(reminder.trigger_at)}`;
const instantOf = (value: string | null) => (value === null ? null : Date.parse(value));
const jsonOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** `stored`: the reminders of one open task that a plan from now can meet (pending ones, and recent others); `planned` its fresh plan. */
export function reconcilePlan<P extends PlannedReminder>(stored: readonly StoredReminder[], planned: readonly P[]): Reconciled<P> {
  const replaceable = new Map<string, StoredReminder>();
  const settled = new Set<string>();
  let quietUntil = Number.NEGATIVE_INFINITY;
  for (const row of stored) {
    if (row.status === 'pending' && row.snoozed_until === null) replaceable.set(keyOf(row), row);
    // Sent, failed, silenced by the user, or snoozed (moved by the user: its slot is taken even when it now comes earlier).
    else if (!(row.status === 'cancelled' && row.error_message === TASK_CLOSED)) settled.add(keyOf(row));
    if (row.status === 'pending' && row.snoozed_until !== null) quietUntil = Math.max(quietUntil, Date.parse(row.snoozed_until));
  }

  const result: Reconciled<P> = { insert: [], update: [], remove: [] };
  const kept = new Set<string>();
  for (const reminder of planned) {
    const key = keyOf(reminder);
    if (settled.has(key) || kept.has(key) || Date.parse(reminder.fire_at) < quietUntil) continue;
    kept.add(key);
    const existing = replaceable.get(key);
    if (!existing) {
      result.insert.push(reminder);
      continue;
    }
    const changes: Partial<PlannedReminder> = {};
    if (instantOf(existing.fire_at) !== instantOf(reminder.fire_at)) changes.fire_at = reminder.fire_at;
    if (instantOf(existing.held_from) !== instantOf(reminder.held_from)) changes.held_from = reminder.held_from;
    if (jsonOf(existing.channels) !== reminder.channels) changes.channels = reminder.channels;
    if (existing.message !== reminder.message) changes.message = reminder.message;
    if (Object.keys(changes).length > 0) result.update.push({ id: existing.id, changes });
  }
  for (const [key, row] of replaceable) if (!kept.has(key)) result.remove.push(row.id);
  return result;
}
