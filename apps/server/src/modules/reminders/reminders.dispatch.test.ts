import { describe, expect, it } from 'vitest';
import { firingsFor } from './reminders.dispatch.ts';
import { parseNotificationPreferences } from './reminders.preferences.models.ts';
import type { DueReminderRow } from './reminders.repository.ts';
import type { PlanningUser } from './reminders.usecases.ts';

const user: PlanningUser = { id: 'u1', email: 'a@example.org', zone: 'Europe/Berlin', language: 'de', preferences: parseNotificationPreferences({}, 'Europe/Berlin') };

function row(id: string, taskId: string, input: { fireAt: string; heldFrom?: string; severity?: DueReminderRow['severity'] }): DueReminderRow {
  return {
    id, task_id: taskId, trigger_at: input.heldFrom ?? input.fireAt, fire_at: input.fireAt, held_from: input.heldFrom ?? null, severity: input.severity ?? 'warning',
    channels: JSON.stringify(['in_app', 'email']), message: '', status: 'pending', sent_at: null, error_message: null, acknowledged_at: null, snoozed_until: null,
    created_at: '2026-11-01T00:00:00.000Z', user_id: user.id, task_title: `Aufgabe ${taskId}`, task_status: 'open', task_due_date: '2026-11-30T22:59:59.999Z',
    task_due_is_date: true, task_amount: null, task_currency: 'EUR', task_document_type: null,
  };
}

/** Every reminder handed in is fired by exactly one firing: the dispatcher marks exactly those as sent. */
function expectEachFiredOnce(rows: readonly DueReminderRow[], firings: ReturnType<typeof firingsFor>) {
  const fired = firings.flatMap((firing) => firing.reminderIds);
  expect([...fired].sort()).toEqual(rows.map((one) => one.id).sort());
}

describe('firingsFor', () => {
  it('merges what quiet hours held into one digest that fires every held reminder, also two stages of one task', () => {
    const morning = '2026-11-26T06:00:00.000Z';
    const rows = [
      row('r1', 't1', { fireAt: morning, heldFrom: '2026-11-25T22:30:00.000Z', severity: 'warning' }),
      row('r2', 't1', { fireAt: morning, heldFrom: '2026-11-26T02:00:00.000Z', severity: 'urgent' }),
      row('r3', 't2', { fireAt: morning, heldFrom: '2026-11-25T23:00:00.000Z' }),
    ];
    const firings = firingsFor(user, rows, new Date(morning));
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ kind: 'digest', taskIds: ['t1', 't2'] });
    expectEachFiredOnce(rows, firings);
  });

  it('fires every missed reminder in the catch-up digest and each on-time one on its own', () => {
    const now = new Date('2026-11-26T09:00:00.000Z');
    const rows = [
      row('late1', 't1', { fireAt: '2026-11-24T09:00:00.000Z' }),
      row('late2', 't1', { fireAt: '2026-11-25T09:00:00.000Z' }),
      row('late3', 't2', { fireAt: '2026-11-25T09:00:00.000Z' }),
      row('now1', 't3', { fireAt: '2026-11-26T09:00:00.000Z' }),
    ];
    const firings = firingsFor(user, rows, now);
    expect(firings.map((firing) => firing.kind).sort()).toEqual(['digest', 'reminder']);
    expectEachFiredOnce(rows, firings);
  });
});
