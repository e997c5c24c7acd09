import { describe, expect, it } from 'vitest';
import { reconcilePlan, TASK_CLOSED, type PlannedReminder, type StoredReminder } from './reminders.reconcile.models.ts';

const at = (day: number, hour = 8) => `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function planned(day: number, severity = 'warning', extra: Partial<PlannedReminder> = {}): PlannedReminder {
  return { trigger_at: at(day), fire_at: at(day), held_from: null, severity, channels: '["in_app","email"]', message: `${severity} ${day}`, ...extra };
}

function stored(id: string, day: number, extra: Partial<StoredReminder> = {}): StoredReminder {
  const plan = planned(day, extra.severity ?? 'warning');
  return { id, ...plan, status: 'pending', snoozed_until: null, error_message: null, ...extra };
}

describe('reconcilePlan', () => {
  it('keeps the rows of an unchanged plan and writes nothing', () => {
    expect(reconcilePlan([stored('a', 1), stored('b', 2)], [planned(1), planned(2)])).toEqual({ insert: [], update: [], remove: [] });
  });

  it('reads PostgreSQL values (parsed channels, timestamps in another spelling) as the same reminder', () => {
    const row = stored('a', 1, { trigger_at: '2026-12-01T09:00:00+01:00', fire_at: '2026-12-01T08:00:00Z', channels: ['in_app', 'email'] });
    expect(reconcilePlan([row], [planned(1)])).toEqual({ insert: [], update: [], remove: [] });
  });

  it('inserts what is new, removes what the plan dropped, and updates what changed on a kept row', () => {
    const result = reconcilePlan([stored('a', 1), stored('b', 2)], [planned(2, 'warning', { channels: '["in_app"]', message: 'neu' }), planned(3)]);
    expect(result.insert).toEqual([planned(3)]);
    expect(result.remove).toEqual(['a']);
    expect(result.update).toEqual([{ id: 'b', changes: { channels: '["in_app"]', message: 'neu' } }]);
  });

  it('tells a different stage at the same time apart', () => {
    const result = reconcilePlan([stored('a', 1, { severity: 'warning' })], [planned(1, 'urgent')]);
    expect(result.insert).toEqual([planned(1, 'urgent')]);
    expect(result.remove).toEqual(['a']);
  });

  it('moves a kept reminder that quiet hours now hold', () => {
    const held = planned(1, 'warning', { trigger_at: at(1, 22), fire_at: at(2, 6), held_from: at(1, 22) });
    const result = reconcilePlan([stored('a', 1, { trigger_at: at(1, 22), fire_at: at(1, 22) })], [held]);
    expect(result.update).toEqual([{ id: 'a', changes: { fire_at: at(2, 6), held_from: at(1, 22) } }]);
  });

  it('never plans again what the user acknowledged or snoozed away, nor what already went out', () => {
    const rows = [
      stored('ack', 1, { status: 'cancelled', fire_at: null, error_message: 'acknowledged' }),
      stored('silenced', 2, { status: 'cancelled', fire_at: null, error_message: 'snoozed' }),
      stored('sent', 3, { status: 'sent', fire_at: null }),
      stored('failed', 4, { status: 'failed', fire_at: null }),
    ];
    expect(reconcilePlan(rows, [planned(1), planned(2), planned(3), planned(4), planned(5)]).insert).toEqual([planned(5)]);
  });

  it('brings back what was cancelled only because the task closed (it was opened again)', () => {
    const rows = [stored('closed', 1, { status: 'cancelled', fire_at: null, error_message: TASK_CLOSED })];
    expect(reconcilePlan(rows, [planned(1)]).insert).toEqual([planned(1)]);
  });

  it('plans nothing to fire before a snoozed reminder comes back, and leaves the snoozed one alone', () => {
    const snoozed = stored('snoozed', 1, { snoozed_until: at(3), fire_at: at(3) });
    const result = reconcilePlan([snoozed, stored('b', 2)], [planned(1), planned(2), planned(3), planned(4)]);
    // Day 1 is the snoozed reminder's own slot; day 2 would fire before it comes back.
    expect(result).toEqual({ insert: [planned(3), planned(4)], update: [], remove: ['b'] });
  });

  it('does not plan a snoozed reminder\'s own slot again when it was moved to an earlier time', () => {
    const earlier = stored('snoozed', 4, { snoozed_until: at(2), fire_at: at(2) });
    expect(reconcilePlan([earlier], [planned(3), planned(4)]).insert).toEqual([planned(3)]);
  });

  it('removes every pending row of a task that gets no plan, but not a snoozed one', () => {
    const result = reconcilePlan([stored('a', 1), stored('snoozed', 2, { snoozed_until: at(5), fire_at: at(5) })], []);
    expect(result).toEqual({ insert: [], update: [], remove: ['a'] });
  });
});
