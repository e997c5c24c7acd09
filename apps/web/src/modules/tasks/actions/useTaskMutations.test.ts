import { describe, expect, it } from 'vitest';
import { reminderToSnooze, withoutTask, withTaskRestored, type Reminder, type TodayData, type TodayTask } from './useTaskMutations.ts';

function reminder(id: string, status: Reminder['status'], triggerAt: string, extra: Partial<Reminder> = {}): Reminder {
  return {
    id, status, trigger_at: triggerAt, fires_at: status === 'pending' ? triggerAt : null, snoozed_until: null, sent_at: null, acknowledged_at: null,
    held_by_quiet_hours_from: null, channels: ['in_app'], message: 'm', note: null, severity: 'info', task_id: 't', ...extra,
  };
}

describe('reminderToSnooze', () => {
  it('takes the next pending reminder, by the time it will fire', () => {
    const picked = reminderToSnooze([
      reminder('sent', 'sent', '2026-11-24T08:00:00Z', { sent_at: '2026-11-24T08:00:00Z' }),
      reminder('later', 'pending', '2026-11-27T08:00:00Z'),
      reminder('snoozed', 'pending', '2026-11-28T08:00:00Z', { snoozed_until: '2026-11-26T08:00:00Z', fires_at: '2026-11-26T08:00:00Z' }),
    ]);
    expect(picked?.id).toBe('snoozed');
  });

  it('brings back the reminder sent last when none is pending, and never a cancelled one', () => {
    expect(
      reminderToSnooze([
        reminder('first', 'sent', '2026-11-23T08:00:00Z', { sent_at: '2026-11-23T08:00:00Z' }),
        reminder('last', 'sent', '2026-11-24T08:00:00Z', { sent_at: '2026-11-24T08:00:00Z' }),
        reminder('quiet', 'cancelled', '2026-11-25T08:00:00Z'),
      ])?.id,
    ).toBe('last');
    expect(reminderToSnooze([reminder('quiet', 'cancelled', '2026-11-25T08:00:00Z')])).toBeUndefined();
    expect(reminderToSnooze([])).toBeUndefined();
  });
});

describe('optimistic Today', () => {
  const task = (id: string) => ({ id, title: id }) as TodayTask;
  const today = (overdue: string[], dueSoon: string[]): TodayData =>
    ({ overdue: overdue.map(task), due_soon: dueSoon.map(task), unblocked: [], new_tasks: [], documents_to_review: [], failed_documents: [], other_open_tasks: 0 }) as TodayData;

  it('removes a task and puts it back where it was, keeping other changes', () => {
    const before = today(['a', 'b', 'c'], ['d']);
    const without = withoutTask(before, 'b');
    expect(without.overdue.map((item) => item.id)).toEqual(['a', 'c']);
    const meanwhile = withoutTask(without, 'd');
    const restored = withTaskRestored(meanwhile, before, 'b');
    expect(restored.overdue.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(restored.due_soon).toEqual([]);
  });
});
