/**
 * When a snoozed reminder comes back. `tomorrow` and `next_week` mean the morning (the start of
 * the user's waking hours) of the next day and of next Monday, in the user's zone; an explicit time
 * must lie in the future and within 30 days.
 */
import { DateTime } from 'luxon';

export const SNOOZE_PRESETS = ['15m', '1h', '3h', 'tomorrow', 'next_week'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

const MAX_SNOOZE_DAYS = 30;
const MINUTES: Partial<Record<SnoozePreset, number>> = { '15m': 15, '1h': 60, '3h': 180 };

export class InvalidSnoozeError extends Error {
  override name = 'InvalidSnoozeError';
}

/** `morning` is "HH:MM", the start of the user's waking hours. */
export function snoozeUntil(input: { until: string; now: Date; zone: string; morning: string }): Date {
  const { until, now, zone } = input;
  const minutes = MINUTES[until as SnoozePreset];
  if (minutes !== undefined) return new Date(now.getTime() + minutes * 60_000);
  const [hour, minute] = input.morning.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone });
  if (until === 'tomorrow') return local.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  if (until === 'next_week') return local.plus({ weeks: 1 }).startOf('week').set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  const at = DateTime.fromISO(until, { zone, setZone: true });
  if (!at.isValid || !/T\d{2}:\d{2}/.test(until)) {
    throw new InvalidSnoozeError(`until must be one of ${SNOOZE_PRESETS.join(', ')} or a date-time such as 2026-11-27T09:00:00+01:00, got "${until}"`);
  }
  const instant = at.toJSDate();
  if (instant.getTime() <= now.getTime()) throw new InvalidSnoozeError(`until ${until} is not in the future`);
  if (instant.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000) throw new InvalidSnoozeError(`until ${until} is more than ${MAX_SNOOZE_DAYS} days ahead`);
  return instant;
}
